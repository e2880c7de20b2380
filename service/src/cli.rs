//! The `puentes` command line: argument definitions and the commands behind them.

pub mod import;
pub mod suggest;
pub mod time;

pub use import::{import, ImportArgs, Mode};

use crate::analyses::{Analyses, Revision};
use crate::fixtures;
use crate::http::auth::Secret;
use crate::http::{app, AppState, Config};
use crate::i18n::{refuse, say, Expected, ListName, Notice, Refusal};
use crate::import::Format;
use crate::store::{Batch, GraphStore, MemoryStore, Neo4jConfig, Neo4jStore};
use anyhow::{bail, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use std::collections::HashSet;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// Puentes maps the collaboration ties between organizations that accompany migrants,
/// refugees and displaced people, and tells planners, organizers and researchers what the
/// network looks like: who is isolated, who holds it together, whom to partner with next.
#[derive(Debug, Parser)]
#[command(name = "puentes", version, about, long_about = None, after_help = EXAMPLES)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// Language of every sentence, message and error (es or en): findings, explanations,
    /// map legends, progress and refusals.
    #[arg(long, global = true, value_enum, default_value_t = crate::i18n::Lang::En, env = "PUENTES_LANG")]
    pub lang: crate::i18n::Lang,
}

const EXAMPLES: &str = "Examples:
  puentes serve                                  # embedded store in ./puentes-data, fixture loaded on first start
  PUENTES_ADMIN_TOKEN=s3cret puentes serve --addr 0.0.0.0:8080
  puentes import fixtures/hip --dry-run          # validate the project CSV pair, write nothing
  puentes import network.json --mode replace     # the file becomes the network
  puentes import edges.txt.gz --format snap      # a SNAP edge list (organizations created from ids)
  puentes fixtures --seed 20241126 --out fixtures/hip
  puentes render --view community/2 --format png --out community.png --lang es";

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the HTTP service (API at /api/v1, explorer at /api/v1/docs).
    ///
    /// With the embedded store and an empty data directory, the synthetic HIP-like fixture
    /// (87 partner organizations and their allies) is loaded so there is something to explore.
    /// Writes need PUENTES_ADMIN_TOKEN; without it the server is read-only.
    Serve(ServeArgs),
    /// Validate files and import them into the store, all-or-nothing.
    ///
    /// PATH is a directory with organizations.csv and ties.csv, a .json document
    /// {organizations, ties}, a SNAP text edge list (.txt, .txt.gz) or a CSV edge list
    /// `source,target[,weight]`. Every problem is printed with file, line, column, value and
    /// what is allowed; if there is any, nothing is written and the exit code is 2.
    Import(ImportArgs),
    /// Generate the synthetic HIP-like fixture (same seed → byte-identical files).
    Fixtures(FixturesArgs),
    /// Node metrics for every organization (degree, strength, betweenness, closeness,
    /// harmonic, eigenvector, PageRank, core number, clustering), with its attributes.
    ///
    /// Reads --input (any import format) or the store. With --write-back and --store neo4j,
    /// also stores the metrics as `puentes_*` properties of the Organization nodes, tagged
    /// with `puentes_revision`, so they can be queried in Cypher.
    Metrics(MetricsArgs),
    /// Whole-network summary: size, density, components, clustering, assortativity,
    /// distances, centralization (JSON).
    Summary(SourceArgs),
    /// Export the network with every attribute and metric: csv, json (NetworkX node-link),
    /// graphml or gexf (Gephi).
    Export(ExportArgs),
    /// Communities of organizations that tie mostly to each other (Louvain, Leiden, label
    /// propagation, components), seeded: same network and seed, same partition.
    Communities(CommunitiesArgs),
    /// Gaps for planners: isolated and peripheral organizations, cut points and bridges with
    /// what they cut off, least-connected communities, services out of reach.
    Gaps(ReportArgs),
    /// Attribute analytics for researchers: assortativity, E-I index with permutation tests,
    /// correlations of every metric with every numeric attribute (Pearson, Spearman, p-values).
    Analytics(ReportArgs),
    /// Draw the network map as an SVG or PNG picture, without a browser: the same views as
    /// GET /api/v1/map (overview, community/N, ego/ID), 1600×1000 pixels, legend in --lang.
    /// Same network, same picture, byte for byte.
    Render(RenderArgs),
    /// Whom an organization could work with next, and why: candidates two ties away and
    /// organizations offering services it and its partners lack, scored for a goal
    /// (strengthen, bridge, services, balanced), each with its shared partners, who can
    /// introduce them, and one sentence in --lang.
    Suggest(suggest::SuggestArgs),
    /// Evaluate the suggestion scores on real history: train on ties formed before
    /// --split-year, rank candidates for every organization present then, score against the
    /// pairs first tied in the following --horizon years; every scorer and goal against the
    /// baselines (random, common neighbours, Adamic–Adar, preferential attachment).
    Backtest(suggest::BacktestArgs),
    /// What proposed ties would change: isolated and peripheral organizations, components,
    /// cut points, bridges, distances, efficiency, constraint, service reach (JSON).
    WhatIf(suggest::WhatIfArgs),
    /// Write a seeded synthetic network as a SNAP edge list (`.txt`, or gzip with `.gz`):
    /// a Holme–Kim power-law cluster graph, for measuring how cost grows with size (same
    /// parameters and seed, same file).
    Generate(GenerateArgs),
    /// What changed between two years: ties formed and ended, who is no longer (or newly)
    /// isolated or peripheral, cut points and bridges gained and lost, the whole-network
    /// figures side by side, in sentences (`--lang`) or JSON.
    Changes(time::ChangesArgs),
    /// The whole-network figures of every year (CSV or JSON).
    Timeline(time::TimelineArgs),
}

