//! `puentes serve`: the HTTP service.

use super::{builtin_fixture, neo4j_store, open_store, StoreArgs, StoreKind};
use crate::http::auth::Secret;
use crate::http::{app, AppState, Config};
use crate::i18n::{refuse, say, Notice, Refusal};
use crate::store::{Batch, GraphStore};
use anyhow::Result;
use clap::Args;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// `puentes serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080", env = "PUENTES_ADDR")]
    pub addr: SocketAddr,
    /// Store selection.
    #[command(flatten)]
    pub store: StoreArgs,
    /// Do not load the fixture into an empty embedded store.
    #[arg(long)]
    pub no_fixture: bool,
    /// Admin token (writes and restricted fields), from the environment: PUENTES_ADMIN_TOKEN.
    /// Hidden from --help: a token on the command line is visible to every user in `ps`.
    #[arg(long, env = "PUENTES_ADMIN_TOKEN", hide_env_values = true, hide = true)]
    pub admin_token: Option<Secret>,
    /// File holding the admin token (writes and restricted fields); or set PUENTES_ADMIN_TOKEN.
    /// Without either the server is read-only.
    #[arg(long, env = "PUENTES_ADMIN_TOKEN_FILE", conflicts_with = "admin_token")]
    pub admin_token_file: Option<PathBuf>,
    /// Token that only shows restricted fields (coordinates, contacts), from the environment:
    /// PUENTES_RESTRICTED_TOKEN. Hidden from --help like the admin token.
    #[arg(
        long,
        env = "PUENTES_RESTRICTED_TOKEN",
        hide_env_values = true,
        hide = true
    )]
    pub restricted_token: Option<Secret>,
    /// File holding the token that only shows restricted fields (coordinates, contacts); or
    /// set PUENTES_RESTRICTED_TOKEN.
    #[arg(
        long,
        env = "PUENTES_RESTRICTED_TOKEN_FILE",
        conflicts_with = "restricted_token"
    )]
    pub restricted_token_file: Option<PathBuf>,
    /// Origin whose web pages may call this API from a browser (CORS), e.g.
    /// `https://mapa.example.org`; repeat for more (PUENTES_CORS_ORIGINS: comma-separated).
    /// Without it no other origin may.
    #[arg(long = "cors-origin", value_name = "ORIGIN", env = "PUENTES_CORS_ORIGINS", value_delimiter = ',',
          value_parser = crate::http::security::cors_origin)]
    pub cors_origins: Vec<String>,
    /// Analyses computed at once (each may use every core).
    #[arg(long, env = "PUENTES_MAX_ANALYSES", default_value_t = crate::analyses::CONCURRENT_COMPUTATIONS as u16,
          value_parser = clap::value_parser!(u16).range(1..=256))]
    pub max_analyses: u16,
    /// Analyses that may wait for a turn at once; beyond, requests that need a new analysis
    /// answer 503 (busy) with Retry-After.
    #[arg(long, env = "PUENTES_ANALYSIS_QUEUE", default_value_t = crate::analyses::QUEUED_COMPUTATIONS as u32,
          value_parser = clap::value_parser!(u32).range(0..=100_000))]
    pub analysis_queue: u32,
    /// New what-ifs (`POST /api/v1/what-if` with ties not asked before) computed at once;
    /// each also takes one of the --max-analyses turns, so what-ifs never hold more. Others
    /// wait in a queue of their own (--analysis-queue long, --analysis-queue-timeout at most).
    #[arg(long, env = "PUENTES_MAX_WHAT_IFS", default_value_t = crate::analyses::CONCURRENT_WHAT_IFS as u16,
          value_parser = clap::value_parser!(u16).range(1..=256))]
    pub max_what_ifs: u16,
    /// Seconds an analysis may wait for a turn before its request answers 503 (busy).
    #[arg(long, env = "PUENTES_ANALYSIS_QUEUE_TIMEOUT", default_value_t = crate::analyses::QUEUE_WAIT.as_secs(),
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub analysis_queue_timeout: u64,
    /// Seconds a connection has to send a complete request head, from when it opens or from
    /// its previous answer; also how long an idle keep-alive connection stays open.
    #[arg(long, env = "PUENTES_HEADER_READ_TIMEOUT", default_value_t = 10,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub header_read_timeout: u64,
    /// Seconds a client may leave its answer unread (its socket accepting no byte) before it
    /// is disconnected: an export nobody reads holds its connection no longer than this.
    #[arg(long, env = "PUENTES_SEND_TIMEOUT", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub send_timeout: u64,
    /// Seconds a request body has to arrive whole, from when its head was read (also the
    /// slowest upload accepted: a 256 MiB import at the default needs about 4.5 MB/s); a
    /// body still incomplete then is answered 408 and its connection closed.
    #[arg(long, env = "PUENTES_BODY_READ_TIMEOUT", default_value_t = 60,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub body_read_timeout: u64,
    /// Most connections open at once; more wait until one closes. Checked at start against
    /// the open-file limit (ulimit -n), with a warning when it does not fit.
    #[arg(long, env = "PUENTES_MAX_CONNECTIONS", default_value_t = 1024,
          value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub max_connections: u32,
    /// Connections accepted beyond --max-connections when every slot is taken, each for one
    /// request answered only on /health and /ready (anything else: 503 busy), so health
    /// checks are answered while slow clients hold every slot; 0: none.
    #[arg(long, env = "PUENTES_HEALTH_CONNECTIONS", default_value_t = crate::server::HEALTH_CONNECTIONS as u32,
          value_parser = clap::value_parser!(u32).range(0..=1024))]
    pub health_connections: u32,
    /// Most connections one client address may hold open at once; more are closed at once.
    /// 0: no limit but --max-connections (e.g. behind a reverse proxy, where every client
    /// has the proxy's address).
    #[arg(long, env = "PUENTES_MAX_CONNECTIONS_PER_CLIENT", default_value_t = 64,
          value_parser = clap::value_parser!(u32).range(0..=1_000_000))]
    pub max_connections_per_client: u32,
    /// Requests a second one client address may make on average; beyond, 429 with
    /// Retry-After. 0: no limit.
    #[arg(long, env = "PUENTES_CLIENT_RATE", default_value_t = 50,
          value_parser = clap::value_parser!(u32).range(0..=1_000_000))]
    pub client_rate: u32,
    /// Requests one client address may make at once after a quiet time (with --client-rate).
    #[arg(long, env = "PUENTES_CLIENT_BURST", default_value_t = 100,
          value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub client_burst: u32,
    /// Milliseconds a revision read stays good: requests within this time of the last read
    /// reuse it without asking the store. Writes through this server are seen at once; writes
    /// by another server over the same Neo4j database within this time. Default 0 (ask on
    /// every request) on the embedded store, 250 on Neo4j (one round trip saved per request).
    #[arg(long, env = "PUENTES_REVISION_CHECK_MS",
          value_parser = clap::value_parser!(u64).range(0..=60_000))]
    pub revision_check_ms: Option<u64>,
    /// Milliseconds an analysis request waits for a new revision's analyses (after an import)
    /// before it is answered from the newest revision whose analyses are ready; its answer
    /// names that revision. 0: always wait for the new revision.
    #[arg(long, env = "PUENTES_STALE_AFTER_MS", default_value_t = 1000,
          value_parser = clap::value_parser!(u64).range(0..=600_000))]
    pub stale_after_ms: u64,
}

