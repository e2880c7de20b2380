//! Which partition to compute: the algorithm, the resolution γ and the seed, as
//! `puentes communities` and `/api/v1/communities` take them.

use super::{bad_value, Seed};
use crate::i18n::{Expected, Refusal};
use puentes_analysis::policy::DEFAULT_SEED;
use serde::Serialize;

/// Community detection algorithms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Algorithm {
    /// Louvain modularity optimisation (Blondel et al. 2008).
    #[default]
    Louvain,
    /// Leiden (Traag, Waltman & van Eck 2019): well-connected communities.
    Leiden,
    /// Label propagation (Raghavan et al. 2007), seeded.
    LabelPropagation,
    /// Connected components.
    Components,
}

impl Algorithm {
    /// Every algorithm, in the order they are listed.
    pub const ALL: [Algorithm; 4] = [
        Algorithm::Louvain,
        Algorithm::Leiden,
        Algorithm::LabelPropagation,
        Algorithm::Components,
    ];

    /// The algorithm's name in `algorithm=` and `--algorithm`.
    pub fn name(self) -> &'static str {
        match self {
            Algorithm::Louvain => "louvain",
            Algorithm::Leiden => "leiden",
            Algorithm::LabelPropagation => "label_propagation",
            Algorithm::Components => "components",
        }
    }

    /// Reads an algorithm's name; the refusal lists the names.
    ///
    /// ```
    /// use puentes::params::Algorithm;
    /// assert_eq!(Algorithm::parse("leiden"), Ok(Algorithm::Leiden));
    /// assert!(Algorithm::parse("girvan_newman").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<Algorithm, Refusal> {
        Algorithm::ALL
            .into_iter()
            .find(|a| a.name() == text)
            .ok_or_else(|| {
                bad_value(
                    "algorithm",
                    text,
                    Expected::OneOf(Algorithm::ALL.map(|a| a.name().to_owned()).to_vec()),
                )
            })
    }
}

/// The largest resolution γ accepted: beyond it Louvain splits the fixture's 120 organizations
/// into singletons with a modularity far below 0, an answer no reader can use.
pub const MAX_RESOLUTION: f64 = 100.0;

/// A resolution γ: a finite number above 0, at most [`MAX_RESOLUTION`] (higher: smaller
/// communities).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Resolution(f64);

impl Default for Resolution {
    fn default() -> Self {
        Resolution(1.0)
    }
}

impl Resolution {
    /// What a resolution must be.
    fn expected() -> Expected {
        Expected::Number {
            min: None,
            above: Some(0.0),
            max: Some(MAX_RESOLUTION),
        }
    }

    /// Reads a resolution as typed (`1.5`); the refusal names the allowed range.
    ///
    /// ```
    /// use puentes::params::Resolution;
    /// assert_eq!(Resolution::parse("2.5").map(|r| r.get()), Ok(2.5));
    /// assert!(Resolution::parse("0").is_err());
    /// assert!(Resolution::parse("1000").is_err());
    /// assert!(Resolution::parse("NaN").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<Resolution, Refusal> {
        text.parse::<f64>()
            .ok()
            .filter(|r| r.is_finite() && *r > 0.0 && *r <= MAX_RESOLUTION)
            .map(Resolution)
            .ok_or_else(|| bad_value("resolution", text, Resolution::expected()))
    }

    /// The number.
    pub fn get(self) -> f64 {
        self.0
    }
}

/// Which partition to compute.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CommunityParams {
    /// Algorithm.
    pub algorithm: Algorithm,
    /// Resolution γ (Louvain, Leiden): above 1, smaller communities.
    pub resolution: f64,
    /// Seed: same input and seed, same partition.
    pub seed: u64,
}

impl Default for CommunityParams {
    fn default() -> Self {
        CommunityParams {
            algorithm: Algorithm::Louvain,
            resolution: 1.0,
            seed: DEFAULT_SEED,
        }
    }
}

impl CommunityParams {
    /// The parameters as sent (`None`: not given, the default), each read by its own
    /// constructor; the first refused one is the refusal.
    ///
    /// ```
    /// use puentes::params::{Algorithm, CommunityParams};
    /// let p = CommunityParams::parse(Some("leiden"), Some("2"), None).unwrap();
    /// assert_eq!((p.algorithm, p.resolution, p.seed), (Algorithm::Leiden, 2.0, 42));
    /// assert!(CommunityParams::parse(None, Some("1000"), None).is_err());
    /// ```
    pub fn parse(
        algorithm: Option<&str>,
        resolution: Option<&str>,
        seed: Option<&str>,
    ) -> Result<CommunityParams, Refusal> {
        Ok(CommunityParams {
            algorithm: algorithm
                .map(Algorithm::parse)
                .transpose()?
                .unwrap_or_default(),
            resolution: resolution
                .map(Resolution::parse)
                .transpose()?
                .unwrap_or_default()
                .get(),
            seed: seed.map(Seed::parse).transpose()?.unwrap_or_default().get(),
        })
    }
}
