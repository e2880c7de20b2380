//! The score components, their weights and the goal presets.

use super::SuggestError;
use serde::Serialize;
use std::fmt;
use std::str::FromStr;

/// Number of score components ([`Component::ALL`]).
pub const COMPONENTS: usize = 11;

/// One separately exposed score of a candidate tie `{v, c}` (v: the asking organization,
/// c: the candidate). The formulas are in the [module docs](super) and on each function of
/// [`super::scores`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Component {
    /// |Γ(v) ∩ Γ(c)| (NetworkX `common_neighbors`).
    CommonNeighbors,
    /// |Γ(v) ∩ Γ(c)| / |Γ(v) ∪ Γ(c)| (NetworkX `jaccard_coefficient`).
    Jaccard,
    /// Σ_{z ∈ Γ(v) ∩ Γ(c)} 1 / ln k_z (NetworkX `adamic_adar_index`).
    AdamicAdar,
    /// Σ_{z ∈ Γ(v) ∩ Γ(c)} 1 / k_z (NetworkX `resource_allocation_index`).
    ResourceAllocation,
    /// k_v · k_c (NetworkX `preferential_attachment`).
    PreferentialAttachment,
    /// Σ_z √(w_vz · w_zc) / ln(1 + s_z): Adamic–Adar weighted by tie strength.
    WeightedAdamicAdar,
    /// Σ_z r_vz · r_zc / ln k_z: Adamic–Adar with recent ties counting more.
    Recency,
    /// Share of v's missing services that c offers, weighted by c's population served.
    Complementarity,
    /// (same country + same corridor) / 2.
    Proximity,
    /// 1 when v and c are in different communities.
    CommunityBridge,
    /// max(0, C_v − C′_v): how much v's Burt constraint falls if the tie is added.
    ConstraintDrop,
}

impl Component {
    /// Every component, in the order of score vectors.
    pub const ALL: [Component; COMPONENTS] = [
        Component::CommonNeighbors,
        Component::Jaccard,
        Component::AdamicAdar,
        Component::ResourceAllocation,
        Component::PreferentialAttachment,
        Component::WeightedAdamicAdar,
        Component::Recency,
        Component::Complementarity,
        Component::Proximity,
        Component::CommunityBridge,
        Component::ConstraintDrop,
    ];

    /// Position in [`Component::ALL`] and in every score vector.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The name used in the API and in `weights=` strings.
    pub fn as_str(self) -> &'static str {
        match self {
            Component::CommonNeighbors => "common_neighbors",
            Component::Jaccard => "jaccard",
            Component::AdamicAdar => "adamic_adar",
            Component::ResourceAllocation => "resource_allocation",
            Component::PreferentialAttachment => "preferential_attachment",
            Component::WeightedAdamicAdar => "weighted_adamic_adar",
            Component::Recency => "recency",
            Component::Complementarity => "complementarity",
            Component::Proximity => "proximity",
            Component::CommunityBridge => "community_bridge",
            Component::ConstraintDrop => "constraint_drop",
        }
    }

    /// The allowed names, comma-separated (for error messages).
    pub fn allowed() -> String {
        Component::ALL.map(Component::as_str).join(", ")
    }
}

impl fmt::Display for Component {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Component {
    type Err = SuggestError;
    fn from_str(s: &str) -> Result<Self, SuggestError> {
        let s = s.trim();
        Component::ALL
            .into_iter()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| SuggestError::UnknownComponent {
                name: s.to_owned(),
                allowed: Component::allowed(),
            })
    }
}

/// Whether `x` may weigh a component: finite, from 0 to [`crate::policy::MAX_WEIGHT`].
fn allowed_weight(x: f64) -> bool {
    x.is_finite() && (0.0..=crate::policy::MAX_WEIGHT).contains(&x)
}

/// One weight per [`Component`]: the score is `Σ_i weight_i · normalized_i`.
///
/// Weights are finite, from 0 to [`crate::policy::MAX_WEIGHT`] (checked by [`Weights::new`] and
/// [`Weights::parse`]); they need
/// not add up to 1. Serialized as a map from component name to weight, every component
/// listed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights(pub(crate) [f64; COMPONENTS]);

impl Serialize for Weights {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(COMPONENTS))?;
        for c in Component::ALL {
            map.serialize_entry(c.as_str(), &self.get(c))?;
        }
        map.end()
    }
}