/// `puentes generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Organizations.
    #[arg(long, default_value_t = 1_000_000,
          value_parser = clap::value_parser!(u32).range(2..=100_000_000))]
    pub nodes: u32,
    /// Ties each new organization makes (the network has about nodes × this many ties).
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub ties_per_node: u32,
    /// Probability that a tie after the first closes a triangle (clustering).
    #[arg(long, default_value_t = 0.5)]
    pub triangles: f64,
    /// Generator seed.
    #[arg(long, default_value_t = puentes_analysis::policy::DEFAULT_SEED)]
    pub seed: u64,
    /// Output file: a SNAP edge list, gzip-compressed when the name ends in `.gz`.
    #[arg(long)]
    pub out: PathBuf,
}

/// `puentes render`.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// Where the network comes from.
    #[command(flatten)]
    pub source: SourceArgs,
    /// overview, community/N (community number N) or ego/ID (organization ID and its
    /// neighbours).
    #[arg(long, default_value = "overview")]
    pub view: String,
    /// With --view ego/ID: ties from the organization, 1 (default) or 2.
    #[arg(long)]
    pub radius: Option<u8>,
    /// Picture format.
    #[arg(long, value_enum)]
    pub format: ImageFormat,
    /// File to write.
    #[arg(long)]
    pub out: PathBuf,
}

/// Picture formats of `puentes render`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImageFormat {
    /// SVG, written by hand (text, scalable).
    Svg,
    /// PNG, rasterized by resvg with the embedded DejaVu Sans font.
    Png,
}

/// `puentes communities`.
#[derive(Debug, Args)]
pub struct CommunitiesArgs {
    /// Where the network comes from.
    #[command(flatten)]
    pub source: SourceArgs,
    /// Algorithm.
    #[arg(long, value_enum, default_value_t = crate::report::Algorithm::Louvain)]
    pub algorithm: crate::report::Algorithm,
    /// Resolution γ (higher: smaller communities).
    #[arg(long, default_value_t = 1.0)]
    pub resolution: f64,
    /// Seed.
    #[arg(long, default_value_t = puentes_analysis::policy::DEFAULT_SEED)]
    pub seed: u64,
    /// json: the labelled report; csv: id,community.
    #[arg(long, value_enum, default_value_t = TableOut::Json)]
    pub format: TableOut,
}

