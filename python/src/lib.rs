//! `puentes._puentes`: the native half of the `puentes` Python package.
//!
//! Researchers get Puentes' analyses in a notebook with the numbers and sentences of the CLI:
//! every method here reads the same revision context ([`puentes::analyses::Revision`]) the
//! CLI and the HTTP API read, so `net.metrics()` is `puentes metrics`, `net.gaps(lang="es")`
//! is `puentes gaps --lang es`, with the same seeds and the same catalogue.
//!
//! # Why this shape
//! - **Thin.** Networks come in through the service's readers (`import::read_path`, the
//!   dated dataset reader, the named edge list for DataFrames and NetworkX graphs), so a
//!   value is judged by the same rules whatever it came from; answers go out as plain Python
//!   values or the CLI's JSON documents, and the Python layer (`python/puentes/__init__.py`)
//!   turns them into pandas objects.
//! - **The GIL is released** while Rust works ([`Python::detach`]): a notebook's other
//!   threads run while a metric is computed on every core.
//! - **Errors are the catalogue's sentences**, in the language asked, raised as
//!   `puentes.InputError` (what the caller gave cannot be used) or `puentes.AnalysisError`
//!   (the computation failed), both `puentes.PuentesError`.

use puentes::analyses::{AnalysisFailure, Revision};
use puentes::cli::{source_context, SourceArgs, StoreArgs, StoreKind};
use puentes::export::{Cell, ColumnType};
use puentes::i18n::{with_lang, Expected, Lang, Refusal};
use puentes::import::{self, Format};
use puentes::paging::Window;
use puentes::params::{self, Algorithm, CommunityParams, MetricSelection, Resolution, Seed};
use puentes::report;
use puentes_analysis::gaps::{brokerage, codes};
use puentes_analysis::network::NominalAttribute;
use puentes_analysis::suggest::backtest::{backtest as run_backtest, BacktestOptions, Presence};
use puentes_analysis::suggest::{Goal, SuggestOptions};
use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use std::collections::HashSet;
use std::future::Future;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

create_exception!(
    _puentes,
    PuentesError,
    PyException,
    "Every error raised by puentes; its message is a sentence of Puentes' catalogue."
);
create_exception!(
    _puentes,
    InputError,
    PuentesError,
    "The input cannot be used: a file, a value or a parameter; the message says where and what is allowed."
);
create_exception!(
    _puentes,
    AnalysisError,
    PuentesError,
    "An analysis could not be computed (a bug or an exhausted resource)."
);

/// Why a call failed, before it becomes a Python exception.
enum Failure {
    /// The caller's input or parameters (InputError).
    Input(String),
    /// The computation (AnalysisError).
    Analysis(String),
}

impl Failure {
    fn refused(r: &Refusal, lang: Lang) -> Self {
        Failure::Input(r.render(lang))
    }

    fn analysis(e: AnalysisFailure, lang: Lang) -> Self {
        match e {
            AnalysisFailure::Invalid(r) => Failure::Input(r.render(lang)),
            other => Failure::Analysis(other.to_string()),
        }
    }
}

impl From<Failure> for PyErr {
    fn from(f: Failure) -> PyErr {
        match f {
            Failure::Input(m) => InputError::new_err(m),
            Failure::Analysis(m) => AnalysisError::new_err(m),
        }
    }
}

/// The runtime the revision context's computations run on (its blocking pool; rayon inside).
fn runtime() -> &'static tokio::runtime::Runtime {
    static RT: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RT.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("puentes")
            .enable_all()
            .build()
            .expect("a tokio runtime starts (threads can be created)")
    })
}

/// Runs `fut` in `lang` without the GIL.
fn run<T: Send, F: Future<Output = Result<T, Failure>> + Send>(
    py: Python<'_>,
    lang: Lang,
    fut: F,
) -> PyResult<T> {
    py.detach(|| runtime().block_on(with_lang(lang, fut)))
        .map_err(PyErr::from)
}

