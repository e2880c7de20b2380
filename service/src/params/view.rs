//! Which view of the map to draw (`puentes render --view --radius`, `/api/v1/map?view=&radius=`).

use crate::i18n::{shorten, Expected, MapError, Refusal};

/// A view of the map, as named by the `view` parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum View {
    /// `overview`.
    Overview,
    /// `community/<number>`.
    Community(u32),
    /// `ego/<organization id>`, with the radius (1 or 2).
    Ego {
        /// The organization's id.
        id: String,
        /// Ties from it (1 or 2).
        radius: u8,
    },
}

impl View {
    /// Reads `overview`, `community/<number>` or `ego/<organization id>`, and the radius of
    /// an ego view (default 1).
    ///
    /// ```
    /// use puentes::i18n::MapError;
    /// use puentes::params::View;
    /// assert_eq!(View::parse("community/3", None), Ok(View::Community(3)));
    /// assert_eq!(View::parse("ego/casa-alba", Some(2)),
    ///            Ok(View::Ego { id: "casa-alba".into(), radius: 2 }));
    /// assert_eq!(View::parse("overview", Some(2)), Err(MapError::RadiusWithoutEgo));
    /// assert!(View::parse("communities", None).is_err());
    /// ```
    pub fn parse(text: &str, radius: Option<u8>) -> Result<View, MapError> {
        let bad = || MapError::BadView(text.to_owned());
        let view = if text == "overview" {
            View::Overview
        } else if let Some(n) = text.strip_prefix("community/") {
            View::Community(n.parse().map_err(|_| bad())?)
        } else if let Some(id) = text.strip_prefix("ego/") {
            if id.is_empty() {
                return Err(bad());
            }
            View::Ego {
                id: id.to_owned(),
                radius: 1,
            }
        } else {
            return Err(bad());
        };
        match (view, radius) {
            (v, None) => Ok(v),
            (View::Ego { id, .. }, Some(r @ (1 | 2))) => Ok(View::Ego { id, radius: r }),
            (View::Ego { .. }, Some(r)) => Err(MapError::BadRadius(r)),
            (_, Some(_)) => Err(MapError::RadiusWithoutEgo),
        }
    }

    /// Reads the radius of an ego view as typed: a small whole number (whether it is 1 or 2,
    /// and whether the view is an ego view, [`View::parse`] says).
    ///
    /// ```
    /// use puentes::params::View;
    /// assert_eq!(View::parse_radius("2"), Ok(2));
    /// assert!(View::parse_radius("300").is_err());
    /// ```
    pub fn parse_radius(text: &str) -> Result<u8, Refusal> {
        text.parse().map_err(|_| Refusal::BadValue {
            name: "radius".into(),
            value: shorten(text),
            expected: Expected::Whole {
                min: Some(1.0),
                above: None,
                max: Some(2.0),
            },
        })
    }

    /// The `view` value that names this view.
    pub fn param(&self) -> String {
        match self {
            View::Overview => "overview".to_owned(),
            View::Community(c) => format!("community/{c}"),
            View::Ego { id, .. } => format!("ego/{id}"),
        }
    }
}
