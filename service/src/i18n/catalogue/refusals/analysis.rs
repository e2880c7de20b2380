//! Refusals of the analyses: suggestion options and weights, what-if ties, and map views
//! ([`MapError`]).

use super::Refusal;
use crate::i18n::Lang::{self, En, Es};
use puentes_analysis::policy::MAX_WEIGHT;
use puentes_analysis::suggest::SuggestError;

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

/// A refused suggestion request (`what` names the parameter when the error does not).
pub(super) fn suggest_error(what: &str, e: &SuggestError, lang: Lang) -> String {
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
pub(super) fn map_error(e: &MapError, lang: Lang) -> String {
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

/// [`Refusal::TiesFileOrSuggestions`].
pub(super) fn ties_file_or_suggestions(lang: Lang) -> String {
    match lang {
        En => "give a ties file or --from-suggestions GOAL".into(),
        Es => "indique un archivo de vínculos o --from-suggestions OBJETIVO".into(),
    }
}

/// [`Refusal::GoalAndWeights`].
pub(super) fn goal_and_weights(lang: Lang) -> String {
    match lang {
        En => "give either goal (a preset) or weights (custom), not both".into(),
        Es => "indique goal (un objetivo predefinido) o weights (pesos propios), no ambos".into(),
    }
}

/// [`Refusal::TooManyTies`].
pub(super) fn too_many_ties(sent: usize, max: usize, lang: Lang) -> String {
    match lang {
        En => format!("{sent} ties proposed: at most {max}"),
        Es => {
            format!("{sent} vínculos propuestos: como máximo {max}")
        }
    }
}

/// [`Refusal::TiesOrSuggestions`].
pub(super) fn ties_or_suggestions(lang: Lang) -> String {
    match lang {
        En => "give exactly one of ties (a list) or from_suggestions".into(),
        Es => "indique exactamente uno de ties (una lista) o from_suggestions".into(),
    }
}
