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

use crate::i18n::Lang;
use puentes_analysis::model::{Rule, MAX_YEAR, MIN_YEAR};
use puentes_analysis::policy::MAX_WEIGHT;
use puentes_analysis::suggest::{Allowed, SuggestError};
use std::time::Duration;

/// Why a view of the map cannot be drawn (the map module's `View::parse` and `view`
/// return it). Worded by [`Refusal::Map`]; `Display` in the [`crate::i18n::current`] language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MapError {
    /// The `view` value is none of the three forms.
    BadView(String),
    /// The radius is not 1 or 2.
    BadRadius(u8),
    /// A radius was given for a view that is not an ego view.
    RadiusWithoutEgo,
    /// No community has this number.
    UnknownCommunity {
        /// The number asked for.
        id: u32,
        /// Communities in the network.
        count: usize,
    },
    /// No organization has this id.
    UnknownOrganization(String),
}

/// What a value must be.
#[derive(Debug, Clone, PartialEq)]
pub enum Expected {
    /// A rule of the data model.
    Rule(Rule),
    /// A value: the field is required.
    Required,
    /// A decimal number (coordinates).
    Decimal,
    /// A finite decimal number.
    FiniteDecimal,
    /// A whole number ≥ 0.
    WholeNotNegative,
    /// A whole number of US dollars ≥ 0.
    Dollars,
    /// A year, e.g. 1998 (`founded_year`).
    FoundedYear,
    /// A year, or empty when unknown (`since`).
    SinceYear,
    /// A year, or empty (`until`).
    UntilYear,
    /// A `;`-separated list of these names.
    ListOf(Vec<&'static str>),
    /// `true` or `false` (also yes/no, 1/0).
    YesOrNo,
    /// UTF-8 text.
    Utf8,
    /// UTF-8 text; save the file as UTF-8.
    Utf8SaveAs,
    /// A well-formed CSV row; `detail` is the CSV reader's diagnostic.
    CsvRow {
        /// The CSV reader's description.
        detail: String,
    },
    /// A CSV header row.
    CsvHeader,
    /// A header row with these columns.
    HeaderColumns(Vec<String>),
    /// A header that includes this required column.
    RequiredColumn(String),
    /// Each column once.
    ColumnOnce,
    /// One of these columns.
    Columns(Vec<String>),
    /// As many fields as the header has.
    FieldCount(usize),
    /// An edge-list CSV row: `source,target` or `source,target,weight`.
    EdgeRow,
    /// A dated edge-list CSV row, as the header says.
    DatedEdgeRow,
    /// A SNAP line: two ids and an optional weight.
    SnapLine,
    /// An edge-list weight: a tie strength from 1 to 5, or nothing.
    EdgeWeight,
    /// A valid UTF-8 JSON document; `detail` is the JSON parser's diagnostic.
    JsonDocument {
        /// The JSON parser's description.
        detail: String,
    },
    /// The top-level JSON object with `organizations` and `ties`.
    JsonTop,
    /// Only the keys `organizations` and `ties`.
    JsonTopKeys,
    /// A JSON array.
    JsonArray,
    /// A JSON object.
    JsonObject,
    /// One of these JSON keys.
    JsonKeys(Vec<String>),
    /// A JSON string, number, boolean or array of strings.
    JsonValue,
    /// One of these names.
    OneOf(Vec<String>),
    /// A whole number in a range: above `above` (exclusive) or from `min`, up to `max`.
    Whole {
        /// Smallest allowed (inclusive).
        min: Option<f64>,
        /// The number must be above this (exclusive).
        above: Option<f64>,
        /// Largest allowed.
        max: Option<f64>,
    },
    /// `true` or `false`.
    TrueOrFalse,
    /// A number in a range: above `above` (exclusive) or from `min`, up to `max`.
    Number {
        /// Smallest allowed (inclusive).
        min: Option<f64>,
        /// The number must be above this (exclusive).
        above: Option<f64>,
        /// Largest allowed.
        max: Option<f64>,
    },
    /// An ISO 3166-1 alpha-2 code in either case (a filter).
    CountryFilter,
    /// A corridor name.
    Corridor,
    /// A finite number above 0.
    PositiveNumber,
    /// A whole number ≥ 1.
    PositiveWhole,
    /// A whole number of years ≥ 0.
    YearsNotNegative,
    /// A `format` for text bodies: edge-csv or snap; nothing for JSON or multipart bodies.
    TextFormatOnly,
    /// Custom weights: at least one component above 0.
    SomeWeight,
    /// An organization of the network.
    KnownOrganization,
    /// A metric name: 1 to 64 characters a-z, 0-9 or `_`.
    MetricName,
    /// One of these metrics, or one of these position groups.
    MetricsOrGroups(Vec<String>, Vec<String>),
    /// A what-if row: `source,target` or `source,target,strength`.
    WhatIfRow,
    /// A whole number small enough to store (64 bits).
    Storable,
    /// An XLSX workbook; `detail` is the spreadsheet reader's diagnostic.
    Workbook {
        /// The spreadsheet reader's description.
        detail: String,
    },
    /// A questionnaire description (SURVEY.toml); `detail` is the TOML reader's diagnostic.
    SurveyToml {
        /// What the reader found wrong.
        detail: String,
    },
    /// A column of the responses: its header text or its 1-based number; these are the
    /// first headers the file has.
    SurveyColumn(Vec<String>),
    /// A review decision: an organization id, `new` or `skip`.
    Decision,
    /// How often: never, yearly, quarterly, monthly or weekly, in English or Spanish.
    FrequencyAnswer,
    /// One of the answers the questionnaire maps (its `[strength_map]` or `[kind_map]`).
    MappedAnswer(Vec<String>),
}

// The bounds of `Whole` and `Number` are finite numbers from the code or the OpenAPI document
// (never NaN), so equality is reflexive: `Eq` holds.
impl Eq for Expected {}

/// A total order, so problems (which compare by what they expect last, after their position)
/// sort the same way every time: by the debug form, which names the variant and its values.
/// Only problems at the same position with the same value are ever compared this way.
impl Ord for Expected {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        format!("{self:?}").cmp(&format!("{other:?}"))
    }
}

impl PartialOrd for Expected {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl From<Rule> for Expected {
    fn from(r: Rule) -> Self {
        Expected::Rule(r)
    }
}

impl From<&Allowed> for Expected {
    fn from(a: &Allowed) -> Self {
        match a {
            Allowed::PositiveNumber => Expected::PositiveNumber,
            Allowed::PositiveWhole => Expected::PositiveWhole,
            Allowed::YearsNotNegative => Expected::YearsNotNegative,
            Allowed::OneOf(names) => Expected::OneOf(names.iter().map(|n| n.to_string()).collect()),
            Allowed::Rule(r) => Expected::Rule(r.clone()),
        }
    }
}

/// "a, b or c" / "a, b o c".
fn alternatives(names: &[impl AsRef<str>], lang: Lang) -> String {
    let names: Vec<&str> = names.iter().map(AsRef::as_ref).collect();
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => {
            let or = match lang {
                Lang::En => "or",
                Lang::Es => "o",
            };
            format!("{} {or} {last}", rest.join(", "))
        }
    }
}

