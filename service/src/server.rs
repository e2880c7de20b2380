//! The listening loop of `puentes serve`: accepts connections and serves the app on them,
//! with the limits a public server needs against slow or idle clients.
//!
//! `axum::serve` has no header-read timeout, no idle timeout and no connection limit, so
//! clients that open connections and never finish a request head hold them (and their file
//! descriptors) forever; a few hundred are enough to make `/health` time out. This loop
//! drives hyper's HTTP/1 connections itself:
//!
//! - **Header-read timeout** ([`Limits::header_read_timeout`]): a connection must deliver a
//!   complete request head within this time, counted from when it opens and again from
//!   each answer it receives (hyper starts the same timer whenever it waits for a head).
//!   It therefore also closes idle keep-alive connections: there is one timer for both.
//!   Reading a body and computing the answer are bounded by the app's request timeout.
//! - **Connection limit** ([`Limits::max_connections`]): a semaphore permit per open
//!   connection. When all are taken the loop stops accepting; new connections wait in the
//!   kernel's backlog until one closes, and the first saturation is logged.
//! - **Health connections** ([`Limits::health_connections`]): when every slot is taken, a
//!   few more connections are accepted, each for one request with a short head timeout
//!   (at most 2 s) and answered only on `/health` and `/ready` (anything else: 503 `busy`
//!   with `Retry-After`, [`crate::http::HealthOnly`]), so a load balancer still learns the
//!   server is alive while slow clients hold every slot (issue 24, item 1).
//! - **Connections per client** ([`Limits::max_connections_per_client`]): one client
//!   address may hold at most this many of them; a connection beyond is closed at once,
//!   before anything is read, so one client cannot take every slot with idle or slow sockets
//!   (issue 24, item 4). The client's address also goes into each request (axum's
//!   `ConnectInfo`), for the app's per-client request rate (`http::fairness`).
//! - **Send timeout** ([`Limits::send_timeout`]): a client that stops reading its answer (the
//!   socket's send buffer stays full) for this long is disconnected ([`SendTimeout`]), so an
//!   unread 120 MB export holds its connection for a bounded time (issue 24, item 2); the
//!   answer's bytes themselves are shared between clients (exports are rendered once per
//!   revision), so what a stalled client holds is its socket buffers.
//! - **Graceful shutdown** ([`shutdown_signal`]: SIGTERM or Ctrl-C): the listener is closed,
//!   idle connections are closed, and requests in flight finish and are answered, for at
//!   most [`Limits::drain_timeout`].
//!
//! hyper's own limits stay above the app's (see `http::limits`), so requests that are too
//! large are refused by the app with the JSON error body.

use crate::http::HealthOnly;
use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use std::collections::HashMap;
use std::future::Future;
use std::io;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;

/// Connections for health checks beyond the limit (default of [`Limits::health_connections`]).
pub const HEALTH_CONNECTIONS: usize = 16;

/// The longest a health-check connection may take to send its request head.
const HEALTH_HEAD_TIMEOUT: Duration = Duration::from_secs(2);

/// A connection's place, given back when it closes: one of the [`Limits::max_connections`]
/// slots, or (`health`) one of the [`Limits::health_connections`] beyond them.
struct Place {
    _permit: tokio::sync::OwnedSemaphorePermit,
    health: bool,
}

/// hyper's limit on the number of request headers (it answers 431 without a body above
/// it); above `http::Config::max_headers` (100), so that limit answers first, with a body.
const HEAD_MAX_HEADERS: usize = 256;

/// Limits of the listening loop. See the module docs.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Time a connection has to send a complete request head, from when it opens or from
    /// its previous answer; also the idle keep-alive timeout.
    pub header_read_timeout: Duration,
    /// Most connections open at once.
    pub max_connections: usize,
    /// Connections accepted beyond [`Limits::max_connections`] when every slot is taken,
    /// each answered only on `/health` and `/ready`, for one request; 0: none.
    pub health_connections: usize,
    /// Most connections one client address may hold open at once; 0: no limit but
    /// [`Limits::max_connections`].
    pub max_connections_per_client: usize,
    /// Longest a client may leave its answer unread (no byte accepted by its socket) before
    /// it is disconnected.
    pub send_timeout: Duration,
    /// Longest a shutdown waits for requests in flight.
    pub drain_timeout: Duration,
}

