//! The XLSX writer of the survey tests writes real workbooks.

#[path = "support/xlsx.rs"]
mod xlsx;

use puentes::fixtures::{generate as fixture, DEFAULT_SEED};
use puentes::survey::generate::{generate, Flavour, Layout, SurveyOptions};

/// The zip entry names of a workbook (stored uncompressed in its local headers).
fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn a_survey_export_is_written_as_a_workbook() {
    let survey = generate(
        &fixture(DEFAULT_SEED),
        &SurveyOptions {
            layout: Layout::Wide,
            flavour: Flavour::SurveyMonkey,
            ..SurveyOptions::default()
        },
    );
    let book = xlsx::xlsx(&survey.header, &survey.rows);
    assert!(book.starts_with(b"PK\x03\x04"), "a zip archive");
    assert!(contains(&book, b"xl/worksheets/sheet1.xml"));
    assert!(contains(&book, b"xl/sharedStrings.xml"), "text cells");
    assert!(book.len() > 4_000, "{} bytes", book.len());
}

#[test]
fn plain_numbers_are_numbers() {
    assert_eq!(xlsx::plain_number("74147"), Some(74147.0));
    assert_eq!(xlsx::plain_number("0"), Some(0.0));
    assert_eq!(xlsx::plain_number("-3.5"), Some(-3.5));
    assert_eq!(xlsx::plain_number("007"), None);
    assert_eq!(xlsx::plain_number("1e5"), None);
    assert_eq!(xlsx::plain_number(""), None);
    assert_eq!(xlsx::plain_number("3."), None);
    assert_eq!(xlsx::plain_number("Semanal"), None);
}