impl Expected {
    /// What is allowed, in words: "a whole number from 1 to 5".
    pub fn render(&self, lang: Lang) -> String {
        use Expected as E;
        use Lang::{En, Es};
        match (self, lang) {
            (E::Rule(r), _) => rule(r, lang),
            (E::Required, En) => "a value (this field is required)".into(),
            (E::Required, Es) => "un valor (este campo es obligatorio)".into(),
            (E::Decimal, En) => "a decimal number, e.g. 14.9061".into(),
            (E::Decimal, Es) => "un número decimal con punto, p. ej. 14.9061".into(),
            (E::FiniteDecimal, En) => "a finite decimal number".into(),
            (E::FiniteDecimal, Es) => "un número decimal finito".into(),
            (E::WholeNotNegative, En) => "a whole number ≥ 0".into(),
            (E::WholeNotNegative, Es) => "un número entero ≥ 0".into(),
            (E::Dollars, En) => "a whole number of US dollars ≥ 0".into(),
            (E::Dollars, Es) => "un número entero de dólares estadounidenses ≥ 0".into(),
            (E::FoundedYear, En) => "a year, e.g. 1998".into(),
            (E::FoundedYear, Es) => "un año, p. ej. 1998".into(),
            (E::SinceYear, En) => "a year, e.g. 2019, or empty when unknown".into(),
            (E::SinceYear, Es) => "un año, p. ej. 2019, o vacío si no se sabe".into(),
            (E::UntilYear, En) => "a year, e.g. 2023, or empty".into(),
            (E::UntilYear, Es) => "un año, p. ej. 2023, o vacío".into(),
            (E::ListOf(names), En) => format!("a ';'-separated list of: {}", names.join(", ")),
            (E::ListOf(names), Es) => {
                format!("una lista separada por ';' de: {}", names.join(", "))
            }
            (E::YesOrNo, En) => "true or false (also yes/no, 1/0)".into(),
            (E::YesOrNo, Es) => "true o false (también yes/no, 1/0)".into(),
            (E::Utf8, En) => "UTF-8 text".into(),
            (E::Utf8, Es) => "texto UTF-8".into(),
            (E::Utf8SaveAs, En) => "UTF-8 text (save the file as UTF-8)".into(),
            (E::Utf8SaveAs, Es) => "texto UTF-8 (guarde el archivo como UTF-8)".into(),
            (E::CsvRow { detail }, En) => format!("a well-formed CSV row ({detail})"),
            (E::CsvRow { detail }, Es) => format!("una fila CSV bien formada ({detail})"),
            (E::CsvHeader, En) => "a CSV header row".into(),
            (E::CsvHeader, Es) => "una fila de encabezado CSV".into(),
            (E::HeaderColumns(c), En) => format!("a header row with the columns: {}", c.join(",")),
            (E::HeaderColumns(c), Es) => {
                format!("una fila de encabezado con las columnas: {}", c.join(","))
            }
            (E::RequiredColumn(c), En) => format!("a header that includes the required column {c}"),
            (E::RequiredColumn(c), Es) => {
                format!("un encabezado que incluya la columna obligatoria {c}")
            }
            (E::Columns(c), En) => format!("one of the columns: {}", c.join(", ")),
            (E::Columns(c), Es) => format!("una de las columnas: {}", c.join(", ")),
            (E::ColumnOnce, En) => "each column once".into(),
            (E::ColumnOnce, Es) => "cada columna una sola vez".into(),
            (E::FieldCount(n), En) => format!("{n} fields, as many as the header has"),
            (E::FieldCount(n), Es) => format!("{n} campos, tantos como el encabezado"),
            (E::EdgeRow, En) => "source,target or source,target,weight".into(),
            (E::EdgeRow, Es) => "source,target o source,target,weight".into(),
            (E::DatedEdgeRow, En) => {
                "source,target,year or source,target,weight,year (as the header says)".into()
            }
            (E::DatedEdgeRow, Es) => {
                "source,target,year o source,target,weight,year (como dice el encabezado)".into()
            }
            (E::SnapLine, En) => {
                "two ids and an optional weight, separated by spaces or tabs".into()
            }
            (E::SnapLine, Es) => {
                "dos ids y, si se quiere, un peso, separados por espacios o tabuladores".into()
            }
            (E::EdgeWeight, En) => {
                "a whole number from 1 to 5 (the tie strength), or nothing".into()
            }
            (E::EdgeWeight, Es) => {
                "un número entero de 1 a 5 (la fuerza del vínculo), o nada".into()
            }
            (E::JsonDocument { detail }, En) => format!("a valid UTF-8 JSON document ({detail})"),
            (E::JsonDocument { detail }, Es) => {
                format!("un documento JSON válido en UTF-8 ({detail})")
            }
            (E::JsonTop, En) => r#"an object {"organizations": [...], "ties": [...]}"#.into(),
            (E::JsonTop, Es) => r#"un objeto {"organizations": [...], "ties": [...]}"#.into(),
            (E::JsonTopKeys, En) => "only the keys organizations and ties".into(),
            (E::JsonTopKeys, Es) => "solo las claves organizations y ties".into(),
            (E::JsonArray, En) => "an array".into(),
            (E::JsonArray, Es) => "una lista (array)".into(),
            (E::JsonObject, En) => "an object".into(),
            (E::JsonObject, Es) => "un objeto".into(),
            (E::JsonKeys(keys), En) => format!("one of the keys: {}", keys.join(", ")),
            (E::JsonKeys(keys), Es) => format!("una de las claves: {}", keys.join(", ")),
            (E::JsonValue, En) => "a string, number, boolean or array of strings".into(),
            (E::JsonValue, Es) => "un texto, un número, un booleano o una lista de textos".into(),
            (E::OneOf(names), En) => format!("one of: {}", names.join(", ")),
            (E::OneOf(names), Es) => format!("uno de: {}", names.join(", ")),
            (E::Whole { min, above, max }, _) => range(lang, true, min, above, max),
            (E::TrueOrFalse, En) => "true or false".into(),
            (E::TrueOrFalse, Es) => "true o false".into(),
            (E::Number { min, above, max }, _) => range(lang, false, min, above, max),
            (E::CountryFilter, En) => "an ISO 3166-1 alpha-2 code, two letters, e.g. MX".into(),
            (E::CountryFilter, Es) => "un código ISO 3166-1 alfa-2, dos letras, p. ej. MX".into(),
            (E::Corridor, En) => "a corridor name, e.g. mx_southern_border".into(),
            (E::Corridor, Es) => "el nombre de un corredor, p. ej. mx_southern_border".into(),
            (E::PositiveNumber, En) => "a finite number above 0".into(),
            (E::PositiveNumber, Es) => "un número finito mayor que 0".into(),
            (E::PositiveWhole, En) => "a whole number ≥ 1".into(),
            (E::PositiveWhole, Es) => "un número entero ≥ 1".into(),
            (E::YearsNotNegative, En) => "a whole number of years ≥ 0".into(),
            (E::YearsNotNegative, Es) => "un número entero de años ≥ 0".into(),
            (E::TextFormatOnly, En) => {
                "edge-csv or snap, for a text/csv or text/plain body; leave it out for a JSON or \
                 multipart body"
                    .into()
            }
            (E::TextFormatOnly, Es) => {
                "edge-csv o snap, para un cuerpo text/csv o text/plain; omítalo para un cuerpo \
                 JSON o multipart"
                    .into()
            }
            (E::SomeWeight, En) => {
                "at least one component with a weight above 0, e.g. adamic_adar=0.5,proximity=0.2"
                    .into()
            }
            (E::SomeWeight, Es) => "al menos un componente con peso mayor que 0, p. ej. \
                 adamic_adar=0.5,proximity=0.2"
                .into(),
            (E::KnownOrganization, En) => "the id of an organization of the network".into(),
            (E::KnownOrganization, Es) => "el id de una organización de la red".into(),
            (E::MetricsOrGroups(m, g), En) => {
                format!(
                    "one of: {}; or a position group: {}",
                    m.join(", "),
                    g.join(", ")
                )
            }
            (E::MetricsOrGroups(m, g), Es) => {
                format!(
                    "uno de: {}; o un grupo de posición: {}",
                    m.join(", "),
                    g.join(", ")
                )
            }
            (E::WhatIfRow, En) => "source,target or source,target,strength".into(),
            (E::WhatIfRow, Es) => "source,target o source,target,strength".into(),
            (E::MetricName, En) => "1 to 64 characters a-z, 0-9 or _".into(),
            (E::MetricName, Es) => "de 1 a 64 caracteres a-z, 0-9 o _".into(),
            (E::Storable, En) => "a whole number below 2^63".into(),
            (E::Storable, Es) => "un número entero menor que 2^63".into(),
            (E::Workbook { detail }, En) => format!("an XLSX workbook ({detail})"),
            (E::Workbook { detail }, Es) => format!("un libro XLSX ({detail})"),
            (E::SurveyToml { detail }, En) => {
                format!("a questionnaire description as in the README's survey section ({detail})")
            }
            (E::SurveyToml { detail }, Es) => format!(
                "una descripción del cuestionario como en la sección de encuestas del README ({detail})"
            ),
            (E::SurveyColumn(headers), En) => format!(
                "a column of the responses, by its header text or its number from 1; the file has: {}",
                headers.join(" | ")
            ),
            (E::SurveyColumn(headers), Es) => format!(
                "una columna de las respuestas, por el texto de su encabezado o su número desde 1; el archivo tiene: {}",
                headers.join(" | ")
            ),
            (E::Decision, En) => "an organization id, new or skip (or empty: undecided)".into(),
            (E::Decision, Es) => {
                "el id de una organización, new o skip (o vacío: sin decidir)".into()
            }
            (E::FrequencyAnswer, En) => "never, yearly, quarterly, monthly or weekly (also in Spanish: nunca, anual, trimestral, mensual, semanal)".into(),
            (E::FrequencyAnswer, Es) => "nunca, anual, trimestral, mensual o semanal (también en inglés: never, yearly, quarterly, monthly, weekly)".into(),
            (E::MappedAnswer(answers), En) => {
                format!("one of the answers the questionnaire maps: {}", answers.join(" | "))
            }
            (E::MappedAnswer(answers), Es) => format!(
                "una de las respuestas que el cuestionario traduce: {}",
                answers.join(" | ")
            ),
        }
    }
}

