//! The body-read deadline: a request body must arrive whole within
//! [`Config::body_read_timeout`](super::Config::body_read_timeout), counted from when its
//! head was read.
//!
//! The listening loop's header-read timeout covers request heads only. Without this, a
//! client that sends `POST /api/v1/what-if` with `Content-Length: 100` and then nothing
//! holds its connection (and one of the `--max-connections` slots) until the request
//! timeout, five minutes later: 1,030 such sockets took every slot and `/health` stopped
//! answering (issue 24, item 1).
//!
//! A minimum rate stops a silent or stalled body sooner: in every [`WINDOW`] the server
//! waits for it, at least [`MIN_BYTES`] of the body must arrive (or the rest of it, when less
//! remains). A client that sends its head and then nothing, or a first kilobyte and then
//! nothing, holds its slot for at most 10 s after its last kilobyte, not the whole deadline:
//! 20 addresses × 64 connections of silence no longer keep `/health` from answering for a
//! minute. The whole-body deadline still bounds a body that trickles at the minimum rate.
//! Only time spent waiting for the client counts towards a window: while the handler holds
//! a frame it was given (and reads no further), the window's end moves on by that long, so a
//! handler that pauses between reads never makes the client look slow.
//!
//! [`Deadline`] wraps the body; when the time is up its next read fails, the handler's
//! extractor gives up, and [`super::limits::edge`] answers 408 with the JSON error body
//! (whatever the handler made of the failed read) and closes the connection.

use axum::body::{Body, Bytes, HttpBody};
use hyper::body::{Frame, SizeHint};
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::time::{Instant, Sleep};

/// The least a body must send in each [`WINDOW`] (or the rest of it, when less remains).
pub(super) const MIN_BYTES: u64 = 1024;
/// The time a body has for each further [`MIN_BYTES`].
pub(super) const WINDOW: Duration = Duration::from_secs(10);

/// The error a body read returns once its deadline has passed.
#[derive(Debug, thiserror::Error)]
#[error("the request body did not arrive within {0:?}")]
pub(super) struct TooSlow(Duration);

/// Whether a request's body deadline passed while it was read; shared by the body and the
/// edge that answers for it.
#[derive(Debug, Clone, Default)]
pub(super) struct Expired(Arc<AtomicBool>);

impl Expired {
    /// Whether the deadline passed during a read.
    pub(super) fn happened(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// A request body that fails once `limit` has passed since it was wrapped, unless it ended
/// before, or at the end of any [`WINDOW`] (of time spent waiting for the client) in which
/// less than [`MIN_BYTES`] of it (or less than the rest of it, when shorter) arrived.
#[derive(Debug)]
pub(super) struct Deadline {
    inner: Body,
    /// The whole body's deadline.
    timer: Pin<Box<Sleep>>,
    /// The end of the current window.
    window: Pin<Box<Sleep>>,
    /// Bytes read in the current window.
    in_window: u64,
    /// Bytes read so far.
    read: u64,
    /// All the body, when its length was declared (`Content-Length`).
    declared: Option<u64>,
    /// When the handler was last given a frame (the window does not run until it asks again).
    handed: Option<Instant>,
    limit: Duration,
    expired: Expired,
}

impl Deadline {
    /// `body`, due within `limit` from now; `expired` is set when it was not.
    pub(super) fn new(body: Body, limit: Duration, expired: Expired) -> Self {
        Deadline {
            declared: body.size_hint().exact(),
            inner: body,
            timer: Box::pin(tokio::time::sleep(limit)),
            window: Box::pin(tokio::time::sleep(WINDOW)),
            in_window: 0,
            read: 0,
            handed: None,
            limit,
            expired,
        }
    }

    /// What the current window must bring: [`MIN_BYTES`], or the rest of a declared body
    /// when less remains (at least one byte).
    fn owed(&self) -> u64 {
        let before = self.read - self.in_window;
        let rest = self
            .declared
            .map_or(MIN_BYTES, |d| d.saturating_sub(before));
        MIN_BYTES.min(rest).max(1)
    }

    /// The read fails: too slow.
    fn too_slow(&mut self) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        self.expired.0.store(true, Ordering::Relaxed);
        Poll::Ready(Some(Err(axum::Error::new(TooSlow(self.limit)))))
    }
}

impl HttpBody for Deadline {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        let this = self.get_mut();
        if let Some(handed) = this.handed.take() {
            let end = this.window.deadline() + handed.elapsed();
            this.window.as_mut().reset(end);
        }
        if let Poll::Ready(frame) = Pin::new(&mut this.inner).poll_frame(cx) {
            if let Some(Ok(data)) = frame.as_ref().map(|f| f.as_ref().map(Frame::data_ref)) {
                let n = data.map_or(0, |d| d.len() as u64);
                this.read += n;
                this.in_window += n;
                if this.in_window >= this.owed() {
                    this.in_window = 0;
                    this.window.as_mut().reset(Instant::now() + WINDOW);
                }
            }
            this.handed = Some(Instant::now());
            return Poll::Ready(frame);
        }
        if this.timer.as_mut().poll(cx).is_ready() || this.window.as_mut().poll(cx).is_ready() {
            return this.too_slow();
        }
        Poll::Pending
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A body whose client sent its head and then nothing.
    struct Silent;

    impl HttpBody for Silent {
        type Data = Bytes;
        type Error = std::convert::Infallible;

        fn poll_frame(
            self: Pin<&mut Self>,
            _: &mut Context<'_>,
        ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
            Poll::Pending
        }
    }