impl Default for Limits {
    /// 10 s header-read timeout, 1024 connections and 16 for health checks beyond them, 64
    /// per client address, 30 s send timeout, 5 min 10 s drain (the app's request timeout
    /// plus the header timeout).
    fn default() -> Self {
        Limits {
            header_read_timeout: Duration::from_secs(10),
            max_connections: 1024,
            health_connections: HEALTH_CONNECTIONS,
            max_connections_per_client: 64,
            send_timeout: Duration::from_secs(30),
            drain_timeout: Duration::from_secs(310),
        }
    }
}

/// Serves `app` on `listener` within `limits` until `shutdown` completes; then stops
/// accepting and waits (at most [`Limits::drain_timeout`]) for the requests in flight.
///
/// # Errors
///
/// None today: failed accepts are logged and retried. The `Result` leaves room for
/// listener failures that cannot be retried.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) -> io::Result<()> {
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout)
        .max_headers(HEAD_MAX_HEADERS);
    // A health-check connection: one request, a short head timeout.
    let mut health_http = hyper::server::conn::http1::Builder::new();
    health_http
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout.min(HEALTH_HEAD_TIMEOUT))
        .keep_alive(false)
        .max_headers(HEAD_MAX_HEADERS);
    let permits = Arc::new(Semaphore::new(limits.max_connections));
    let health = Arc::new(Semaphore::new(limits.health_connections));
    let clients = Arc::new(Clients::default());
    let graceful = GracefulShutdown::new();
    let mut saturated = false;
    tokio::pin!(shutdown);
    loop {
        let place = match Arc::clone(&permits).try_acquire_owned() {
            Ok(permit) => {
                saturated = false;
                Place {
                    _permit: permit,
                    health: false,
                }
            }
            Err(_) => {
                if !saturated {
                    tracing::warn!(
                        limit = limits.max_connections,
                        health = limits.health_connections,
                        "connection limit reached: new connections wait until one closes \
                         (health checks are answered on the connections kept for them)"
                    );
                    saturated = true;
                }
                // Whichever comes first: a slot, or a place kept for health checks.
                tokio::select! {
                    biased;
                    permit = Arc::clone(&permits).acquire_owned() => match permit {
                        Ok(permit) => Place { _permit: permit, health: false },
                        Err(_) => break, // closed: never happens, the semaphore is ours
                    },
                    permit = Arc::clone(&health).acquire_owned() => match permit {
                        Ok(permit) => Place { _permit: permit, health: true },
                        Err(_) => break,
                    },
                    () = &mut shutdown => break,
                }
            }
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) if is_connection_error(&e) => continue,
                Err(e) => {
                    // E.g. out of file descriptors: wait instead of spinning.
                    tracing::error!("accepting a connection failed: {e}; retrying in 1 s");
                    tokio::select! {
                        () = tokio::time::sleep(Duration::from_secs(1)) => continue,
                        () = &mut shutdown => break,
                    }
                }
            },
            () = &mut shutdown => break,
        };
        let Some(client_slot) = clients.open(peer.ip(), limits.max_connections_per_client) else {
            tracing::debug!(%peer, "connection closed: this client holds its most connections");
            drop(stream);
            continue;
        };
        // Small answers go out at once (no Nagle delay); failing to set it is harmless.
        let _ = stream.set_nodelay(true);
        let app = app.clone();
        let health_only = place.health.then_some(HealthOnly {
            max_connections: limits.max_connections,
        });
        let service = hyper::service::service_fn(move |mut req: hyper::Request<Incoming>| {
            req.extensions_mut().insert(ConnectInfo(peer));
            if let Some(only) = health_only {
                req.extensions_mut().insert(only);
            }
            app.clone().oneshot(req)
        });
        let stream = TokioIo::new(SendTimeout::new(stream, limits.send_timeout));
        let builder = if health_only.is_some() {
            &health_http
        } else {
            &http
        };
        let connection = graceful.watch(builder.serve_connection(stream, service));
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                // Header timeouts, clients that hang up: normal on a public server.
                tracing::debug!(%peer, "connection closed: {e}");
            }
            drop(client_slot);
            drop(place);
        });
    }
    drop(listener);
    tracing::info!(
        open = graceful.count(),
        "shutting down: no new connections; waiting at most {} s for requests in flight",
        limits.drain_timeout.as_secs()
    );
    tokio::select! {
        () = graceful.shutdown() => tracing::info!("shut down cleanly"),
        () = tokio::time::sleep(limits.drain_timeout) => {
            tracing::warn!("requests still in flight after {} s were dropped", limits.drain_timeout.as_secs());
        }
    }
    Ok(())
}

