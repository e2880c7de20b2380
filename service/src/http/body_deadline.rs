//! The body-read deadline: a request body must arrive whole within
//! [`Config::body_read_timeout`](super::Config::body_read_timeout), counted from when its
//! head was read.
//!
//! The listening loop's header-read timeout covers request heads only. Without this, a
//! client that sends `POST /api/v1/what-if` with `Content-Length: 100` and then nothing
//! holds its connection (and one of the `--max-connections` slots) until the request
//! timeout, five minutes later: 1,030 such sockets took every slot and `/health` stopped
//! answering (issue 24, item 1). One deadline for the whole body is also the minimum rate:
//! a client that trickles one byte every few seconds is stopped at the same time as one that
//! sends nothing.
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
use tokio::time::Sleep;

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
/// before.
#[derive(Debug)]
pub(super) struct Deadline {
    inner: Body,
    timer: Pin<Box<Sleep>>,
    limit: Duration,
    expired: Expired,
}

impl Deadline {
    /// `body`, due within `limit` from now; `expired` is set when it was not.
    pub(super) fn new(body: Body, limit: Duration, expired: Expired) -> Self {
        Deadline {
            inner: body,
            timer: Box::pin(tokio::time::sleep(limit)),
            limit,
            expired,
        }
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
        if let Poll::Ready(frame) = Pin::new(&mut this.inner).poll_frame(cx) {
            return Poll::Ready(frame);
        }
        match this.timer.as_mut().poll(cx) {
            Poll::Ready(()) => {
                this.expired.0.store(true, Ordering::Relaxed);
                Poll::Ready(Some(Err(axum::Error::new(TooSlow(this.limit)))))
            }
            Poll::Pending => Poll::Pending,
        }
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
}