impl Weights {
    /// Weights from `(component, weight)` pairs; components not listed weigh 0.
    ///
    /// # Errors
    /// [`SuggestError::InvalidWeight`] for a weight that is negative, NaN, infinite or above
    /// [`crate::policy::MAX_WEIGHT`].
    pub fn new(pairs: &[(Component, f64)]) -> Result<Weights, SuggestError> {
        let mut w = [0.0; COMPONENTS];
        for &(c, x) in pairs {
            if !allowed_weight(x) {
                return Err(SuggestError::InvalidWeight {
                    component: c.as_str().to_owned(),
                    value: x.to_string(),
                });
            }
            w[c.index()] = x;
        }
        Ok(Weights(w))
    }

    /// Parses `name=weight` pairs separated by commas (`:` works as well as `=`), e.g.
    /// `adamic_adar=0.5,proximity=0.2`. Components not listed weigh 0.
    ///
    /// # Errors
    /// [`SuggestError::UnknownComponent`] (with the allowed names),
    /// [`SuggestError::InvalidWeight`] naming the offending part, or
    /// [`SuggestError::RepeatedComponent`] for a component named twice.
    ///
    /// # Examples
    /// ```
    /// use puentes_analysis::suggest::{Component, Weights};
    /// let w = Weights::parse("adamic_adar=0.5, proximity:0.25").unwrap();
    /// assert_eq!(w.get(Component::AdamicAdar), 0.5);
    /// assert_eq!(w.get(Component::Jaccard), 0.0);
    /// assert!(Weights::parse("adamic=1").is_err());
    /// ```
    pub fn parse(s: &str) -> Result<Weights, SuggestError> {
        let mut pairs = Vec::new();
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (name, value) =
                part.split_once(['=', ':'])
                    .ok_or_else(|| SuggestError::InvalidWeight {
                        component: part.to_owned(),
                        value: String::new(),
                    })?;
            let c: Component = name.parse()?;
            let x: f64 = value
                .trim()
                .parse()
                .ok()
                .filter(|x| allowed_weight(*x))
                .ok_or_else(|| SuggestError::InvalidWeight {
                    component: c.as_str().to_owned(),
                    value: value.trim().to_owned(),
                })?;
            if pairs.iter().any(|&(seen, _)| seen == c) {
                return Err(SuggestError::RepeatedComponent {
                    component: c.as_str().to_owned(),
                });
            }
            pairs.push((c, x));
        }
        Weights::new(&pairs)
    }

    /// The weight of one component.
    pub fn get(&self, c: Component) -> f64 {
        self.0[c.index()]
    }

    /// All weights, in [`Component::ALL`] order.
    pub fn as_array(&self) -> &[f64; COMPONENTS] {
        &self.0
    }

    /// `(component, weight)` for the components with a weight above 0.
    pub fn nonzero(&self) -> Vec<(Component, f64)> {
        Component::ALL
            .into_iter()
            .filter(|c| self.get(*c) > 0.0)
            .map(|c| (c, self.get(c)))
            .collect()
    }
}

/// What the asking organization wants from a new tie: a preset of [`Weights`] or custom ones.
///
/// | goal | weights |
/// |---|---|
/// | `strengthen` (closure and trust) | Adamic–Adar 0.35, weighted Adamic–Adar 0.30, recency 0.20, common neighbours 0.15 |
/// | `bridge` (reach other communities) | community bridge 0.40, constraint drop 0.40, Adamic–Adar 0.20 |
/// | `services` (fill service gaps) | complementarity 0.60, proximity 0.30, Adamic–Adar 0.10 |
/// | `balanced` (the default) | Adamic–Adar 0.25, recency 0.15, complementarity 0.15, resource allocation 0.10, weighted Adamic–Adar 0.10, proximity 0.10, preferential attachment 0.05, community bridge 0.05, constraint drop 0.05 |
///
/// The presets were set from what each goal means, before any backtest; the backtest
/// ([`super::backtest`]) reports how each fares against the baselines and fits a `learned`
/// combination on an earlier split.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Goal {
    /// Closure and trust: partners of partners, through strong and recent ties.
    Strengthen,
    /// Reach other communities and loosen a closed circle (lower constraint).
    Bridge,
    /// Fill the services the organization and its partners lack, nearby.
    Services,
    /// A bit of everything (the default).
    #[default]
    Balanced,
    /// Caller-chosen weights.
    Custom(Weights),
}

