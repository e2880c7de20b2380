//! The catalogue's refusals: every error sentence the API and the CLI show, in English and
//! Spanish, side by side.
//!
//! * [`Expected`]: what a value must be (an import field, a query parameter), the last part
//!   of "`field` = `value`: expected …";
//! * [`Refusal`]: the sentence of an error answer (the `message` of the API's error body, the
//!   line the CLI prints).
//!
//! Like [`super::Message`], both are data until [`Expected::render`] or [`Refusal::render`]
//! words them, and both match on `(value, language)` with no catch-all arm, so a refusal
//! without a sentence in one language does not compile. Values the user sent (ids, field
//! names, file names) are quoted as sent; numbers a user types back (limits, ranges) are
//! written plainly, without thousands separators, so they can be copied.
//!
//! Parser diagnostics (`detail` fields: the CSV, JSON and gzip readers' own descriptions of
//! where a file stops being well formed, such as "line 3, column 7") are quoted as the parser
//! gives them: they name positions and bytes, not sentences of Puentes.
//!
//! # Where each sentence lives
//! [`Refusal`] is one flat enum (callers write `Refusal::BadValue { .. }`), and
//! [`Refusal::render`] sends each variant to the function of its family's file, where the
//! English and the Spanish sentence sit side by side in one `match lang`:
//!
//! * `http.rs`: routes, ids, tokens, limits, a busy server ([`BusyReason`]);
//! * `params.rs`: queries and parameters, a refused value, years;
//! * `expected.rs`: what a value must be ([`Expected`]);
//! * `import.rs`: an import's input and its problems ([`ProblemCounts`]);
//! * `store.rs`: files, data directories and stores;
//! * `analysis.rs`: suggestions, what-if and map views ([`MapError`]);
//! * `bounds.rs`: a JSON key given twice, an input larger than Puentes reads, a community
//!   view drawn in part.
//!
//! A new refusal is a variant here, its arm in [`Refusal::render`], and its function in the
//! family's file.

mod analysis;
mod bounds;
mod expected;
mod http;
mod import;
mod params;
mod store;

pub use analysis::MapError;
pub use bounds::community_drawn_in_part;
pub use expected::Expected;
pub use http::BusyReason;
pub use import::{request_body, ProblemCounts};

use crate::i18n::Lang;
use puentes_analysis::suggest::SuggestError;
use std::time::Duration;

