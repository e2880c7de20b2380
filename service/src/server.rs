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
//! - **Graceful shutdown** ([`shutdown_signal`]: SIGTERM or Ctrl-C): the listener is closed,
//!   idle connections are closed, and requests in flight finish and are answered, for at
//!   most [`Limits::drain_timeout`].
//!
//! hyper's own limits stay above the app's (see `http::limits`), so requests that are too
//! large are refused by the app with the JSON error body.

use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use std::future::Future;
use std::io;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;

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
    /// Longest a shutdown waits for requests in flight.
    pub drain_timeout: Duration,
}

impl Default for Limits {
    /// 10 s header-read timeout, 1024 connections, 5 min 10 s drain (the app's request
    /// timeout plus the header timeout).
    fn default() -> Self {
        Limits {
            header_read_timeout: Duration::from_secs(10),
            max_connections: 1024,
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
    let permits = Arc::new(Semaphore::new(limits.max_connections));
    let graceful = GracefulShutdown::new();
    let mut saturated = false;
    tokio::pin!(shutdown);
    loop {
        let permit = match Arc::clone(&permits).try_acquire_owned() {
            Ok(permit) => {
                saturated = false;
                permit
            }
            Err(_) => {
                if !saturated {
                    tracing::warn!(
                        limit = limits.max_connections,
                        "connection limit reached: new connections wait until one closes"
                    );
                    saturated = true;
                }
                tokio::select! {
                    permit = Arc::clone(&permits).acquire_owned() => match permit {
                        Ok(permit) => permit,
                        Err(_) => break, // closed: never happens, the semaphore is ours
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
        // Small answers go out at once (no Nagle delay); failing to set it is harmless.
        let _ = stream.set_nodelay(true);
        let app = app.clone();
        let service = hyper::service::service_fn(move |req: hyper::Request<Incoming>| {
            app.clone().oneshot(req)
        });
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                // Header timeouts, clients that hang up: normal on a public server.
                tracing::debug!(%peer, "connection closed: {e}");
            }
            drop(permit);
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
