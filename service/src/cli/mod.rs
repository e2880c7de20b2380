//! The `puentes` command line: the arguments every command shares (where the network comes
//! from, which store, table output), store opening, and output; each command lives in its own
//! file beside this one, with its arguments.

mod analytics;
mod backtest;
mod communities;
mod export;
mod fixtures;
mod gaps;
mod generate;
pub mod import;
mod metrics;
mod render;
mod report;
mod serve;
mod suggest;
mod summary;
mod text;
pub mod time;
mod what_if;

pub use analytics::analytics;
pub use backtest::{backtest, backtest_tables, read_dated, BacktestArgs, BacktestOut, PresenceArg};
pub use communities::{communities, CommunitiesArgs};
pub use export::{export, ExportArgs};
pub use fixtures::{fixtures, FixturesArgs};
pub use gaps::{gaps, GapsArgs};
pub use generate::{generate, GenerateArgs};
pub use import::{import, ImportArgs, Mode};
pub use metrics::{metrics, MetricsArgs};
pub(crate) use render::today;
pub use render::{render, ImageFormat, RenderArgs};
pub use report::{report, ReportCommandArgs};
pub use serve::{serve, ServeArgs};
pub use suggest::{suggest, SuggestArgs};
pub use summary::{summary, SummaryArgs};
pub use text::Output;
pub use what_if::{proposed_tie, what_if, what_if_document, WhatIfArgs};

use crate::analyses::{Analyses, Revision};
use crate::i18n::{refuse, Refusal};
use crate::import::Format;
use crate::params::Seed;
pub use crate::params::TableFormat;
use crate::store::{GraphStore, MemoryStore, Neo4jConfig, Neo4jStore};
use anyhow::{bail, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use std::collections::HashSet;
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
    #[arg(long, global = true, default_value = "en", env = "PUENTES_LANG",
          value_parser = crate::params::lang)]
    pub lang: crate::i18n::Lang,
    /// Most bytes read from one input: a file or standard input (`/dev/stdin`) given to a
    /// command, and a request body of `serve` (default 268435456, 256 MiB). A larger input
    /// is refused, naming the file and the limit, and nothing is imported or analysed.
    #[arg(long, global = true, env = "PUENTES_MAX_INPUT_BYTES",
          default_value_t = crate::import::INPUT_LIMIT as u64,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub max_input_bytes: u64,
}

const EXAMPLES: &str = "Examples:
  puentes serve                                  # embedded store in ./puentes-data, fixture loaded on first start
  PUENTES_ADMIN_TOKEN=s3cret puentes serve --addr 0.0.0.0:8080
  puentes import fixtures/hip --dry-run          # validate the project CSV pair, write nothing
  puentes import network.json --mode replace     # the file becomes the network
  puentes import edges.txt.gz --format snap      # a SNAP edge list (organizations created from ids)
  puentes fixtures --seed 20241126 --out fixtures/hip
  puentes render --view community/2 --format png --out community.png --lang es
  puentes report --lang es --out informe.html     # the planners' report; --format pdf prints it with Chromium";

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
    /// distances, centralization: a table in --lang on a terminal, JSON when piped
    /// (--format text|json).
    Summary(SummaryArgs),
    /// Export the network with every attribute and metric: csv, json (NetworkX node-link),
    /// graphml or gexf (Gephi).
    Export(ExportArgs),
    /// Communities of organizations that tie mostly to each other (Louvain, Leiden, label
    /// propagation, components), seeded: same network and seed, same partition.
    Communities(CommunitiesArgs),
    /// Gaps for planners: isolated and peripheral organizations, cut points and bridges with
    /// what they cut off, least-connected communities, services out of reach: sentences and
    /// a table in --lang on a terminal, JSON when piped (--format text|json|csv).
    Gaps(GapsArgs),
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
    Suggest(SuggestArgs),
    /// Evaluate the suggestion scores on real history: train on ties formed before
    /// --split-year, rank candidates for every organization present then, score against the
    /// pairs first tied in the following --horizon years; every scorer and goal against the
    /// baselines (random, common neighbours, Adamic–Adar, preferential attachment).
    Backtest(BacktestArgs),
    /// What proposed ties would change: isolated and peripheral organizations, components,
    /// cut points, bridges, distances, efficiency, constraint, service reach (JSON).
    WhatIf(WhatIfArgs),
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
    /// The report for planners, to hand to a board: the map with its legend, the key
    /// figures, the findings in sentences (isolated and peripheral organizations, cut points,
    /// communities that do not talk to each other, services out of reach), the best suggested
    /// introductions, the definition of every figure, in --lang. One self-contained HTML file
    /// (print it from any browser), or PDF printed by headless Chromium (--format pdf).
    /// Exact locations and contacts are never in it.
    Report(ReportCommandArgs),
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
    /// The network of this year: the ties active then (since ≤ YEAR ≤ until; an unknown
    /// since counts as present) and the organizations founded or tied by then. From the
    /// network's first dated tie to next year.
    #[arg(long = "as-of", value_name = "YEAR")]
    pub as_of: Option<String>,
    /// Only the confirmed ties: those both sides reported (e.g. reciprocated survey
    /// nominations).
    #[arg(long)]
    pub confirmed: bool,
    /// What weighs a tie in the weighted metrics: `strength` (1-5, the default) or the name of
    /// a tie attribute, e.g. a survey's per-partner `trust` (a tie without it weighs 1).
    #[arg(long, value_name = "NAME")]
    pub weight: Option<String>,
    /// Store selection (when there is no --input).
    #[command(flatten)]
    pub store: StoreArgs,
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

