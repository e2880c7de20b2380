//! `puentes-load`: an HTTP/1.1 load generator for a Puentes service on loopback.
//!
//! Open-loop schedule: at a target rate R, request `i` is due at `start + i / R`, whatever
//! happened to the earlier ones. A fixed set of keep-alive connections takes the due requests
//! in order. Two latencies are kept per request: the response time (from the moment it was
//! written) and the latency from the moment it was due (which includes queueing in the
//! generator when every connection is busy, so a saturated service cannot hide behind a
//! slowed-down client: "coordinated omission").
//!
//! Bounded: each rate runs for `--duration` seconds and at most `--max-requests` requests;
//! each request has a 10 s timeout; stragglers are abandoned 10 s after the last due time.
//! Only loopback addresses (127.0.0.0/8, ::1) are accepted.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::client::conn::http1::SendRequest;
use hyper::Request;
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;

const USAGE: &str = "\
usage: puentes-load --addr 127.0.0.1:PORT [options]
  --rates LIST          target rates in requests/s, comma-separated (default 100,250,500,1000,2000)
  --duration SECS       seconds per rate (default 10)
  --max-requests N      at most N requests per rate (default rate x duration)
  --connections N       keep-alive connections (default 32)
  --seed N              seed of the request mix and of the organization choice (default 1)
  --during-import FILE  POST FILE to /api/v1/import?mode=merge in a loop while loading
                        (.json: application/json; .csv: text/csv; otherwise text/plain, format=snap)
  --token T             admin token for --during-import (or env PUENTES_LOAD_TOKEN)
Only loopback addresses are accepted (127.0.0.0/8 and ::1).";

/// Per-request timeout.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
/// How long after the last due time outstanding requests are still awaited.
const DRAIN: Duration = Duration::from_secs(10);

/// The routes of the mix, with their weights (out of 100).
const MIX: [(Route, u32); 6] = [
    (Route::Organizations, 25),
    (Route::Metrics, 20),
    (Route::Gaps, 15),
    (Route::Map, 15),
    (Route::Suggestions, 20),
    (Route::Export, 5),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Route {
    Organizations,
    Metrics,
    Gaps,
    Map,
    Suggestions,
    Export,
}

impl Route {
    fn name(self) -> &'static str {
        match self {
            Route::Organizations => "organizations",
            Route::Metrics => "metrics?limit=50",
            Route::Gaps => "gaps",
            Route::Map => "map (overview)",
            Route::Suggestions => "suggestions/{id}",
            Route::Export => "export?format=csv",
        }
    }

    fn index(self) -> usize {
        MIX.iter().position(|(r, _)| *r == self).unwrap_or(0)
    }
}

#[derive(Debug)]
struct Args {
    addr: SocketAddr,
    rates: Vec<u32>,
    duration: Duration,
    max_requests: Option<u64>,
    connections: usize,
    seed: u64,
    during_import: Option<PathBuf>,
    token: Option<String>,
}