/// A rule of the data model in words.
fn rule(r: &Rule, lang: Lang) -> String {
    use Lang::{En, Es};
    match (r, lang) {
        (Rule::OneOf(names), En) => format!("one of: {}", names.join(", ")),
        (Rule::OneOf(names), Es) => format!("uno de: {}", names.join(", ")),
        (Rule::Id, En) => "1 to 64 characters: lowercase letters a-z, digits, '-' or '_'".into(),
        (Rule::Id, Es) => "de 1 a 64 caracteres: letras minúsculas a-z, dígitos, '-' o '_'".into(),
        (Rule::Country, En) => "a country code assigned by ISO 3166-1 alpha-2, in uppercase, \
                                 e.g. MX or GB (not UK)"
            .into(),
        (Rule::Country, Es) => "un código de país asignado por ISO 3166-1 alfa-2, en mayúsculas, \
                                p. ej. MX o GB (no UK)"
            .into(),
        (Rule::Year, En) => format!("a year from {MIN_YEAR} to {MAX_YEAR}"),
        (Rule::Year, Es) => format!("un año de {MIN_YEAR} a {MAX_YEAR}"),
        (Rule::Strength, En) => "a whole number from 1 to 5".into(),
        (Rule::Strength, Es) => "un número entero de 1 a 5".into(),
        (Rule::SocialMediaUse, En) => "a whole number from 0 to 4".into(),
        (Rule::SocialMediaUse, Es) => "un número entero de 0 a 4".into(),
        (Rule::Latitude, En) => "a number from -90 to 90".into(),
        (Rule::Latitude, Es) => "un número de -90 a 90".into(),
        (Rule::Longitude, En) => "a number from -180 to 180".into(),
        (Rule::Longitude, Es) => "un número de -180 a 180".into(),
        (Rule::Name, En) => "a non-empty name of at most 200 characters".into(),
        (Rule::Name, Es) => "un nombre no vacío de 200 caracteres como máximo".into(),
        (Rule::PlainName, En) => {
            "an id, or a non-empty name of at most 200 characters without control or text-direction characters".into()
        }
        (Rule::PlainName, Es) => {
            "un id, o un nombre no vacío de 200 caracteres como máximo, sin caracteres de control ni de dirección del texto".into()
        }
        (Rule::UniqueId { first }, En) => {
            format!("a unique id (already used by organization record {first})")
        }
        (Rule::UniqueId { first }, Es) => {
            format!("un id único (ya lo usa el registro de organización {first})")
        }
        (Rule::KnownOrganization, En) => {
            "the id of an organization in this import or the store".into()
        }
        (Rule::KnownOrganization, Es) => {
            "el id de una organización de esta importación o del almacén".into()
        }
        (Rule::NotSelf, En) => "an organization other than the source (no self-ties)".into(),
        (Rule::NotSelf, Es) => {
            "una organización distinta del origen (sin vínculos consigo misma)".into()
        }
        (Rule::NotBeforeSince { since }, En) => format!("a year not before since ({since})"),
        (Rule::NotBeforeSince { since }, Es) => {
            format!("un año no anterior a since ({since})")
        }
        (Rule::OneTiePerPairAndKind { kind, first }, En) => format!(
            "one tie per pair and kind (this pair already has a {kind} tie in tie record {first})"
        ),
        (Rule::OneTiePerPairAndKind { kind, first }, Es) => format!(
            "un vínculo por par y tipo (este par ya tiene un vínculo {kind} en el registro de \
             vínculo {first})"
        ),
    }
}

