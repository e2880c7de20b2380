//! The format of a table answer (`puentes metrics --format`, `/api/v1/metrics?format=`) and
//! of an export file (`puentes export --format`, `/api/v1/export?format=`).

use super::bad_value;
use crate::i18n::{shorten, Expected, Refusal};

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

/// Export file formats.
#[derive(Debug, Clone, Copy, serde::Deserialize, utoipa::ToSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    /// Node table with attributes and metrics.
    Csv,
    /// NetworkX node-link JSON.
    Json,
    /// GraphML.
    Graphml,
    /// GEXF 1.2 (Gephi).
    Gexf,
}

impl ExportFormat {
    /// Every format, in the order they are listed.
    pub const ALL: [ExportFormat; 4] = [
        ExportFormat::Csv,
        ExportFormat::Json,
        ExportFormat::Graphml,
        ExportFormat::Gexf,
    ];

    /// The format's name in `format=` and `--format`.
    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
            ExportFormat::Graphml => "graphml",
            ExportFormat::Gexf => "gexf",
        }
    }

    /// Reads `csv`, `json`, `graphml` or `gexf` (the one constructor of the export format,
    /// for `puentes export --format` and `/api/v1/export?format=`); the refusal lists them.
    ///
    /// ```
    /// use puentes::params::ExportFormat;
    /// assert_eq!(ExportFormat::parse("gexf"), Ok(ExportFormat::Gexf));
    /// assert!(ExportFormat::parse("xlsx").is_err());
    /// ```
    pub fn parse(name: &str) -> Result<Self, Refusal> {
        ExportFormat::ALL
            .into_iter()
            .find(|f| f.name() == name)
            .ok_or_else(|| Refusal::BadValue {
                name: "format".into(),
                value: shorten(name),
                expected: Expected::OneOf(ExportFormat::ALL.map(|f| f.name().to_owned()).to_vec()),
            })
    }
}