/// `puentes gaps` and `puentes analytics`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Where the network comes from.
    #[command(flatten)]
    pub source: SourceArgs,
    /// json: the whole report; csv: its main table (gaps: one row per flagged
    /// organization; analytics: the correlations).
    #[arg(long, default_value = "json", value_parser = TableFormat::parse)]
    pub format: TableFormat,
    /// Seed of the permutation tests (analytics).
    #[arg(long, default_value = "42", value_parser = Seed::parse)]
    pub seed: Seed,
    /// Items shown per list, 1 to 10000 (every list states how many it holds in all).
    #[arg(long, default_value = "50", value_parser = crate::params::list_limit)]
    pub limit: usize,
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
            self.limit
        }
    }
}

/// The language a command line asks for (`--lang X`, `--lang=X`, else `PUENTES_LANG`, else
/// English), read without clap: the words of a refusal raised while clap reads the other
/// arguments (a parameter's constructor refusing a value) must be in it.
pub fn requested_lang(args: &[String]) -> crate::i18n::Lang {
    let mut given = None;
    for (i, arg) in args.iter().enumerate() {
        if arg == "--lang" {
            given = args.get(i + 1).cloned();
        } else if let Some(value) = arg.strip_prefix("--lang=") {
            given = Some(value.to_owned());
        }
    }
    given
        .or_else(|| std::env::var("PUENTES_LANG").ok())
        .and_then(|code| crate::i18n::Lang::parse(&code))
        .unwrap_or_default()
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
            // A mistyped --data-dir would otherwise be read as an empty network.
            if !args.data_dir.is_dir() {
                return Err(refuse(&Refusal::NoDataDir {
                    path: args.data_dir.display().to_string(),
                }));
            }
            Arc::new(MemoryStore::open_read_only(&args.data_dir).map_err(for_people)?)
        }
        StoreKind::Neo4j => Arc::new(neo4j_store(args).await?),
    })
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
            include_bytes!("../../../fixtures/hip/organizations.csv"),
        ),
        ("ties.csv", include_bytes!("../../../fixtures/hip/ties.csv")),
    );
    Ok(parsed.finish(&HashSet::new())?.0)
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

/// The revision context of the command's network (of the year `--as-of` names, if any): `--input` read into a context no store
/// backs, or the configured store's current revision.
pub async fn source_context(args: &SourceArgs) -> Result<Arc<Revision>> {
    let whole = whole_source(args).await?;
    let weight = match &args.weight {
        Some(text) => {
            crate::params::check_weight("weight", text, &whole.data).map_err(|r| refuse(&r))?
        }
        None => None,
    };
    if args.as_of.is_none() && !args.confirmed {
        return Ok(match weight {
            Some(name) => whole.weighted_by(&name).await?,
            None => whole,
        });
    }
    let year = args
        .as_of
        .as_deref()
        .map(|year| crate::time::check_year("--as-of", year, &whole.data))
        .transpose()
        .map_err(|r| refuse(&r))?;
    // A view of the whole network, so that `render` keeps every organization where the map
    // of the whole network puts it.
    let view = whole.view(year, args.confirmed).await?;
    Ok(match weight {
        Some(name) => view.weighted_by(&name).await?,
        None => view,
    })
}

/// The whole network of `--input` or of the store, whatever `--as-of` says.
pub(crate) async fn whole_source(args: &SourceArgs) -> Result<Arc<Revision>> {
    let Some(path) = &args.input else {
        let store = open_store_to_read(&args.store).await?;
        return Ok(Analyses::new(store).current().await?);
    };
    // A dated dataset from elsewhere (ties.csv.gz, or a ties.csv of `source,target,year` with
    // no `kind` column, as somalia-iati-aid): read as it is.
    let dataset_ties = || {
        use std::io::BufRead;
        let Ok(file) = std::fs::File::open(path.join("ties.csv")) else {
            return true;
        };
        let mut header = String::new();
        let read = std::io::BufReader::new(file).read_line(&mut header);
        read.is_ok() && !header.split(',').any(|c| c.trim() == "kind")
    };
    if args.input_format.is_none() && path.is_dir() && dataset_ties() {
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

/// Like [`output`], but a file is readable and writable by its owner only (mode 0600 on
/// Unix, also when it existed before): for files with restricted fields (contacts, exact
/// coordinates).
fn output_private(out: Option<&PathBuf>, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let Some(path) = out else {
        return output(None, bytes);
    };
    let write = || -> std::io::Result<()> {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
            options.mode(0o600);
            let file = options.open(path)?;
            // `mode` applies to a new file only; an existing one keeps its mode otherwise.
            file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
            let mut file = file;
            file.write_all(bytes)?;
            file.sync_all()
        }
        #[cfg(not(unix))]
        {
            let mut file = options.open(path)?;
            file.write_all(bytes)?;
            file.sync_all()
        }
    };
    write().map_err(|e| cannot_write(path, &e))
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

/// The refusal of a file that could not be written.
pub(crate) fn cannot_write(path: &std::path::Path, e: &dyn std::fmt::Display) -> anyhow::Error {
    refuse(&Refusal::CannotWrite {
        path: path.display().to_string(),
        detail: e.to_string(),
    })
}
