//! Per-client request rate: each client address may make [`ClientRate::per_second`]
//! requests a second on average, in bursts of up to [`ClientRate::burst`]; beyond, 429
//! `too_many_requests` with `Retry-After`, and nothing else is done for the request. The
//! page's own files (`/`, its modules and style sheets, served from memory) are not counted:
//! a page load asks for about 30 of them.
//!
//! A token bucket per IP address: it holds at most `burst` tokens, refills at `per_second`,
//! and each request takes one. One greedy client then waits for its own tokens while every
//! other client keeps its own (issue 24, item 4). The client's address comes from the
//! listening loop (`crate::server` puts it in the request as [`ConnectInfo`]); a request
//! without one (the in-process tests) is not limited. Behind a reverse proxy every client
//! has the proxy's address: limit there, or raise this one.
//!
//! The table of buckets is bounded: past [`MAX_CLIENTS`] addresses, buckets that have
//! refilled (their client has been quiet long enough to be a new client again) are dropped.

use axum::extract::ConnectInfo;
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Most client addresses kept before full buckets are dropped.
pub const MAX_CLIENTS: usize = 65_536;

/// How many requests a client may make (`--client-rate`, `--client-burst`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClientRate {
    /// Requests a second, on average.
    pub per_second: f64,
    /// Requests at once after a quiet time (the bucket's size), at least 1.
    pub burst: f64,
}

/// One client's bucket.
#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

/// The buckets of every client.
#[derive(Debug)]
pub(super) struct Limiter {
    rate: ClientRate,
    buckets: Mutex<HashMap<IpAddr, Bucket>>,
}

impl Limiter {
    /// No client has made a request yet.
    pub(super) fn new(rate: ClientRate) -> Self {
        Limiter {
            rate,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes a token of `client`'s at `now`: `None` when there was one, else how long until
    /// there is.
    pub(super) fn take(&self, client: IpAddr, now: Instant) -> Option<Duration> {
        let ClientRate { per_second, burst } = self.rate;
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        if buckets.len() >= MAX_CLIENTS && !buckets.contains_key(&client) {
            buckets.retain(|_, b| refilled(b, now, self.rate) < burst);
        }
        let bucket = buckets.entry(client).or_insert(Bucket {
            tokens: burst,
            at: now,
        });
        bucket.tokens = refilled(bucket, now, self.rate);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            None
        } else {
            Some(Duration::from_secs_f64((1.0 - bucket.tokens) / per_second))
        }
    }
}

/// The tokens of `b` at `now`.
fn refilled(b: &Bucket, now: Instant, rate: ClientRate) -> f64 {
    let elapsed = now.saturating_duration_since(b.at).as_secs_f64();
    (b.tokens + elapsed * rate.per_second).min(rate.burst)
}

/// The address of the client that sent the request, when the listening loop gave one.
pub(super) fn client(req: &axum::extract::Request) -> Option<IpAddr> {
    req.extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(peer)| peer.ip())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2 a second in bursts of 3: three requests at once pass, the fourth waits half a
    /// second; another client is not affected; after 1 s two more pass.
    #[test]
    fn a_bucket_per_client() {
        let limiter = Limiter::new(ClientRate {
            per_second: 2.0,
            burst: 3.0,
        });
        let (a, b): (IpAddr, IpAddr) = ([127, 0, 0, 1].into(), [127, 0, 0, 2].into());
        let t0 = Instant::now();
        assert_eq!(limiter.take(a, t0), None);
        assert_eq!(limiter.take(a, t0), None);
        assert_eq!(limiter.take(a, t0), None);
        assert_eq!(limiter.take(a, t0), Some(Duration::from_millis(500)));
        assert_eq!(limiter.take(b, t0), None);
        let t1 = t0 + Duration::from_secs(1);
        assert_eq!(limiter.take(a, t1), None);
        assert_eq!(limiter.take(a, t1), None);
        assert_eq!(limiter.take(a, t1), Some(Duration::from_millis(500)));
    }
}