impl Goal {
    /// The preset names accepted by [`Goal::from_str`].
    pub const PRESETS: [&'static str; 4] = ["strengthen", "bridge", "services", "balanced"];

    /// The weights of this goal.
    pub fn weights(&self) -> Weights {
        use Component::*;
        let pairs: &[(Component, f64)] = match self {
            Goal::Strengthen => &[
                (AdamicAdar, 0.35),
                (WeightedAdamicAdar, 0.30),
                (Recency, 0.20),
                (CommonNeighbors, 0.15),
            ],
            Goal::Bridge => &[
                (CommunityBridge, 0.40),
                (ConstraintDrop, 0.40),
                (AdamicAdar, 0.20),
            ],
            Goal::Services => &[
                (Complementarity, 0.60),
                (Proximity, 0.30),
                (AdamicAdar, 0.10),
            ],
            Goal::Balanced => &[
                (AdamicAdar, 0.25),
                (Recency, 0.15),
                (Complementarity, 0.15),
                (ResourceAllocation, 0.10),
                (WeightedAdamicAdar, 0.10),
                (Proximity, 0.10),
                (PreferentialAttachment, 0.05),
                (CommunityBridge, 0.05),
                (ConstraintDrop, 0.05),
            ],
            Goal::Custom(w) => return *w,
        };
        let mut w = [0.0; COMPONENTS];
        for &(c, x) in pairs {
            w[c.index()] = x;
        }
        Weights(w)
    }

    /// The goal's name: a preset name or `custom`.
    pub fn name(&self) -> &'static str {
        match self {
            Goal::Strengthen => "strengthen",
            Goal::Bridge => "bridge",
            Goal::Services => "services",
            Goal::Balanced => "balanced",
            Goal::Custom(_) => "custom",
        }
    }
}

impl FromStr for Goal {
    type Err = SuggestError;
    /// A preset name ([`Goal::PRESETS`]); custom weights come from [`Weights::parse`].
    fn from_str(s: &str) -> Result<Self, SuggestError> {
        match s.trim() {
            "strengthen" => Ok(Goal::Strengthen),
            "bridge" => Ok(Goal::Bridge),
            "services" => Ok(Goal::Services),
            "balanced" => Ok(Goal::Balanced),
            other => Err(SuggestError::InvalidOption {
                field: "goal",
                value: other.to_owned(),
                allowed: super::Allowed::OneOf(Goal::PRESETS.to_vec()),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_parse_and_custom_weights_are_checked() {
        assert_eq!("bridge".parse::<Goal>(), Ok(Goal::Bridge));
        assert!(matches!(
            "closure".parse::<Goal>(),
            Err(SuggestError::InvalidOption { field: "goal", .. })
        ));
        let w = Weights::parse("jaccard=2,recency:0.5").expect("valid weights");
        assert_eq!(
            w.nonzero(),
            vec![(Component::Jaccard, 2.0), (Component::Recency, 0.5)]
        );
        assert!(matches!(
            Weights::parse("jaccard=-1"),
            Err(SuggestError::InvalidWeight { .. })
        ));
        assert!(matches!(
            Weights::parse("jaccard=x"),
            Err(SuggestError::InvalidWeight { .. })
        ));
        // Issue 24: a component named twice is refused, not decided by its last value.
        assert_eq!(
            Weights::parse("jaccard=1, recency=2, jaccard:5"),
            Err(SuggestError::RepeatedComponent {
                component: "jaccard".into()
            })
        );
        // Finite and at most MAX_WEIGHT (1000): a weight of 1e308 would overflow every score.
        assert_eq!(
            Weights::parse("jaccard=1000").map(|w| w.get(Component::Jaccard)),
            Ok(1000.0)
        );
        for bad in ["1000.5", "1e308", "inf", "NaN"] {
            assert_eq!(
                Weights::parse(&format!("jaccard={bad}")),
                Err(SuggestError::InvalidWeight {
                    component: "jaccard".into(),
                    value: bad.into(),
                })
            );
        }
        assert!(Weights::new(&[(Component::Jaccard, f64::MAX)]).is_err());
        match Weights::parse("adamic=1") {
            Err(SuggestError::UnknownComponent { name, allowed }) => {
                assert_eq!(name, "adamic");
                assert!(allowed.contains("adamic_adar"));
            }
            other => panic!("expected an unknown component, got {other:?}"),
        }
        for goal in [
            Goal::Strengthen,
            Goal::Bridge,
            Goal::Services,
            Goal::Balanced,
        ] {
            let total: f64 = goal.weights().as_array().iter().sum();
            assert!((total - 1.0).abs() < 1e-12, "{goal:?} sums to {total}");
        }
        for (i, c) in Component::ALL.into_iter().enumerate() {
            assert_eq!(c.index(), i);
            assert_eq!(c.as_str().parse::<Component>(), Ok(c));
        }
    }
}