    /// A body that never sends anything fails at its deadline and says so; a body that is
    /// all there is read whole, and the flag stays down.
    #[tokio::test]
    async fn a_silent_body_fails_at_its_deadline_and_a_complete_one_is_read() {
        let expired = Expired::default();
        let body = Body::new(Deadline::new(
            Body::new(Silent),
            Duration::from_millis(50),
            expired.clone(),
        ));
        let read = axum::body::to_bytes(body, 1024).await;
        assert!(read.is_err());
        assert!(expired.happened());

        let expired = Expired::default();
        let body = Body::new(Deadline::new(
            Body::from("{\"ties\": []}"),
            Duration::from_millis(50),
            expired.clone(),
        ));
        let read = axum::body::to_bytes(body, 1024).await.expect("read");
        assert_eq!(&read[..], b"{\"ties\": []}");
        assert!(!expired.happened());
    }

    /// A body that sends each of its chunks after its delay (from the previous chunk).
    struct Later {
        chunks: std::collections::VecDeque<(Duration, &'static [u8])>,
        timer: Option<Pin<Box<Sleep>>>,
        length: u64,
    }

    impl Later {
        fn new(chunks: &[(u64, &'static [u8])]) -> Self {
            Later {
                length: chunks.iter().map(|(_, c)| c.len() as u64).sum(),
                chunks: chunks
                    .iter()
                    .map(|&(secs, c)| (Duration::from_secs(secs), c))
                    .collect(),
                timer: None,
            }
        }
    }

    impl HttpBody for Later {
        type Data = Bytes;
        type Error = std::convert::Infallible;

        fn poll_frame(
            mut self: Pin<&mut Self>,
            cx: &mut Context<'_>,
        ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
            let Some(&(delay, chunk)) = self.chunks.front() else {
                return Poll::Ready(None);
            };
            let timer = self
                .timer
                .get_or_insert_with(|| Box::pin(tokio::time::sleep(delay)));
            if timer.as_mut().poll(cx).is_pending() {
                return Poll::Pending;
            }
            self.timer = None;
            self.chunks.pop_front();
            Poll::Ready(Some(Ok(Frame::data(Bytes::from_static(chunk)))))
        }

        fn size_hint(&self) -> SizeHint {
            SizeHint::with_exact(self.length)
        }
    }

    /// Issue 24: a body that sends nothing, or stops sending, fails 10 s after its last
    /// kilobyte, long before the whole deadline (60 s); one that brings 1 KiB (or the rest of
    /// it, when shorter) in every window may take the whole deadline, and no longer.
    #[tokio::test(start_paused = true)]
    async fn a_body_that_stops_sending_fails_after_a_window() {
        let read = |body: Body| async move {
            let expired = Expired::default();
            let started = tokio::time::Instant::now();
            let body = Body::new(Deadline::new(
                body,
                Duration::from_secs(60),
                expired.clone(),
            ));
            let read = axum::body::to_bytes(body, 1 << 20).await;
            (
                read.map(|b| b.len()).ok(),
                expired.happened(),
                started.elapsed(),
            )
        };
        let secs = Duration::from_secs;
        assert_eq!(
            read(Body::new(Silent)).await,
            (None, true, WINDOW),
            "silence: refused at the end of the first window"
        );
        static KIB: [u8; 1024] = [b'x'; 1024];
        assert_eq!(
            read(Body::new(Later::new(&[(2, &KIB), (25, &KIB)]))).await,
            (None, true, secs(12)),
            "a first kilobyte, then a stall: refused a window after it"
        );
        assert_eq!(
            read(Body::new(Later::new(&[(9, &KIB[..]); 4]))).await,
            (Some(4096), false, secs(36)),
            "1 KiB every 9 s: at the minimum rate"
        );
        assert_eq!(
            read(Body::new(Later::new(&[(9, &KIB[..]); 7]))).await,
            (None, true, secs(60)),
            "the whole deadline still bounds a body at the minimum rate"
        );
        assert_eq!(
            read(Body::new(Later::new(&[(9, &KIB), (9, b"{}")]))).await,
            (Some(1026), false, secs(18)),
            "a short rest in a later window"
        );
        assert_eq!(
            read(Body::new(Later::new(&[(3, b"{}")]))).await,
            (Some(2), false, secs(3)),
            "a short body, whole in time"
        );
        assert_eq!(
            read(Body::new(Later::new(&[(2, b"{"), (20, b"}")]))).await,
            (None, true, WINDOW),
            "half of a short body in the first window"
        );
        assert_eq!(
            read(Body::new(Later::new(&[(11, &KIB)]))).await,
            (None, true, WINDOW),
            "the first bytes too late"
        );
    }

    /// The next frame of `body`.
    async fn next(body: &mut Deadline) -> Option<Result<Frame<Bytes>, axum::Error>> {
        std::future::poll_fn(|cx| Pin::new(&mut *body).poll_frame(cx)).await
    }

    /// A handler that holds a frame for 30 s before it reads on does not make the client
    /// look slow: only time spent waiting for the client counts towards a window.
    #[tokio::test(start_paused = true)]
    async fn time_the_handler_holds_a_frame_does_not_count() {
        static KIB: [u8; 1024] = [b'x'; 1024];
        let expired = Expired::default();
        let mut body = Deadline::new(
            Body::new(Later::new(&[(1, &KIB), (5, &KIB)])),
            Duration::from_secs(60),
            expired.clone(),
        );
        assert!(matches!(next(&mut body).await, Some(Ok(_))));
        tokio::time::sleep(Duration::from_secs(30)).await;
        assert!(matches!(next(&mut body).await, Some(Ok(_))));
        assert!(next(&mut body).await.is_none());
        assert!(!expired.happened());
    }
}