fn parse_args() -> Result<Args> {
    let mut it = std::env::args().skip(1);
    let mut addr = None;
    let mut args = Args {
        addr: SocketAddr::from(([127, 0, 0, 1], 0)),
        rates: vec![100, 250, 500, 1000, 2000],
        duration: Duration::from_secs(10),
        max_requests: None,
        connections: 32,
        seed: 1,
        during_import: None,
        token: std::env::var("PUENTES_LOAD_TOKEN").ok(),
    };
    while let Some(flag) = it.next() {
        if flag == "-h" || flag == "--help" {
            println!("{USAGE}");
            std::process::exit(0);
        }
        let value = it
            .next()
            .with_context(|| format!("{flag}: missing value\n{USAGE}"))?;
        let bad = |what: &str| format!("{flag} = {value:?}: expected {what}");
        match flag.as_str() {
            "--addr" => {
                addr = Some(
                    value
                        .parse::<SocketAddr>()
                        .with_context(|| bad("IP:PORT"))?,
                )
            }
            "--rates" => {
                args.rates = value
                    .split(',')
                    .map(|r| {
                        r.trim()
                            .parse::<u32>()
                            .ok()
                            .filter(|r| (1..=100_000).contains(r))
                    })
                    .collect::<Option<Vec<_>>>()
                    .with_context(|| bad("comma-separated rates in 1..=100000"))?
            }
            "--duration" => {
                let s = value
                    .parse::<u64>()
                    .ok()
                    .filter(|s| (1..=3600).contains(s))
                    .with_context(|| bad("seconds in 1..=3600"))?;
                args.duration = Duration::from_secs(s);
            }
            "--max-requests" => {
                args.max_requests = Some(
                    value
                        .parse::<u64>()
                        .ok()
                        .filter(|n| *n >= 1)
                        .with_context(|| bad("a positive integer"))?,
                )
            }
            "--connections" => {
                args.connections = value
                    .parse::<usize>()
                    .ok()
                    .filter(|n| (1..=1024).contains(n))
                    .with_context(|| bad("an integer in 1..=1024"))?
            }
            "--seed" => args.seed = value.parse().with_context(|| bad("an unsigned integer"))?,
            "--during-import" => args.during_import = Some(PathBuf::from(value)),
            "--token" => args.token = Some(value),
            _ => bail!("unknown option {flag}\n{USAGE}"),
        }
    }
    args.addr = addr.with_context(|| format!("--addr is required\n{USAGE}"))?;
    if !args.addr.ip().is_loopback() {
        bail!(
            "--addr = {}: only loopback addresses are allowed (127.0.0.0/8 or ::1)",
            args.addr
        );
    }
    if args.during_import.is_some() && args.token.is_none() {
        bail!(
            "--during-import needs --token (or PUENTES_LOAD_TOKEN): imports need the admin token"
        );
    }
    Ok(args)
}

/// SplitMix64: small, seeded, good enough to pick routes and organizations.
#[derive(Debug)]
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// Percent-encodes an organization id for a path segment.
fn encode_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The request plan of one rate: the route and path of every request, drawn up front.
fn plan(rng: &mut Rng, ids: &[String], n: u64) -> Vec<(Route, String)> {
    let total: u32 = MIX.iter().map(|(_, w)| w).sum();
    (0..n)
        .map(|_| {
            let mut pick = rng.below(u64::from(total)) as u32;
            let route = MIX
                .iter()
                .find(|(_, w)| {
                    let hit = pick < *w;
                    pick = pick.saturating_sub(*w);
                    hit
                })
                .map_or(Route::Organizations, |(r, _)| *r);
            let path = match route {
                Route::Organizations => "/api/v1/organizations".to_owned(),
                Route::Metrics => "/api/v1/metrics?limit=50".to_owned(),
                Route::Gaps => "/api/v1/gaps".to_owned(),
                Route::Map => "/api/v1/map".to_owned(),
                Route::Suggestions => {
                    let id = &ids[rng.below(ids.len() as u64) as usize];
                    format!("/api/v1/organizations/{}/suggestions", encode_segment(id))
                }
                Route::Export => "/api/v1/export?format=csv".to_owned(),
            };
            (route, path)
        })
        .collect()
}

/// One keep-alive HTTP/1.1 connection, reopened after a transport error.
#[derive(Debug)]
struct Conn {
    addr: SocketAddr,
    sender: Option<SendRequest<Full<Bytes>>>,
}

impl Conn {
    fn new(addr: SocketAddr) -> Self {
        Conn { addr, sender: None }
    }

