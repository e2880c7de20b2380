//! Years: `as_of`, `from`, `to` (and `--as-of`, `--from`, `--to`): the one rule for a year a
//! question about the network may name.

use crate::i18n::{shorten, Refusal};
use puentes_analysis::model::{NetworkData, MIN_YEAR};
use puentes_analysis::time;

/// This year, by the system clock (a year is 365.2425 days).
pub fn this_year() -> i32 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    1970 + (secs / 31_556_952) as i32
}

/// The years a question about `data` may name: from its first dated tie (or 1900 when no tie
/// carries a year) to next year.
pub fn year_range(data: &NetworkData) -> (i32, i32) {
    let first = time::span(data).map_or(MIN_YEAR, |(first, _)| first);
    (first, this_year() + 1)
}

/// The one rule for a year parameter (`as_of`, `from`, `to`, `--as-of`, `--from`, `--to`):
/// a whole number within [`year_range`]; otherwise the refusal names the parameter, the
/// value and the range the data covers.
pub fn check_year(name: &str, text: &str, data: &NetworkData) -> Result<i32, Refusal> {
    let (first, last) = year_range(data);
    match text.trim().parse::<i32>() {
        Ok(y) if (first..=last).contains(&y) => Ok(y),
        _ => Err(Refusal::YearOutOfRange {
            name: name.to_owned(),
            value: shorten(text),
            first,
            last,
        }),
    }
}

/// Both years of `changes` or `timeline`, each by [`check_year`], and in order; refused
/// first when no tie carries a year ([`dated`]).
pub fn two_years(from: &str, to: &str, data: &NetworkData) -> Result<(i32, i32), Refusal> {
    dated(data)?;
    let (a, b) = (check_year("from", from, data)?, check_year("to", to, data)?);
    if a > b {
        return Err(Refusal::YearsInOrder { from: a, to: b });
    }
    Ok((a, b))
}

/// `changes` and `timeline` follow ties over the years: a network none of whose ties carries
/// a year has nothing to follow (before, it answered "nothing changed").
pub fn dated(data: &NetworkData) -> Result<(), Refusal> {
    match time::span(data) {
        Some(_) => Ok(()),
        None => Err(Refusal::NoDatedTies),
    }
}