/// `puentes gaps` and `puentes analytics`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Where the network comes from.
    #[command(flatten)]
    pub source: SourceArgs,
    /// json: the whole report; csv: its main table (gaps: one row per flagged
    /// organization; analytics: the correlations).
    #[arg(long, value_enum, default_value_t = TableOut::Json)]
    pub format: TableOut,
    /// Seed of the permutation tests (analytics).
    #[arg(long, default_value_t = puentes_analysis::policy::DEFAULT_SEED)]
    pub seed: u64,
    /// Items shown per list (every list states how many it holds in all).
    #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u64).range(1..))]
    pub limit: u64,
    /// Show every item of every list (overrides --limit).
    #[arg(long)]
    pub all: bool,
}

impl ReportArgs {
    /// Items shown per list.
    fn shown(&self) -> usize {
        if self.all {
            usize::MAX
        } else {
            usize::try_from(self.limit).unwrap_or(usize::MAX)
        }
    }
}

/// Where a read-only command takes its network from.
#[derive(Debug, Args)]
pub struct SourceArgs {
    /// Read this file or directory instead of the store (any import format, or a dated
    /// dataset directory with organizations.csv and ties.csv.gz, as `backtest` reads it).
    #[arg(long)]
    pub input: Option<PathBuf>,
    /// Format of --input (guessed from the name when omitted).
    #[arg(long = "input-format", value_enum)]
    pub input_format: Option<Format>,
    /// Store selection (when there is no --input).
    #[command(flatten)]
    pub store: StoreArgs,
}

/// `puentes metrics`.
#[derive(Debug, Args)]
pub struct MetricsArgs {
    /// Where the network comes from.
    #[command(flatten)]
    pub source: SourceArgs,
    /// Comma-separated columns (default: all). Metrics: degree, strength, betweenness,
    /// closeness, harmonic, eigenvector, pagerank, core_number, clustering. Position groups,
    /// from the gap analysis (computed only when one is asked for): community
    /// (community, community_label), structural_holes (constraint, effective_size,
    /// efficiency, hierarchy), brokerage (`broker_<role>_by_<corridor|community>`).
    #[arg(long)]
    pub metrics: Option<String>,
    /// Read tie weights (distance = 1/weight for path metrics).
    #[arg(long)]
    pub weighted: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TableOut::Csv)]
    pub format: TableOut,
    /// Write here instead of standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Neo4j only: store the metrics on the Organization nodes.
    #[arg(long)]
    pub write_back: bool,
}

/// Table output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableOut {
    /// CSV, one row per organization.
    Csv,
    /// JSON, one object per organization.
    Json,
}

/// `puentes export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Where the network comes from.
    #[command(flatten)]
    pub source: SourceArgs,
    /// csv, json, graphml or gexf.
    #[arg(long, value_parser = ["csv", "json", "graphml", "gexf"])]
    pub format: String,
    /// Write here instead of standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Include restricted fields (exact coordinates, contacts). Handle the file with care.
    #[arg(long)]
    pub include_restricted: bool,
}