/// A token from the environment or from a file (`file`, named by `flag`): the file's
/// contents without surrounding whitespace. Errors name the file, never its contents.
fn secret(
    value: Option<Secret>,
    file: Option<&std::path::Path>,
    flag: &str,
) -> Result<Option<String>> {
    match (value, file) {
        (Some(v), _) => Ok(Some(v.expose().to_owned())),
        (None, Some(path)) => {
            let text = std::fs::read_to_string(path).map_err(|e| {
                refuse(&Refusal::CannotRead {
                    path: format!("{flag} {}", path.display()),
                    detail: e.to_string(),
                })
            })?;
            Ok(Some(text.trim().to_owned()))
        }
        (None, None) => Ok(None),
    }
}

/// A token from the environment or the command line; set but empty is not set (with a
/// warning), so an empty credential can never match it.
fn token(value: Option<String>, name: &str) -> Option<String> {
    match value {
        Some(t) if t.trim().is_empty() => {
            eprintln!(
                "{}",
                say(&Notice::EmptyToken {
                    name: name.to_owned()
                })
            );
            None
        }
        other => other,
    }
}

/// `puentes serve`.
pub async fn serve(args: ServeArgs) -> Result<()> {
    let neo4j = match args.store.store {
        StoreKind::Neo4j => Some(Arc::new(neo4j_store(&args.store).await?)),
        StoreKind::Memory => None,
    };
    let store: Arc<dyn GraphStore> = match &neo4j {
        Some(n) => n.clone(),
        None => open_store(&args.store).await?,
    };
    if args.store.store == StoreKind::Memory && !args.no_fixture && store.revision().await? == 0 {
        let data = builtin_fixture()?;
        let (orgs, ties) = (data.organizations.len(), data.ties.len());
        store.apply(Batch::replace(data)).await?;
        eprintln!("{}", say(&Notice::FixtureLoaded { orgs, ties }));
    }
    let admin_name = match &args.admin_token_file {
        Some(file) => format!("the admin token file {}", file.display()),
        None => "PUENTES_ADMIN_TOKEN".to_owned(),
    };
    let restricted_name = match &args.restricted_token_file {
        Some(file) => format!("the restricted token file {}", file.display()),
        None => "PUENTES_RESTRICTED_TOKEN".to_owned(),
    };
    let admin_token = token(
        secret(
            args.admin_token,
            args.admin_token_file.as_deref(),
            "--admin-token-file",
        )?,
        &admin_name,
    );
    if admin_token.is_none() {
        eprintln!("{}", say(&Notice::ReadOnly));
    }
    let restricted_token = token(
        secret(
            args.restricted_token,
            args.restricted_token_file.as_deref(),
            "--restricted-token-file",
        )?,
        &restricted_name,
    );
    if !args.cors_origins.is_empty() {
        eprintln!(
            "{}",
            say(&Notice::Cors {
                origins: args.cors_origins.join(", ")
            })
        );
    }
    let config = Config {
        admin_token,
        restricted_token,
        cors_origins: args.cors_origins,
        body_read_timeout: Duration::from_secs(args.body_read_timeout),
        // One rule for every input: a request body is read up to --max-input-bytes too.
        body_limit: crate::import::input_limit(),
        client_rate: (args.client_rate > 0).then(|| crate::http::fairness::ClientRate {
            per_second: f64::from(args.client_rate),
            burst: f64::from(args.client_burst),
        }),
        analysis: crate::analyses::AnalysisLimits {
            concurrent: usize::from(args.max_analyses),
            queued: args.analysis_queue as usize,
            wait: Duration::from_secs(args.analysis_queue_timeout),
            what_ifs: usize::from(args.max_what_ifs),
            revision_check: Duration::from_millis(
                args.revision_check_ms
                    .unwrap_or(if neo4j.is_some() { 250 } else { 0 }),
            ),
            stale_after: Duration::from_millis(args.stale_after_ms),
            ..crate::analyses::AnalysisLimits::default()
        },
        ..Config::default()
    };
    let header_read_timeout = Duration::from_secs(args.header_read_timeout);
    let limits = crate::server::Limits {
        header_read_timeout,
        max_connections: args.max_connections as usize,
        health_connections: args.health_connections as usize,
        max_connections_per_client: args.max_connections_per_client as usize,
        send_timeout: Duration::from_secs(args.send_timeout),
        drain_timeout: config.request_timeout + header_read_timeout,
    };
    if let Some(limit) = crate::server::open_file_limit() {
        let fits = limit.saturating_sub(crate::server::RESERVED_FILE_DESCRIPTORS);
        if u64::from(args.max_connections) > fits {
            eprintln!(
                "{}",
                say(&Notice::ConnectionsAboveFileLimit {
                    max_connections: args.max_connections as usize,
                    limit,
                    fits,
                })
            );
        }
    }
    let state = match neo4j {
        Some(n) => AppState::neo4j(n, config),
        None => AppState::new(store, config),
    };
    let listener = tokio::net::TcpListener::bind(args.addr)
        .await
        .map_err(|e| {
            refuse(&Refusal::CannotListen {
                addr: args.addr.to_string(),
                detail: e.to_string(),
            })
        })?;
    let addr = listener.local_addr()?;
    let shutdown = crate::server::shutdown_signal();
    println!(
        "{}",
        say(&Notice::Serving {
            addr: addr.to_string()
        })
    );
    crate::server::serve(listener, app(state), limits, shutdown).await?;
    Ok(())
}