/// How many connections each client address holds open.
#[derive(Debug, Default)]
struct Clients(Mutex<HashMap<IpAddr, usize>>);

impl Clients {
    /// Counts a new connection from `ip`, unless it already holds `max` (0: no limit);
    /// the count goes down when the returned slot is dropped.
    fn open(self: &Arc<Self>, ip: IpAddr, max: usize) -> Option<ClientSlot> {
        let mut open = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let held = open.entry(ip).or_insert(0);
        if max > 0 && *held >= max {
            return None;
        }
        *held += 1;
        Some(ClientSlot {
            clients: Arc::clone(self),
            ip,
        })
    }
}

/// One open connection of a client, counted in [`Clients`] while it lives.
#[derive(Debug)]
struct ClientSlot {
    clients: Arc<Clients>,
    ip: IpAddr,
}

impl Drop for ClientSlot {
    fn drop(&mut self) {
        let mut open = self.clients.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(held) = open.get_mut(&self.ip) {
            *held = held.saturating_sub(1);
            if *held == 0 {
                open.remove(&self.ip);
            }
        }
    }
}

/// The soft limit on open file descriptors of this process (`RLIMIT_NOFILE`), read from
/// `/proc/self/limits`; `None` where that file does not exist (not Linux) or says
/// `unlimited`. Read without `unsafe` and without a system-call crate.
pub fn open_file_limit() -> Option<u64> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    soft_open_file_limit(&limits)
}

/// The soft limit of the `Max open files` line of a `/proc/<pid>/limits` text.
fn soft_open_file_limit(limits: &str) -> Option<u64> {
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    line["Max open files".len()..]
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// File descriptors `puentes serve` needs besides its connections: the listener, the data
/// directory's files and lock, Neo4j's connection pool, standard streams, the runtime, and
/// the [`HEALTH_CONNECTIONS`] kept for health checks.
pub const RESERVED_FILE_DESCRIPTORS: u64 = 64;

/// Errors of one connection that arrived broken; the listener itself is fine.
fn is_connection_error(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
    )
}

/// Completes on the first SIGTERM or Ctrl-C (SIGINT). The handlers are installed when this
/// is called, not when the future is first polled, so a signal that arrives in between is
/// not lost (and does not kill the process).
pub fn shutdown_signal() -> impl Future<Output = ()> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let terminate = signal(SignalKind::terminate());
        let interrupt = signal(SignalKind::interrupt());
        async move {
            match (terminate, interrupt) {
                (Ok(mut terminate), Ok(mut interrupt)) => {
                    tokio::select! {
                        _ = terminate.recv() => {}
                        _ = interrupt.recv() => {}
                    }
                }
                (Ok(mut only), Err(e)) | (Err(e), Ok(mut only)) => {
                    tracing::warn!("cannot listen for one of SIGTERM and SIGINT: {e}");
                    only.recv().await;
                }
                (Err(e), Err(_)) => {
                    tracing::warn!(
                        "cannot listen for SIGTERM or SIGINT: {e}; stop the server with SIGKILL"
                    );
                    std::future::pending::<()>().await;
                }
            }
        }
    }
    #[cfg(not(unix))]
    async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    }
}

#[cfg(test)]
mod tests {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    /// A peer that stops reading makes writes fail after the send timeout; one that reads
    /// again in time lets them go on (each byte accepted restarts the clock).
    #[tokio::test(start_paused = true)]
    async fn a_client_that_stops_reading_is_dropped_after_the_send_timeout() {
        let (near, mut far) = tokio::io::duplex(1024);
        let mut conn = SendTimeout::new(near, Duration::from_secs(30));
        let chunk = vec![7u8; 4096];
        // The duplex buffer takes 1024 bytes; the rest waits for the reader.
        let writing = tokio::spawn(async move {
            let result = conn.write_all(&chunk).await;
            (result, conn)
        });
        tokio::time::sleep(Duration::from_secs(20)).await;
        let mut got = vec![0u8; 1024];
        far.read_exact(&mut got).await.expect("read");
        // 20 s more without reading: 40 s since the first stall, but only 20 s since the
        // last byte the reader took, so the write is still waiting.
        tokio::time::sleep(Duration::from_secs(20)).await;
        assert!(!writing.is_finished(), "progress restarts the clock");
        tokio::time::sleep(Duration::from_secs(11)).await;
        let (result, _conn) = writing.await.expect("join");
        let err = result.expect_err("timed out");
        assert_eq!(err.kind(), io::ErrorKind::TimedOut);
    }

