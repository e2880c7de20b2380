//! The report as PDF: the HTML printed by headless Chromium (`--print-to-pdf`), where it is
//! installed. Nothing is fetched: the document is self-contained and Chromium is told to
//! resolve no host name.

use crate::i18n::catalogue::report::ReportText;
use crate::i18n::Lang;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The page size of a printed report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Paper {
    /// 210 × 297 mm (most of Latin America and Europe).
    A4,
    /// 8.5 × 11 inches (the United States, Canada, Mexico).
    Letter,
}

/// The programs tried, in order, after `$PUENTES_CHROMIUM`.
const CANDIDATES: &[&str] = &["chromium", "chromium-browser", "google-chrome"];

/// The Chromium to print with: `$PUENTES_CHROMIUM`, else the first of `chromium`,
/// `chromium-browser`, `google-chrome` that answers `--version`; `Err` with the names tried.
pub fn chromium() -> Result<String, String> {
    let given = std::env::var("PUENTES_CHROMIUM").ok();
    let tried: Vec<String> = given
        .iter()
        .cloned()
        .chain(CANDIDATES.iter().map(|c| (*c).to_owned()))
        .collect();
    for candidate in &tried {
        let works = Command::new(candidate)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if works {
            return Ok(candidate.clone());
        }
    }
    Err(tried.join(", "))
}

/// A directory of its own under the system's temporary directory, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> std::io::Result<Scratch> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let dir =
            std::env::temp_dir().join(format!("puentes-report-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir)?;
        Ok(Scratch(dir))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Prints `html` to PDF with headless Chromium and returns the PDF's bytes.
///
/// # Errors
/// A sentence in `lang` from the catalogue: no Chromium (naming what was looked for and how
/// to install it), or Chromium wrote no PDF (with what it said).
pub fn print_pdf(html: &str, lang: Lang) -> Result<Vec<u8>, String> {
    let browser =
        chromium().map_err(|tried| ReportText::PdfNeedsChromium { tried: &tried }.render(lang))?;
    let failed = |detail: &str| ReportText::PdfFailed { detail }.render(lang);
    let scratch = Scratch::new().map_err(|e| failed(&e.to_string()))?;
    let page = scratch.0.join("report.html");
    let pdf = scratch.0.join("report.pdf");
    std::fs::write(&page, html).map_err(|e| failed(&e.to_string()))?;
    let output = Command::new(&browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
            "--print-to-pdf-no-header",
            "--host-resolver-rules=MAP * ~NOTFOUND",
        ])
        .arg(format!(
            "--user-data-dir={}",
            scratch.0.join("profile").display()
        ))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(file_url(&page))
        .stdin(Stdio::null())
        .output()
        .map_err(|e| failed(&e.to_string()))?;
    match std::fs::read(&pdf) {
        Ok(bytes) if bytes.starts_with(b"%PDF") => Ok(bytes),
        _ => {
            let said = String::from_utf8_lossy(&output.stderr);
            let last: Vec<&str> = said.lines().rev().take(3).collect();
            Err(failed(&format!(
                "{} ({})",
                output.status,
                last.into_iter().rev().collect::<Vec<_>>().join(" / ")
            )))
        }
    }
}

/// `file://` URL of an absolute path (percent-encoding what a URL cannot hold as it is).
fn file_url(path: &Path) -> String {
    let mut url = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            url.push(b as char);
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_urls_are_percent_encoded() {
        assert_eq!(
            file_url(Path::new("/tmp/a b/informe ñ.html")),
            "file:///tmp/a%20b/informe%20%C3%B1.html"
        );
    }

    #[test]
    fn a_missing_browser_is_named_in_the_readers_language() {
        let text = ReportText::PdfNeedsChromium {
            tried: "chromium, chromium-browser, google-chrome",
        }
        .render(Lang::Es);
        assert!(text.contains("apt-get install chromium"), "{text}");
        assert!(text.contains("PUENTES_CHROMIUM"), "{text}");
    }
}
