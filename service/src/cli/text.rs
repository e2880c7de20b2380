//! What the commands that speak to people print on a terminal (`--format text`): the
//! catalogue's sentences and aligned tables, in `--lang`; and the rule for the default
//! format: text when standard output is a terminal, JSON when it is piped or redirected (as
//! before text existed, so scripts keep working).

use crate::i18n::{shorten, Expected, Refusal};
use std::io::IsTerminal;

/// How `gaps`, `suggest` and `summary` print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// Sentences and aligned tables, for people.
    Text,
    /// JSON: every number.
    Json,
    /// CSV: the main table.
    Csv,
}

impl Output {
    /// Reads `text`, `json` or `csv`.
    ///
    /// ```
    /// use puentes::cli::Output;
    /// assert_eq!(Output::parse("text"), Ok(Output::Text));
    /// assert!(Output::parse("xml").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<Output, Refusal> {
        match text {
            "text" => Ok(Output::Text),
            "json" => Ok(Output::Json),
            "csv" => Ok(Output::Csv),
            _ => Err(refused(text, &["text", "json", "csv"])),
        }
    }

    /// Reads `text` or `json` (a command without a table).
    pub fn parse_text_or_json(text: &str) -> Result<Output, Refusal> {
        match text {
            "text" => Ok(Output::Text),
            "json" => Ok(Output::Json),
            _ => Err(refused(text, &["text", "json"])),
        }
    }

    /// The format asked for; else text on a terminal, JSON otherwise.
    pub fn or_default(given: Option<Output>) -> Output {
        given.unwrap_or_else(|| {
            if std::io::stdout().is_terminal() {
                Output::Text
            } else {
                Output::Json
            }
        })
    }
}

fn refused(value: &str, allowed: &[&str]) -> Refusal {
    Refusal::BadValue {
        name: "format".to_owned(),
        value: shorten(value),
        expected: Expected::OneOf(allowed.iter().map(|a| (*a).to_owned()).collect()),
    }
}

/// A table with its columns aligned (by characters, not bytes: names have accents), two
/// spaces between columns, `right`-aligned columns for numbers, indented by two spaces;
/// the last column is not padded.
pub(super) fn table(header: &[String], rows: &[Vec<String>], right: &[bool]) -> String {
    let columns = header.len();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &[String]| {
        let mut out = String::from("  ");
        for (i, cell) in cells.iter().enumerate().take(columns) {
            let pad = widths[i].saturating_sub(cell.chars().count());
            let last = i + 1 == columns;
            if right.get(i).copied().unwrap_or(false) {
                out.push_str(&" ".repeat(pad));
                out.push_str(cell);
            } else {
                out.push_str(cell);
                if !last {
                    out.push_str(&" ".repeat(pad));
                }
            }
            if !last {
                out.push_str("  ");
            }
        }
        out.trim_end().to_owned()
    };
    let mut out = line(header);
    out.push('\n');
    let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
    out.push_str(&line(&rule));
    out.push('\n');
    for row in rows {
        out.push_str(&line(row));
        out.push('\n');
    }
    out
}

/// A heading and its underline.
pub(super) fn heading(text: &str) -> String {
    format!("{text}\n{}\n", "═".repeat(text.chars().count()))
}

/// Sentences as a bulleted list, indented by two spaces.
pub(super) fn bullets(items: Vec<String>) -> String {
    items.into_iter().map(|s| format!("  • {s}\n")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_align_by_characters_and_numbers_to_the_right() {
        let t = table(
            &["Organización".into(), "Vínculos".into(), "Por qué".into()],
            &[
                vec!["Casa Ñandú".into(), "3".into(), "un solo vínculo".into()],
                vec!["Red".into(), "12".into(), "lejos".into()],
            ],
            &[false, true, false],
        );
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines[0], "  Organización  Vínculos  Por qué");
        assert_eq!(lines[2], "  Casa Ñandú           3  un solo vínculo");
        assert_eq!(lines[3], "  Red                 12  lejos");
        assert_eq!(lines[1].chars().filter(|c| *c == '─').count(), 12 + 8 + 15);
    }

    #[test]
    fn a_format_given_is_kept() {
        assert_eq!(Output::or_default(Some(Output::Text)), Output::Text);
        assert_eq!(Output::or_default(Some(Output::Csv)), Output::Csv);
        assert!(Output::parse_text_or_json("csv").is_err());
    }
}