    use super::*;

    #[test]
    fn the_soft_open_file_limit_is_read_from_proc_limits() {
        let text = "Limit                     Soft Limit           Hard Limit           Units     \n\
                    Max processes             95038                95038                processes \n\
                    Max open files            256                  1048576              files     \n";
        assert_eq!(soft_open_file_limit(text), Some(256));
        let unlimited =
            "Max open files            unlimited            unlimited            files\n";
        assert_eq!(soft_open_file_limit(unlimited), None);
    }

    /// Two connections per client: a third from the same address is refused, one from
    /// another address is not, and closing one frees a place.
    #[test]
    fn connections_are_counted_per_client() {
        let clients = Arc::new(Clients::default());
        let (a, b): (IpAddr, IpAddr) = ([10, 0, 0, 1].into(), [10, 0, 0, 2].into());
        let first = clients.open(a, 2).expect("first");
        let _second = clients.open(a, 2).expect("second");
        assert!(clients.open(a, 2).is_none());
        assert!(clients.open(b, 2).is_some());
        drop(first);
        assert!(clients.open(a, 2).is_some());
        assert!(clients.open(a, 0).is_some(), "0 is no limit");
    }
}

/// A connection whose writes fail with [`io::ErrorKind::TimedOut`] once the peer has accepted
/// no byte for the timeout: each write or flush that cannot proceed starts (or continues) one
/// timer, and any progress clears it. Reads pass through.
#[derive(Debug)]
pub struct SendTimeout<S> {
    inner: S,
    timeout: Duration,
    stalled: Option<std::pin::Pin<Box<tokio::time::Sleep>>>,
}

impl<S> SendTimeout<S> {
    /// `inner`, whose writes may stall for at most `timeout`.
    pub fn new(inner: S, timeout: Duration) -> Self {
        SendTimeout {
            inner,
            timeout,
            stalled: None,
        }
    }

    /// Called when a write could not proceed: `Pending` while the timer runs (the task is
    /// woken by the socket or by the timer), an error once it has run out.
    fn stall<T>(&mut self, cx: &mut std::task::Context<'_>) -> std::task::Poll<io::Result<T>> {
        let timeout = self.timeout;
        let timer = self
            .stalled
            .get_or_insert_with(|| Box::pin(tokio::time::sleep(timeout)));
        match timer.as_mut().poll(cx) {
            std::task::Poll::Ready(()) => std::task::Poll::Ready(Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "the client read nothing of its answer within the send timeout",
            ))),
            std::task::Poll::Pending => std::task::Poll::Pending,
        }
    }
}

impl<S: tokio::io::AsyncRead + Unpin> tokio::io::AsyncRead for SendTimeout<S> {
    fn poll_read(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> std::task::Poll<io::Result<()>> {
        std::pin::Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<S: tokio::io::AsyncWrite + Unpin> tokio::io::AsyncWrite for SendTimeout<S> {
    fn poll_write(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &[u8],
    ) -> std::task::Poll<io::Result<usize>> {
        match std::pin::Pin::new(&mut self.inner).poll_write(cx, buf) {
            std::task::Poll::Pending => self.stall(cx),
            done => {
                self.stalled = None;
                done
            }
        }
    }

    fn poll_write_vectored(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> std::task::Poll<io::Result<usize>> {
        match std::pin::Pin::new(&mut self.inner).poll_write_vectored(cx, bufs) {
            std::task::Poll::Pending => self.stall(cx),
            done => {
                self.stalled = None;
                done
            }
        }
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<io::Result<()>> {
        match std::pin::Pin::new(&mut self.inner).poll_flush(cx) {
            std::task::Poll::Pending => self.stall(cx),
            done => {
                self.stalled = None;
                done
            }
        }
    }

    fn poll_shutdown(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<io::Result<()>> {
        std::pin::Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}
