//! The language of an answer (`--lang`, `PUENTES_LANG`, `?lang=`).

use crate::i18n::{shorten, Lang, Refusal};

/// Reads `es` or `en` (ASCII case ignored).
///
/// ```
/// use puentes::i18n::Lang;
/// assert_eq!(puentes::params::lang("ES"), Ok(Lang::Es));
/// assert!(puentes::params::lang("fr").is_err());
/// ```
pub fn lang(text: &str) -> Result<Lang, Refusal> {
    Lang::parse(text).ok_or_else(|| Refusal::BadLang {
        value: shorten(text),
    })
}