/// "a whole number from 1 to 50", "a number above 0, at most 100".
fn range(
    lang: Lang,
    whole: bool,
    min: &Option<f64>,
    above: &Option<f64>,
    max: &Option<f64>,
) -> String {
    let kind = match (whole, lang) {
        (true, Lang::En) => "a whole number",
        (true, Lang::Es) => "un número entero",
        (false, Lang::En) => "a number",
        (false, Lang::Es) => "un número",
    };
    match (lang, min, above, max) {
        (Lang::En, Some(min), _, Some(max)) => format!("{kind} from {min} to {max}"),
        (Lang::Es, Some(min), _, Some(max)) => format!("{kind} de {min} a {max}"),
        (Lang::En, None, Some(a), Some(max)) => format!("{kind} above {a}, at most {max}"),
        (Lang::Es, None, Some(a), Some(max)) => format!("{kind} mayor que {a}, como máximo {max}"),
        (Lang::En, Some(min), _, None) => format!("{kind}, at least {min}"),
        (Lang::Es, Some(min), _, None) => format!("{kind}, como mínimo {min}"),
        (Lang::En, None, Some(a), None) => format!("{kind} above {a}"),
        (Lang::Es, None, Some(a), None) => format!("{kind} mayor que {a}"),
        (Lang::En, None, None, Some(max)) => format!("{kind}, at most {max}"),
        (Lang::Es, None, None, Some(max)) => format!("{kind}, como máximo {max}"),
        (_, None, None, None) => kind.to_owned(),
    }
}

/// Why an analysis was refused as busy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BusyReason {
    /// `running` analyses run and `waiting` wait, the most the server queues.
    QueueFull {
        /// Analyses allowed to run at once.
        running: usize,
        /// Analyses allowed to wait.
        waiting: usize,
    },
    /// This analysis waited `waited` for one of `running` to finish.
    WaitedTooLong {
        /// How long it waited.
        waited: Duration,
        /// Analyses running.
        running: usize,
    },
}

/// A refused import's problems, counted: the first ones are listed in full beside the
/// sentence; the rest are counted by kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProblemCounts {
    /// Problems in all.
    pub total: usize,
    /// Problems listed in full.
    pub listed: usize,
    /// The unlisted problems by kind (field, what was expected, how many), most frequent
    /// first.
    pub kinds: Vec<(String, Expected, usize)>,
    /// Unlisted problems of other kinds.
    pub other: usize,
}

impl ProblemCounts {
    /// "N problem(s) in the input; nothing was imported".
    pub fn headline(&self, lang: Lang) -> String {
        match lang {
            Lang::En => format!(
                "{} problem(s) in the input; nothing was imported",
                self.total
            ),
            Lang::Es => format!(
                "{} problema(s) en la entrada; no se importó nada",
                self.total
            ),
        }
    }

    /// "N more problems: k of kind F (expected E), …", or `None` when every one is listed.
    pub fn more(&self, lang: Lang) -> Option<String> {
        let unlisted = self.total - self.listed;
        if unlisted == 0 {
            return None;
        }
        let mut parts: Vec<String> = self
            .kinds
            .iter()
            .map(|(field, expected, count)| {
                let expected = expected.render(lang);
                match lang {
                    Lang::En => format!("{count} of kind {field} (expected {expected})"),
                    Lang::Es => format!("{count} del tipo {field} (se espera {expected})"),
                }
            })
            .collect();
        if self.other > 0 {
            parts.push(match lang {
                Lang::En => format!("{} of other kinds", self.other),
                Lang::Es => format!("{} de otros tipos", self.other),
            });
        }
        Some(match lang {
            Lang::En => format!("{unlisted} more problems: {}", parts.join(", ")),
            Lang::Es => format!("{unlisted} problemas más: {}", parts.join(", ")),
        })
    }
}

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
    /// The request body did not arrive whole within `limit`.
    BodyTooSlow {
        /// The limit.
        limit: Duration,
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
}

/// `4096 bytes (4 KiB)`, `268435456 bytes (256 MiB)`: a size as it is configured and as
/// people read it.
fn bytes_and_units(n: usize, lang: Lang) -> String {
    const KIB: usize = 1 << 10;
    const MIB: usize = 1 << 20;
    // "bytes" is the same word in both languages.
    if n >= MIB && n.is_multiple_of(MIB) {
        format!("{n} bytes ({} MiB)", n / MIB)
    } else if n >= KIB && n.is_multiple_of(KIB) {
        format!("{n} bytes ({} KiB)", n / KIB)
    } else if n >= MIB {
        format!("{n} bytes ({} MiB)", lang.decimal(n as f64 / MIB as f64, 1))
    } else {
        format!("{n} bytes")
    }
}

