//! Refusals of an import's input: its problems counted, compressed or unknown inputs, the
//! parts of a multipart or survey upload, and a replace that would empty the network.

use super::Expected;
use crate::i18n::Lang::{self, En, Es};

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

/// What a problem in a single-body import names as its file: "request body".
pub fn request_body(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "request body",
        Lang::Es => "cuerpo de la petición",
    }
}

/// [`super::Refusal::InvalidInput`].
pub(super) fn invalid_input(counts: &ProblemCounts, lang: Lang) -> String {
    let mut message = counts.headline(lang);
    if let Some(more) = counts.more(lang) {
        message.push_str(&match lang {
            En => format!("; the first {} are in details; {more}", counts.listed),
            Es => format!("; los primeros {} están en details; {more}", counts.listed),
        });
    }
    message
}

/// [`super::Refusal::ExpandsTooMuch`].
pub(super) fn expands_too_much(limit: u64, lang: Lang) -> String {
    match lang {
        En => {
            format!("a compressed input expands to more than {limit} bytes; nothing was imported")
        }
        Es => {
            format!("una entrada comprimida se expande a más de {limit} bytes; no se importó nada")
        }
    }
}

/// [`super::Refusal::GzipTooLarge`].
pub(super) fn gzip_too_large(
    path: &str,
    compressed: u64,
    limit: u64,
    ratio: u64,
    lang: Lang,
) -> String {
    match lang {
        En => format!(
            "{path} expands to more than {limit} bytes when decompressed, the most Puentes \
             reads from a .gz file of {compressed} bytes ({ratio} times its size plus 64 \
             MiB; real edge lists expand 3 to 7 times): nothing was imported. If the file \
             is genuine, decompress it (gunzip) and import the plain file"
        ),
        Es => format!(
            "{path} se expande a más de {limit} bytes al descomprimirlo, lo máximo que \
             Puentes lee de un archivo .gz de {compressed} bytes ({ratio} veces su tamaño \
             más 64 MiB; las listas de aristas reales se expanden de 3 a 7 veces): no se \
             importó nada. Si el archivo es auténtico, descomprímalo (gunzip) e importe el \
             archivo sin comprimir"
        ),
    }
}

/// [`super::Refusal::UnknownInputFormat`].
pub(super) fn unknown_input_format(path: &str, lang: Lang) -> String {
    match lang {
        En => format!(
            "cannot tell the format of {path}: pass --format project|json|snap|edge-csv (a \
             directory with organizations.csv and ties.csv, a .json document, a .txt SNAP \
             edge list or a .csv source,target[,weight] edge list)"
        ),
        Es => format!(
            "no se sabe el formato de {path}: indique --format project|json|snap|edge-csv \
             (un directorio con organizations.csv y ties.csv, un documento .json, una lista \
             de aristas SNAP .txt o una lista de aristas .csv source,target[,weight])"
        ),
    }
}

/// [`super::Refusal::FileWouldEmpty`].
pub(super) fn file_would_empty(path: &str, orgs: usize, ties: usize, lang: Lang) -> String {
    match lang {
        En => format!(
            "{path} holds no organizations: --mode replace would delete the whole network \
             ({orgs} organizations, {ties} ties). Nothing was written. If that is what you \
             want, add --confirm-empty"
        ),
        Es => format!(
            "{path} no tiene organizaciones: --mode replace borraría toda la red ({orgs} \
             organizaciones, {ties} vínculos). No se escribió nada. Si es lo que quiere, \
             añada --confirm-empty"
        ),
    }
}

/// [`super::Refusal::SurveyMerges`].
pub(super) fn survey_merges(lang: Lang) -> String {
    match lang {
        En => "a survey wave merges into the network (its ties start, \
             continue or end by year); --mode replace cannot be used with a survey. Nothing \
             was written"
            .into(),
        Es => "una ola de la encuesta se suma a la red (sus vínculos \
             empiezan, siguen o terminan por año); --mode replace no se puede usar con una \
             encuesta. No se escribió nada"
            .into(),
    }
}

/// [`super::Refusal::MissingSurveyParts`].
pub(super) fn missing_survey_parts(lang: Lang) -> String {
    match lang {
        En => "send multipart/form-data with the parts responses \
             (the survey export, CSV or XLSX) and survey (SURVEY.toml), and optionally \
             aliases"
            .into(),
        Es => "envíe multipart/form-data con las partes responses \
             (la exportación de la encuesta, CSV o XLSX) y survey (SURVEY.toml), y si quiere \
             aliases"
            .into(),
    }
}

/// [`super::Refusal::UnexpectedSurveyPart`].
pub(super) fn unexpected_survey_part(name: &str, lang: Lang) -> String {
    match lang {
        En => {
            format!("unexpected part {name}: the parts are responses, survey and aliases")
        }
        Es => {
            format!("parte inesperada {name}: las partes son responses, survey y aliases")
        }
    }
}

/// [`super::Refusal::RepeatedPart`].
pub(super) fn repeated_part(name: &str, lang: Lang) -> String {
    match lang {
        En => {
            format!("the part {name} was sent twice: send it once")
        }
        Es => {
            format!("la parte {name} se envió dos veces: envíela una sola vez")
        }
    }
}

/// [`super::Refusal::UnsupportedContentType`].
pub(super) fn unsupported_content_type(lang: Lang) -> String {
    match lang {
        En => "send Content-Type application/json, \
                                            multipart/form-data (parts organizations and \
                                            ties), text/csv or text/plain"
            .into(),
        Es => "envíe Content-Type application/json, \
                                            multipart/form-data (partes organizations y \
                                            ties), text/csv o text/plain"
            .into(),
    }
}

/// [`super::Refusal::UnexpectedPart`].
pub(super) fn unexpected_part(name: &str, lang: Lang) -> String {
    match lang {
        En => {
            format!("unexpected part {name:?}: send the parts organizations and ties")
        }
        Es => {
            format!("parte inesperada {name:?}: envíe las partes organizations y ties")
        }
    }
}

/// [`super::Refusal::WouldEmpty`].
pub(super) fn would_empty(orgs: usize, ties: usize, lang: Lang) -> String {
    match lang {
        En => format!(
            "mode=replace with an input that holds no organizations would delete the whole \
             network ({orgs} organizations, {ties} ties); nothing was written. If that is \
             what you want, repeat the request with confirm_empty=true"
        ),
        Es => format!(
            "mode=replace con una entrada sin organizaciones borraría toda la red ({orgs} \
             organizaciones, {ties} vínculos); no se escribió nada. Si es lo que quiere, \
             repita la petición con confirm_empty=true"
        ),
    }
}

/// [`super::Refusal::MissingParts`].
pub(super) fn missing_parts(lang: Lang) -> String {
    match lang {
        En => "send both parts: organizations (organizations.csv) and ties (ties.csv)".into(),
        Es => "envíe las dos partes: organizations (organizations.csv) y ties (ties.csv)".into(),
    }
}