    async fn open(addr: SocketAddr) -> Result<SendRequest<Full<Bytes>>> {
        let stream = TcpStream::connect(addr)
            .await
            .with_context(|| format!("connecting to {addr}"))?;
        stream.set_nodelay(true)?;
        let (sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream)).await?;
        tokio::spawn(async move {
            // The connection ends with an error the next request will report.
            let _ = conn.await;
        });
        Ok(sender)
    }

    /// Sends one request; the status and body length, or a transport error.
    async fn send(&mut self, req: Request<Full<Bytes>>) -> Result<(u16, usize)> {
        self.fetch(req)
            .await
            .map(|(status, body)| (status, body.len()))
    }

    /// Sends one request; the status and body, or a transport error.
    async fn fetch(&mut self, req: Request<Full<Bytes>>) -> Result<(u16, Bytes)> {
        let result = tokio::time::timeout(REQUEST_TIMEOUT, self.exchange(req)).await;
        let outcome = match result {
            Ok(r) => r,
            Err(_) => Err(anyhow::anyhow!("timed out after {REQUEST_TIMEOUT:?}")),
        };
        if outcome.is_err() {
            self.sender = None;
        }
        outcome
    }

    async fn exchange(&mut self, req: Request<Full<Bytes>>) -> Result<(u16, Bytes)> {
        let sender = match &mut self.sender {
            Some(s) if !s.is_closed() => s,
            _ => self.sender.insert(Conn::open(self.addr).await?),
        };
        sender.ready().await?;
        let response = sender.send_request(req).await?;
        let status = response.status().as_u16();
        let body = response.into_body().collect().await?.to_bytes();
        Ok((status, body))
    }
}

fn get(addr: SocketAddr, path: &str) -> Result<Request<Full<Bytes>>> {
    Ok(Request::get(path)
        .header("host", addr.to_string())
        .body(Full::new(Bytes::new()))?)
}

/// Fetches every organization id once, page by page.
async fn organization_ids(addr: SocketAddr) -> Result<Vec<String>> {
    let mut conn = Conn::new(addr);
    let mut ids = Vec::new();
    loop {
        let path = format!("/api/v1/organizations?limit=1000&offset={}", ids.len());
        let (status, body) = conn.fetch(get(addr, &path)?).await?;
        if !(200..300).contains(&status) {
            bail!(
                "GET {path}: {status}: {}",
                String::from_utf8_lossy(&body)
                    .chars()
                    .take(300)
                    .collect::<String>()
            );
        }
        let page: serde_json::Value =
            serde_json::from_slice(&body).with_context(|| format!("GET {path}: not JSON"))?;
        let items = page["items"]
            .as_array()
            .with_context(|| format!("GET {path}: no \"items\" array"))?;
        let before = ids.len();
        ids.extend(
            items
                .iter()
                .filter_map(|o| o["id"].as_str().map(str::to_owned)),
        );
        let total = page["total"].as_u64().unwrap_or(0) as usize;
        if ids.len() == before || ids.len() >= total {
            break;
        }
    }
    if ids.is_empty() {
        bail!("GET /api/v1/organizations: no organizations; import a network first");
    }
    Ok(ids)
}

/// What one request saw.
#[derive(Debug, Clone, Copy)]
struct Sample {
    route: usize,
    /// Response time, microseconds (from writing the request).
    response_us: u32,
    /// Latency from the due time, microseconds (includes queueing in the generator).
    due_us: u32,
    outcome: Outcome,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Ok,
    Status(u16),
    Transport,
}

fn micros(d: Duration) -> u32 {
    u32::try_from(d.as_micros()).unwrap_or(u32::MAX)
}