/// Which store to use, and how to reach it.
#[derive(Debug, Args)]
pub struct StoreArgs {
    /// Storage backend.
    #[arg(long, value_enum, default_value_t = StoreKind::Memory, env = "PUENTES_STORE")]
    pub store: StoreKind,
    /// Data directory of the embedded store.
    #[arg(long, default_value = "./puentes-data", env = "PUENTES_DATA_DIR")]
    pub data_dir: PathBuf,
    /// Bolt URI of the Neo4j server (with --store neo4j).
    #[arg(long, env = "NEO4J_URI", default_value = "bolt://127.0.0.1:7687")]
    pub neo4j_uri: String,
    /// Neo4j user.
    #[arg(long, env = "NEO4J_USER", default_value = "neo4j")]
    pub neo4j_user: String,
    /// File holding the Neo4j password (preferred over NEO4J_PASSWORD: not visible in `ps`).
    #[arg(long)]
    pub neo4j_password_file: Option<PathBuf>,
    /// Neo4j password (from the environment only).
    #[arg(long, env = "NEO4J_PASSWORD", hide_env_values = true, hide = true)]
    pub neo4j_password: Option<String>,
}

/// Storage backends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StoreKind {
    /// Embedded store persisted to --data-dir (default, no set-up).
    Memory,
    /// A Neo4j 5 server over Bolt.
    Neo4j,
}

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
    /// Seconds an analysis may wait for a turn before its request answers 503 (busy).
    #[arg(long, env = "PUENTES_ANALYSIS_QUEUE_TIMEOUT", default_value_t = crate::analyses::QUEUE_WAIT.as_secs(),
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub analysis_queue_timeout: u64,
    /// Seconds a connection has to send a complete request head, from when it opens or from
    /// its previous answer; also how long an idle keep-alive connection stays open.
    #[arg(long, env = "PUENTES_HEADER_READ_TIMEOUT", default_value_t = 10,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub header_read_timeout: u64,
    /// Most connections open at once; more wait until one closes.
    #[arg(long, env = "PUENTES_MAX_CONNECTIONS", default_value_t = 1024,
          value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub max_connections: u32,
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

/// `puentes fixtures`.
#[derive(Debug, Args)]
pub struct FixturesArgs {
    /// Generator seed.
    #[arg(long, default_value_t = fixtures::DEFAULT_SEED)]
    pub seed: u64,
    /// Output directory (organizations.csv, ties.csv).
    #[arg(long, default_value = "fixtures/hip")]
    pub out: PathBuf,
}

/// Opens the selected store to write it. The embedded store's data directory is then owned
/// by this process until it ends: a second writer (another `serve`, an `import`) is refused
/// with what to do instead (see [`MemoryStore::open`]).
pub async fn open_store(args: &StoreArgs) -> Result<Arc<dyn GraphStore>> {
    Ok(match args.store {
        StoreKind::Memory => Arc::new(MemoryStore::open(&args.data_dir).map_err(for_people)?),
        StoreKind::Neo4j => Arc::new(neo4j_store(args).await?),
    })
}

/// The embedded store's errors at open name the directory or file and what to do, so they
/// are shown without the kind prefix (`conflict: `, `invalid: `).
fn for_people(e: crate::store::StoreError) -> anyhow::Error {
    use crate::store::StoreError;
    match e {
        StoreError::NotFound(r) | StoreError::Conflict(r) | StoreError::Invalid(r) => {
            anyhow::anyhow!(r.render(crate::i18n::current()))
        }
        StoreError::Unavailable(m) => anyhow::anyhow!(m),
        other => other.into(),
    }
}

