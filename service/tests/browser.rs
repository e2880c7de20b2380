//! The overview page in a real browser: the real `puentes serve` binary on a free port, and
//! Debian's headless Chromium (installed by scripts/test) rendering the page, scripts and all.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

fn chromium() -> String {
    for candidate in ["chromium", "chromium-browser", "google-chrome"] {
        if Command::new(candidate)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
        {
            return candidate.to_owned();
        }
    }
    panic!("headless Chromium is needed for this test: run scripts/test (it installs Debian's chromium) or apt-get install chromium");
}

#[test]
fn overview_page_renders_the_fixture_findings() {
    let browser = chromium();
    let dir = tempfile::tempdir().expect("tempdir");
    let mut server = Command::new(env!("CARGO_BIN_EXE_puentes"))
        .args(["serve", "--addr", "127.0.0.1:0", "--data-dir"])
        .arg(dir.path().join("data"))
        .env_remove("PUENTES_ADMIN_TOKEN")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start puentes serve");
    let stdout = server.stdout.take().expect("stdout");
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("serve prints its URL");
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .expect("a URL in the first line")
        .to_owned();
    let profile = dir.path().join("chromium-profile");
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--virtual-time-budget=10000",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(&url)
        .output()
        .expect("run chromium");
    let _ = server.kill();
    let _ = server.wait();
    let dom = String::from_utf8_lossy(&out.stdout);
    assert!(
        dom.contains("561,062"),
        "people served rendered: {}",
        &dom[..dom.len().min(2000)]
    );
    assert!(dom.contains("<b>87</b>partners"), "partners rendered");
    assert!(dom.contains("would lose every path"), "cut points rendered");
    assert!(
        dom.contains("cannot reach any of the"),
        "service gaps rendered"
    );
}