/// A duration as a limit: whole seconds, or milliseconds.
fn limit_time(d: Duration) -> String {
    if d.subsec_millis() == 0 {
        format!("{} s", d.as_secs())
    } else {
        format!("{} ms", d.as_millis())
    }
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
        use Lang::{En, Es};
        use Refusal as R;
        match (self, lang) {
            (R::NoSuchRoute, En) => "no such route; see /api/v1/docs".into(),
            (R::NoSuchRoute, Es) => "no existe esa ruta; vea /api/v1/docs".into(),
            (R::NoOrganization { id }, En) => format!("no organization with id {id:?}"),
            (R::NoOrganization { id }, Es) => format!("ninguna organización tiene el id {id:?}"),
            (
                R::NoTie {
                    kind,
                    source,
                    target,
                },
                En,
            ) => {
                format!("no {kind} tie between {source} and {target}")
            }
            (
                R::NoTie {
                    kind,
                    source,
                    target,
                },
                Es,
            ) => {
                format!("no hay un vínculo {kind} entre {source} y {target}")
            }
            (R::NeedsToken, En) => {
                "this request needs the header Authorization: Bearer <token>".into()
            }
            (R::NeedsToken, Es) => {
                "esta petición necesita el encabezado Authorization: Bearer <token>".into()
            }
            (R::TokenNotAccepted, En) => "the token is not accepted".into(),
            (R::TokenNotAccepted, Es) => "el token no se acepta".into(),
            (R::WritesDisabled, En) => "writes are disabled on this server: start it with \
                                        PUENTES_ADMIN_TOKEN set and send Authorization: Bearer \
                                        <that token>"
                .into(),
            (R::WritesDisabled, Es) => "este servidor no acepta escrituras: inícielo con \
                                        PUENTES_ADMIN_TOKEN y envíe Authorization: Bearer \
                                        <ese token>"
                .into(),
            (R::TokenMayNotWrite, En) => "this token may not write".into(),
            (R::TokenMayNotWrite, Es) => "este token no puede escribir".into(),
            (R::StoreUnavailable, En) => "the network store cannot be reached or cannot write \
                                          right now; nothing was changed; retry in a few seconds"
                .into(),
            (R::StoreUnavailable, Es) => "no se puede acceder al almacén de la red o no puede \
                                          escribir ahora; no se cambió nada; vuelva a intentarlo \
                                          en unos segundos"
                .into(),
            (
                R::Busy {
                    reason,
                    retry_after,
                },
                En,
            ) => {
                let reason = match reason {
                    BusyReason::QueueFull { running, waiting } => format!(
                        "{running} analyses are running and {waiting} are waiting, the most \
                         this server queues"
                    ),
                    BusyReason::WaitedTooLong { waited, running } => format!(
                        "this analysis waited {} s for one of the {running} running to finish",
                        waited.as_secs_f64()
                    ),
                };
                format!(
                    "the server is busy: {reason}; nothing was computed for this request. \
                     Retry in {retry_after} s (Retry-After)"
                )
            }
            (
                R::Busy {
                    reason,
                    retry_after,
                },
                Es,
            ) => {
                let reason = match reason {
                    BusyReason::QueueFull { running, waiting } => format!(
                        "hay {running} análisis en curso y {waiting} en espera, el máximo que \
                         admite este servidor"
                    ),
                    BusyReason::WaitedTooLong { waited, running } => format!(
                        "este análisis esperó {} s a que terminara uno de los {running} en curso",
                        Lang::Es.plain(waited.as_secs_f64())
                    ),
                };
                format!(
                    "el servidor está ocupado: {reason}; no se calculó nada para esta petición. \
                     Vuelva a intentarlo en {retry_after} s (Retry-After)"
                )
            }
            (R::Internal, En) => "internal error; it has been logged".into(),
            (R::Internal, Es) => "error interno; quedó registrado".into(),
            (R::PayloadTooLarge { limit }, En) => format!(
                "the request body is larger than this server accepts: at most {}; nothing was \
                 read or written. Split the input into smaller imports",
                bytes_and_units(*limit, lang)
            ),
            (R::PayloadTooLarge { limit }, Es) => format!(
                "el cuerpo de la petición es mayor de lo que acepta este servidor: como máximo \
                 {}; no se leyó ni se escribió nada. Divida la entrada en importaciones más \
                 pequeñas",
                bytes_and_units(*limit, lang)
            ),
            (R::MethodNotAllowed { method, allowed }, En) if allowed.is_empty() => {
                format!("{method} is not allowed on this route")
            }
            (R::MethodNotAllowed { method, allowed }, En) => {
                format!("{method} is not allowed on this route; allowed: {allowed}")
            }
            (R::MethodNotAllowed { method, allowed }, Es) if allowed.is_empty() => {
                format!("{method} no está permitido en esta ruta")
            }
            (R::MethodNotAllowed { method, allowed }, Es) => {
                format!("{method} no está permitido en esta ruta; se permite: {allowed}")
            }
            (R::RequestTimeout { limit }, En) => format!(
                "the request took longer than {} and was stopped",
                limit_time(*limit)
            ),
            (R::RequestTimeout { limit }, Es) => format!(
                "la petición tardó más de {} y se detuvo",
                limit_time(*limit)
            ),
            (R::BodyTooSlow { limit }, En) => format!(
                "the request body did not arrive whole within {}; the connection was closed. \
                 Send the whole body within that time",
                limit_time(*limit)
            ),
            (R::BodyTooSlow { limit }, Es) => format!(
                "el cuerpo de la petición no llegó entero en {}; se cerró la conexión. Envíe el \
                 cuerpo entero en ese tiempo",
                limit_time(*limit)
            ),
            (R::TooManyRequests { retry_after }, En) => format!(
                "too many requests from this address: nothing was done; try again in \
                 {retry_after} s"
            ),
            (R::TooManyRequests { retry_after }, Es) => format!(
                "demasiadas peticiones desde esta dirección: no se hizo nada; vuelva a intentarlo \
                 en {retry_after} s"
            ),
            (R::UnsupportedMediaType { sent, expected }, En) if sent.is_empty() => {
                format!("the request has no Content-Type: send the body as {expected}")
            }
            (R::UnsupportedMediaType { sent, expected }, Es) if sent.is_empty() => {
                format!("la petición no tiene Content-Type: envíe el cuerpo como {expected}")
            }
            (R::UnsupportedMediaType { sent, expected }, En) => {
                format!("Content-Type \"{sent}\" is not accepted here: send the body as {expected}")
            }
            (R::UnsupportedMediaType { sent, expected }, Es) => {
                format!("aquí no se acepta Content-Type \"{sent}\": envíe el cuerpo como {expected}")
            }
            (R::UriTooLong { limit }, En) => format!(
                "the request path and query are longer than {}",
                bytes_and_units(*limit, lang)
            ),
            (R::UriTooLong { limit }, Es) => format!(
                "la ruta y la consulta de la petición superan {}",
                bytes_and_units(*limit, lang)
            ),
            (R::HeadersTooLarge { limit, count }, En) => format!(
                "the request headers are larger than {} in total, or more than {count}",
                bytes_and_units(*limit, lang)
            ),
            (R::HeadersTooLarge { limit, count }, Es) => format!(
                "los encabezados de la petición superan {} en total, o son más de {count}",
                bytes_and_units(*limit, lang)
            ),
            (R::MalformedPath, En) => "malformed path: a %-escape in it is not UTF-8 text".into(),
            (R::MalformedPath, Es) => {
                "ruta mal formada: una secuencia % de la ruta no es texto UTF-8".into()
            }
            (R::RepeatedHeader { name }, En) => {
                format!("the {name} header was sent more than once: send it once")
            }
            (R::RepeatedHeader { name }, Es) => {
                format!("el encabezado {name} se envió más de una vez: envíelo una sola vez")
            }
            (R::MalformedQuery, En) => "malformed query string: expected key=value pairs \
                                        separated by &, percent-encoded"
                .into(),
            (R::MalformedQuery, Es) => "consulta mal formada: se esperan pares clave=valor \
                                        separados por &, con codificación por porcentaje"
                .into(),
            (R::UnknownParameter { name, known }, En) if known.is_empty() => {
                format!("query parameters: unknown parameter {name:?}; this route takes none")
            }
            (R::UnknownParameter { name, known }, En) => format!(
                "query parameters: unknown parameter {name:?}; expected {}",
                alternatives(known, lang)
            ),
            (R::UnknownParameter { name, known }, Es) if known.is_empty() => format!(
                "parámetros de consulta: parámetro desconocido {name:?}; esta ruta no admite \
                 ninguno"
            ),
            (R::UnknownParameter { name, known }, Es) => format!(
                "parámetros de consulta: parámetro desconocido {name:?}; se espera {}",
                alternatives(known, lang)
            ),
            (
                R::BadValue {
                    name,
                    value,
                    expected,
                },
                En,
            ) => {
                format!("{name} = {value:?}: expected {}", expected.render(lang))
            }
            (
                R::BadValue {
                    name,
                    value,
                    expected,
                },
                Es,
            ) => {
                format!("{name} = {value:?}: se espera {}", expected.render(lang))
            }
            (R::RepeatedParameter { name }, En) => {
                format!("query parameter {name:?} is given more than once; give it once")
            }
            (R::RepeatedParameter { name }, Es) => {
                format!(
                    "el parámetro de consulta {name:?} aparece más de una vez; indíquelo una vez"
                )
            }
            (R::QueryParameters { detail }, En) => format!("query parameters: {detail}"),
            (R::QueryParameters { detail }, Es) => format!("parámetros de consulta: {detail}"),
            (
                R::BadParameter {
                    name,
                    value,
                    detail,
                },
                En,
            ) => {
                format!("query parameter {name} = {value:?} cannot be read: {detail}")
            }
            (
                R::BadParameter {
                    name,
                    value,
                    detail,
                },
                Es,
            ) => {
                format!("no se puede leer el parámetro de consulta {name} = {value:?}: {detail}")
            }
            (R::BadLang { value }, En) => format!("lang: expected es or en, not {value:?}"),
            (R::BadLang { value }, Es) => format!("lang: se espera es o en, no {value:?}"),
            (R::UnreadableBody { detail }, En) => {
                format!("the request body cannot be read: {detail}")
            }
            (R::UnreadableBody { detail }, Es) => {
                format!("no se puede leer el cuerpo de la petición: {detail}")
            }
            (R::InvalidInput(counts), _) => {
                let mut message = counts.headline(lang);
                if let Some(more) = counts.more(lang) {
                    message.push_str(&match lang {
                        En => format!("; the first {} are in details; {more}", counts.listed),
                        Es => format!("; los primeros {} están en details; {more}", counts.listed),
                    });
                }
                message
            }
            (R::ExpandsTooMuch { limit }, En) => format!(
                "a compressed input expands to more than {limit} bytes; nothing was imported"
            ),
            (R::ExpandsTooMuch { limit }, Es) => format!(
                "una entrada comprimida se expande a más de {limit} bytes; no se importó nada"
            ),
            (R::CannotRead { path, detail }, En) => format!("cannot read {path}: {detail}"),
            (R::CannotRead { path, detail }, Es) => format!("no se puede leer {path}: {detail}"),
            (
                R::GzipTooLarge {
                    path,
                    compressed,
                    limit,
                    ratio,
                },
                En,
            ) => format!(
                "{path} expands to more than {limit} bytes when decompressed, the most Puentes \
                 reads from a .gz file of {compressed} bytes ({ratio} times its size plus 64 \
                 MiB; real edge lists expand 3 to 7 times): nothing was imported. If the file \
                 is genuine, decompress it (gunzip) and import the plain file"
            ),
            (
                R::GzipTooLarge {
                    path,
                    compressed,
                    limit,
                    ratio,
                },
                Es,
            ) => format!(
                "{path} se expande a más de {limit} bytes al descomprimirlo, lo máximo que \
                 Puentes lee de un archivo .gz de {compressed} bytes ({ratio} veces su tamaño \
                 más 64 MiB; las listas de aristas reales se expanden de 3 a 7 veces): no se \
                 importó nada. Si el archivo es auténtico, descomprímalo (gunzip) e importe el \
                 archivo sin comprimir"
            ),
            (R::UnknownInputFormat { path }, En) => format!(
                "cannot tell the format of {path}: pass --format project|json|snap|edge-csv (a \
                 directory with organizations.csv and ties.csv, a .json document, a .txt SNAP \
                 edge list or a .csv source,target[,weight] edge list)"
            ),
            (R::UnknownInputFormat { path }, Es) => format!(
                "no se sabe el formato de {path}: indique --format project|json|snap|edge-csv \
                 (un directorio con organizations.csv y ties.csv, un documento .json, una lista \
                 de aristas SNAP .txt o una lista de aristas .csv source,target[,weight])"
            ),
            (R::NoDataDir { path }, En) => format!(
                "the data directory {path} does not exist: nothing to read. Check --data-dir \
                 (or PUENTES_DATA_DIR), or create it with puentes import"
            ),
            (R::NoDataDir { path }, Es) => format!(
                "el directorio de datos {path} no existe: no hay nada que leer. Revise \
                 --data-dir (o PUENTES_DATA_DIR), o créelo con puentes import"
            ),
            (R::CannotWrite { path, detail }, En) => format!("cannot write {path}: {detail}"),
            (R::CannotWrite { path, detail }, Es) => {
                format!("no se puede escribir {path}: {detail}")
            }
            (R::CannotConnect { uri, detail }, En) => {
                format!("cannot connect to Neo4j at {uri}: {detail}")
            }
            (R::CannotConnect { uri, detail }, Es) => {
                format!("no se puede conectar con Neo4j en {uri}: {detail}")
            }
            (R::CannotListen { addr, detail }, En) => {
                format!("cannot listen on {addr}: {detail}")
            }
            (R::CannotListen { addr, detail }, Es) => {
                format!("no se puede escuchar en {addr}: {detail}")
            }
            (R::FileWouldEmpty { path, orgs, ties }, En) => format!(
                "{path} holds no organizations: --mode replace would delete the whole network \
                 ({orgs} organizations, {ties} ties). Nothing was written. If that is what you \
                 want, add --confirm-empty"
            ),
            (R::FileWouldEmpty { path, orgs, ties }, Es) => format!(
                "{path} no tiene organizaciones: --mode replace borraría toda la red ({orgs} \
                 organizaciones, {ties} vínculos). No se escribió nada. Si es lo que quiere, \
                 añada --confirm-empty"
            ),
            (R::YearOutOfRange { name, value, first, last }, En) => format!(
                "{name} = \"{value}\": expected a year from {first} (the network's first dated tie) to {last}"
            ),
            (R::YearOutOfRange { name, value, first, last }, Es) => format!(
                "{name} = \"{value}\": se espera un año de {first} (el primer vínculo con fecha de la red) a {last}"
            ),
            (R::AsOfWithYears, En) => {
                "--as-of does not apply here: this command names its years with --from and --to"
                    .into()
            }
            (R::AsOfWithYears, Es) => {
                "--as-of no se aplica aquí: este comando indica sus años con --from y --to".into()
            }
            (R::YearsInOrder { from, to }, En) => {
                format!("from = {from} comes after to = {to}: give the earlier year first")
            }
            (R::YearsInOrder { from, to }, Es) => {
                format!("from = {from} es posterior a to = {to}: dé primero el año anterior")
            }
            (R::MissingSurveyParts, En) => "send multipart/form-data with the parts responses \
                 (the survey export, CSV or XLSX) and survey (SURVEY.toml), and optionally \
                 aliases"
                .into(),
            (R::MissingSurveyParts, Es) => "envíe multipart/form-data con las partes responses \
                 (la exportación de la encuesta, CSV o XLSX) y survey (SURVEY.toml), y si quiere \
                 aliases"
                .into(),
            (R::UnexpectedSurveyPart { name }, En) => {
                format!("unexpected part {name}: the parts are responses, survey and aliases")
            }
            (R::UnexpectedSurveyPart { name }, Es) => {
                format!("parte inesperada {name}: las partes son responses, survey y aliases")
            }
            (R::RepeatedPart { name }, En) => {
                format!("the part {name} was sent twice: send it once")
            }
            (R::RepeatedPart { name }, Es) => {
                format!("la parte {name} se envió dos veces: envíela una sola vez")
            }
            (R::SurveyMerges, En) => "a survey wave merges into the network (its ties start, \
                 continue or end by year); --mode replace cannot be used with a survey. Nothing \
                 was written"
                .into(),
            (R::SurveyMerges, Es) => "una ola de la encuesta se suma a la red (sus vínculos \
                 empiezan, siguen o terminan por año); --mode replace no se puede usar con una \
                 encuesta. No se escribió nada"
                .into(),
            (R::NoSurveyKept, En) => "no survey was imported into this store, so no name waits \
                 for a decision: import a survey first (POST /api/v1/import/survey or puentes \
                 import --survey). Nothing was written"
                .into(),
            (R::NoSurveyKept, Es) => "no se importó ninguna encuesta en este almacén, así que \
                 ningún nombre espera una decisión: importe primero una encuesta (POST \
                 /api/v1/import/survey o puentes import --survey). No se escribió nada"
                .into(),
            (R::WriteBackNeedsStore, En) => {
                "--write-back needs --store neo4j (and no --input)".into()
            }
            (R::WriteBackNeedsStore, Es) => {
                "--write-back requiere --store neo4j (y no --input)".into()
            }
            (R::TiesFileOrSuggestions, En) => "give a ties file or --from-suggestions GOAL".into(),
            (R::TiesFileOrSuggestions, Es) => {
                "indique un archivo de vínculos o --from-suggestions OBJETIVO".into()
            }
            (R::UnsupportedContentType, En) => "send Content-Type application/json, \
                                                multipart/form-data (parts organizations and \
                                                ties), text/csv or text/plain"
                .into(),
            (R::UnsupportedContentType, Es) => "envíe Content-Type application/json, \
                                                multipart/form-data (partes organizations y \
                                                ties), text/csv o text/plain"
                .into(),
            (R::UnexpectedPart { name }, En) => {
                format!("unexpected part {name:?}: send the parts organizations and ties")
            }
            (R::UnexpectedPart { name }, Es) => {
                format!("parte inesperada {name:?}: envíe las partes organizations y ties")
            }
            (R::WouldEmpty { orgs, ties }, En) => format!(
                "mode=replace with an input that holds no organizations would delete the whole \
                 network ({orgs} organizations, {ties} ties); nothing was written. If that is \
                 what you want, repeat the request with confirm_empty=true"
            ),
            (R::WouldEmpty { orgs, ties }, Es) => format!(
                "mode=replace con una entrada sin organizaciones borraría toda la red ({orgs} \
                 organizaciones, {ties} vínculos); no se escribió nada. Si es lo que quiere, \
                 repita la petición con confirm_empty=true"
            ),
            (R::MissingParts, En) => {
                "send both parts: organizations (organizations.csv) and ties (ties.csv)".into()
            }
            (R::MissingParts, Es) => {
                "envíe las dos partes: organizations (organizations.csv) y ties (ties.csv)".into()
            }
            (R::GoalAndWeights, En) => {
                "give either goal (a preset) or weights (custom), not both".into()
            }
            (R::GoalAndWeights, Es) => {
                "indique goal (un objetivo predefinido) o weights (pesos propios), no ambos".into()
            }
            (R::BadWeights(e), _) => suggest_error("weights", e, lang),
            (R::Suggest(e), _) => suggest_error("", e, lang),
            (R::TooManyTies { sent, max }, En) => format!("{sent} ties proposed: at most {max}"),
            (R::TooManyTies { sent, max }, Es) => {
                format!("{sent} vínculos propuestos: como máximo {max}")
            }
            (R::TiesOrSuggestions, En) => {
                "give exactly one of ties (a list) or from_suggestions".into()
            }
            (R::TiesOrSuggestions, Es) => {
                "indique exactamente uno de ties (una lista) o from_suggestions".into()
            }
            (R::Map(e), _) => map_error(e, lang),
            (R::WriteBackNeedsNeo4j, En) => "metrics write-back needs the Neo4j store (serve \
                                             --store neo4j); this server uses the embedded store"
                .into(),
            (R::WriteBackNeedsNeo4j, Es) => "escribir las métricas de vuelta requiere el \
                                             almacén Neo4j (serve --store neo4j); este servidor \
                                             usa el almacén integrado"
                .into(),
            (R::Changed, En) => "the network changed while this write was prepared; nothing \
                                 was written; read it again and retry"
                .into(),
            (R::Changed, Es) => "la red cambió mientras se preparaba esta escritura; no se \
                                 escribió nada; vuelva a leerla e inténtelo de nuevo"
                .into(),
            (R::ImportRunning, En) => "another import is being written to the store; nothing \
                                       was written; retry when it has finished"
                .into(),
            (R::ImportRunning, Es) => "se está escribiendo otra importación en el almacén; no \
                                       se escribió nada; vuelva a intentarlo cuando termine"
                .into(),
            (R::DirectoryInUse { dir, pid }, En) => format!(
                "the data directory {dir} is in use by another Puentes process{}, and only one \
                 process may write it: to change the network now, import through the running \
                 server's API (POST /api/v1/import with the admin token) or stop it first",
                pid.map(|p| format!(" (pid {p})")).unwrap_or_default()
            ),
            (R::DirectoryInUse { dir, pid }, Es) => format!(
                "el directorio de datos {dir} lo usa otro proceso de Puentes{}, y solo un \
                 proceso puede escribir en él: para cambiar la red ahora, importe por la API del \
                 servidor en marcha (POST /api/v1/import con el token de administración) o \
                 deténgalo antes",
                pid.map(|p| format!(" (pid {p})")).unwrap_or_default()
            ),
            (R::ReadOnlyOpen { dir }, En) => {
                format!("{dir} was opened for reading only; nothing was written")
            }
            (R::ReadOnlyOpen { dir }, Es) => {
                format!("{dir} se abrió solo para lectura; no se escribió nada")
            }
            (R::MergeRaced { attempts }, En) => format!(
                "other writers changed the network during each of {attempts} attempts of this \
                 merge; nothing was applied"
            ),
            (R::MergeRaced { attempts }, Es) => format!(
                "otros cambiaron la red durante cada uno de los {attempts} intentos de esta \
                 fusión; no se aplicó nada"
            ),
            (R::StaleRevision { asked, current }, En) => {
                format!("metrics are for revision {asked} but the store is at {current}")
            }
            (R::StaleRevision { asked, current }, Es) => format!(
                "las métricas son de la revisión {asked}, pero el almacén está en la {current}"
            ),
            (
                R::NotANetworkFile {
                    path,
                    format,
                    detail,
                },
                En,
            ) => format!(
                "{path} is not a Puentes network file (format {format}): {detail}. {}",
                left_as_it_is(lang)
            ),
            (
                R::NotANetworkFile {
                    path,
                    format,
                    detail,
                },
                Es,
            ) => format!(
                "{path} no es un archivo de red de Puentes (formato {format}): {detail}. {}",
                left_as_it_is(lang)
            ),
            (R::UnknownFileFormat { path, found, reads }, En) => format!(
                "{path} has format {found}, but this version of Puentes reads format {reads} \
                 only (was it written by a newer version?); Puentes will not use it and has \
                 left it as it is"
            ),
            (R::UnknownFileFormat { path, found, reads }, Es) => format!(
                "{path} tiene el formato {found}, pero esta versión de Puentes solo lee el \
                 formato {reads} (¿lo escribió una versión más nueva?); Puentes no lo usará y \
                 lo ha dejado como estaba"
            ),
            (R::FileBreaksModel { path, count, shown }, _) => {
                let listed: Vec<String> = shown
                    .iter()
                    .map(|(record, field, value, expected)| match lang {
                        En => format!(
                            "{record}: {field} = {value}: expected {}",
                            expected.render(lang)
                        ),
                        Es => format!(
                            "{record}: {field} = {value}: se espera {}",
                            expected.render(lang)
                        ),
                    })
                    .collect();
                let first = if *count > shown.len() {
                    match lang {
                        En => format!(" (the first {} shown)", shown.len()),
                        Es => format!(" (se muestran los {} primeros)", shown.len()),
                    }
                } else {
                    String::new()
                };
                match lang {
                    En => format!(
                        "{path}: {count} record(s) break the data model's rules{first}: {}. {}",
                        listed.join("; "),
                        left_as_it_is(lang)
                    ),
                    Es => format!(
                        "{path}: {count} registro(s) no cumplen las reglas del modelo de \
                         datos{first}: {}. {}",
                        listed.join("; "),
                        left_as_it_is(lang)
                    ),
                }
            }
            (
                R::StoredDataInvalid {
                    problems,
                    field,
                    value,
                    expected,
                },
                En,
            ) => format!(
                "the stored network breaks the data model: {problems} problem(s); first: field \
                 {field} = {value:?}: expected {}",
                expected.render(lang)
            ),
            (
                R::StoredDataInvalid {
                    problems,
                    field,
                    value,
                    expected,
                },
                Es,
            ) => format!(
                "la red almacenada no cumple el modelo de datos: {problems} problema(s); el \
                 primero: campo {field} = {value:?}: se espera {}",
                expected.render(lang)
            ),
        }
    }
}

