//! The catalogue's sentences about one organization's profile that are not findings: what
//! the profile cannot say for lack of data. English and Spanish side by side;
//! [`ProfileText::render`] matches on `(text, language)` with no catch-all arm.

use crate::i18n::Lang;

/// A sentence of a profile's summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileText {
    /// No organization of the network lists any service, so nothing can be said of which
    /// services are within reach.
    NoServiceData,
}

impl ProfileText {
    /// Every text, for the catalogue test.
    pub const ALL: [ProfileText; 1] = [ProfileText::NoServiceData];

    /// The sentence in `lang`.
    pub fn render(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (ProfileText::NoServiceData, Lang::En) => {
                "This network has no service data (no organization lists its services), so \
                 nothing can be said about which services are within reach."
            }
            (ProfileText::NoServiceData, Lang::Es) => {
                "Esta red no tiene datos de servicios (ninguna organización indica sus \
                 servicios), así que no se puede decir qué servicios están a su alcance."
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_speaks_both_languages() {
        for t in ProfileText::ALL {
            let (en, es) = (t.render(Lang::En), t.render(Lang::Es));
            assert!(!en.is_empty() && !es.is_empty() && en != es, "{t:?}");
        }
        assert!(ProfileText::NoServiceData
            .render(Lang::Es)
            .starts_with("Esta red no tiene datos de servicios"));
    }
}
