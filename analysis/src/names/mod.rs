//! Organization names as people type them: folding, ids made from names, and resolution of a
//! typed name to a known organization ([`resolve`]).
//!
//! Three levels of "the same name", from strict to loose, each with one function:
//!
//! | level | function | what it ignores | used for |
//! |---|---|---|---|
//! | spelling | [`key`] | case, accents, spaces, punctuation | one organization per name inside one file; saved aliases |
//! | name | [`canonical`] | also legal suffixes (A.C., I.A.P., S.C., Inc., LLC…), "Asociación Civil", abbreviations (Asoc., Fund.…), a trailing "(City)" | the `name` method of resolution |
//! | similar | [`resolve::similarity`] | one or two typos, word order | the `fuzzy` method, only when clearly ahead of the runner-up |
//!
//! ```
//! use puentes_analysis::names::{canonical, key, slug};
//! assert_eq!(key("Casa del Migrante"), key("casa  del migrante."));
//! assert_eq!(slug("Asociación Quetzal, A.C."), "asociacion-quetzal-a-c");
//! let c = canonical("Asoc. Quetzal Abierto A.C. (Tenosique)");
//! assert_eq!(c.text, "asociacion quetzal abierto");
//! assert_eq!(c.qualifier.as_deref(), Some("tenosique"));
//! ```

pub mod resolve;

/// Longest id made from a name, in bytes (the id rule allows 64; room for a `-NN` suffix).
pub const SLUG_MAX: usize = 60;

/// The ASCII letters a Latin letter with a diacritic folds to (`á` → `a`, `ñ` → `n`, `ß` →
/// `ss`), or `None` when `c` has no such folding.
fn fold_char(c: char) -> Option<&'static str> {
    Some(match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ā' | 'ą' | 'Á' | 'À' | 'Â' | 'Ä' | 'Ã' | 'Å' | 'Ā'
        | 'Ą' => "a",
        'é' | 'è' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' | 'É' | 'È' | 'Ê' | 'Ë' | 'Ē' | 'Ę' | 'Ě' => {
            "e"
        }
        'í' | 'ì' | 'î' | 'ï' | 'ī' | 'Í' | 'Ì' | 'Î' | 'Ï' | 'Ī' => "i",
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'ō' | 'Ó' | 'Ò' | 'Ô' | 'Ö' | 'Õ' | 'Ø' | 'Ō' => {
            "o"
        }
        'ú' | 'ù' | 'û' | 'ü' | 'ū' | 'ů' | 'Ú' | 'Ù' | 'Û' | 'Ü' | 'Ū' | 'Ů' => "u",
        'ñ' | 'ń' | 'Ñ' | 'Ń' => "n",
        'ç' | 'ć' | 'č' | 'Ç' | 'Ć' | 'Č' => "c",
        'ý' | 'ÿ' | 'Ý' => "y",
        'š' | 'ś' | 'Š' | 'Ś' => "s",
        'ž' | 'ź' | 'ż' | 'Ž' | 'Ź' | 'Ż' => "z",
        'ł' | 'Ł' => "l",
        'ř' | 'Ř' => "r",
        'ď' | 'Ď' => "d",
        'ť' | 'Ť' => "t",
        'ß' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        _ => return None,
    })
}

/// `text` in lowercase with accents folded to ASCII (`Ángeles` → `angeles`); other characters
/// are kept (lowercased).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match fold_char(c) {
            Some(s) => out.push_str(s),
            None => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The words of `text`, folded ([`fold`]): runs of letters and digits.
pub fn words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The spelling key: the folded words run together. Two names have the same key exactly when
/// they differ only by case, accents, spaces or punctuation ("Casa del Migrante" and
/// "casa del-migrante").
pub fn key(text: &str) -> String {
    words(text).concat()
}

/// An id made from a name: folded words joined by `-`, ASCII letters and digits only, cut at a
/// word boundary to at most [`SLUG_MAX`] bytes; `org` when nothing is left (a name in a
/// script that does not fold to ASCII). The caller adds a numeric suffix when two different
/// names give the same slug.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for w in words(text) {
        let ascii: String = w.chars().filter(char::is_ascii_alphanumeric).collect();
        if ascii.is_empty() {
            continue;
        }
        let extra = usize::from(!out.is_empty()) + ascii.len();
        if out.len() + extra > SLUG_MAX {
            if out.is_empty() {
                out = ascii[..SLUG_MAX].to_owned();
            }
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&ascii);
    }
    if out.is_empty() {
        "org".to_owned()
    } else {
        out
    }
}

/// Legal forms dropped at the end of a name, as folded word sequences (A.C. is `a c` or
/// `ac`), longest first so "S. de R.L." is dropped whole.
const LEGAL_SUFFIXES: &[&[&str]] = &[
    &["s", "de", "r", "l", "de", "c", "v"],
    &["s", "de", "r", "l"],
    &["asociacion", "civil"],
    &["sociedad", "civil"],
    &["i", "a", "p"],
    &["a", "b", "p"],
    &["a", "c"],
    &["s", "c"],
    &["s", "a"],
    &["iap"],
    &["abp"],
    &["ac"],
    &["sc"],
    &["inc"],
    &["llc"],
    &["ltd"],
    &["corp"],
    &["ong"],
];

/// Abbreviations written out, so "Asoc. Quetzal" and "Asociación Quetzal" have one name.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("asoc", "asociacion"),
    ("assoc", "association"),
    ("fund", "fundacion"),
    ("fdn", "fundacion"),
    ("org", "organizacion"),
    ("inst", "instituto"),
    ("ctro", "centro"),
    ("gpo", "grupo"),
    ("hnos", "hermanos"),
    ("hnas", "hermanas"),
    ("sta", "santa"),
    ("sto", "santo"),
    ("intl", "internacional"),
    ("nal", "nacional"),
    ("depto", "departamento"),
];

