//! The format of a table answer (`puentes metrics --format`, `/api/v1/metrics?format=`).

use super::bad_value;
use crate::i18n::{Expected, Refusal};

/// Table formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, utoipa::ToSchema)]
#[schema(rename_all = "lowercase")]
pub enum TableFormat {
    /// JSON, one object per row.
    Json,
    /// CSV, one row per organization (or item).
    Csv,
}

impl TableFormat {
    /// Reads `json` or `csv`.
    ///
    /// ```
    /// use puentes::params::TableFormat;
    /// assert_eq!(TableFormat::parse("csv"), Ok(TableFormat::Csv));
    /// assert!(TableFormat::parse("xml").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<TableFormat, Refusal> {
        match text {
            "json" => Ok(TableFormat::Json),
            "csv" => Ok(TableFormat::Csv),
            _ => Err(bad_value(
                "format",
                text,
                Expected::OneOf(vec!["json".into(), "csv".into()]),
            )),
        }
    }
}