/// The sentence of an error answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// No route has this path.
    NoSuchRoute,
    /// No organization has this id.
    NoOrganization {
        /// The id asked for.
        id: String,
    },
    /// No tie of this kind between these organizations.
    NoTie {
        /// The kind.
        kind: String,
        /// One end.
        source: String,
        /// The other end.
        target: String,
    },
    /// The request needs a bearer token.
    NeedsToken,
    /// The token is not one this server accepts.
    TokenNotAccepted,
    /// The server was started without an admin token.
    WritesDisabled,
    /// The token may read but not write.
    TokenMayNotWrite,
    /// The store does not answer or cannot write.
    StoreUnavailable,
    /// Too much analysis work: nothing was computed.
    Busy {
        /// Why.
        reason: BusyReason,
        /// Seconds to wait (the `Retry-After` header).
        retry_after: u64,
    },
    /// This client made more requests than one client may.
    TooManyRequests {
        /// Seconds to wait (the `Retry-After` header).
        retry_after: u64,
    },
    /// Every connection slot is taken; this connection answers health checks only.
    ConnectionsFull {
        /// `--max-connections`.
        limit: usize,
    },
    /// A bug or an internal failure (logged).
    Internal,
    /// The body is larger than `limit` bytes.
    PayloadTooLarge {
        /// The largest accepted body.
        limit: usize,
    },
    /// The route does not answer this method.
    MethodNotAllowed {
        /// The method used.
        method: String,
        /// The methods it answers, or empty.
        allowed: String,
    },
    /// The request took longer than `limit`.
    RequestTimeout {
        /// The limit.
        limit: Duration,
    },
    /// The request body did not arrive whole within `limit`, or less than `min_bytes` of it
    /// arrived in some `window`.
    BodyTooSlow {
        /// The limit.
        limit: Duration,
        /// The least a body must send per window.
        min_bytes: u64,
        /// The window.
        window: Duration,
    },
    /// The body's `Content-Type` is not the one the route reads.
    UnsupportedMediaType {
        /// The type sent, or empty.
        sent: String,
        /// The type the route reads.
        expected: &'static str,
    },
    /// The path and query are longer than `limit` bytes.
    UriTooLong {
        /// The limit.
        limit: usize,
    },
    /// The headers are too large or too many.
    HeadersTooLarge {
        /// Largest total size.
        limit: usize,
        /// Most headers.
        count: usize,
    },
    /// The query string is not `key=value&…`.
    MalformedQuery,
    /// A header that may be sent once was sent more than once.
    RepeatedHeader {
        /// The header.
        name: &'static str,
    },
    /// A path segment that does not decode to text (`%ff`).
    MalformedPath,
    /// A query parameter this route does not take.
    UnknownParameter {
        /// The name sent.
        name: String,
        /// The names the route takes.
        known: Vec<String>,
    },
    /// A parameter (or field) whose value is not allowed.
    BadValue {
        /// The parameter or field.
        name: String,
        /// The value sent (shortened).
        value: String,
        /// What is allowed.
        expected: Expected,
    },
    /// A parameter given twice.
    RepeatedParameter {
        /// Its name.
        name: String,
    },
    /// Parameters that parse one by one but not together; `detail` is the parser's reason.
    QueryParameters {
        /// The parser's reason.
        detail: String,
    },
    /// A parameter whose value does not parse, where its schema says nothing more; `detail`
    /// is the parser's reason.
    BadParameter {
        /// The parameter.
        name: String,
        /// The value sent (shortened).
        value: String,
        /// The parser's reason.
        detail: String,
    },
    /// `lang` is neither `es` nor `en`.
    BadLang {
        /// The value sent.
        value: String,
    },
    /// A body that is not what the route reads; `detail` is the reader's diagnostic.
    UnreadableBody {
        /// Where the body stops being readable.
        detail: String,
    },
    /// The input of an import has problems; nothing was written.
    InvalidInput(ProblemCounts),
    /// A compressed input expands beyond the limit.
    ExpandsTooMuch {
        /// The limit in bytes.
        limit: u64,
    },
    /// A file that cannot be read; `detail` is the operating system's reason.
    CannotRead {
        /// The file.
        path: String,
        /// Why.
        detail: String,
    },
    /// A `.gz` file that expands beyond what Puentes reads from a file of its size.
    GzipTooLarge {
        /// The file.
        path: String,
        /// Its size.
        compressed: u64,
        /// What it may expand to.
        limit: u64,
        /// The ratio allowed.
        ratio: u64,
    },
    /// An input whose format cannot be told from its name.
    UnknownInputFormat {
        /// The path.
        path: String,
    },
    /// A command that only reads was given a data directory that does not exist.
    NoDataDir {
        /// The directory.
        path: String,
    },
    /// A file that cannot be written or created; `detail` is the operating system's reason.
    CannotWrite {
        /// The file.
        path: String,
        /// Why.
        detail: String,
    },
    /// Neo4j does not answer at `uri`; `detail` is the driver's reason.
    CannotConnect {
        /// The Bolt address.
        uri: String,
        /// Why.
        detail: String,
    },
    /// The server cannot listen at `addr`; `detail` is the operating system's reason.
    CannotListen {
        /// The address.
        addr: String,
        /// Why.
        detail: String,
    },
    /// An input file with no organizations given to a replace (CLI).
    FileWouldEmpty {
        /// The file.
        path: String,
        /// Organizations now.
        orgs: usize,
        /// Ties now.
        ties: usize,
    },
    /// A survey import asked to replace the network: a survey wave merges into it.
    SurveyMerges,
    /// Decisions on the review list, and no survey was imported into this store.
    NoSurveyKept,
    /// A year outside the years the network covers (or not a number).
    YearOutOfRange {
        /// The parameter.
        name: String,
        /// What was given (shortened).
        value: String,
        /// The first year the data covers.
        first: i32,
        /// The last year that may be asked (next year).
        last: i32,
    },
    /// `--as-of` given to a command that names its years with `--from` and `--to`.
    AsOfWithYears,
    /// `changes` or `timeline` on a network none of whose ties carries a year.
    NoDatedTies,
    /// `from` after `to`.
    YearsInOrder {
        /// The first year given.
        from: i32,
        /// The second year given.
        to: i32,
    },
    /// A survey upload without its `responses` or `survey` part.
    MissingSurveyParts,
    /// A survey upload part other than `responses`, `survey` and `aliases`.
    UnexpectedSurveyPart {
        /// The part's name (shortened).
        name: String,
    },
    /// A multipart part sent twice.
    RepeatedPart {
        /// The part's name (shortened).
        name: String,
    },
    /// `--write-back` without `--store neo4j`, or with `--input`.
    WriteBackNeedsStore,
    /// `puentes what-if` without a ties file or `--from-suggestions`.
    TiesFileOrSuggestions,
    /// A body whose content type no import reads.
    UnsupportedContentType,
    /// A multipart part other than `organizations` and `ties`.
    UnexpectedPart {
        /// The part's name.
        name: String,
    },
    /// A replace with no organizations, which would delete the whole network.
    WouldEmpty {
        /// Organizations now.
        orgs: usize,
        /// Ties now.
        ties: usize,
    },
    /// A multipart import without both parts.
    MissingParts,
    /// `goal` and `weights` together.
    GoalAndWeights,
    /// Custom weights that do not parse.
    BadWeights(SuggestError),
    /// A suggestion or what-if option refused by the engine.
    Suggest(SuggestError),
    /// Too many proposed ties in a what-if.
    TooManyTies {
        /// How many were sent.
        sent: usize,
        /// The most accepted.
        max: usize,
    },
    /// A what-if with both or neither of `ties` and `from_suggestions`.
    TiesOrSuggestions,
    /// A map view that is malformed or names nothing.
    Map(MapError),
    /// Metrics write-back on a server with the embedded store.
    WriteBackNeedsNeo4j,
    /// The network changed while this write was prepared; nothing was written.
    Changed,
    /// Another import is being written to the store; nothing was written.
    ImportRunning,
    /// A data directory another process owns.
    DirectoryInUse {
        /// The directory.
        dir: String,
        /// The owner's process id, when it wrote one.
        pid: Option<u32>,
    },
    /// A data directory opened for reading only.
    ReadOnlyOpen {
        /// The directory.
        dir: String,
    },
    /// Other writers changed the network during every attempt of a merge.
    MergeRaced {
        /// Attempts made.
        attempts: usize,
    },
    /// Metrics computed for another revision than the stored one.
    StaleRevision {
        /// The revision of the metrics.
        asked: u64,
        /// The stored revision.
        current: u64,
    },
    /// A `network.json` that is not a Puentes network file; left as it is.
    NotANetworkFile {
        /// The file.
        path: String,
        /// The format this version reads.
        format: u32,
        /// The JSON reader's diagnostic.
        detail: String,
    },
    /// A `network.json` of another format version; left as it is.
    UnknownFileFormat {
        /// The file.
        path: String,
        /// Its format.
        found: u64,
        /// The format this version reads.
        reads: u32,
    },
    /// A `network.json` whose records break the data model; left as it is.
    FileBreaksModel {
        /// The file.
        path: String,
        /// Records that break a rule.
        count: usize,
        /// The first ones: record, field, value, what is allowed.
        shown: Vec<(String, String, String, Expected)>,
    },
    /// A stored network that breaks the data model (refused at start or when read).
    StoredDataInvalid {
        /// How many problems.
        problems: usize,
        /// The first problem's field.
        field: String,
        /// Its value.
        value: String,
        /// What is allowed.
        expected: Expected,
    },
    /// A JSON request body with a key given twice in one object.
    RepeatedKey {
        /// The key (shortened).
        key: String,
        /// Line of its second occurrence.
        line: usize,
        /// Column where its second occurrence ends.
        column: usize,
    },
    /// An input file (or standard input) larger than a command reads.
    InputTooLarge {
        /// The file.
        path: String,
        /// The most bytes read.
        limit: usize,
    },
}

