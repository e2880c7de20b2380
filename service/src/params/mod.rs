//! The parameters the CLI and the API share, each read once, by one constructor, into a type.
//!
//! A parameter's rules (its range, its names, what a refusal says) live in its constructor
//! here and nowhere else: clap calls it as the argument's `value_parser`, the HTTP handlers
//! call it on the query's text, and both refuse with the same catalogue [`Refusal`]. So
//! `puentes communities --resolution 1000` and `/api/v1/communities?resolution=1000` give the
//! same sentence, and a value one edge accepts the other accepts too
//! (`service/tests/integration/params_parity.rs` sends the same values to both).
//!
//! | concept | constructor | CLI | API |
//! |---|---|---|---|
//! | community algorithm | [`Algorithm::parse`] | `communities --algorithm` | `/communities?algorithm=` |
//! | resolution γ | [`Resolution::parse`] | `communities --resolution` | `/communities?resolution=` |
//! | seed | [`Seed::parse`] | `communities`, `analytics --seed` | `/communities`, `/analytics/attributes?seed=` |
//! | metric list (metrics and position groups) | [`MetricSelection::parse`] | `metrics --metrics` | `/metrics?metrics=` |
//! | table format | [`TableFormat::parse`] | `metrics`, `communities`, `gaps`, `analytics`, `suggest --format` | `/metrics?format=` |
//! | export format | [`ExportFormat::parse`] | `export --format` | `/export?format=` |
//! | suggestion goal or weights | [`goal`], [`goal_name`], [`SuggestWeights::parse`] | `suggest --goal/--weights`, `what-if --from-suggestions` | `/organizations/{id}/suggestions?goal=&weights=`, `/suggestions?goal=`, what-if `from_suggestions.goal` |
//! | suggestions shown | [`suggestion_limit`] | `suggest --limit` | `/organizations/{id}/suggestions?limit=` |
//! | items per report list | [`list_limit`] | `gaps`, `analytics --limit` | `/gaps?limit=` |
//! | language | [`lang()`] | `--lang`, `PUENTES_LANG` | `?lang=` |
//! | map view and radius | [`View::parse`] | `render --view --radius` | `/map?view=&radius=` |
//! | a year, two years in order | [`check_year`], [`two_years`] | `--as-of`, `changes`/`timeline --from --to` | `/changes?from=&to=`, `/timeline?from=&to=` |
//! | tie weight (strength or a tie attribute) | [`check_weight`] | `--weight` on every analysis command | `/metrics`, `/summary`, `/export?weight=` |
//!
//! This module sits just above the catalogue ([`crate::i18n`]) and `puentes-analysis`, and
//! below everything that reads a request or a command line.

mod community;
mod format;
mod lang;
mod limit;
mod metric_selection;
mod seed;
mod suggest;
mod view;
mod weight;
mod year;

pub use community::{Algorithm, CommunityParams, Resolution, MAX_RESOLUTION};
pub use format::{ExportFormat, TableFormat};
pub use lang::lang;
pub use limit::{list_limit, DEFAULT_LIST_ITEMS, MAX_LIST_ITEMS};
pub use metric_selection::{sort_metric, MetricSelection, PositionGroup};
pub use seed::Seed;
pub use suggest::{
    goal, goal_name, suggestion_limit, SuggestWeights, DEFAULT_SUGGESTIONS, MAX_SUGGESTIONS,
};
pub use view::View;
pub use weight::{check_weight, STRENGTH};
pub use year::{check_year, dated, this_year, two_years, year_range};

use crate::i18n::{shorten, Expected, Refusal};

/// The refusal of `value` for the parameter `name`: "`name` = `value`: expected …".
fn bad_value(name: &str, value: &str, expected: Expected) -> Refusal {
    Refusal::BadValue {
        name: name.to_owned(),
        value: shorten(value),
        expected,
    }
}

/// A whole number from `min` to `max`, read from `text`, for the parameter `name`.
fn whole_in(name: &str, text: &str, min: usize, max: usize) -> Result<usize, Refusal> {
    text.parse::<usize>()
        .ok()
        .filter(|n| (min..=max).contains(n))
        .ok_or_else(|| {
            bad_value(
                name,
                text,
                Expected::Whole {
                    min: Some(min as f64),
                    above: None,
                    max: Some(max as f64),
                },
            )
        })
}