/// What a problem in a single-body import names as its file: "request body".
pub fn request_body(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "request body",
        Lang::Es => "cuerpo de la petición",
    }
}

/// The end of a refusal to use a stored file.
fn left_as_it_is(lang: Lang) -> &'static str {
    match lang {
        Lang::En => {
            "Puentes will not use it and has left it as it is: correct it or restore it from a \
             backup"
        }
        Lang::Es => {
            "Puentes no lo usará y lo ha dejado como estaba: corríjalo o restáurelo desde una \
             copia de seguridad"
        }
    }
}

/// A refused suggestion request (`what` names the parameter when the error does not).
fn suggest_error(what: &str, e: &SuggestError, lang: Lang) -> String {
    use Lang::{En, Es};
    let prefix = if what.is_empty() {
        String::new()
    } else {
        format!("{what}: ")
    };
    let said = match (e, lang) {
        (SuggestError::UnknownComponent { name, allowed }, En) => {
            format!("unknown score component {name:?}; allowed: {allowed}")
        }
        (SuggestError::UnknownComponent { name, allowed }, Es) => {
            format!("componente de puntuación desconocido {name:?}; se permite: {allowed}")
        }
        (SuggestError::InvalidWeight { component, value }, En) => format!(
            "weight {value:?} for {component:?}: allowed a number from 0 to {}, as name=weight",
            MAX_WEIGHT
        ),
        (SuggestError::InvalidWeight { component, value }, Es) => format!(
            "peso {value:?} para {component:?}: se permite un número de 0 a {}, como \
             nombre=peso",
            MAX_WEIGHT
        ),
        (SuggestError::RepeatedComponent { component }, En) => {
            format!("{component:?} is given a weight more than once: give each component once")
        }
        (SuggestError::RepeatedComponent { component }, Es) => {
            format!("{component:?} recibe un peso más de una vez: indique cada componente una vez")
        }
        (
            SuggestError::InvalidOption {
                field,
                value,
                allowed,
            },
            _,
        ) => Refusal::BadValue {
            name: (*field).to_owned(),
            value: value.clone(),
            expected: allowed.into(),
        }
        .render(lang),
        // The rest are faults of the caller's code, not of a request (the service builds
        // the index and the inputs itself); worded plainly all the same.
        (SuggestError::UnknownNode { node, nodes }, En) => format!(
            "organization {node} is not in the network (it has organizations 0 to {nodes} - 1)"
        ),
        (SuggestError::UnknownNode { node, nodes }, Es) => format!(
            "la organización {node} no está en la red (tiene las organizaciones 0 a {nodes} - 1)"
        ),
        (SuggestError::IndexMismatch { .. }, En) => {
            "the suggestion index was built for another network: rebuild the index".into()
        }
        (SuggestError::IndexMismatch { .. }, Es) => {
            "el índice de sugerencias se construyó para otra red: vuelva a construirlo".into()
        }
        (
            SuggestError::WrongLength {
                field,
                got,
                expected,
            },
            En,
        ) => format!("{field} has {got} values; expected {expected} (one per organization or tie)"),
        (
            SuggestError::WrongLength {
                field,
                got,
                expected,
            },
            Es,
        ) => format!(
            "{field} tiene {got} valores; se esperan {expected} (uno por organización o vínculo)"
        ),
    };
    prefix + &said
}

