//! Refusals of a query or a parameter: malformed queries, unknown, repeated or unreadable
//! parameters, a value that is not allowed (worded with [`super::Expected`]), and years.

use super::Expected;
use crate::i18n::Lang::{self, En, Es};

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

/// [`super::Refusal::MalformedQuery`].
pub(super) fn malformed_query(lang: Lang) -> String {
    match lang {
        En => "malformed query string: expected key=value pairs \
                                    separated by &, percent-encoded"
            .into(),
        Es => "consulta mal formada: se esperan pares clave=valor \
                                    separados por &, con codificación por porcentaje"
            .into(),
    }
}

/// [`super::Refusal::UnknownParameter`].
pub(super) fn unknown_parameter(name: &str, known: &[String], lang: Lang) -> String {
    match lang {
        En if known.is_empty() => {
            format!("query parameters: unknown parameter {name:?}; this route takes none")
        }
        En => format!(
            "query parameters: unknown parameter {name:?}; expected {}",
            alternatives(known, lang)
        ),
        Es if known.is_empty() => format!(
            "parámetros de consulta: parámetro desconocido {name:?}; esta ruta no admite \
             ninguno"
        ),
        Es => format!(
            "parámetros de consulta: parámetro desconocido {name:?}; se espera {}",
            alternatives(known, lang)
        ),
    }
}

/// [`super::Refusal::BadValue`].
pub(super) fn bad_value(name: &str, value: &str, expected: &Expected, lang: Lang) -> String {
    match lang {
        En => {
            format!("{name} = {value:?}: expected {}", expected.render(lang))
        }
        Es => {
            format!("{name} = {value:?}: se espera {}", expected.render(lang))
        }
    }
}

/// [`super::Refusal::RepeatedParameter`].
pub(super) fn repeated_parameter(name: &str, lang: Lang) -> String {
    match lang {
        En => {
            format!("query parameter {name:?} is given more than once; give it once")
        }
        Es => {
            format!("el parámetro de consulta {name:?} aparece más de una vez; indíquelo una vez")
        }
    }
}

/// [`super::Refusal::QueryParameters`].
pub(super) fn query_parameters(detail: &str, lang: Lang) -> String {
    match lang {
        En => format!("query parameters: {detail}"),
        Es => format!("parámetros de consulta: {detail}"),
    }
}

/// [`super::Refusal::BadParameter`].
pub(super) fn bad_parameter(name: &str, value: &str, detail: &str, lang: Lang) -> String {
    match lang {
        En => {
            format!("query parameter {name} = {value:?} cannot be read: {detail}")
        }
        Es => {
            format!("no se puede leer el parámetro de consulta {name} = {value:?}: {detail}")
        }
    }
}

/// [`super::Refusal::BadLang`].
pub(super) fn bad_lang(value: &str, lang: Lang) -> String {
    match lang {
        En => format!("lang: expected es or en, not {value:?}"),
        Es => format!("lang: se espera es o en, no {value:?}"),
    }
}

/// [`super::Refusal::YearOutOfRange`].
pub(super) fn year_out_of_range(
    name: &str,
    value: &str,
    first: i32,
    last: i32,
    lang: Lang,
) -> String {
    match lang {
        En => format!(
            "{name} = \"{value}\": expected a year from {first} (the network's first dated tie) to {last}"
        ),
        Es => format!(
            "{name} = \"{value}\": se espera un año de {first} (el primer vínculo con fecha de la red) a {last}"
        ),
    }
}

/// [`super::Refusal::AsOfWithYears`].
pub(super) fn as_of_with_years(lang: Lang) -> String {
    match lang {
        En => {
            "--as-of does not apply here: this command names its years with --from and --to".into()
        }
        Es => "--as-of no se aplica aquí: este comando indica sus años con --from y --to".into(),
    }
}

/// [`super::Refusal::NoDatedTies`].
pub(super) fn no_dated_ties(lang: Lang) -> String {
    match lang {
        En => "no tie in this network carries a year, so there is nothing to follow over \
               time: give the ties the year they started (ties.csv column `since`, or \
               `year` in a dataset's ties) and import them again"
            .into(),
        Es => "ningún vínculo de esta red lleva un año, así que no hay nada que seguir en el \
               tiempo: indique el año en que empezó cada vínculo (columna `since` de \
               ties.csv, o `year` en los vínculos de un conjunto de datos) e impórtelos de \
               nuevo"
            .into(),
    }
}

/// [`super::Refusal::YearsInOrder`].
pub(super) fn years_in_order(from: i32, to: i32, lang: Lang) -> String {
    match lang {
        En => {
            format!("from = {from} comes after to = {to}: give the earlier year first")
        }
        Es => {
            format!("from = {from} es posterior a to = {to}: dé primero el año anterior")
        }
    }
}
