//! Spreadsheets as rows of text: the first sheet of an XLSX workbook (or the one named), as
//! the edge-list and survey readers take them.
//!
//! Cells become the text a person sees: numbers without a needless `.0` (`12`, not `12.0`),
//! booleans as `true`/`false`, dates as their ISO text or serial number, errors (`#N/A`) as
//! their code, empty cells as empty text. Rows are numbered as in the spreadsheet (row 1 is
//! the first), so a problem's line is the row a person scrolls to, even when the sheet's data
//! starts lower or further right.

use super::{ImportError, Location, Problem, Problems};
use crate::i18n::Expected;
use calamine::{Data, Reader, Xlsx};
use std::io::Cursor;

/// The rows of one sheet of an XLSX workbook: `sheet` by name, or the first. Row `i` of the
/// answer is the spreadsheet's row `i + 1` (empty rows above the data are kept, empty).
pub fn xlsx_rows(
    file: &str,
    bytes: &[u8],
    sheet: Option<&str>,
) -> Result<Vec<Vec<String>>, ImportError> {
    let invalid = |field: &str, value: &str, expected: Expected| {
        let mut problems = Problems::default();
        let at = Location {
            file: file.to_owned(),
            line: None,
            column: None,
            field: field.to_owned(),
        };
        problems.push(Problem::new(at, value, expected));
        ImportError::Invalid(problems)
    };
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| {
        invalid(
            "workbook",
            "",
            Expected::Workbook {
                detail: e.to_string(),
            },
        )
    })?;
    let names = book.sheet_names();
    let name = match sheet {
        None => names
            .first()
            .cloned()
            .ok_or_else(|| invalid("sheet", "", Expected::OneOf(Vec::new())))?,
        Some(wanted) => names
            .iter()
            .find(|n| n.as_str() == wanted)
            .cloned()
            .ok_or_else(|| invalid("sheet", wanted, Expected::OneOf(names.clone())))?,
    };
    let range = book.worksheet_range(&name).map_err(|e| {
        invalid(
            "sheet",
            &name,
            Expected::Workbook {
                detail: e.to_string(),
            },
        )
    })?;
    let (top, left) = range.start().unwrap_or((0, 0));
    let mut rows: Vec<Vec<String>> = vec![Vec::new(); top as usize];
    for row in range.rows() {
        let mut cells = vec![String::new(); left as usize];
        cells.extend(row.iter().map(cell_text));
        while cells.last().is_some_and(String::is_empty) {
            cells.pop();
        }
        rows.push(cells);
    }
    Ok(rows)
}

/// The text of one cell, as a person reads it.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Float(x) if x.fract() == 0.0 && x.abs() < 1e15 => format!("{}", *x as i64),
        Data::String(s) => s.trim_end_matches(['\r', '\n']).to_owned(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_people_write_them() {
        assert_eq!(cell_text(&Data::Float(12.0)), "12");
        assert_eq!(cell_text(&Data::Float(2.5)), "2.5");
        assert_eq!(cell_text(&Data::Int(-3)), "-3");
        assert_eq!(cell_text(&Data::Empty), "");
        assert_eq!(cell_text(&Data::Bool(true)), "true");
    }

    #[test]
    fn a_file_that_is_not_a_workbook_is_a_located_problem() {
        let Err(ImportError::Invalid(p)) = xlsx_rows("r.xlsx", b"source,target\n", None) else {
            panic!("not a workbook");
        };
        let listed = p.listed();
        assert_eq!(listed[0].at.file, "r.xlsx");
        assert_eq!(listed[0].at.field, "workbook");
    }
}