/// Opens the selected store to read it only: the embedded store's data directory is read
/// without taking it over, so this works while a server owns it (see
/// [`MemoryStore::open_read_only`]).
pub async fn open_store_to_read(args: &StoreArgs) -> Result<Arc<dyn GraphStore>> {
    Ok(match args.store {
        StoreKind::Memory => {
            Arc::new(MemoryStore::open_read_only(&args.data_dir).map_err(for_people)?)
        }
        StoreKind::Neo4j => Arc::new(neo4j_store(args).await?),
    })
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

/// Connects to the Neo4j store described by `args`.
pub async fn neo4j_store(args: &StoreArgs) -> Result<Neo4jStore> {
    let password = match (&args.neo4j_password_file, &args.neo4j_password) {
        (Some(file), _) => std::fs::read_to_string(file)
            .map_err(|e| {
                refuse(&Refusal::CannotRead {
                    path: file.display().to_string(),
                    detail: e.to_string(),
                })
            })?
            .trim()
            .to_owned(),
        (None, Some(p)) => p.clone(),
        (None, None) => String::new(),
    };
    let config = Neo4jConfig::new(&args.neo4j_uri, &args.neo4j_user, password);
    Neo4jStore::connect(config).await.map_err(|e| {
        refuse(&Refusal::CannotConnect {
            uri: args.neo4j_uri.clone(),
            detail: e.to_string(),
        })
    })
}

/// The committed fixture, built into the binary so `serve` works from any directory.
pub fn builtin_fixture() -> Result<puentes_analysis::model::NetworkData> {
    let parsed = crate::import::project_csv::read(
        (
            "organizations.csv",
            include_bytes!("../../fixtures/hip/organizations.csv"),
        ),
        ("ties.csv", include_bytes!("../../fixtures/hip/ties.csv")),
    );
    Ok(parsed.finish(&HashSet::new())?.0)
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
        analysis: crate::analyses::AnalysisLimits {
            concurrent: usize::from(args.max_analyses),
            queued: args.analysis_queue as usize,
            wait: Duration::from_secs(args.analysis_queue_timeout),
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
        drain_timeout: config.request_timeout + header_read_timeout,
    };
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

pub(crate) fn spinner(message: &str) -> ProgressBar {
    let pb = ProgressBar::new_spinner();
    pb.set_style(
        ProgressStyle::with_template("{spinner} {msg} [{elapsed}]")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    pb.enable_steady_tick(Duration::from_millis(120));
    pb.set_message(message.to_owned());
    pb
}

/// `puentes fixtures`.
pub fn fixtures(args: &FixturesArgs) -> Result<()> {
    let data = fixtures::generate(args.seed);
    fixtures::write_csv(&data, &args.out).map_err(|e| cannot_write(&args.out, &e))?;
    let partners = data.organizations.iter().filter(|o| o.partner).count();
    println!(
        "{}",
        say(&Notice::WroteFixture {
            orgs: data.organizations.len(),
            partners,
            ties: data.ties.len(),
            path: args.out.display().to_string(),
            seed: args.seed,
        })
    );
    Ok(())
}

/// `puentes generate`.
pub fn generate(args: &GenerateArgs) -> Result<()> {
    use std::io::Write;
    let (n, m) = (args.nodes as usize, args.ties_per_node as usize);
    let ties = puentes_analysis::generate::powerlaw_cluster(n, m, args.triangles, args.seed)?;
    let file = std::fs::File::create(&args.out).map_err(|e| cannot_write(&args.out, &e))?;
    let header = format!(
        "# Synthetic Holme-Kim power-law cluster graph (puentes generate --nodes {n} \
         --ties-per-node {m} --triangles {} --seed {})\n# Nodes: {n} Edges: {}\n\
         # FromNodeId\tToNodeId\n",
        args.triangles,
        args.seed,
        ties.len()
    );
    let write = |out: &mut dyn Write| -> std::io::Result<()> {
        out.write_all(header.as_bytes())?;
        for (a, b) in &ties {
            writeln!(out, "{a}\t{b}")?;
        }
        out.flush()
    };
    let buffered = std::io::BufWriter::new(file);
    let written = if args.out.extension().is_some_and(|e| e == "gz") {
        let mut gz = flate2::write::GzEncoder::new(buffered, flate2::Compression::fast());
        write(&mut gz).and_then(|()| gz.finish()?.flush())
    } else {
        let mut plain = buffered;
        write(&mut plain)
    };
    written.map_err(|e| cannot_write(&args.out, &e))?;
    println!(
        "{}",
        say(&Notice::WroteGenerated {
            orgs: n,
            ties: ties.len(),
            path: args.out.display().to_string(),
            seed: args.seed,
        })
    );
    Ok(())
}

/// The revision context of the command's network: `--input` read into a context no store
/// backs, or the configured store's current revision.
pub async fn source_context(args: &SourceArgs) -> Result<Arc<Revision>> {
    let Some(path) = &args.input else {
        let store = open_store_to_read(&args.store).await?;
        return Ok(Analyses::new(store).current().await?);
    };
    // A dated dataset from elsewhere (ties.csv.gz, `year` column): read as it is.
    if args.input_format.is_none() && path.is_dir() && !path.join("ties.csv").exists() {
        let data = crate::import::dataset::read(path)?;
        return Ok(Revision::detached(0, Arc::new(data)));
    }
    let parsed = crate::import::read_path(path, args.input_format)?;
    let (data, _) = match parsed.finish(&HashSet::new()) {
        Ok(ok) => ok,
        Err(e) => bail!(e),
    };
    Ok(Revision::detached(0, Arc::new(data)))
}

fn output(out: Option<&PathBuf>, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    match out {
        Some(path) => std::fs::write(path, bytes).map_err(|e| cannot_write(path, &e)),
        None => Ok(std::io::stdout().write_all(bytes)?),
    }
}

/// `puentes metrics`.
pub async fn metrics(args: MetricsArgs) -> Result<()> {
    use crate::metrics::{metric_columns, write_back_rows, Metric, PositionGroup};
    let (chosen, groups): (Vec<Metric>, Vec<PositionGroup>) = match &args.metrics {
        None => (Metric::ALL.to_vec(), PositionGroup::ALL.to_vec()),
        Some(list) => {
            let (mut chosen, mut groups) = (Vec::new(), Vec::new());
            for name in list.split(',') {
                if let Some(m) = Metric::parse(name) {
                    chosen.push(m);
                } else if let Some(g) = PositionGroup::parse(name) {
                    groups.push(g);
                } else {
                    return Err(refuse(&Refusal::BadValue {
                        name: "--metrics".into(),
                        value: name.to_owned(),
                        expected: Expected::MetricsOrGroups(
                            Metric::ALL.map(|m| m.name().to_owned()).to_vec(),
                            PositionGroup::ALL.map(|g| g.name().to_owned()).to_vec(),
                        ),
                    }));
                }
            }
            (chosen, groups)
        }
    };
    if args.write_back
        && (args.source.input.is_some() || args.source.store.store != StoreKind::Neo4j)
    {
        return Err(refuse(&Refusal::WriteBackNeedsStore));
    }
    let ctx = source_context(&args.source).await?;
    let pb = spinner(&say(&Notice::ComputingMetrics {
        metrics: chosen.len() + groups.len(),
        orgs: ctx.data.organizations.len(),
    }));
    let table = ctx.metrics(&chosen, args.weighted).await?;
    // The position columns come from the gap analysis: run it only when asked for.
    let gaps = if groups.is_empty() {
        None
    } else {
        Some(ctx.gaps().await?)
    };
    pb.finish_and_clear();
    for note in &table.notes {
        let text = crate::i18n::catalogue::metric_note(note, crate::i18n::current());
        eprintln!("{}", say(&Notice::Note { text }));
    }
    let mut metric_cols = metric_columns(&table, &chosen);
    if args.write_back {
        let neo = neo4j_store(&args.source.store).await?;
        let rows = write_back_rows(&ctx.data, &metric_cols);
        neo.write_metrics(ctx.revision, &rows).await?;
        eprintln!(
            "{}",
            say(&Notice::WroteMetrics {
                metrics: metric_cols.len(),
                nodes: rows.len(),
                revision: ctx.revision,
            })
        );
    }
    if let Some(g) = &gaps {
        metric_cols.extend(
            crate::report::position_columns(g)
                .into_iter()
                .filter(|c| groups.iter().any(|grp| grp.owns(&c.name))),
        );
    }
    let ids: Vec<&str> = ctx
        .data
        .organizations
        .iter()
        .map(|o| o.id.as_str())
        .collect();
    let columns = crate::export::node_columns(&ctx.data.organizations, false, metric_cols);
    let mut buf = Vec::new();
    match args.format {
        TableOut::Csv => crate::export::table_csv(&ids, &columns, &mut buf)?,
        TableOut::Json => {
            serde_json::to_writer_pretty(&mut buf, &crate::export::node_objects(&ids, &columns))?;
            buf.push(b'\n');
        }
    }
    output(args.out.as_ref(), &buf)
}

/// `puentes summary`.
pub async fn summary(args: SourceArgs) -> Result<()> {
    let s = source_context(&args).await?.summary().await?;
    json_out(&*s)
}

/// `puentes export`.
pub async fn export(args: ExportArgs) -> Result<()> {
    let format = crate::export::ExportFormat::parse(&args.format).map_err(anyhow::Error::msg)?;
    let ctx = source_context(&args.source).await?;
    let bytes = ctx.export(format, args.include_restricted).await?;
    output(args.out.as_ref(), &bytes)
}

pub(crate) fn json_out<T: serde::Serialize>(value: &T) -> Result<()> {
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    output(None, text.as_bytes())
}

pub(crate) fn csv_out(header: &[&str], rows: Vec<Vec<String>>) -> Result<()> {
    let mut buf = Vec::new();
    crate::export::rows_csv(header, rows.into_iter(), &mut buf)?;
    output(None, &buf)
}

/// `puentes communities`.
pub async fn communities(args: CommunitiesArgs) -> Result<()> {
    let params = crate::report::CommunityParams {
        algorithm: args.algorithm,
        resolution: args.resolution,
        seed: args.seed,
    };
    if !(params.resolution.is_finite() && params.resolution > 0.0) {
        return Err(refuse(&Refusal::BadValue {
            name: "--resolution".into(),
            value: params.resolution.to_string(),
            expected: Expected::Number {
                min: None,
                above: Some(0.0),
                max: None,
            },
        }));
    }
    let report = source_context(&args.source)
        .await?
        .communities(params)
        .await?;
    eprintln!(
        "{}",
        say(&Notice::Communities {
            count: report.count,
            modularity: report.modularity,
            algorithm: format!("{:?}", params.algorithm).to_lowercase(),
            resolution: params.resolution,
            seed: params.seed,
        })
    );
    match args.format {
        TableOut::Json => json_out(&*report),
        TableOut::Csv => csv_out(
            &["id", "community"],
            report
                .membership
                .iter()
                .map(|(id, c)| vec![id.clone(), c.to_string()])
                .collect(),
        ),
    }
}

/// `puentes gaps`.
pub async fn gaps(args: ReportArgs) -> Result<()> {
    let ctx = source_context(&args.source).await?;
    let (net, g) = (ctx.network().await?, ctx.gaps().await?);
    // Each section keeps its first --limit items and states its total.
    let report = crate::report::gap_report(&net, &g, 0, args.shown(), crate::i18n::current());
    match args.format {
        TableOut::Json => json_out(&report),
        TableOut::Csv => {
            let section = &report.peripheral;
            if section.items.len() < section.total {
                eprintln!(
                    "{}",
                    say(&Notice::Listed {
                        shown: section.items.len(),
                        total: section.total,
                        list: ListName::Peripheral,
                    })
                );
            }
            csv_out(
                &["id", "name", "partner", "reasons", "explanation"],
                section
                    .items
                    .iter()
                    .map(|p| {
                        vec![
                            p.organization.id.clone(),
                            p.organization.name.clone(),
                            p.partner.to_string(),
                            p.reasons.join(";"),
                            p.explanation.join(" "),
                        ]
                    })
                    .collect(),
            )
        }
    }
}

/// `puentes analytics`.
pub async fn analytics(args: ReportArgs) -> Result<()> {
    /// Keeps the first `shown` items of the list `key` of `object` and states its length
    /// beside it as `<key>_total`.
    fn limit_list(object: &mut serde_json::Value, key: &str, shown: usize) {
        let Some(map) = object.as_object_mut() else {
            return;
        };
        let Some(list) = map.get_mut(key).and_then(serde_json::Value::as_array_mut) else {
            return;
        };
        let total = list.len();
        list.truncate(shown);
        map.insert(format!("{key}_total"), total.into());
    }
    let ctx = source_context(&args.source).await?;
    let report = ctx.attributes(999, args.seed).await?;
    let shown = args.shown();
    let num = |x: Option<f64>| x.map(|v| v.to_string()).unwrap_or_default();
    match args.format {
        TableOut::Json => {
            let mut doc = serde_json::to_value(&*report)?;
            for key in ["assortativity", "correlations"] {
                limit_list(&mut doc, key, shown);
            }
            if let Some(groupings) = doc
                .get_mut("ei_index")
                .and_then(serde_json::Value::as_array_mut)
            {
                for grouping in groupings {
                    limit_list(grouping, "groups", shown);
                }
            }
            json_out(&doc)
        }
        TableOut::Csv => {
            let total = report.correlations.len();
            if shown < total {
                eprintln!(
                    "{}",
                    say(&Notice::Listed {
                        shown,
                        total,
                        list: ListName::Correlations,
                    })
                );
            }
            csv_out(
                &[
                    "x",
                    "y",
                    "n",
                    "pearson_r",
                    "pearson_p",
                    "spearman_rho",
                    "spearman_p",
                ],
                report
                    .correlations
                    .iter()
                    .take(shown)
                    .map(|r| {
                        vec![
                            r.x.clone(),
                            r.y.clone(),
                            r.n.to_string(),
                            num(r.pearson_r),
                            num(r.pearson_p),
                            num(r.spearman_rho),
                            num(r.spearman_p),
                        ]
                    })
                    .collect(),
            )
        }
    }
}

/// `puentes render`: the picture of one view of the map, written to `--out`.
pub async fn render(args: RenderArgs) -> Result<()> {
    let view =
        crate::map::View::parse(&args.view, args.radius).map_err(|e| refuse(&Refusal::Map(e)))?;
    let ctx = source_context(&args.source).await?;
    let pb = spinner(&say(&Notice::LayingOut {
        orgs: ctx.data.organizations.len(),
    }));
    let (net, gaps, layout) = (ctx.network().await?, ctx.gaps().await?, ctx.layout().await?);
    let (lang, revision, format) = (crate::i18n::current(), ctx.revision, args.format);
    let (map, bytes) = tokio::task::spawn_blocking(move || -> Result<_> {
        let map = crate::map::view(&net, &gaps, &layout, &view, lang, revision)?;
        let svg = crate::map::svg(&map);
        let bytes = match format {
            ImageFormat::Svg => svg.into_bytes(),
            ImageFormat::Png => crate::map::png(&svg)?,
        };
        Ok((map, bytes))
    })
    .await??;
    pb.finish_and_clear();
    std::fs::write(&args.out, &bytes).map_err(|e| cannot_write(&args.out, &e))?;
    println!(
        "{}",
        say(&Notice::WroteImage {
            path: args.out.display().to_string(),
            bytes: bytes.len(),
            width: crate::map::WIDTH,
            height: crate::map::HEIGHT,
            view: map.view.param.to_string(),
            nodes: map.totals.nodes,
            edges: map.totals.edges,
            labelled: map.nodes.iter().filter(|n| n.labelled).count(),
        })
    );
    Ok(())
}

/// The refusal of a file that could not be written.
pub(crate) fn cannot_write(path: &std::path::Path, e: &dyn std::fmt::Display) -> anyhow::Error {
    refuse(&Refusal::CannotWrite {
        path: path.display().to_string(),
        detail: e.to_string(),
    })
}