/// The language named by `code` (`en` or `es`), refused in English otherwise.
fn language(code: &str) -> Result<Lang, Failure> {
    params::lang(code).map_err(|r| Failure::refused(&r, Lang::En))
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, Failure> {
    serde_json::to_string(value).map_err(|e| Failure::Analysis(e.to_string()))
}

/// One column of a node table, as Python values.
#[derive(IntoPyObject)]
enum Values {
    /// Numbers (missing: None).
    Numbers(Vec<Option<f64>>),
    /// Text (missing: None).
    Text(Vec<Option<String>>),
    /// true/false (missing: None).
    Flags(Vec<Option<bool>>),
}

fn values(kind: ColumnType, cells: &[Cell]) -> Values {
    match kind {
        ColumnType::Integer | ColumnType::Float => Values::Numbers(
            cells
                .iter()
                .map(|c| match c {
                    Cell::Number(x) => Some(*x),
                    _ => None,
                })
                .collect(),
        ),
        ColumnType::Boolean => Values::Flags(
            cells
                .iter()
                .map(|c| match c {
                    Cell::Bool(b) => Some(*b),
                    _ => None,
                })
                .collect(),
        ),
        ColumnType::Text => Values::Text(
            cells
                .iter()
                .map(|c| match c {
                    Cell::Text(t) => Some(t.clone()),
                    Cell::Number(x) => Some(x.to_string()),
                    Cell::Bool(b) => Some(b.to_string()),
                    Cell::Empty => None,
                })
                .collect(),
        ),
    }
}

fn kind_name(kind: ColumnType) -> &'static str {
    match kind {
        ColumnType::Text => "text",
        ColumnType::Integer => "integer",
        ColumnType::Float => "float",
        ColumnType::Boolean => "boolean",
    }
}

