//! The tie weight: `--weight NAME` and `weight=NAME`, the one rule for which number weighs a
//! tie in the weighted metrics (strength, or a per-tie answer such as a survey's `trust`).

use crate::i18n::{shorten, Expected, Refusal};
use puentes_analysis::model::NetworkData;

/// The weight that is not a tie attribute: the tie's strength (1-5), the default.
pub const STRENGTH: &str = "strength";

/// Reads a weight parameter: `strength` (the default) gives `None`; the name of a tie
/// attribute some tie of `data` carries gives it. Anything else is refused with the names the
/// network offers.
///
/// ```
/// use puentes::params::check_weight;
/// use puentes_analysis::model::NetworkData;
/// assert_eq!(check_weight("weight", "strength", &NetworkData::default()), Ok(None));
/// assert!(check_weight("weight", "trust", &NetworkData::default()).is_err());
/// ```
pub fn check_weight(name: &str, text: &str, data: &NetworkData) -> Result<Option<String>, Refusal> {
    let text = text.trim();
    if text == STRENGTH {
        return Ok(None);
    }
    let names = data.tie_attribute_names();
    if names.iter().any(|n| n == text) {
        return Ok(Some(text.to_owned()));
    }
    Err(Refusal::BadValue {
        name: name.to_owned(),
        value: shorten(text),
        expected: Expected::OneOf(std::iter::once(STRENGTH.to_owned()).chain(names).collect()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use puentes_analysis::model::{ReportedBy, Tie, TieKind};

    #[test]
    fn names_the_attributes_the_network_has() {
        let tie = |attributes: &[(&str, f64)]| Tie {
            source: "a".into(),
            target: "b".into(),
            kind: TieKind::Referral,
            strength: 2,
            since: None,
            until: None,
            reported_by: ReportedBy::Both,
            attributes: attributes
                .iter()
                .map(|(k, v)| (k.to_string(), *v))
                .collect(),
        };
        let data = NetworkData {
            organizations: Vec::new(),
            ties: vec![
                tie(&[("trust", 3.0)]),
                tie(&[("value", 2.0), ("trust", 1.0)]),
            ],
        };
        assert_eq!(
            check_weight("weight", " trust ", &data),
            Ok(Some("trust".into()))
        );
        assert_eq!(check_weight("--weight", "strength", &data), Ok(None));
        let refusal = check_weight("--weight", "confianza", &data).expect_err("unknown");
        assert_eq!(
            refusal.render(Lang::En),
            "--weight = \"confianza\": expected one of: strength, trust, value"
        );
    }
}
