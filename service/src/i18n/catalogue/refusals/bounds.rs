//! Bounds and well-formedness of what a client or a command sends: a JSON key given twice in
//! one object, an input larger than Puentes reads, and what a map view leaves out when a
//! community is too large to draw whole.

use crate::i18n::Lang;

/// A key given twice in one object of a JSON request body (`line`, `column`: where the second
/// one ends, as the JSON reader counts).
pub(super) fn repeated_key(key: &str, line: usize, column: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "request body: the key {key:?} is given twice in one object (line {line}, column \
             {column}); give each key once. Nothing was done"
        ),
        Lang::Es => format!(
            "cuerpo de la petición: la clave {key:?} aparece dos veces en un mismo objeto \
             (línea {line}, columna {column}); dé cada clave una sola vez. No se hizo nada"
        ),
    }
}

/// What a key of a JSON object must be: given once.
pub(super) fn key_once(lang: Lang) -> String {
    match lang {
        Lang::En => "each key once in its object (this one is given twice)".into(),
        Lang::Es => "cada clave una sola vez en su objeto (esta aparece dos veces)".into(),
    }
}

/// An input file (or standard input) larger than one command reads.
pub(super) fn input_too_large(path: &str, limit: usize, lang: Lang) -> String {
    let size = super::http::bytes_and_units(limit, lang);
    match lang {
        Lang::En => format!(
            "{path:?} is larger than Puentes reads from one input: at most {size}, the same \
             limit as an import through the API; nothing was imported or analysed. Split the \
             input, or raise the limit with --max-input-bytes"
        ),
        Lang::Es => format!(
            "{path:?} es más grande de lo que Puentes lee de una entrada: como máximo {size}, \
             el mismo límite que una importación por la API; no se importó ni se analizó nada. \
             Divida la entrada, o suba el límite con --max-input-bytes"
        ),
    }
}

/// The subtitle of a community view drawn only in part: its `shown` organizations with the
/// most ties, of `members`, as the whole map draws at most `shown` organizations.
pub fn community_drawn_in_part(shown: usize, members: usize, lang: Lang) -> String {
    let (shown_text, members_text) = (lang.count(shown), lang.count(members));
    match lang {
        Lang::En => format!(
            "the {shown_text} organizations with the most ties of {members_text}: a map draws \
             at most {shown_text}; open an organization to see its neighbourhood"
        ),
        Lang::Es => format!(
            "las {shown_text} organizaciones con más lazos de {members_text}: un mapa dibuja \
             como máximo {shown_text}; abra una organización para ver su vecindario"
        ),
    }
}