/// A node table: the organization ids and each column (name, type, values).
type Table = (Vec<String>, Vec<(String, &'static str, Values)>);

/// A network and its analyses (the revision context the CLI reads), computed lazily, once.
#[pyclass(frozen, module = "puentes._puentes", name = "Network")]
struct PyNetwork {
    ctx: Arc<Revision>,
    /// What the reader merged or named (JSON of `import::ImportSummary`), when it was read
    /// from rows.
    summary: Option<String>,
}

impl PyNetwork {
    /// The context of `as_of` (the whole network when `None`).
    async fn at(&self, as_of: Option<&str>, lang: Lang) -> Result<Arc<Revision>, Failure> {
        match as_of {
            None => Ok(Arc::clone(&self.ctx)),
            Some(text) => {
                let year = params::check_year("as_of", text, &self.ctx.data)
                    .map_err(|r| Failure::refused(&r, lang))?;
                self.ctx
                    .view(Some(year), false)
                    .await
                    .map_err(|e| Failure::analysis(e, lang))
            }
        }
    }
}

/// Sets the organization fields given by node (`(index, token, fields)`: the node's position
/// in the graph and its text as the rows name it) on the parsed organizations, each read by
/// the project import's rules ([`import::fields::organization`]). A problem is located as in
/// a JSON document, file `nodes`, field `/nodes/<index>/<field>` (the cross-record checks
/// too: the organization's record becomes that node). Fields other than
/// [`import::fields::ORGANIZATION_FIELDS`] (and `id`) are ignored.
fn with_attributes(parsed: &mut import::Parsed, attributes: &[Attributes]) {
    use std::collections::HashMap;
    if attributes.is_empty() {
        return;
    }
    let mut by_token: HashMap<&str, &str> = HashMap::new();
    for named in &parsed.named {
        by_token.insert(named.name.as_str(), named.id.as_str());
        for spelling in &named.spellings {
            by_token.insert(spelling.as_str(), named.id.as_str());
        }
    }
    let index: HashMap<String, usize> = parsed
        .data
        .organizations
        .iter()
        .enumerate()
        .map(|(i, o)| (o.id.clone(), i))
        .collect();
    let file = u8::try_from(parsed.files.len()).unwrap_or(u8::MAX);
    parsed.files.push("nodes".into());
    let mut updates = Vec::new();
    for (position, token, fields) in attributes {
        let token = token.trim();
        let id = by_token.get(token).copied().unwrap_or(token);
        let Some(&i) = index.get(id) else { continue };
        let org = &parsed.data.organizations[i];
        let mut values: Vec<(&str, String)> =
            vec![("id", org.id.clone()), ("name", org.name.clone())];
        for (field, value) in fields {
            if let Some(known) = import::fields::ORGANIZATION_FIELDS
                .iter()
                .find(|f| **f == field.as_str() && **f != "id")
            {
                values.retain(|(f, _)| f != known);
                values.push((known, value.clone()));
            }
        }
        let at = |field: &str| import::Location {
            file: "nodes".into(),
            line: None,
            column: None,
            field: format!("/nodes/{position}/{field}"),
        };
        let o = import::fields::organization(&values, at, &mut parsed.problems);
        updates.push((i, *position, o));
    }
    for (i, position, o) in updates {
        parsed.data.organizations[i] = o;
        if let Some(at) = parsed.org_at.get_mut(i) {
            *at = import::RecordAt::Item {
                file,
                section: "nodes",
                index: position,
            };
        }
    }
}

/// A node's organization fields: its position in the graph, its text, `(field, value)`s.
type Attributes = (usize, String, Vec<(String, String)>);

fn source(path: PathBuf, format: Option<Format>) -> SourceArgs {
    SourceArgs {
        input: Some(path),
        input_format: format,
        as_of: None,
        confirmed: false,
        weight: None,
        store: StoreArgs {
            store: StoreKind::Memory,
            data_dir: PathBuf::new(),
            neo4j_uri: String::new(),
            neo4j_user: String::new(),
            neo4j_password_file: None,
            neo4j_password: None,
        },
    }
}

/// The input format named `name` (`project`, `json`, `snap`, `edge-csv`, `edge-tsv`,
/// `xlsx`).
fn format(name: &str, lang: Lang) -> Result<Format, Failure> {
    const NAMES: [&str; 6] = ["project", "json", "snap", "edge-csv", "edge-tsv", "xlsx"];
    serde_json::from_value::<Format>(serde_json::Value::String(name.to_owned())).map_err(|_| {
        Failure::refused(
            &Refusal::BadValue {
                name: "format".into(),
                value: puentes::i18n::shorten(name),
                expected: Expected::OneOf(NAMES.map(str::to_owned).to_vec()),
            },
            lang,
        )
    })
}

#[pymethods]
impl PyNetwork {
    /// Reads a file or directory in any format the CLI reads (`--input`).
    #[staticmethod]
    #[pyo3(signature = (path, format=None, lang="en"))]
    fn read(py: Python<'_>, path: PathBuf, format: Option<&str>, lang: &str) -> PyResult<Self> {
        let lang = language(lang)?;
        let format = format.map(|f| self::format(f, lang)).transpose()?;
        let args = source(path, format);
        let ctx = run(py, lang, async move {
            source_context(&args)
                .await
                .map_err(|e| Failure::Input(format!("{e:#}")))
        })?;
        Ok(PyNetwork { ctx, summary: None })
    }

    /// A network from edge-list rows (`source`, `target`[, `weight`][, `year`], as text, as
    /// the named edge-list import reads them) and the `nodes` no row names; `attributes`
    /// gives organization fields (`ORGANIZATION_FIELDS`, as text) by node, read by the
    /// project import's field rules.
    #[staticmethod]
    #[pyo3(signature = (rows, nodes, weighted, dated, attributes=Vec::new(), file="edges", lang="en"))]
    #[allow(clippy::too_many_arguments)]
    fn from_rows(
        py: Python<'_>,
        rows: Vec<Vec<String>>,
        nodes: Vec<String>,
        weighted: bool,
        dated: bool,
        attributes: Vec<Attributes>,
        file: &str,
        lang: &str,
    ) -> PyResult<Self> {
        let lang = language(lang)?;
        let file = file.to_owned();
        let (ctx, summary) = run(py, lang, async move {
            let mut header = vec!["source".to_owned(), "target".to_owned()];
            if weighted {
                header.push("weight".into());
            }
            if dated {
                header.push("year".into());
            }
            let mut all = Vec::with_capacity(rows.len() + 1);
            all.push(header);
            all.extend(rows);
            let mut parsed = import::edgelist::read_rows_and_nodes(&file, &all, &nodes);
            with_attributes(&mut parsed, &attributes);
            let (data, summary) = parsed
                .finish(&HashSet::new())
                .map_err(|e| Failure::Input(e.render(lang)))?;
            Ok((Revision::detached(0, Arc::new(data)), to_json(&summary)?))
        })?;
        Ok(PyNetwork {
            ctx,
            summary: Some(summary),
        })
    }

    /// What the reader did (JSON): organizations and ties read, lines merged, self-loops
    /// skipped, ids made from names.
    fn import_summary(&self) -> Option<String> {
        self.summary.clone()
    }

    /// The ties (source, target, kind, strength, since, until, reported_by, attributes),
    /// JSON.
    fn ties(&self) -> PyResult<String> {
        Ok(to_json(&self.ctx.data.ties)?)
    }

    /// Organizations and ties.
    fn size(&self) -> (usize, usize) {
        (self.ctx.data.organizations.len(), self.ctx.data.ties.len())
    }

    /// The node table of `puentes metrics --metrics COLUMNS` (every column when empty).
    #[pyo3(signature = (columns="", as_of=None, weighted=false, lang="en"))]
    fn metrics(
        &self,
        py: Python<'_>,
        columns: &str,
        as_of: Option<String>,
        weighted: bool,
        lang: &str,
    ) -> PyResult<(Table, Vec<String>)> {
        let lang = language(lang)?;
        let selection = MetricSelection::parse(columns).map_err(|r| Failure::refused(&r, lang))?;
        run(py, lang, async move {
            let ctx = self.at(as_of.as_deref(), lang).await?;
            let table = ctx
                .node_table(&selection, weighted, None, Window::ALL)
                .await
                .map_err(|e| Failure::analysis(e, lang))?;
            let notes = table
                .notes
                .iter()
                .map(|n| puentes::i18n::catalogue::metric_note(n, lang))
                .collect();
            let cols = table
                .columns
                .iter()
                .map(|c| (c.name.clone(), kind_name(c.kind), values(c.kind, &c.cells)))
                .collect();
            Ok(((table.ids, cols), notes))
        })
    }

    /// `puentes summary` (JSON).
    #[pyo3(signature = (as_of=None, lang="en"))]
    fn summary(&self, py: Python<'_>, as_of: Option<String>, lang: &str) -> PyResult<String> {
        let lang = language(lang)?;
        run(py, lang, async move {
            let ctx = self.at(as_of.as_deref(), lang).await?;
            let s = ctx
                .summary()
                .await
                .map_err(|e| Failure::analysis(e, lang))?;
            to_json(&*s)
        })
    }

    /// `puentes communities`, worded in `lang`: the organizations' community numbers in the
    /// network's order (the order of [`Self::ids`]) as little-endian `u32` bytes, then the
    /// rest of the report without the member lists (building, copying and parsing a JSON
    /// map of 32,000 members and every community's member list took a third of the call)
    /// as Python values: the dict `json.loads` would give, built directly (the
    /// `components` call on cordis-h2020-2014-2019, whose report lists 4,400 communities:
    /// 24 ms, against 22 ms plus 6 ms of `json.loads` through JSON text). The same
    /// partition as the CLI's (same seed); computed for this call, not cached.
    #[pyo3(signature = (algorithm="louvain", resolution="1", seed="42", as_of=None, lang="en"))]
    fn communities(
        &self,
        py: Python<'_>,
        algorithm: &str,
        resolution: &str,
        seed: &str,
        as_of: Option<String>,
        lang: &str,
    ) -> PyResult<(Py<PyBytes>, Py<PyAny>)> {
        let lang = language(lang)?;
        let refused = |r: Refusal| Failure::refused(&r, lang);
        let params = CommunityParams {
            algorithm: Algorithm::parse(algorithm).map_err(refused)?,
            resolution: Resolution::parse(resolution).map_err(refused)?.get(),
            seed: Seed::parse(seed).map_err(refused)?.get(),
        };
        let (membership, rest) = run(py, lang, async move {
            let ctx = self.at(as_of.as_deref(), lang).await?;
            let net = ctx
                .network()
                .await
                .map_err(|e| Failure::analysis(e, lang))?;
            let (report, membership) = report::communities_summary(&net, params);
            let bytes: Vec<u8> = membership.iter().flat_map(|c| c.to_le_bytes()).collect();
            Ok((bytes, report.into_worded(lang)))
        })?;
        let rest = pythonize::pythonize(py, &rest)
            .map_err(|e| PyErr::from(Failure::Analysis(e.to_string())))?;
        Ok((PyBytes::new(py, &membership).unbind(), rest.unbind()))
    }

    /// The organization ids in the network's order (of the network as of `as_of`): the
    /// rows of every table and the entries of [`Self::communities`]. The package asks once
    /// per network and year and keeps them (turning 82,000 ids into Python strings took
    /// most of a `communities` call on soc-Slashdot0902).
    #[pyo3(signature = (as_of=None, lang="en"))]
    fn ids(&self, py: Python<'_>, as_of: Option<String>, lang: &str) -> PyResult<Vec<String>> {
        let lang = language(lang)?;
        run(py, lang, async move {
            let ctx = self.at(as_of.as_deref(), lang).await?;
            let net = ctx
                .network()
                .await
                .map_err(|e| Failure::analysis(e, lang))?;
            Ok(net.organizations().iter().map(|o| o.id.clone()).collect())
        })
    }

    /// `puentes gaps --all` (JSON, worded in `lang`).
    #[pyo3(signature = (limit=None, as_of=None, lang="en"))]
    fn gaps(
        &self,
        py: Python<'_>,
        limit: Option<usize>,
        as_of: Option<String>,
        lang: &str,
    ) -> PyResult<String> {
        let lang = language(lang)?;
        run(py, lang, async move {
            let ctx = self.at(as_of.as_deref(), lang).await?;
            let fail = |e| Failure::analysis(e, lang);
            let (net, g) = (
                ctx.network().await.map_err(fail)?,
                ctx.gaps().await.map_err(fail)?,
            );
            to_json(&report::gap_report(
                &net,
                &g,
                0,
                limit.unwrap_or(usize::MAX),
                lang,
            ))
        })
    }

    /// Gould–Fernandez brokerage by `attribute` (country, region, corridor, partner or
    /// community): organization ids, then raw and normalized counts per role (JSON).
    #[pyo3(signature = (attribute="corridor", as_of=None, lang="en"))]
    fn brokerage(
        &self,
        py: Python<'_>,
        attribute: &str,
        as_of: Option<String>,
        lang: &str,
    ) -> PyResult<String> {
        let lang = language(lang)?;
        let nominal = NominalAttribute::ALL
            .into_iter()
            .find(|a| a.name() == attribute);
        if nominal.is_none() && attribute != "community" {
            let mut names: Vec<String> = NominalAttribute::ALL
                .iter()
                .map(|a| a.name().to_owned())
                .collect();
            names.push("community".into());
            return Err(Failure::refused(
                &Refusal::BadValue {
                    name: "attribute".into(),
                    value: puentes::i18n::shorten(attribute),
                    expected: Expected::OneOf(names),
                },
                lang,
            )
            .into());
        }
        run(py, lang, async move {
            let ctx = self.at(as_of.as_deref(), lang).await?;
            let fail = |e| Failure::analysis(e, lang);
            let net = ctx.network().await.map_err(fail)?;
            let groups: Vec<u32> = match nominal {
                // Organizations without the attribute are one group, as in the gap analysis.
                Some(a) => {
                    let (codes, table) = codes(&net, a);
                    let missing = table.len() as u32;
                    codes.iter().map(|c| c.unwrap_or(missing)).collect()
                }
                None => ctx.gaps().await.map_err(fail)?.partition.membership.clone(),
            };
            let b = ctx
                .bounded(move || {
                    let b = brokerage(&net, &groups);
                    let ids: Vec<&str> = (0..net.node_count() as u32)
                        .map(|v| net.organization(v).id.as_str())
                        .collect();
                    serde_json::to_string(&serde_json::json!({
                        "ids": ids,
                        "raw": b.raw,
                        "normalized": b.normalized,
                    }))
                })
                .await
                .map_err(fail)?;
            b.map_err(|e| Failure::Analysis(e.to_string()))
        })
    }

    /// `puentes suggest ID --goal GOAL --limit LIMIT` (JSON, worded in `lang`).
    #[pyo3(signature = (organization, goal="balanced", limit="10", as_of=None, lang="en"))]
    fn suggest(
        &self,
        py: Python<'_>,
        organization: String,
        goal: &str,
        limit: &str,
        as_of: Option<String>,
        lang: &str,
    ) -> PyResult<String> {
        let lang = language(lang)?;
        let refused = |r: Refusal| Failure::refused(&r, lang);
        let goal: Goal = params::goal_name(goal).map_err(refused)?;
        let limit = params::suggestion_limit(limit).map_err(refused)?;
        run(py, lang, async move {
            let ctx = self.at(as_of.as_deref(), lang).await?;
            let fail = |e| Failure::analysis(e, lang);
            let net = ctx.network().await.map_err(fail)?;
            let Some(v) = net.node(&organization) else {
                return Err(Failure::refused(
                    &Refusal::NoOrganization {
                        id: puentes::i18n::shorten(&organization),
                    },
                    lang,
                ));
            };
            let options = SuggestOptions {
                goal,
                limit,
                ..SuggestOptions::default()
            };
            let s = ctx.suggestions(v, options).await.map_err(fail)?;
            let g = ctx.gaps().await.map_err(fail)?;
            to_json(&report::suggestion_report(&net, &g, &s, lang))
        })
    }

    /// `puentes what-if` over `ties` (source id, target id, strength 1-5) (JSON).
    #[pyo3(signature = (ties, as_of=None, lang="en"))]
    fn what_if(
        &self,
        py: Python<'_>,
        ties: Vec<(String, String, String)>,
        as_of: Option<String>,
        lang: &str,
    ) -> PyResult<String> {
        let lang = language(lang)?;
        run(py, lang, async move {
            let ctx = self.at(as_of.as_deref(), lang).await?;
            let fail = |e| Failure::analysis(e, lang);
            let net = ctx.network().await.map_err(fail)?;
            let mut proposed = Vec::with_capacity(ties.len());
            for (i, (s, t, w)) in ties.iter().enumerate() {
                let tie = puentes::cli::proposed_tie(&net, &format!("ties[{i}]"), s, t, Some(w));
                proposed.push(tie.map_err(|r| Failure::refused(&r, lang))?);
            }
            let effect = ctx.what_if(proposed.clone()).await.map_err(fail)?;
            to_json(&puentes::cli::what_if_document(&net, &proposed, &effect))
        })
    }

    /// The export of `puentes export --format FORMAT` (csv, json, graphml, gexf), as text.
    #[pyo3(signature = (format="json", lang="en"))]
    fn export(&self, py: Python<'_>, format: &str, lang: &str) -> PyResult<String> {
        let lang = language(lang)?;
        let format = params::ExportFormat::parse(format).map_err(|r| Failure::refused(&r, lang))?;
        run(py, lang, async move {
            let bytes = self
                .ctx
                .export(format, false)
                .await
                .map_err(|e| Failure::analysis(e, lang))?;
            String::from_utf8(bytes.to_vec()).map_err(|e| Failure::Analysis(e.to_string()))
        })
    }

    fn __repr__(&self) -> String {
        format!(
            "<puentes.Network: {} organizations, {} ties>",
            self.ctx.data.organizations.len(),
            self.ctx.data.ties.len()
        )
    }
}

/// `puentes backtest --input PATH --split-year Y --horizon H --k K --format json`.
#[pyfunction]
#[pyo3(signature = (path, split_year, horizon, k=10, seed=None, presence="existing", tune=true, lang="en"))]
#[allow(clippy::too_many_arguments)]
fn backtest(
    py: Python<'_>,
    path: PathBuf,
    split_year: i32,
    horizon: i32,
    k: usize,
    seed: Option<u64>,
    presence: &str,
    tune: bool,
    lang: &str,
) -> PyResult<String> {
    let lang = language(lang)?;
    let presence = match presence {
        "existing" => Presence::Existing,
        "tied" => Presence::Tied,
        other => {
            return Err(Failure::refused(
                &Refusal::BadValue {
                    name: "presence".into(),
                    value: puentes::i18n::shorten(other),
                    expected: Expected::OneOf(vec!["existing".into(), "tied".into()]),
                },
                lang,
            )
            .into())
        }
    };
    run(py, lang, async move {
        let data = puentes::cli::read_dated(&path).map_err(|e| Failure::Input(format!("{e:#}")))?;
        let mut options = BacktestOptions::new(split_year, horizon);
        options.k = k;
        options.seed = seed.unwrap_or(puentes_analysis::policy::DEFAULT_SEED);
        options.tune = tune;
        options.presence = presence;
        let out = tokio::task::spawn_blocking(move || run_backtest(&data, &options))
            .await
            .map_err(|e| Failure::Analysis(e.to_string()))?
            .map_err(|e| Failure::refused(&Refusal::Suggest(e), lang))?;
        to_json(&out)
    })
}

/// The catalogue's sentence refusing `value` for `name`, which must be one of `allowed`
/// (e.g. a DataFrame column that is not there).
#[pyfunction]
#[pyo3(signature = (name, value, allowed, lang="en"))]
fn refusal(name: &str, value: &str, allowed: Vec<String>, lang: &str) -> PyResult<String> {
    let lang = language(lang)?;
    Ok(Refusal::BadValue {
        name: name.to_owned(),
        value: puentes::i18n::shorten(value),
        expected: Expected::OneOf(allowed),
    }
    .render(lang))
}

/// The native module: the network class, the backtest and the exceptions.
#[pymodule]
fn _puentes(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyNetwork>()?;
    m.add_function(wrap_pyfunction!(backtest, m)?)?;
    m.add_function(wrap_pyfunction!(refusal, m)?)?;
    let py = m.py();
    m.add("PuentesError", py.get_type::<PuentesError>())?;
    m.add("InputError", py.get_type::<InputError>())?;
    m.add("AnalysisError", py.get_type::<AnalysisError>())?;
    Ok(())
}
