//! Writes survey exports as XLSX workbooks, as the survey tools give them, for the survey
//! import's tests (test support only: `rust_xlsxwriter` is a dev-dependency).
//!
//! Include it with `#[path = "support/xlsx.rs"] mod xlsx;` (it is not part of `support/mod.rs`,
//! so test crates that do not write workbooks do not compile it).

use rust_xlsxwriter::{Workbook, XlsxError};

/// The name of the one sheet, as a Spanish-language Google Forms export names it.
pub const SHEET: &str = "Respuestas";

/// `header` rows then `rows`, on one sheet named [`SHEET`]; cells that read as plain numbers
/// ("12", "74147", "-3.5"; not "007", "1e5" or "") are written as numbers, as the tools
/// export them, everything else as text.
pub fn xlsx(header: &[Vec<String>], rows: &[Vec<String>]) -> Vec<u8> {
    write(header, rows).expect("an in-memory workbook of survey cells can always be written")
}

fn write(header: &[Vec<String>], rows: &[Vec<String>]) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(SHEET)?;
    for (r, row) in header.iter().chain(rows).enumerate() {
        let r = u32::try_from(r).map_err(|_| XlsxError::RowColumnLimitError)?;
        for (c, cell) in row.iter().enumerate() {
            let c = u16::try_from(c).map_err(|_| XlsxError::RowColumnLimitError)?;
            match plain_number(cell) {
                Some(n) => sheet.write_number(r, c, n)?,
                None if cell.is_empty() => sheet,
                None => sheet.write_string(r, c, cell)?,
            };
        }
    }
    workbook.save_to_buffer()
}

/// The value of a cell that is a plain decimal number: optional `-`, digits without a leading
/// zero (unless the number is zero), optional `.` and digits.
pub fn plain_number(cell: &str) -> Option<f64> {
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    let plain = !whole.is_empty()
        && !fraction.is_empty()
        && whole
            .bytes()
            .chain(fraction.bytes())
            .all(|b| b.is_ascii_digit())
        && (whole == "0" || !whole.starts_with('0'))
        && whole.len() <= 15;
    plain.then(|| cell.parse().ok()).flatten()
}
