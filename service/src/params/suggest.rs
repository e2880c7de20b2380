//! What a suggestion is for and how many to show: the goal (a preset or custom weights) and
//! the limit, as `puentes suggest`, `puentes what-if --from-suggestions` and the suggestion
//! and what-if routes take them.

use super::bad_value;
use crate::i18n::{Expected, Refusal};
use puentes_analysis::suggest::{Goal, Weights};

/// Custom suggestion weights: `name=weight` pairs, each weight a number from 0 to
/// [`puentes_analysis::policy::MAX_WEIGHT`], at least one above 0.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SuggestWeights(Weights);

impl SuggestWeights {
    /// Reads `adamic_adar=0.5,proximity=0.2`. Refused: an unknown component (the refusal
    /// lists them), a weight that is negative, not finite or above 1000 (a weight near
    /// `f64::MAX` would make every score infinite), and weights that are all 0 (nothing
    /// to rank by).
    ///
    /// ```
    /// use puentes::params::SuggestWeights;
    /// assert!(SuggestWeights::parse("adamic_adar=0.5,proximity=0.5").is_ok());
    /// assert!(SuggestWeights::parse("adamic_adar=0").is_err());
    /// assert!(SuggestWeights::parse("adamic_adar=1e308").is_err());
    /// assert!(SuggestWeights::parse("adamic_adar=inf").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<SuggestWeights, Refusal> {
        let weights = Weights::parse(text).map_err(Refusal::BadWeights)?;
        if weights.nonzero().is_empty() {
            return Err(bad_value("weights", text, Expected::SomeWeight));
        }
        Ok(SuggestWeights(weights))
    }

    /// The weights.
    pub fn get(self) -> Weights {
        self.0
    }
}

/// Reads a preset goal's name (`strengthen`, `bridge`, `services`, `balanced`).
pub fn goal_name(text: &str) -> Result<Goal, Refusal> {
    text.parse().map_err(Refusal::Suggest)
}

/// The goal of a request: a preset name or custom weights, not both; `default` when neither.
///
/// ```
/// use puentes::params::goal;
/// use puentes_analysis::suggest::Goal;
/// assert_eq!(goal(Some("bridge"), None, Goal::Balanced), Ok(Goal::Bridge));
/// assert_eq!(goal(None, None, Goal::Balanced), Ok(Goal::Balanced));
/// assert!(goal(Some("bridge"), Some("jaccard=1"), Goal::Balanced).is_err());
/// ```
pub fn goal(name: Option<&str>, weights: Option<&str>, default: Goal) -> Result<Goal, Refusal> {
    match (name, weights) {
        (Some(_), Some(_)) => Err(Refusal::GoalAndWeights),
        (None, Some(w)) => Ok(Goal::Custom(SuggestWeights::parse(w)?.get())),
        (Some(g), None) => goal_name(g),
        (None, None) => Ok(default),
    }
}

/// Most suggestions one organization is shown at once.
pub const MAX_SUGGESTIONS: usize = 50;

/// Suggestions shown when no limit is given.
pub const DEFAULT_SUGGESTIONS: usize = 10;

/// How many suggestions to show: a whole number from 1 to [`MAX_SUGGESTIONS`].
///
/// ```
/// use puentes::params::suggestion_limit;
/// assert_eq!(suggestion_limit("5"), Ok(5));
/// assert!(suggestion_limit("0").is_err());
/// assert!(suggestion_limit("51").is_err());
/// ```
pub fn suggestion_limit(text: &str) -> Result<usize, Refusal> {
    super::whole_in("limit", text, 1, MAX_SUGGESTIONS)
}
