//! The `puentes` command line: argument definitions and the commands behind them.

use crate::fixtures;
use crate::http::{app, AppState, Config};
use crate::import::{self, Format};
use crate::store::{ApplyMode, Batch, GraphStore, MemoryStore};
use anyhow::{bail, Context, Result};
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
}

const EXAMPLES: &str = "Examples:
  puentes serve                                  # embedded store in ./puentes-data, fixture loaded on first start
  PUENTES_ADMIN_TOKEN=s3cret puentes serve --addr 0.0.0.0:8080
  puentes import fixtures/hip --dry-run          # validate the project CSV pair, write nothing
  puentes import network.json --mode replace     # the file becomes the network
  puentes import edges.txt.gz --format snap      # a SNAP edge list (organizations created from ids)
  puentes fixtures --seed 20241126 --out fixtures/hip";

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
    /// source,target[,weight]. Every problem is printed with file, line, column, value and
    /// what is allowed; if there is any, nothing is written and the exit code is 2.
    Import(ImportArgs),
    /// Generate the synthetic HIP-like fixture (same seed → byte-identical files).
    Fixtures(FixturesArgs),
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
    /// Admin token (writes and restricted fields).
    #[arg(long, env = "PUENTES_ADMIN_TOKEN", hide_env_values = true)]
    pub admin_token: Option<String>,
    /// Token that only shows restricted fields (coordinates, contacts).
    #[arg(long, env = "PUENTES_RESTRICTED_TOKEN", hide_env_values = true)]
    pub restricted_token: Option<String>,
}

/// `puentes import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// File or directory to import.
    pub path: PathBuf,
    /// Input format (guessed from the name when omitted).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// merge: upsert by id and keep the rest; replace: the file becomes the network.
    #[arg(long, value_enum, default_value_t = Mode::Merge)]
    pub mode: Mode,
    /// Validate and report, write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Store selection.
    #[command(flatten)]
    pub store: StoreArgs,
}

/// Import modes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Mode {
    /// Upsert, keep the rest.
    Merge,
    /// Replace the whole network.
    Replace,
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

/// Opens the selected store.
pub async fn open_store(args: &StoreArgs) -> Result<Arc<dyn GraphStore>> {
    Ok(match args.store {
        StoreKind::Memory => Arc::new(
            MemoryStore::open(&args.data_dir)
                .with_context(|| format!("opening the data directory {}", args.data_dir.display()))?,
        ),
        StoreKind::Neo4j => {
            let _ = (&args.neo4j_uri, &args.neo4j_user, &args.neo4j_password_file, &args.neo4j_password);
            bail!("the Neo4j store is not wired into the CLI yet")
        }
    })
}

/// The committed fixture, built into the binary so `serve` works from any directory.
pub fn builtin_fixture() -> Result<puentes_analysis::model::NetworkData> {
    let parsed = import::project_csv::read(
        ("organizations.csv", include_bytes!("../../fixtures/hip/organizations.csv")),
        ("ties.csv", include_bytes!("../../fixtures/hip/ties.csv")),
    );
    Ok(parsed.finish(&HashSet::new())?.0)
}

/// `puentes serve`.
pub async fn serve(args: ServeArgs) -> Result<()> {
    let store = open_store(&args.store).await?;
    if args.store.store == StoreKind::Memory && !args.no_fixture && store.revision().await? == 0 {
        let data = builtin_fixture()?;
        let (orgs, ties) = (data.organizations.len(), data.ties.len());
        store.apply(Batch::replace(data)).await?;
        eprintln!("Empty store: loaded the synthetic HIP-like fixture ({orgs} organizations, {ties} ties).");
    }
    if args.admin_token.is_none() {
        eprintln!("PUENTES_ADMIN_TOKEN is not set: the server is read-only (writes answer 403).");
    }
    let state = AppState::new(
        store,
        Config {
            admin_token: args.admin_token,
            restricted_token: args.restricted_token,
            ..Config::default()
        },
    );
    let listener = tokio::net::TcpListener::bind(args.addr)
        .await
        .with_context(|| format!("listening on {}", args.addr))?;
    let addr = listener.local_addr()?;
    println!("Puentes is serving on http://{addr}/  (API explorer: http://{addr}/api/v1/docs)");
    axum::serve(listener, app(state))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}

fn spinner(message: &str) -> ProgressBar {
    let pb = ProgressBar::new_spinner();
    pb.set_style(
        ProgressStyle::with_template("{spinner} {msg} [{elapsed}]")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    pb.enable_steady_tick(Duration::from_millis(120));
    pb.set_message(message.to_owned());
    pb
}

/// `puentes import`. Returns the process exit code (0 ok, 2 invalid input).
pub async fn import(args: ImportArgs) -> Result<i32> {
    let store = open_store(&args.store).await?;
    let pb = spinner(&format!("reading {}", args.path.display()));
    let path = args.path.clone();
    let format = args.format;
    let parsed = tokio::task::spawn_blocking(move || import::read_path(&path, format)).await??;
    pb.set_message("validating");
    let known: HashSet<String> = match args.mode {
        Mode::Replace => HashSet::new(),
        Mode::Merge => store
            .snapshot()
            .await?
            .data
            .organizations
            .iter()
            .map(|o| o.id.clone())
            .collect(),
    };
    let result = tokio::task::spawn_blocking(move || parsed.finish(&known)).await?;
    let (data, summary) = match result {
        Ok(ok) => ok,
        Err(import::ImportError::Invalid(problems)) => {
            pb.finish_and_clear();
            eprintln!("{} problem(s); nothing was imported:", problems.len());
            for p in &problems {
                eprintln!("  {p}");
            }
            return Ok(2);
        }
        Err(e) => bail!(e),
    };
    let mut line = format!(
        "{} organizations, {} ties",
        summary.organizations, summary.ties
    );
    if summary.merged_duplicates + summary.skipped_self_loops > 0 {
        line.push_str(&format!(
            " ({} repeated or mirrored lines merged, {} self-loops skipped)",
            summary.merged_duplicates, summary.skipped_self_loops
        ));
    }
    if args.dry_run {
        pb.finish_and_clear();
        println!("Valid: {line}. Dry run: nothing written.");
        return Ok(0);
    }
    pb.set_message(format!("writing {line}"));
    let batch = match args.mode {
        Mode::Merge => Batch {
            mode: ApplyMode::Merge,
            ..Batch::merge(data)
        },
        Mode::Replace => Batch::replace(data),
    };
    let revision = store.apply(batch).await?;
    pb.finish_and_clear();
    println!("Imported {line}; store revision is now {revision}.");
    Ok(0)
}

/// `puentes fixtures`.
pub fn fixtures(args: &FixturesArgs) -> Result<()> {
    let data = fixtures::generate(args.seed);
    fixtures::write_csv(&data, &args.out)
        .with_context(|| format!("writing {}", args.out.display()))?;
    let partners = data.organizations.iter().filter(|o| o.partner).count();
    println!(
        "Wrote {} organizations ({partners} partners) and {} ties to {} (seed {}).",
        data.organizations.len(),
        data.ties.len(),
        args.out.display(),
        args.seed
    );
    Ok(())
}