/// Runs one rate; returns the samples and the wall time from first due time to last answer.
async fn run_rate(
    addr: SocketAddr,
    rate: u32,
    plan: Vec<(Route, String)>,
    connections: usize,
) -> (Vec<Sample>, Duration, Vec<String>) {
    let plan = Arc::new(plan);
    let next = Arc::new(AtomicU64::new(0));
    let start = Instant::now() + Duration::from_millis(50);
    let last_due = start + Duration::from_secs_f64(plan.len() as f64 / f64::from(rate));
    let hard_stop = last_due + DRAIN;
    let errors = Arc::new(Mutex::new(Vec::<String>::new()));
    let mut workers = Vec::with_capacity(connections);
    for _ in 0..connections {
        let (plan, next, errors) = (plan.clone(), next.clone(), errors.clone());
        workers.push(tokio::spawn(async move {
            let mut conn = Conn::new(addr);
            let mut samples = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some((route, path)) = plan.get(i as usize) else {
                    break;
                };
                let due = start + Duration::from_secs_f64(i as f64 / f64::from(rate));
                tokio::time::sleep_until(due.into()).await;
                if Instant::now() >= hard_stop {
                    break;
                }
                let Ok(req) = get(addr, path) else { break };
                let sent = Instant::now();
                let outcome = match conn.send(req).await {
                    Ok((s, _)) if (200..300).contains(&s) => Outcome::Ok,
                    Ok((s, _)) => {
                        note(&errors, format!("GET {path}: HTTP {s}"));
                        Outcome::Status(s)
                    }
                    Err(e) => {
                        note(&errors, format!("GET {path}: {e}"));
                        Outcome::Transport
                    }
                };
                let done = Instant::now();
                samples.push(Sample {
                    route: route.index(),
                    response_us: micros(done - sent),
                    due_us: micros(done.saturating_duration_since(due)),
                    outcome,
                });
            }
            samples
        }));
    }
    let mut samples = Vec::with_capacity(plan.len());
    for w in workers {
        if let Ok(s) = w.await {
            samples.extend(s);
        }
    }
    let elapsed = Instant::now().saturating_duration_since(start);
    let errors = errors.lock().map(|e| e.clone()).unwrap_or_default();
    (samples, elapsed, errors)
}

/// Keeps the first few distinct error messages.
fn note(errors: &Mutex<Vec<String>>, message: String) {
    if let Ok(mut e) = errors.lock() {
        if e.len() < 5 && !e.contains(&message) {
            e.push(message);
        }
    }
}

fn percentile(sorted: &[u32], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    f64::from(sorted[rank.clamp(1, sorted.len()) - 1]) / 1000.0
}

/// Latency summary in milliseconds: p50, p99, max.
fn summary(mut us: Vec<u32>) -> (f64, f64, f64) {
    us.sort_unstable();
    (
        percentile(&us, 50.0),
        percentile(&us, 99.0),
        us.last().map_or(f64::NAN, |m| f64::from(*m) / 1000.0),
    )
}