/// A refused map view.
fn map_error(e: &MapError, lang: Lang) -> String {
    use Lang::{En, Es};
    match (e, lang) {
        (MapError::BadView(v), En) => {
            format!("view = {v:?}: expected overview, community/<number> or ego/<organization id>")
        }
        (MapError::BadView(v), Es) => format!(
            "view = {v:?}: se espera overview, community/<número> o ego/<id de organización>"
        ),
        (MapError::BadRadius(r), En) => format!("radius = {r}: expected 1 or 2"),
        (MapError::BadRadius(r), Es) => format!("radius = {r}: se espera 1 o 2"),
        (MapError::RadiusWithoutEgo, En) => {
            "radius applies to view=ego/<organization id> only".into()
        }
        (MapError::RadiusWithoutEgo, Es) => {
            "radius solo se aplica a view=ego/<id de organización>".into()
        }
        (MapError::UnknownCommunity { id, count: 0 }, En) => {
            format!("no community {id}: the network has no organizations")
        }
        (MapError::UnknownCommunity { id, count: 0 }, Es) => {
            format!("no hay comunidad {id}: la red no tiene organizaciones")
        }
        (MapError::UnknownCommunity { id, count }, En) => format!(
            "no community {id}: communities are numbered 0 to {}",
            count - 1
        ),
        (MapError::UnknownCommunity { id, count }, Es) => format!(
            "no hay comunidad {id}: las comunidades van numeradas de 0 a {}",
            count - 1
        ),
        (MapError::UnknownOrganization(id), _) => {
            Refusal::NoOrganization { id: id.clone() }.render(lang)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            Refusal::BadWeights(SuggestError::RepeatedComponent {
                component: "jaccard".into(),
            }),
            Refusal::MalformedPath,
            Refusal::RepeatedHeader {
                name: "Authorization",
            },
            Refusal::NoDataDir {
                path: "/srv/puentes".into(),
            },
            Refusal::BodyTooSlow {
                limit: Duration::from_secs(60),
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
