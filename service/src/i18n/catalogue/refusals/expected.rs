//! What a refused value must be ([`Expected`]): the last part of "`field` = `value`:
//! expected …", for import fields and query parameters alike, with the data model's rules
//! ([`Rule`]) and numeric ranges in words.

use crate::i18n::Lang;
use puentes_analysis::model::{Rule, MAX_TIE_ATTRIBUTES, MAX_YEAR, MIN_YEAR};
use puentes_analysis::suggest::Allowed;

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
    /// Each key of a JSON object once.
    KeyOnce,
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
            (E::KeyOnce, _) => super::bounds::key_once(lang),
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
        (Rule::AttributeName, En) => "a name of 1 to 32 characters: lowercase letters a-z, \
                                       digits or '_', starting with a letter"
            .into(),
        (Rule::AttributeName, Es) => "un nombre de 1 a 32 caracteres: letras minúsculas a-z, \
                                       dígitos o '_', que empiece por una letra"
            .into(),
        (Rule::FiniteNumber, En) => "a finite number, e.g. 3.5".into(),
        (Rule::FiniteNumber, Es) => "un número finito, p. ej. 3.5".into(),
        (Rule::FewAttributes, En) => format!("at most {MAX_TIE_ATTRIBUTES} attributes per tie"),
        (Rule::FewAttributes, Es) => {
            format!("como mucho {MAX_TIE_ATTRIBUTES} atributos por vínculo")
        }
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