/// A name reduced to what identifies the organization ([`canonical`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Canonical {
    /// The identifying words, folded, abbreviations written out, legal form dropped, joined
    /// by single spaces.
    pub text: String,
    /// A trailing parenthesised place ("Casa del Migrante (Tapachula)" → `tapachula`),
    /// folded, when there is one.
    pub qualifier: Option<String>,
}

/// The name of an organization without what people add or drop when they type it: case,
/// accents, punctuation and spacing ([`words`]), a trailing "(City)" (kept apart as the
/// [`Canonical::qualifier`]), legal forms at the end (A.C., I.A.P., S.C., S.A., Inc., LLC,
/// "Asociación Civil"), and abbreviations ("Asoc." → asociacion).
///
/// A name made only of a legal form keeps it (so it never becomes empty).
pub fn canonical(text: &str) -> Canonical {
    let trimmed = text.trim();
    let (body, qualifier) = match (trimmed.rfind('('), trimmed.ends_with(')')) {
        (Some(open), true) if open > 0 => {
            let inner = key(&trimmed[open + 1..trimmed.len() - 1]);
            let inner = (!inner.is_empty()).then_some(inner);
            (&trimmed[..open], inner)
        }
        _ => (trimmed, None),
    };
    let mut ws: Vec<String> = words(body)
        .into_iter()
        .map(|w| {
            ABBREVIATIONS
                .iter()
                .find(|(short, _)| *short == w)
                .map_or(w, |(_, long)| (*long).to_owned())
        })
        .collect();
    // Drop legal forms at the end (one or more: "A.C. S.C." is rare but harmless).
    while let Some(suffix) = LEGAL_SUFFIXES
        .iter()
        .find(|s| ws.len() > s.len() && ws.ends_with_strs(s))
    {
        ws.truncate(ws.len() - suffix.len());
    }
    // "Asociación Civil …" at the start is a legal form too.
    if ws.len() > 3 && ws[0] == "asociacion" && ws[1] == "civil" {
        ws.drain(..2);
    }
    Canonical {
        text: ws.join(" "),
        qualifier,
    }
}

/// `ends_with` between owned words and a list of `&str`.
trait EndsWithStrs {
    fn ends_with_strs(&self, tail: &[&str]) -> bool;
}

impl EndsWithStrs for Vec<String> {
    fn ends_with_strs(&self, tail: &[&str]) -> bool {
        self.len() >= tail.len()
            && self[self.len() - tail.len()..]
                .iter()
                .zip(tail)
                .all(|(a, b)| a == b)
    }
}

/// Why a typed name cannot be an organization's name ([`crate::model::rules::plain_name`]:
/// empty, longer than 200 characters, or holding a control character or a bidirectional
/// formatting mark), or `None` when it is fine.
pub fn name_problem(name: &str) -> Option<crate::model::Rule> {
    crate::model::rules::plain_name(name).err()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_and_keys() {
        assert_eq!(fold("Ángeles ÑANDÚ Straße"), "angeles nandu strasse");
        assert_eq!(words("Mme.Magloire"), vec!["mme", "magloire"]);
        assert_eq!(
            key("Red Jesuita con Migrantes"),
            key("red jesuita  con-migrantes")
        );
        assert_ne!(key("Casa Quetzal Nuevo"), key("Casa Quetzal Nueva"));
        assert_eq!(key("北京 Centro"), "北京centro");
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Casa del Migrante"), "casa-del-migrante");
        assert_eq!(slug("  Mme.Magloire "), "mme-magloire");
        assert_eq!(slug("北京"), "org");
        assert_eq!(slug("Niños y Niñas, A.C."), "ninos-y-ninas-a-c");
        let long = "Palabra ".repeat(20);
        let s = slug(&long);
        assert!(s.len() <= SLUG_MAX && s.ends_with("palabra"), "{s}");
        assert!(crate::model::rules::id(&s).is_ok());
        assert_eq!(slug(&"x".repeat(100)).len(), SLUG_MAX);
    }

    #[test]
    fn canonical_names() {
        let c = |s: &str| canonical(s).text;
        assert_eq!(c("Casa Quetzal Nuevo, A.C."), "casa quetzal nuevo");
        assert_eq!(c("CASA QUETZAL NUEVO AC"), "casa quetzal nuevo");
        assert_eq!(c("Asoc. Quetzal Abierto"), "asociacion quetzal abierto");
        assert_eq!(c("Fund. Raíces I.A.P."), "fundacion raices");
        assert_eq!(c("Puentes Legal LLC"), "puentes legal");
        assert_eq!(
            c("Asociación Civil Sendero Libre Norte"),
            "sendero libre norte"
        );
        assert_eq!(c("A.C."), "a c", "a name of only a legal form keeps it");
        assert_eq!(
            canonical("Casa del Migrante (Tapachula)"),
            Canonical {
                text: "casa del migrante".into(),
                qualifier: Some("tapachula".into())
            }
        );
        assert_eq!(canonical("(Tapachula)").qualifier, None);
    }

    #[test]
    fn names_with_hidden_characters_are_refused() {
        assert!(name_problem("Casa \u{202E}fdp").is_some());
        assert!(name_problem("a\u{7}b").is_some());
        assert!(name_problem("   ").is_some());
        assert!(name_problem(&"é".repeat(201)).is_some());
        assert!(name_problem(&"é".repeat(200)).is_none());
        assert!(name_problem("Mme.Magloire").is_none());
    }
}