/// POSTs the file in a loop until `stop`; (ok, failed, response times in µs, first errors).
async fn import_loop(
    addr: SocketAddr,
    file: PathBuf,
    token: String,
    stop: Arc<AtomicBool>,
) -> Result<(u64, u64, Vec<u32>, Vec<String>)> {
    let body = Bytes::from(
        std::fs::read(&file).with_context(|| format!("--during-import {}", file.display()))?,
    );
    let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("");
    let (content_type, query) = match ext {
        "json" => ("application/json", "mode=merge"),
        "csv" => ("text/csv", "mode=merge"),
        _ => ("text/plain", "mode=merge&format=snap"),
    };
    let path = format!("/api/v1/import?{query}");
    let mut conn = Conn::new(addr);
    let (mut ok, mut failed, mut times) = (0, 0, Vec::new());
    let errors = Mutex::new(Vec::new());
    while !stop.load(Ordering::Relaxed) {
        let req = Request::post(path.as_str())
            .header("host", addr.to_string())
            .header("content-type", content_type)
            .header("authorization", format!("Bearer {token}"))
            .body(Full::new(body.clone()))?;
        let sent = Instant::now();
        match conn.send(req).await {
            Ok((s, _)) if (200..300).contains(&s) => ok += 1,
            Ok((s, _)) => {
                failed += 1;
                note(&errors, format!("POST {path}: HTTP {s}"));
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            Err(e) => {
                failed += 1;
                note(&errors, format!("POST {path}: {e}"));
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        }
        times.push(micros(sent.elapsed()));
    }
    let errors = errors.lock().map(|e| e.clone()).unwrap_or_default();
    Ok((ok, failed, times, errors))
}

#[tokio::main]
async fn main() -> Result<()> {
    let args = parse_args()?;
    let ids = organization_ids(args.addr).await?;
    let mut rng = Rng(args.seed);
    println!(
        "puentes-load: {} organizations at {}; {} connections; {} s per rate; seed {}",
        ids.len(),
        args.addr,
        args.connections,
        args.duration.as_secs(),
        args.seed
    );
    let stop = Arc::new(AtomicBool::new(false));
    let importer = match (&args.during_import, &args.token) {
        (Some(file), Some(token)) => Some(tokio::spawn(import_loop(
            args.addr,
            file.clone(),
            token.clone(),
            stop.clone(),
        ))),
        _ => None,
    };
    println!(
        "| target req/s | answered | not sent (cut off) | achieved req/s | p50 ms | p99 ms | max ms | p99 from due ms | non-2xx | transport errors |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let mut route_rows = Vec::new();
    let mut knee = None;
    let mut per_route_last = Vec::new();
    let mut first_errors = Vec::new();
    for &rate in &args.rates {
        let n = u64::from(rate) * args.duration.as_secs();
        let n = args.max_requests.map_or(n, |m| n.min(m));
        let plan = plan(&mut rng, &ids, n);
        let planned = plan.len();
        let (samples, elapsed, errors) = run_rate(args.addr, rate, plan, args.connections).await;
        first_errors.extend(errors.into_iter().map(|e| format!("{rate} req/s: {e}")));
        let non_2xx = samples
            .iter()
            .filter(|s| matches!(s.outcome, Outcome::Status(_)))
            .count();
        let transport = samples
            .iter()
            .filter(|s| s.outcome == Outcome::Transport)
            .count();
        let (p50, p99, max) = summary(samples.iter().map(|s| s.response_us).collect());
        let (_, due99, _) = summary(samples.iter().map(|s| s.due_us).collect());
        let achieved = samples.len() as f64 / elapsed.as_secs_f64();
        println!(
            "| {rate} | {} | {} | {achieved:.0} | {p50:.2} | {p99:.2} | {max:.1} | {due99:.2} | {non_2xx} | {transport} |",
            samples.len(),
            planned - samples.len()
        );
        if knee.is_none() && due99 > 100.0 {
            knee = Some(rate);
        }
        per_route_last = MIX
            .iter()
            .enumerate()
            .map(|(i, (route, _))| {
                let us: Vec<u32> = samples
                    .iter()
                    .filter(|s| s.route == i)
                    .map(|s| s.response_us)
                    .collect();
                (route.name(), us.len(), summary(us))
            })
            .collect();
        let p99s: Vec<String> = per_route_last
            .iter()
            .map(|(_, _, (_, p99, _))| format!("{p99:.2}"))
            .collect();
        route_rows.push(format!("| {rate} | {} |", p99s.join(" | ")));
    }
    stop.store(true, Ordering::Relaxed);
    match knee {
        Some(r) => println!("p99 (from due time) first passes 100 ms at {r} req/s"),
        None => println!(
            "p99 (from due time) stays at or under 100 ms up to {} req/s",
            args.rates.iter().max().copied().unwrap_or(0)
        ),
    }
    println!("\np99 response time per route, ms:");
    let names: Vec<&str> = MIX.iter().map(|(r, _)| r.name()).collect();
    println!("| target req/s | {} |", names.join(" | "));
    println!("|---:|{}", "---:|".repeat(names.len()));
    for row in route_rows {
        println!("{row}");
    }
    println!("\nper route, last rate (response time):");
    println!("| route | requests | p50 ms | p99 ms | max ms |");
    println!("|---|---:|---:|---:|---:|");
    for (name, n, (p50, p99, max)) in per_route_last {
        println!("| {name} | {n} | {p50:.2} | {p99:.2} | {max:.1} |");
    }
    if let Some(handle) = importer {
        match handle.await {
            Ok(Ok((ok, failed, times, errors))) => {
                let (p50, p99, max) = summary(times);
                println!(
                    "\nimports during the load: {ok} applied, {failed} failed; p50 {p50:.0} ms, p99 {p99:.0} ms, max {max:.0} ms"
                );
                for e in errors {
                    println!("  import error: {e}");
                }
            }
            Ok(Err(e)) => println!("\nimport loop failed: {e:#}"),
            Err(e) => println!("\nimport loop panicked: {e}"),
        }
    }
    for e in first_errors {
        println!("error: {e}");
    }
    Ok(())
}
