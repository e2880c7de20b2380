//! The seed of a seeded computation (communities, permutation tests): same input and seed,
//! same answer.

use super::bad_value;
use crate::i18n::{Expected, Refusal};
use puentes_analysis::policy::DEFAULT_SEED;

/// A seed: a whole number from 0 to 2⁶⁴ − 1 (default
/// [`puentes_analysis::policy::DEFAULT_SEED`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seed(u64);

impl Default for Seed {
    fn default() -> Self {
        Seed(DEFAULT_SEED)
    }
}

impl Seed {
    /// Reads a seed as typed; the refusal says what a seed is.
    ///
    /// ```
    /// use puentes::params::Seed;
    /// assert_eq!(Seed::parse("7").map(|s| s.get()), Ok(7));
    /// assert!(Seed::parse("-1").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<Seed, Refusal> {
        text.parse::<u64>().map(Seed).map_err(|_| {
            bad_value(
                "seed",
                text,
                Expected::Whole {
                    min: Some(0.0),
                    above: None,
                    max: None,
                },
            )
        })
    }

    /// The number.
    pub fn get(self) -> u64 {
        self.0
    }
}