/// The sentence in the [`crate::i18n::current`] language: a refusal is an error wherever it
/// travels (a parameter's constructor called by clap's `value_parser`, a `?` in a command).
impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(crate::i18n::current()))
    }
}

impl std::error::Error for Refusal {}

impl Refusal {
    /// The sentence in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        use Refusal as R;
        match self {
            R::NoSuchRoute => http::no_such_route(lang),
            R::NoOrganization { id } => http::no_organization(id, lang),
            R::NoTie {
                kind,
                source,
                target,
            } => http::no_tie(kind, source, target, lang),
            R::NeedsToken => http::needs_token(lang),
            R::TokenNotAccepted => http::token_not_accepted(lang),
            R::WritesDisabled => http::writes_disabled(lang),
            R::TokenMayNotWrite => http::token_may_not_write(lang),
            R::StoreUnavailable => http::store_unavailable(lang),
            R::Busy {
                reason,
                retry_after,
            } => http::busy(reason, *retry_after, lang),
            R::TooManyRequests { retry_after } => http::too_many_requests(*retry_after, lang),
            R::ConnectionsFull { limit } => http::connections_full(*limit, lang),
            R::Internal => http::internal(lang),
            R::PayloadTooLarge { limit } => http::payload_too_large(*limit, lang),
            R::MethodNotAllowed { method, allowed } => {
                http::method_not_allowed(method, allowed, lang)
            }
            R::RequestTimeout { limit } => http::request_timeout(*limit, lang),
            R::BodyTooSlow {
                limit,
                min_bytes,
                window,
            } => http::body_too_slow(*limit, *min_bytes, *window, lang),
            R::UnsupportedMediaType { sent, expected } => {
                http::unsupported_media_type(sent, expected, lang)
            }
            R::UriTooLong { limit } => http::uri_too_long(*limit, lang),
            R::HeadersTooLarge { limit, count } => http::headers_too_large(*limit, *count, lang),
            R::MalformedQuery => params::malformed_query(lang),
            R::RepeatedHeader { name } => http::repeated_header(name, lang),
            R::MalformedPath => http::malformed_path(lang),
            R::UnknownParameter { name, known } => params::unknown_parameter(name, known, lang),
            R::BadValue {
                name,
                value,
                expected,
            } => params::bad_value(name, value, expected, lang),
            R::RepeatedParameter { name } => params::repeated_parameter(name, lang),
            R::QueryParameters { detail } => params::query_parameters(detail, lang),
            R::BadParameter {
                name,
                value,
                detail,
            } => params::bad_parameter(name, value, detail, lang),
            R::BadLang { value } => params::bad_lang(value, lang),
            R::UnreadableBody { detail } => http::unreadable_body(detail, lang),
            R::InvalidInput(counts) => import::invalid_input(counts, lang),
            R::ExpandsTooMuch { limit } => import::expands_too_much(*limit, lang),
            R::CannotRead { path, detail } => store::cannot_read(path, detail, lang),
            R::GzipTooLarge {
                path,
                compressed,
                limit,
                ratio,
            } => import::gzip_too_large(path, *compressed, *limit, *ratio, lang),
            R::UnknownInputFormat { path } => import::unknown_input_format(path, lang),
            R::NoDataDir { path } => store::no_data_dir(path, lang),
            R::CannotWrite { path, detail } => store::cannot_write(path, detail, lang),
            R::CannotConnect { uri, detail } => store::cannot_connect(uri, detail, lang),
            R::CannotListen { addr, detail } => store::cannot_listen(addr, detail, lang),
            R::FileWouldEmpty { path, orgs, ties } => {
                import::file_would_empty(path, *orgs, *ties, lang)
            }
            R::SurveyMerges => import::survey_merges(lang),
            R::NoSurveyKept => import::no_survey_kept(lang),
            R::YearOutOfRange {
                name,
                value,
                first,
                last,
            } => params::year_out_of_range(name, value, *first, *last, lang),
            R::AsOfWithYears => params::as_of_with_years(lang),
            R::YearsInOrder { from, to } => params::years_in_order(*from, *to, lang),
            R::NoDatedTies => params::no_dated_ties(lang),
            R::MissingSurveyParts => import::missing_survey_parts(lang),
            R::UnexpectedSurveyPart { name } => import::unexpected_survey_part(name, lang),
            R::RepeatedPart { name } => import::repeated_part(name, lang),
            R::WriteBackNeedsStore => store::write_back_needs_store(lang),
            R::TiesFileOrSuggestions => analysis::ties_file_or_suggestions(lang),
            R::UnsupportedContentType => import::unsupported_content_type(lang),
            R::UnexpectedPart { name } => import::unexpected_part(name, lang),
            R::WouldEmpty { orgs, ties } => import::would_empty(*orgs, *ties, lang),
            R::MissingParts => import::missing_parts(lang),
            R::GoalAndWeights => analysis::goal_and_weights(lang),
            R::BadWeights(e) => analysis::suggest_error("weights", e, lang),
            R::Suggest(e) => analysis::suggest_error("", e, lang),
            R::TooManyTies { sent, max } => analysis::too_many_ties(*sent, *max, lang),
            R::TiesOrSuggestions => analysis::ties_or_suggestions(lang),
            R::Map(e) => analysis::map_error(e, lang),
            R::WriteBackNeedsNeo4j => store::write_back_needs_neo4j(lang),
            R::Changed => store::changed(lang),
            R::ImportRunning => store::import_running(lang),
            R::DirectoryInUse { dir, pid } => store::directory_in_use(dir, *pid, lang),
            R::ReadOnlyOpen { dir } => store::read_only_open(dir, lang),
            R::MergeRaced { attempts } => store::merge_raced(*attempts, lang),
            R::StaleRevision { asked, current } => store::stale_revision(*asked, *current, lang),
            R::NotANetworkFile {
                path,
                format,
                detail,
            } => store::not_a_network_file(path, *format, detail, lang),
            R::UnknownFileFormat { path, found, reads } => {
                store::unknown_file_format(path, *found, *reads, lang)
            }
            R::FileBreaksModel { path, count, shown } => {
                store::file_breaks_model(path, *count, shown, lang)
            }
            R::StoredDataInvalid {
                problems,
                field,
                value,
                expected,
            } => store::stored_data_invalid(*problems, field, value, expected, lang),
            R::RepeatedKey { key, line, column } => bounds::repeated_key(key, *line, *column, lang),
            R::InputTooLarge { path, limit } => bounds::input_too_large(path, *limit, lang),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use puentes_analysis::model::Rule;
    use puentes_analysis::suggest::Allowed;

    /// One of every refusal and expectation, each worded in both languages: none is empty,
    /// and the two languages differ (a missing translation would repeat the English).
    #[test]
    fn every_refusal_speaks_both_languages() {
        let expected = vec![
            Expected::Rule(Rule::Id),
            Expected::Rule(Rule::Year),
            Expected::Rule(Rule::UniqueId { first: 3 }),
            Expected::Required,
            Expected::ListOf(vec!["shelter", "health"]),
            Expected::Whole {
                min: Some(1.0),
                above: None,
                max: Some(50.0),
            },
            Expected::Number {
                min: None,
                above: Some(0.0),
                max: Some(100.0),
            },
            Expected::JsonTopKeys,
            Expected::KeyOnce,
            Expected::TextFormatOnly,
        ];
        for e in &expected {
            let (en, es) = (e.render(Lang::En), e.render(Lang::Es));
            assert!(!en.is_empty() && !es.is_empty());
            assert_ne!(en, es, "{e:?}");
        }
        let refusals = vec![
            Refusal::NoSuchRoute,
            Refusal::NoSurveyKept,
            Refusal::NoOrganization { id: "x".into() },
            Refusal::NeedsToken,
            Refusal::Busy {
                reason: BusyReason::WaitedTooLong {
                    waited: Duration::from_millis(1500),
                    running: 2,
                },
                retry_after: 2,
            },
            Refusal::Busy {
                reason: BusyReason::WhatIfs {
                    running: 1,
                    waiting: 32,
                },
                retry_after: 5,
            },
            Refusal::NoDatedTies,
            Refusal::PayloadTooLarge { limit: 4096 },
            Refusal::UnsupportedMediaType {
                sent: "text/plain".into(),
                expected: "application/json",
            },
            Refusal::UnsupportedMediaType {
                sent: String::new(),
                expected: "application/json",
            },
            Refusal::TooManyRequests { retry_after: 2 },
            Refusal::ConnectionsFull { limit: 1024 },
            Refusal::BadWeights(SuggestError::RepeatedComponent {
                component: "jaccard".into(),
            }),
            Refusal::MalformedPath,
            Refusal::RepeatedKey {
                key: "ties".into(),
                line: 1,
                column: 30,
            },
            Refusal::InputTooLarge {
                path: "/dev/zero".into(),
                limit: 256 << 20,
            },
            Refusal::RepeatedHeader {
                name: "Authorization",
            },
            Refusal::NoDataDir {
                path: "/srv/puentes".into(),
            },
            Refusal::BodyTooSlow {
                limit: Duration::from_secs(60),
                min_bytes: 1024,
                window: Duration::from_secs(10),
            },
            Refusal::UnknownParameter {
                name: "limt".into(),
                known: vec!["limit".into(), "offset".into()],
            },
            Refusal::BadValue {
                name: "limit".into(),
                value: "abc".into(),
                expected: Expected::Whole {
                    min: Some(1.0),
                    above: None,
                    max: Some(50.0),
                },
            },
            Refusal::InvalidInput(ProblemCounts {
                total: 103,
                listed: 100,
                kinds: vec![("line".into(), Expected::SnapLine, 3)],
                other: 0,
            }),
            Refusal::Map(MapError::UnknownCommunity { id: 9, count: 4 }),
            Refusal::Suggest(SuggestError::InvalidOption {
                field: "goal",
                value: "x".into(),
                allowed: Allowed::OneOf(vec!["strengthen", "bridge"]),
            }),
        ];
        for r in &refusals {
            let (en, es) = (r.render(Lang::En), r.render(Lang::Es));
            assert!(!en.is_empty() && !es.is_empty());
            assert_ne!(en, es, "{r:?}");
        }
    }

    #[test]
    fn refusals_by_hand() {
        let bad = Refusal::BadValue {
            name: "limit".into(),
            value: "abc".into(),
            expected: Expected::Whole {
                min: Some(1.0),
                above: None,
                max: Some(10000.0),
            },
        };
        assert_eq!(
            bad.render(Lang::En),
            "limit = \"abc\": expected a whole number from 1 to 10000"
        );
        assert_eq!(
            bad.render(Lang::Es),
            "limit = \"abc\": se espera un número entero de 1 a 10000"
        );
        let unknown = Refusal::UnknownParameter {
            name: "limt".into(),
            known: vec!["limit".into(), "offset".into(), "sort".into()],
        };
        assert_eq!(
            unknown.render(Lang::Es),
            "parámetros de consulta: parámetro desconocido \"limt\"; se espera limit, offset o sort"
        );
        let counts = ProblemCounts {
            total: 153,
            listed: 100,
            kinds: vec![
                ("line".into(), Expected::SnapLine, 50),
                ("/ties/*/strength".into(), Expected::Rule(Rule::Strength), 3),
            ],
            other: 0,
        };
        assert_eq!(
            counts.more(Lang::Es).as_deref(),
            Some(
                "53 problemas más: 50 del tipo line (se espera dos ids y, si se quiere, un peso, \
                 separados por espacios o tabuladores), 3 del tipo /ties/*/strength (se espera \
                 un número entero de 1 a 5)"
            )
        );
        assert_eq!(
            Refusal::PayloadTooLarge { limit: 1 << 20 }.render(Lang::Es),
            "el cuerpo de la petición es mayor de lo que acepta este servidor: como máximo \
             1048576 bytes (1 MiB); no se leyó ni se escribió nada. Divida la entrada en \
             importaciones más pequeñas"
        );
    }
}
