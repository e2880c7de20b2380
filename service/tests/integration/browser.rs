//! The network map page in a real browser: the real `puentes serve` binary on a free port with
//! the fixture, and Debian's headless Chromium (installed by scripts/test) loading the page,
//! driven over the Chrome DevTools Protocol (CDP: JSON over one WebSocket, spoken here with
//! `tungstenite`). Nothing leaves the machine: the browser resolves no host but 127.0.0.1.
//!
//! `page_draws_searches_highlights_and_speaks_spanish` is part of the test command and fails
//! (never skips) without Chromium. `docs_screenshots_and_timings` is run by hand (`--ignored`)
//! to refresh the screenshots in docs/ and the timings in BENCHMARKS.md.

use crate::support;

use base64::Engine as _;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use support::{get, puentes, run_for_at_most, serve_command, Server};
use tungstenite::{Message, WebSocket};

/// Longest wait for one DevTools answer.
const CALL_LIMIT: Duration = Duration::from_secs(60);
/// Longest wait for the page to reach a state (drawn, panel open, …) on the fixture.
const PAGE_LIMIT: Duration = Duration::from_secs(60);
/// The window the page is drawn in.
const WINDOW: (u32, u32) = (1440, 900);

/// One Chromium at a time: the tests of this file wait for each other, as two browsers and
/// two servers starting at once on a small busy machine miss the time limits.
static ONE_BROWSER: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// This test's turn with the browser (a test that failed holding it does not stop the others).
fn browser_turn() -> std::sync::MutexGuard<'static, ()> {
    ONE_BROWSER
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The Chromium binary: `$PUENTES_CHROMIUM`, else `chromium` (Debian) or `chromium-browser`
/// on the PATH. Panics when there is none: this test never skips.
fn chromium_binary() -> String {
    let candidates = std::env::var("PUENTES_CHROMIUM")
        .into_iter()
        .chain(["chromium".to_owned(), "chromium-browser".to_owned()]);
    for candidate in candidates {
        let found = Command::new(&candidate)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if found {
            return candidate;
        }
    }
    panic!(
        "headless Chromium is needed for the browser test: run scripts/test (it installs \
         Debian's chromium), or apt-get install chromium, or set PUENTES_CHROMIUM"
    );
}

/// A child process killed when dropped (Chromium, also when starting it fails half-way).
#[derive(Debug)]
struct Process(Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Headless Chromium with one page, driven over the DevTools Protocol.
struct Chromium {
    process: Process,
    ws: WebSocket<TcpStream>,
    /// The CDP session of the page (flat mode: commands carry its id).
    session: String,
    next_id: u64,
    /// Uncaught exceptions the page reported (`Runtime.exceptionThrown`).
    exceptions: Vec<String>,
    _profile: tempfile::TempDir,
}

impl std::fmt::Debug for Chromium {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Chromium")
            .field("pid", &self.process.0.id())
            .finish()
    }
}

impl Chromium {
    /// Starts Chromium headless on a free DevTools port and opens one blank page, in
    /// `locale` (what `navigator.language` says).
    fn launch(locale: &str) -> Chromium {
        let profile = tempfile::tempdir().expect("profile dir");
        let child = Command::new(chromium_binary())
            .args([
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-breakpad",
                "--disable-crash-reporter",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-default-apps",
                "--disable-extensions",
                "--disable-sync",
                "--hide-scrollbars",
                "--mute-audio",
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
                // No network: every host name but the loopback fails to resolve.
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            ])
            .arg(format!("--lang={locale}"))
            .arg(format!("--window-size={},{}", WINDOW.0, WINDOW.1))
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start chromium");
        let mut process = Process(child);
        // Chromium names its DevTools endpoint on standard error; keep draining it after, so
        // it never blocks on a full pipe.
        let stderr = process.0.stderr.take().expect("chromium stderr");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(url) = line.strip_prefix("DevTools listening on ") {
                    let _ = tx.send(url.trim().to_owned());
                }
            }
        });
        let url = rx
            .recv_timeout(Duration::from_secs(30))
            .unwrap_or_else(|e| panic!("chromium named no DevTools endpoint within 30 s: {e}"));
        let addr: SocketAddr = url
            .strip_prefix("ws://")
            .and_then(|rest| rest.split('/').next())
            .and_then(|a| a.parse().ok())
            .unwrap_or_else(|| panic!("unexpected DevTools endpoint {url:?}"));
        let stream = TcpStream::connect(addr).expect("connect to DevTools");
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .expect("read timeout");
        let (ws, _) = tungstenite::client(url.as_str(), stream).expect("DevTools handshake");
        // Then short reads, so waiting for an answer can check its deadline.
        ws.get_ref()
            .set_read_timeout(Some(Duration::from_millis(250)))
            .expect("read timeout");
        let mut browser = Chromium {
            process,
            ws,
            session: String::new(),
            next_id: 0,
            exceptions: Vec::new(),
            _profile: profile,
        };
        let target = browser.send(None, "Target.createTarget", json!({"url": "about:blank"}));
        let target_id = target["targetId"].as_str().expect("targetId").to_owned();
        let attached = browser.send(
            None,
            "Target.attachToTarget",
            json!({"targetId": target_id, "flatten": true}),
        );
        browser.session = attached["sessionId"]
            .as_str()
            .expect("sessionId")
            .to_owned();
        browser.call("Page.enable", json!({}));
        browser.call("Runtime.enable", json!({}));
        browser.call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": WINDOW.0, "height": WINDOW.1, "deviceScaleFactor": 1, "mobile": false}),
        );
        // Content-Security-Policy violations and script errors, collected from the first
        // line of every page (scripts injected over CDP are not subject to the page's CSP).
        browser.call(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({"source": "window.__problems = [];\
                addEventListener('securitypolicyviolation', e => __problems.push('CSP ' + e.violatedDirective + ' ' + e.blockedURI));\
                addEventListener('error', e => __problems.push('error ' + e.message));\
                addEventListener('unhandledrejection', e => __problems.push('rejection ' + e.reason));"}),
        );
        browser
    }

    /// Sends one command (to the page's session, or to the browser when `session` is
    /// `None`) and returns its result; events read meanwhile are noted or dropped.
    fn send(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut msg = json!({"id": id, "method": method});
        msg["params"] = params;
        if let Some(s) = session {
            msg["sessionId"] = json!(s);
        }
        self.ws
            .send(Message::text(msg.to_string()))
            .unwrap_or_else(|e| panic!("send {method}: {e}"));
        let deadline = Instant::now() + CALL_LIMIT;
        loop {
            assert!(
                Instant::now() < deadline,
                "no answer to {method} within {CALL_LIMIT:?}"
            );
            let text = match self.ws.read() {
                Ok(Message::Text(text)) => text,
                Ok(_) => continue,
                Err(tungstenite::Error::Io(e))
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) =>
                {
                    continue
                }
                Err(e) => panic!("reading the answer to {method}: {e}"),
            };
            let v: Value = serde_json::from_str(text.as_str()).expect("DevTools sends JSON");
            if v["id"].as_u64() == Some(id) {
                if let Some(err) = v.get("error") {
                    panic!("{method} failed: {err}");
                }
                return v["result"].clone();
            }
            if v["method"] == "Runtime.exceptionThrown" {
                let details = &v["params"]["exceptionDetails"];
                self.exceptions.push(format!(
                    "{} {}",
                    details["text"].as_str().unwrap_or(""),
                    details["exception"]["description"].as_str().unwrap_or("")
                ));
            }
        }
    }

    /// A command to the page.
    fn call(&mut self, method: &str, params: Value) -> Value {
        let session = self.session.clone();
        self.send(Some(&session), method, params)
    }

    /// The value of a JavaScript expression in the page (promises awaited).
    fn eval(&mut self, expression: &str) -> Value {
        let r = self.call(
            "Runtime.evaluate",
            json!({"expression": expression, "returnByValue": true, "awaitPromise": true}),
        );
        if let Some(e) = r.get("exceptionDetails") {
            panic!("{expression} threw: {e}");
        }
        r["result"]["value"].clone()
    }

    /// Polls `expression` until it is truthy (not false, null, 0 or "") and returns its
    /// value; panics naming `what` after `limit`.
    fn wait_for(&mut self, expression: &str, what: &str, limit: Duration) -> Value {
        let deadline = Instant::now() + limit;
        loop {
            let v = self.eval(expression);
            let truthy = match &v {
                Value::Null | Value::Bool(false) => false,
                Value::Number(n) => n.as_f64() != Some(0.0),
                Value::String(s) => !s.is_empty(),
                _ => true,
            };
            if truthy {
                return v;
            }
            if Instant::now() > deadline {
                let status = self.eval(
                    "JSON.stringify({state: document.body && document.body.dataset, \
                     status: (document.getElementById('status') || {}).textContent, \
                     problems: window.__problems})",
                );
                panic!("{what}: not within {limit:?} ({expression}); page: {status}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Opens `url` and waits until the map is drawn and every request is answered; returns
    /// the milliseconds the page measured from navigation start to the map drawn.
    fn open(&mut self, url: &str, limit: Duration) -> u64 {
        self.call("Page.navigate", json!({ "url": url }));
        self.wait_for(
            "document.body && document.body.dataset.state === 'drawn' \
             && document.body.dataset.pending === '0' && document.body.dataset.drawnMs",
            &format!("map drawn at {url}"),
            limit,
        )
        .as_str()
        .and_then(|ms| ms.parse().ok())
        .expect("data-drawn-ms is a number")
    }

    /// Waits until no request of the page is in flight.
    fn settle(&mut self) {
        self.wait_for(
            "document.body.dataset.pending === '0'",
            "requests answered",
            PAGE_LIMIT,
        );
    }

    /// Draws the page at `width` × `height` pixels.
    fn resize(&mut self, width: u32, height: u32) {
        self.call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": false}),
        );
    }

    /// Types `text` as keystrokes into the focused element.
    fn type_text(&mut self, text: &str) {
        self.call("Input.insertText", json!({ "text": text }));
    }

    /// Presses and releases a key (`Enter`, …).
    fn press(&mut self, key: &str, code: u32) {
        for kind in ["keyDown", "keyUp"] {
            self.call(
                "Input.dispatchKeyEvent",
                json!({"type": kind, "key": key, "code": key, "windowsVirtualKeyCode": code}),
            );
        }
    }

    /// A real mouse click at the centre of the first element matching `selector`.
    fn click(&mut self, selector: &str) {
        let at = self.eval(&format!(
            "(() => {{ const e = document.querySelector({selector:?}); if (!e) return null; \
             e.scrollIntoView({{block: 'center'}}); const r = e.getBoundingClientRect(); \
             return [r.x + r.width / 2, r.y + r.height / 2]; }})()"
        ));
        let (x, y) = (
            at[0]
                .as_f64()
                .unwrap_or_else(|| panic!("no {selector} to click")),
            at[1].as_f64().unwrap_or_default(),
        );
        for kind in ["mouseMoved", "mousePressed", "mouseReleased"] {
            self.call(
                "Input.dispatchMouseEvent",
                json!({"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1}),
            );
        }
    }

    /// Saves what the page shows as a PNG.
    fn screenshot(&mut self, path: &Path) {
        let shot = self.call("Page.captureScreenshot", json!({"format": "png"}));
        let png = base64::engine::general_purpose::STANDARD
            .decode(shot["data"].as_str().expect("screenshot data"))
            .expect("screenshot is base64");
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).expect("create the screenshot folder");
        }
        std::fs::write(path, png).expect("write the screenshot");
    }

    /// Script errors and CSP violations seen so far.
    fn problems(&mut self) -> Vec<String> {
        let mut all = self.exceptions.clone();
        if let Value::Array(list) = self.eval("window.__problems || []") {
            all.extend(list.into_iter().map(|p| p.to_string()));
        }
        all
    }
}

impl Drop for Chromium {
    fn drop(&mut self) {
        self.next_id += 1;
        let close = json!({"id": self.next_id, "method": "Browser.close"});
        let _ = self.ws.send(Message::text(close.to_string()));
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if matches!(self.process.0.try_wait(), Ok(Some(_))) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        // `process` is killed when dropped.
    }
}

/// `GET path` from the server, as JSON.
fn api(addr: SocketAddr, path: &str) -> Value {
    let (status, body) = get(addr, path);
    assert_eq!(status, 200, "GET {path}: {body}");
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("GET {path}: {e}: {body}"))
}

/// Where test artifacts go: `<target dir>/browser-artifacts` (the target dir found from this
/// test's own executable, `<target>/<profile>/deps/browser-…`).
fn artifacts() -> PathBuf {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.ancestors().nth(3).map(Path::to_path_buf))
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"))
        .join("browser-artifacts")
}

/// Sorted strings of a JSON array.
fn sorted(v: &Value) -> Vec<String> {
    let mut out: Vec<String> = v
        .as_array()
        .expect("an array")
        .iter()
        .map(|x| x.as_str().expect("a string").to_owned())
        .collect();
    out.sort();
    out
}

/// Whether the side panel says the first sentence of `profile`'s summary.
fn panel_says_first_sentence(browser: &mut Chromium, profile: &Value) -> bool {
    let sentence = profile["summary"][0].as_str().expect("a summary sentence");
    browser
        .eval("document.getElementById('panel').textContent")
        .as_str()
        .is_some_and(|text| text.contains(sentence))
}

/// Ids of the drawn organizations carrying `class`.
fn drawn_with(browser: &mut Chromium, class: &str) -> Vec<String> {
    sorted(&browser.eval(&format!(
        "[...document.querySelectorAll('#map circle.node.{class}')].map(e => e.dataset.id)"
    )))
}

#[test]
fn page_draws_searches_highlights_and_speaks_spanish() {
    let _turn = browser_turn();
    chromium_binary(); // fails first, before anything starts, when there is none
    let dir = tempfile::tempdir().expect("tempdir");
    let server = Server::start(
        serve_command(&dir.path().join("data"), &[]),
        &dir.path().join("serve.err"),
    );
    let base = format!("http://{}/", server.addr);
    let organizations = api(server.addr, "/api/v1/organizations?limit=1")["total"]
        .as_u64()
        .expect("total");
    assert_eq!(organizations, 120, "the fixture has 120 organizations");
    let gaps = api(server.addr, "/api/v1/gaps?limit=1000");
    let peripheral: Vec<String> = {
        let ids = gaps["peripheral"]["items"]
            .as_array()
            .expect("peripheral items")
            .iter()
            .map(|i| i["organization"]["id"].clone())
            .collect();
        sorted(&Value::Array(ids))
    };
    assert_eq!(peripheral.len(), 20, "20 peripheral organizations");
    assert_eq!(gaps["peripheral"]["total"], 20);

    let mut browser = Chromium::launch("en-US");

    // 1. The page draws one disc per organization, in the browser's language (English).
    let drawn_ms = browser.open(&base, PAGE_LIMIT);
    let drawn = browser
        .eval("document.querySelectorAll('#map circle.node[data-kind=organization]').length");
    assert_eq!(
        drawn.as_u64(),
        Some(organizations),
        "drawn organizations = the API's count"
    );
    assert_eq!(browser.eval("document.documentElement.lang"), "en");
    assert_eq!(
        browser.eval("document.getElementById('view-title').textContent"),
        "Network map"
    );
    assert!(
        drawn_ms > 0 && drawn_ms < 60_000,
        "drawn in {drawn_ms} ms (navigation start to map drawn)"
    );
    println!("fixture overview drawn {drawn_ms} ms after navigation start (debug server)");
    // Labels do not pile up: only the payload's `labelled` ones are written.
    let labels = browser.eval("document.querySelectorAll('#labels text').length");
    let labelled = api(server.addr, "/api/v1/map")["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .filter(|n| n["labelled"] == true)
        .count();
    assert_eq!(
        labels.as_u64(),
        Some(labelled as u64),
        "labelled nodes only"
    );

    // 2. Search by name (typed), Enter: the panel opens with the name and its suggestions,
    //    the organization centred and selected, its id in the URL.
    let profile = api(
        server.addr,
        "/api/v1/organizations/casa-quetzal-nuevo/profile?lang=en",
    );
    let name = profile["organization"]["name"].as_str().expect("name");
    let first_suggestion = profile["suggestions"][0]["organization"]["name"]
        .as_str()
        .expect("casa-quetzal-nuevo has suggestions");
    browser.eval("document.getElementById('search').focus()");
    browser.type_text(&name.to_lowercase());
    browser.wait_for(
        "document.querySelector('#search-results li.active[data-id=\"casa-quetzal-nuevo\"]')",
        "casa-quetzal-nuevo first in the search results",
        PAGE_LIMIT,
    );
    browser.press("Enter", 13);
    browser.wait_for(
        "document.body.dataset.panel === 'casa-quetzal-nuevo'",
        "panel of casa-quetzal-nuevo",
        PAGE_LIMIT,
    );
    assert_eq!(
        browser.eval("document.querySelector('#panel h2').textContent"),
        name
    );
    let suggestions = browser.eval(
        "[...document.querySelectorAll('#panel .suggestion strong')].map(e => e.textContent)",
    );
    assert!(
        suggestions
            .as_array()
            .is_some_and(|s| s.iter().any(|x| x == first_suggestion)),
        "the panel lists {first_suggestion}: {suggestions}"
    );
    assert!(
        panel_says_first_sentence(&mut browser, &profile),
        "the panel says the profile's first sentence"
    );
    assert_eq!(drawn_with(&mut browser, "selected"), ["casa-quetzal-nuevo"]);
    let off_centre = browser.eval(
        "(() => { const c = document.querySelector('#map circle.selected').getBoundingClientRect(); \
         const m = document.getElementById('map').getBoundingClientRect(); \
         return Math.hypot(c.x + c.width / 2 - (m.x + m.width / 2), c.y + c.height / 2 - (m.y + m.height / 2)); })()",
    );
    assert!(
        off_centre.as_f64().is_some_and(|d| d < 3.0),
        "the found organization is centred: {off_centre} px off"
    );
    assert!(browser
        .eval("location.search")
        .as_str()
        .is_some_and(|s| s.contains("org=casa-quetzal-nuevo")));

    // 3. The isolated/peripheral toggle says its count before it is on, and highlights
    //    exactly the gap report's list.
    assert_eq!(
        browser.eval("document.getElementById('n-peripheral').textContent"),
        "(20)"
    );
    browser.click("#t-peripheral");
    browser.wait_for(
        "document.getElementById('n-peripheral').textContent",
        "peripheral count",
        PAGE_LIMIT,
    );
    browser.settle();
    assert_eq!(drawn_with(&mut browser, "hl-peripheral"), peripheral);
    assert_eq!(
        browser.eval("document.getElementById('n-peripheral').textContent"),
        "(20)"
    );

    // 4. Downloads of the view: the SVG carries its styles and one circle per organization,
    //    the PNG is a PNG (drawn through a canvas under the page's CSP).
    let downloads = dir.path().join("downloads");
    std::fs::create_dir_all(&downloads).expect("downloads dir");
    browser.send(
        None,
        "Browser.setDownloadBehavior",
        json!({"behavior": "allow", "downloadPath": downloads.to_string_lossy()}),
    );
    browser.click("#download-svg");
    let svg = String::from_utf8(wait_for_file(&downloads.join("puentes-overview.svg")))
        .expect("the SVG is text");
    assert_eq!(
        svg.matches("<circle").count(),
        120,
        "one circle per organization"
    );
    assert!(
        svg.contains("<style>") && svg.contains(".hl-peripheral"),
        "styles inside"
    );
    assert_eq!(
        svg.matches(" hl-peripheral").count(),
        20,
        "the highlight is in the SVG"
    );
    browser.click("#download-png");
    let png = wait_for_file(&downloads.join("puentes-overview.png"));
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "a PNG");
    std::fs::create_dir_all(artifacts()).expect("artifacts dir");
    std::fs::write(artifacts().join("download-overview.svg"), &svg).expect("keep the SVG");
    std::fs::write(artifacts().join("download-overview.png"), &png).expect("keep the PNG");

    // 5. The link restores the view: opened afresh, the same panel and highlight.
    let link = browser.eval("location.href");
    let link = link.as_str().expect("href").to_owned();
    assert!(link.contains("show=peripheral"), "{link}");
    browser.open(&link, PAGE_LIMIT);
    browser.wait_for(
        "document.body.dataset.panel === 'casa-quetzal-nuevo'",
        "panel restored from the link",
        PAGE_LIMIT,
    );
    assert_eq!(drawn_with(&mut browser, "hl-peripheral"), peripheral);
    assert_eq!(
        browser.eval("document.getElementById('t-peripheral').checked"),
        true
    );

    // 6. Spanish: the switch changes every word, the panel's sentences too.
    let perfil = api(
        server.addr,
        "/api/v1/organizations/casa-quetzal-nuevo/profile?lang=es",
    );
    browser.click("button[data-lang=es]");
    browser.wait_for("document.body.dataset.lang === 'es'", "Spanish", PAGE_LIMIT);
    browser.wait_for(
        "document.body.dataset.panel === 'casa-quetzal-nuevo'",
        "panel in Spanish",
        PAGE_LIMIT,
    );
    browser.settle();
    assert_eq!(browser.eval("document.documentElement.lang"), "es");
    assert_eq!(
        browser.eval("document.querySelector('#findings h2').textContent"),
        "Hallazgos"
    );
    assert_eq!(
        browser.eval("document.getElementById('view-title').textContent"),
        "Mapa de la red"
    );
    assert!(
        panel_says_first_sentence(&mut browser, &perfil),
        "the panel says the profile's first sentence in Spanish"
    );
    // Its tables name every metric, structural-hole measure and brokerage role as the
    // vocabulary does in Spanish, in the vocabulary's order.
    let vocabulary = api(server.addr, "/api/v1/vocabulary?lang=es");
    let labels = |lists: &[&str]| -> Vec<Value> {
        lists
            .iter()
            .flat_map(|list| vocabulary[*list].as_array().expect("a list").clone())
            .map(|term| term["label"].clone())
            .collect()
    };
    assert_eq!(
        browser.eval(
            "[...document.querySelectorAll('#panel table')].map(t => \
             [...t.querySelectorAll('tr td:first-child')].map(td => td.textContent)).flat()"
        ),
        Value::Array(labels(&["metrics", "structural_holes", "brokerage_roles"])),
        "metric, hole and role names of the panel"
    );
    assert!(browser
        .eval("location.search")
        .as_str()
        .is_some_and(|s| s.contains("lang=es")));
    let shot = artifacts().join("map-fixture-es.png");
    browser.screenshot(&shot);
    println!("screenshot: {}", shot.display());

    // 6b. Zooming in keeps every disc its size on screen and writes more names.
    browser.click("#zoom-fit");
    let disc = "(() => { const c = document.querySelector('#map circle.node[data-id=\"casa-quetzal-nuevo\"]'); \
                return c.getBoundingClientRect().width; })()";
    let names = "document.querySelectorAll('#labels text:not([visibility=hidden]), #zoom-labels text').length";
    let (fitted_width, fitted_names) = (browser.eval(disc), browser.eval(names));
    for _ in 0..4 {
        browser.click("#zoom-in");
    }
    let (zoomed_width, zoomed_names) = (browser.eval(disc), browser.eval(names));
    let (a, b) = (
        fitted_width.as_f64().unwrap_or(0.0),
        zoomed_width.as_f64().unwrap_or(-1.0),
    );
    assert!(
        a > 0.0 && (a - b).abs() < 0.5,
        "a disc {a} px wide at fit, {b} px zoomed in"
    );
    println!("names written: {fitted_names} fitted, {zoomed_names} zoomed in 4 steps");

    // 7. A community drill-down draws that community's organizations.
    let community = api(server.addr, "/api/v1/map?view=community/0");
    browser.open(&format!("{base}?view=community/0&lang=en"), PAGE_LIMIT);
    let drawn = browser.eval("document.querySelectorAll('#map circle.node').length");
    assert_eq!(drawn, community["totals"]["nodes"]);

    let problems = browser.problems();
    assert!(
        problems.is_empty(),
        "script errors or CSP violations: {problems:?}"
    );
}

/// The Admin panel, in Spanish then English: the token typed into the page, the last survey
/// import's name in review listed with its candidate, decided, and saved as an alias of the
/// organization; the token never reaches the URL, a cookie or the browser's storage.
#[test]
fn an_admin_decides_the_survey_review_on_the_page() {
    let _turn = browser_turn();
    chromium_binary();
    const TOKEN: &str = "token-de-prueba-1234";
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let (survey, responses) = (dir.path().join("SURVEY.toml"), dir.path().join("r.csv"));
    std::fs::write(&survey, crate::survey::SURVEY).expect("write");
    std::fs::write(&responses, crate::survey::answers()).expect("write");
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/hip");
    for args in [
        vec![fixture.to_owned()],
        vec![
            responses.display().to_string(),
            "--survey".into(),
            survey.display().to_string(),
        ],
    ] {
        let out = puentes()
            .arg("import")
            .args(&args)
            .arg("--data-dir")
            .arg(&data)
            .output()
            .expect("run puentes import");
        assert!(out.status.success(), "{out:?}");
    }
    let mut serve = serve_command(&data, &[]);
    serve.env("PUENTES_ADMIN_TOKEN", TOKEN);
    let server = Server::start(serve, &dir.path().join("serve.err"));
    let mut browser = Chromium::launch("es-MX");
    // The panel needs the page's words, not the map: no waiting for the drawing.
    browser.call(
        "Page.navigate",
        json!({ "url": format!("http://{}/?lang=es", server.addr) }),
    );
    browser.wait_for(
        "document.body && document.body.dataset.lang === 'es' \
         && document.getElementById('admin-open').textContent === 'Administración'",
        "the page's words in Spanish",
        PAGE_LIMIT,
    );
    browser.click("#admin-open");
    browser.eval("document.getElementById('admin-token').focus()");
    browser.type_text(TOKEN);
    browser.click("#admin-load");
    browser.wait_for(
        "document.querySelectorAll('#admin-names fieldset').length === 1",
        "one name to decide",
        PAGE_LIMIT,
    );
    assert_eq!(
        browser.eval("document.getElementById('admin-status').textContent"),
        "Encuesta 2025 (r.csv). Nombres que esperan una decisión: 1. Elija qué es cada uno, o déjelo para después."
    );
    assert_eq!(
        browser.eval("document.querySelector('#admin-names legend').textContent"),
        "Casa Quetzal Nueva"
    );
    assert_eq!(
        browser.eval("document.querySelector('#admin-names p').textContent"),
        "Escrito por Iniciativa Raíces Común (líneas 4)"
    );
    let choices = browser.eval(
        "[...document.querySelectorAll('#admin-names label.choice')].map(l => \
         [l.querySelector('input').value, l.textContent.trim()])",
    );
    let first = &choices[1];
    assert_eq!(first[0], "casa-quetzal-nuevo", "{choices}");
    assert_eq!(
        first[1],
        "Es Casa Quetzal Nuevo (casa-quetzal-nuevo), similitud 0,944"
    );
    assert_eq!(choices[0][0], "", "decide later comes first and is chosen");
    browser.click("#admin-names input[value=\"casa-quetzal-nuevo\"]");
    // Switching the page to English words the list again and keeps the choice made.
    browser.click("button[data-lang=en]");
    browser.wait_for("document.body.dataset.lang === 'en'", "English", PAGE_LIMIT);
    assert_eq!(
        browser.eval(
            "[...document.querySelectorAll('#admin-names label.choice')].filter(l => \
             l.querySelector('input').checked).map(l => l.textContent.trim())"
        ),
        json!(["It is Casa Quetzal Nuevo (casa-quetzal-nuevo), similarity 0.944"])
    );
    browser.click("#admin-save");
    browser.wait_for(
        "document.getElementById('admin-status').textContent.startsWith('Decisions saved')",
        "decisions saved",
        PAGE_LIMIT,
    );
    assert_eq!(
        browser.eval("document.getElementById('admin-status').textContent"),
        "Decisions saved (the next waves read them too): 1. Names still waiting: 0."
    );
    assert_eq!(
        browser.eval("document.querySelectorAll('#admin-names fieldset').length"),
        0
    );
    // The token stayed in the page's memory.
    assert_eq!(
        browser.eval(&format!(
            "[localStorage.length, sessionStorage.length, document.cookie, \
             location.href.includes({TOKEN:?})]"
        )),
        json!([0, 0, "", false])
    );
    let problems = browser.problems();
    assert!(
        problems.is_empty(),
        "script errors or CSP violations: {problems:?}"
    );
    drop(browser);
    drop(server);
    // The decision is stored as --aliases stores it: an alias of the organization.
    let store = puentes::store::MemoryStore::open_read_only(&data).expect("open");
    let snap = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime")
        .block_on(puentes::store::GraphStore::snapshot(&store))
        .expect("snapshot");
    let casa = snap
        .data
        .organizations
        .iter()
        .find(|o| o.id == "casa-quetzal-nuevo")
        .expect("casa");
    assert_eq!(casa.aliases, vec!["Casa Quetzal Nueva".to_owned()]);
}

/// The bytes of a downloaded file, once Chromium has written it whole (it renames the
/// partial `.crdownload` file to the final name at the end).
fn wait_for_file(path: &Path) -> Vec<u8> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Ok(bytes) = std::fs::read(path) {
            if !bytes.is_empty() {
                return bytes;
            }
        }
        assert!(
            Instant::now() < deadline,
            "{} not downloaded within 30 s",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Lines 2 to m + 1 of a SNAP copy whose first line is "m n" and whose m edge lines are
/// followed by per-node values (../shared/datasets/ca-HepPh/SOURCE.txt): the edge list.
fn declared_edges(file: &Path) -> String {
    let text = std::fs::read_to_string(file).expect("read the dataset");
    let mut lines = text.lines();
    let header = lines.next().expect("a header line");
    let m: usize = header
        .split_whitespace()
        .next()
        .and_then(|m| m.parse().ok())
        .expect("the header names the edge count");
    let mut out = String::new();
    for line in lines.take(m) {
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Refreshes the screenshots in docs/ and prints the timings for BENCHMARKS.md:
///
/// ```sh
/// cargo build --release -p puentes
/// PUENTES_BIN=$PWD/target/release/puentes cargo test -p puentes --test integration browser:: -- --ignored --nocapture
/// ```
///
/// Each timing is the page's own `data-drawn-ms`: `performance.now()` from navigation start
/// to the map drawn; "first" is the first load after the server started (the layout is
/// computed then), "warm" the median of five loads after it.
#[test]
#[ignore = "by hand: refreshes docs/ screenshots and prints the timings for BENCHMARKS.md"]
fn docs_screenshots_and_timings() {
    let _turn = browser_turn();
    let bin = std::env::var("PUENTES_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_puentes").into());
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs");
    let dir = tempfile::tempdir().expect("tempdir");
    let serve = |data: &Path, args: &[&str]| {
        let mut cmd = Command::new(&bin);
        cmd.args(["serve", "--addr", "127.0.0.1:0", "--data-dir"])
            .arg(data)
            .args(args);
        support::clear_settings(&mut cmd);
        cmd
    };
    // (navigation start to drawn, view asked to drawn) of one load, in milliseconds.
    let load = |browser: &mut Chromium, url: &str, limit: Duration| -> (u64, u64) {
        let drawn = browser.open(url, limit);
        let view = browser.eval("Number(document.body.dataset.viewMs)");
        (drawn, view.as_u64().expect("data-view-ms"))
    };
    let timings = |browser: &mut Chromium, url: &str, limit: Duration| {
        let first = load(browser, url, limit);
        let mut warm: Vec<(u64, u64)> = (0..5).map(|_| load(browser, url, limit)).collect();
        warm.sort_unstable();
        format!(
            "first {} ms (view asked to drawn {} ms), warm median of 5 {} ms ({} ms)",
            first.0, first.1, warm[2].0, warm[2].1
        )
    };
    let mut browser = Chromium::launch("en-US");

    // The fixture.
    let server = Server::start(
        serve(&dir.path().join("fixture"), &[]),
        &dir.path().join("f.err"),
    );
    let base = format!("http://{}/", server.addr);
    let times = timings(&mut browser, &format!("{base}?lang=en"), PAGE_LIMIT);
    println!("fixture overview (120 organizations): {times}");
    browser.screenshot(&docs.join("map-overview.png"));
    browser.open(
        &format!("{base}?view=community/8&lang=en&show=peripheral,cuts,suggestions"),
        PAGE_LIMIT,
    );
    browser.screenshot(&docs.join("map-community.png"));
    // The organization that holds most of the network together, and what it cuts off, in a
    // window tall enough for its suggestions.
    let org = "defensoria-comunitaria-jacaranda-san-pedro-sula";
    browser.resize(1600, 1150);
    browser.open(
        &format!("{base}?view=overview&lang=en&show=cuts&org={org}"),
        PAGE_LIMIT,
    );
    browser.wait_for(
        &format!("document.body.dataset.panel === '{org}'"),
        "panel",
        PAGE_LIMIT,
    );
    browser.settle();
    browser.screenshot(&docs.join("map-panel.png"));
    browser.resize(WINDOW.0, WINDOW.1);
    // Issue 23 and 22 in both languages: the overview, a panel, zoomed in, the tie filters,
    // and the comparison of two years (docs/screenshots/page-*.png).
    let shots = docs.join("screenshots");
    for lang in ["en", "es"] {
        browser.open(&format!("{base}?lang={lang}"), PAGE_LIMIT);
        browser.screenshot(&shots.join(format!("page-overview-{lang}.png")));
        browser.open(
            &format!("{base}?lang={lang}&show=peripheral&org=casa-quetzal-nuevo"),
            PAGE_LIMIT,
        );
        browser.wait_for(
            "document.body.dataset.panel === 'casa-quetzal-nuevo'",
            "panel",
            PAGE_LIMIT,
        );
        browser.settle();
        browser.screenshot(&shots.join(format!("page-panel-{lang}.png")));
        browser.open(&format!("{base}?lang={lang}"), PAGE_LIMIT);
        for _ in 0..3 {
            browser.click("#zoom-in");
        }
        browser.settle();
        browser.screenshot(&shots.join(format!("page-zoomed-{lang}.png")));
        browser.open(
            &format!("{base}?lang={lang}&tie_kind=referral&strength=3&tie_year=2022"),
            PAGE_LIMIT,
        );
        browser.screenshot(&shots.join(format!("page-tie-filters-{lang}.png")));
        browser.open(
            &format!("{base}?lang={lang}&year=2024&compare=2020"),
            PAGE_LIMIT,
        );
        browser.wait_for(
            "document.querySelectorAll('#changes .change-sentences li').length > 0",
            "the comparison",
            PAGE_LIMIT,
        );
        browser.screenshot(&shots.join(format!("page-compare-{lang}.png")));
    }
    drop(server);

    // ca-HepPh (12,008 organizations: the community overview).
    let datasets = std::env::var("PUENTES_DATASETS")
        .unwrap_or_else(|_| format!("{}/../../shared/datasets", env!("CARGO_MANIFEST_DIR")));
    let edges = dir.path().join("ca-hepph.txt");
    std::fs::write(
        &edges,
        declared_edges(&Path::new(&datasets).join("ca-HepPh/CA-HepPh.txt")),
    )
    .expect("write the edge list");
    let data = dir.path().join("hepph");
    let mut import = puentes();
    import
        .args(["import"])
        .arg(&edges)
        .arg("--data-dir")
        .arg(&data);
    let run = run_for_at_most(import, Duration::from_secs(600));
    assert!(
        run.status.is_some_and(|s| s.success()),
        "import ca-HepPh: {}",
        run.stderr
    );
    let server = Server::start(serve(&data, &["--no-fixture"]), &dir.path().join("h.err"));
    let base = format!("http://{}/", server.addr);
    let times = timings(
        &mut browser,
        &format!("{base}?lang=en"),
        Duration::from_secs(600),
    );
    println!("ca-HepPh overview (12,008 organizations, 320 communities): {times}");
    browser.screenshot(&docs.join("map-ca-hepph.png"));
    let times = timings(
        &mut browser,
        &format!("{base}?view=community/0&lang=en"),
        Duration::from_secs(600),
    );
    println!("ca-HepPh community 0 (2,232 organizations): {times}");
    browser.open(&format!("{base}?lang=en"), PAGE_LIMIT);
    // Search reaches organizations the overview does not draw: their neighbourhood opens.
    browser.eval("document.getElementById('search').focus()");
    browser.type_text("17010");
    browser.wait_for(
        "document.querySelector('#search-results li.active[data-id=\"17010\"]')",
        "17010 found",
        Duration::from_secs(600),
    );
    browser.press("Enter", 13);
    browser.wait_for(
        "document.body.dataset.view === 'ego/17010' && document.body.dataset.panel === '17010'",
        "the neighbourhood of 17010 with its panel",
        Duration::from_secs(600),
    );
    // A click on a community opens it.
    browser.open(&format!("{base}?lang=en"), PAGE_LIMIT);
    browser.click("#map circle[data-id=\"community/12\"]");
    browser.wait_for(
        "document.body.dataset.view === 'community/12' && document.body.dataset.state === 'drawn'",
        "community 12 drawn",
        Duration::from_secs(600),
    );
    let drawn = browser.eval("document.querySelectorAll('#map circle.node').length");
    assert_eq!(
        drawn, 1032,
        "community 12 of ca-HepPh has 1,032 organizations"
    );
    let problems = browser.problems();
    assert!(
        problems.is_empty(),
        "script errors or CSP violations: {problems:?}"
    );
}

/// The network over time on the page: the map of a year keeps every organization where the
/// whole network's map puts it, the comparison with an earlier year draws exactly the ties
/// GET /api/v1/changes lists (formed: solid; ended: dotted; organizations whose findings
/// changed: ringed), the link keeps both years, and a point of the timeline draws its year.
#[test]
fn the_network_of_a_year_and_what_changed_since() {
    let _turn = browser_turn();
    chromium_binary();
    let dir = tempfile::tempdir().expect("tempdir");
    let server = Server::start(
        serve_command(&dir.path().join("data"), &[]),
        &dir.path().join("serve.err"),
    );
    let base = format!("http://{}/", server.addr);
    let changes = api(
        server.addr,
        "/api/v1/changes?from=2020&to=2024&limit=10000&lang=en",
    );
    let count = |name: &str| changes["counts"][name].as_u64().expect("a count");
    let (formed, ended) = (count("ties_formed"), count("ties_ended"));
    // The fixture's ties span 2015-2024; 2020 → 2024 is the change a planner reads first.
    assert_eq!((formed, ended), (87, 2), "fixture: ties formed and ended");
    let mut changed: std::collections::BTreeSet<String> = Default::default();
    for kind in [
        "joined",
        "newly_isolated",
        "no_longer_isolated",
        "newly_peripheral",
        "no_longer_peripheral",
        "cut_points_lost",
    ] {
        changed.extend(sorted(&changes["changes"][kind]));
    }
    for item in changes["changes"]["cut_points_gained"]
        .as_array()
        .expect("cut points gained")
    {
        changed.insert(item[0].as_str().expect("an id").to_owned());
    }
    let map_2024 = api(server.addr, "/api/v1/map?as_of=2024");
    let drawn: std::collections::BTreeSet<&str> = map_2024["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .map(|n| n["id"].as_str().expect("id"))
        .collect();
    let ended_drawn = changes["changes"]["ties_ended"]
        .as_array()
        .expect("ties ended")
        .iter()
        .filter(|p| {
            drawn.contains(p[0].as_str().expect("id")) && drawn.contains(p[1].as_str().expect("id"))
        })
        .count();
    assert_eq!(map_2024["years"], json!([2015, 2024]));

    let mut browser = Chromium::launch("en-US");
    browser.open(
        &format!("{base}?lang=en&year=2024&compare=2020"),
        PAGE_LIMIT,
    );
    browser.wait_for(
        "document.querySelectorAll('#changes .change-sentences li').length > 0",
        "the sentences of the comparison",
        PAGE_LIMIT,
    );
    assert_eq!(
        browser.eval("document.getElementById('view-title').textContent"),
        "Network map · 2024"
    );
    assert_eq!(
        browser.eval("document.querySelectorAll('#map line.edge.formed').length"),
        json!(formed),
        "every tie formed since 2020 drawn as formed"
    );
    assert_eq!(
        browser.eval("document.querySelectorAll('#ended line.ended').length"),
        json!(ended_drawn),
        "every tie that ended between two organizations still drawn"
    );
    assert_eq!(
        drawn_with(&mut browser, "changed"),
        changed.iter().cloned().collect::<Vec<_>>(),
        "organizations whose findings changed are ringed"
    );
    let first_sentence = changes["sentences"][0].as_str().expect("a sentence");
    assert!(
        browser
            .eval("document.getElementById('changes').textContent")
            .as_str()
            .is_some_and(|t| t.contains(first_sentence)),
        "the time section says {first_sentence:?}"
    );
    let link = browser.eval("location.search");
    assert!(
        link.as_str()
            .is_some_and(|l| l.contains("year=2024") && l.contains("compare=2020")),
        "the link keeps both years: {link}"
    );

    // An organization's panel names the ties it formed since 2020.
    let (a, b) = {
        let p = &changes["changes"]["ties_formed"][0];
        (
            p[0].as_str().expect("id").to_owned(),
            p[1].as_str().expect("id").to_owned(),
        )
    };
    let other_name = api(server.addr, &format!("/api/v1/organizations/{b}"))["name"]
        .as_str()
        .expect("a name")
        .to_owned();
    browser.open(
        &format!("{base}?lang=en&year=2024&compare=2020&org={a}"),
        PAGE_LIMIT,
    );
    browser.wait_for(
        &format!("document.body.dataset.panel === '{a}'"),
        "the panel of an organization with a new tie",
        PAGE_LIMIT,
    );
    let panel = browser.eval("document.querySelector('#panel .organization-changes').textContent");
    assert!(
        panel
            .as_str()
            .is_some_and(|t| t.starts_with("Since 2020") && t.contains(&other_name)),
        "the panel names {other_name}: {panel}"
    );

    // Every organization stays put from year to year (one drawn in both years).
    let map_2018 = api(server.addr, "/api/v1/map?as_of=2018");
    let stay = map_2018["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .map(|n| n["id"].as_str().expect("id").to_owned())
        .find(|id| drawn.contains(id.as_str()))
        .expect("an organization drawn in 2018 and 2024");
    let place = |browser: &mut Chromium| {
        browser.eval(&format!(
            "(() => {{ const c = document.querySelector('#map circle.node[data-id=\"{stay}\"]'); \
             return c ? [c.getAttribute('cx'), c.getAttribute('cy')] : null; }})()"
        ))
    };
    let in_2024 = place(&mut browser);
    assert!(!in_2024.is_null(), "{stay} is drawn in 2024");
    // The timeline: one small chart per figure; its point for 2018 draws 2018.
    browser.eval("document.getElementById('timeline-box').open = true");
    browser.wait_for(
        "document.querySelectorAll('#timeline .spark-box').length === 11",
        "one chart per whole-network figure",
        PAGE_LIMIT,
    );
    browser.click("#timeline .spark-box circle.spark-dot[aria-label^='2018']");
    browser.wait_for(
        "document.getElementById('view-title').textContent === 'Network map · 2018' \
         && document.body.dataset.state === 'drawn'",
        "the map of 2018",
        PAGE_LIMIT,
    );
    browser.settle();
    assert_eq!(place(&mut browser), in_2024, "{stay} stays where it was");
    // A comparison from 2020 cannot end in 2018: it is dropped, from the link too.
    assert_eq!(browser.eval("document.getElementById('compare').value"), "");
    assert_eq!(browser.eval("location.search.includes('compare=')"), false);
    let problems = browser.problems();
    assert!(problems.is_empty(), "page problems: {problems:?}");
}

/// axe-core's browser script, fetched from the npm registry by scripts/test into
/// `<target>/axe/` (`PUENTES_AXE` names another copy). Fails, never skips, without it.
fn axe_source() -> String {
    let path = std::env::var("PUENTES_AXE")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            artifacts()
                .parent()
                .map_or_else(|| PathBuf::from("target"), Path::to_path_buf)
                .join("axe/axe-core/axe.min.js")
        });
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "axe-core is needed for the accessibility check: {}: {e} (scripts/test fetches it: \
             npm pack axe-core, see AXE_VERSION there)",
            path.display()
        )
    })
}

/// The page passes axe-core's WCAG 2 A and AA rules with no serious or critical violation, in
/// English and Spanish: the overview, an organization's panel with its findings on, and the
/// comparison of two years. Every violation found is printed (minor and moderate ones too).
#[test]
fn the_page_passes_an_accessibility_check() {
    let _turn = browser_turn();
    chromium_binary();
    let axe = axe_source();
    let dir = tempfile::tempdir().expect("tempdir");
    let server = Server::start(
        serve_command(&dir.path().join("data"), &[]),
        &dir.path().join("serve.err"),
    );
    let base = format!("http://{}/", server.addr);
    let org = "casa-quetzal-nuevo";
    let mut serious = Vec::new();
    for (locale, query) in [
        ("en-US", "?lang=en".to_owned()),
        ("es-MX", format!("?lang=es&show=peripheral,cuts&org={org}")),
        ("en-US", "?lang=en&year=2024&compare=2020".to_owned()),
    ] {
        let mut browser = Chromium::launch(locale);
        // axe-core is injected by the test (the page's CSP allows only its own scripts).
        browser.call("Page.setBypassCSP", json!({"enabled": true}));
        browser.open(&format!("{base}{query}"), PAGE_LIMIT);
        if query.contains("org=") {
            browser.wait_for(
                &format!("document.body.dataset.panel === '{org}'"),
                "the panel",
                PAGE_LIMIT,
            );
        }
        browser.settle();
        browser.eval(&format!("{axe};true"));
        let found = browser.eval(
            "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})\
             .then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, \
             nodes: v.nodes.length, first: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))",
        );
        let list = found.as_array().cloned().unwrap_or_default();
        let passed = browser.eval(
            "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}}).then(r => r.passes.length)",
        );
        println!(
            "axe-core {query}: {} rules violated, {passed} rules passed",
            list.len()
        );
        assert!(passed.as_u64().unwrap_or(0) >= 10, "axe-core ran: {passed}");
        // The check can fail: a button without a name is reported.
        let probe = browser.eval(
            "(() => { const b = document.createElement('button'); b.id = 'axe-probe'; \
             document.body.append(b); return axe.run('#axe-probe', {runOnly: ['button-name']}) \
             .then(r => { b.remove(); return r.violations.map(v => v.id); }); })()",
        );
        assert_eq!(
            probe,
            json!(["button-name"]),
            "axe-core reports a nameless button"
        );
        for v in &list {
            println!("  {v}");
            if matches!(v["impact"].as_str(), Some("serious" | "critical")) {
                serious.push(format!("{query}: {v}"));
            }
        }
    }
    assert!(
        serious.is_empty(),
        "serious or critical violations: {serious:#?}"
    );
}

/// Pages of a PDF that are not blank: `pdftoppm` (Debian's poppler-utils, installed by
/// scripts/test) draws each page in grey at `dpi`; for each page, the share of its pixels
/// darker than near-white. Panics when pdftoppm is missing: this test never skips.
fn inked_pages(pdf: &Path, dpi: u32) -> Vec<f64> {
    let dir = tempfile::tempdir().expect("tempdir");
    let status = Command::new("pdftoppm")
        .args(["-gray", "-r", &dpi.to_string()])
        .arg(pdf)
        .arg(dir.path().join("page"))
        .status()
        .expect("pdftoppm is needed to check the printed report: apt-get install poppler-utils");
    assert!(status.success(), "pdftoppm {}", pdf.display());
    let mut pages: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .expect("pages")
        .map(|e| e.expect("entry").path())
        .collect();
    pages.sort();
    pages
        .iter()
        .map(|page| {
            // PGM (P5): "P5\n<width> <height>\n255\n" then one byte per pixel.
            let bytes = std::fs::read(page).expect("page");
            let mut fields = 0;
            let mut at = 0;
            while fields < 4 {
                while bytes[at].is_ascii_whitespace() {
                    at += 1;
                }
                while !bytes[at].is_ascii_whitespace() {
                    at += 1;
                }
                fields += 1;
            }
            let pixels = &bytes[at + 1..];
            pixels.iter().filter(|&&p| p < 200).count() as f64 / pixels.len() as f64
        })
        .collect()
}

/// Issue 23, item 6: the planners' report, as the page's "Report" link opens it, printed
/// to PDF by Chromium (the DevTools `Page.printToPDF`, the browser's own print) in Spanish,
/// and by `puentes report --format pdf` in English: every page carries ink, the map page
/// most; the report's own style applies under its Content-Security-Policy, with no
/// violation and no script.
#[test]
fn the_report_prints_to_pdf_pages_that_are_not_blank() {
    let _turn = browser_turn();
    chromium_binary();
    let dir = tempfile::tempdir().expect("tempdir");
    let server = Server::start(
        serve_command(&dir.path().join("data"), &[]),
        &dir.path().join("serve.err"),
    );
    let mut browser = Chromium::launch("es-ES");
    // The page's link names the report in the page's language.
    browser.open(&format!("http://{}/?lang=es", server.addr), PAGE_LIMIT);
    let link = browser.eval(
        "(() => { const a = document.getElementById('report-link'); \
         return [a.textContent, new URL(a.href).pathname + new URL(a.href).search]; })()",
    );
    assert_eq!(
        link[0], "Informe para planificar (imprimir o PDF)",
        "{link}"
    );
    assert_eq!(link[1], "/api/v1/report?lang=es", "{link}");
    // The report, opened where the link points.
    browser.call(
        "Page.navigate",
        json!({ "url": format!("http://{}/api/v1/report?lang=es", server.addr) }),
    );
    browser.wait_for(
        "document.readyState === 'complete' && document.querySelector('footer') !== null",
        "report loaded",
        PAGE_LIMIT,
    );
    assert_eq!(
        browser.eval("document.querySelector('h1').textContent"),
        "La red de colaboración: informe para la planificación"
    );
    // Its inline style applies (h2 underlined in blue), nothing was refused or thrown.
    assert_eq!(
        browser.eval("getComputedStyle(document.querySelector('h2')).borderBottomStyle"),
        "solid"
    );
    assert_eq!(browser.eval("document.scripts.length"), 0);
    assert_eq!(browser.problems(), Vec::<String>::new());
    let printed = browser.call(
        "Page.printToPDF",
        json!({"printBackground": true, "preferCSSPageSize": true,
               "paperWidth": 8.27, "paperHeight": 11.69}),
    );
    let pdf = base64::engine::general_purpose::STANDARD
        .decode(printed["data"].as_str().expect("PDF data"))
        .expect("base64");
    let out = artifacts();
    std::fs::create_dir_all(&out).expect("artifacts folder");
    let es = out.join("report-es.pdf");
    std::fs::write(&es, &pdf).expect("write the PDF");
    drop(browser);
    let inked = inked_pages(&es, 30);
    assert!(inked.len() >= 5, "{} pages: {inked:?}", inked.len());
    for (page, share) in inked.iter().enumerate() {
        assert!(
            *share > 0.001,
            "page {} of the report is blank: {inked:?}",
            page + 1
        );
    }
    // The map is drawn on its own landscape page, its caption with it.
    let size = |page: u32| {
        let dir = tempfile::tempdir().expect("tempdir");
        let status = Command::new("pdftoppm")
            .args([
                "-r",
                "10",
                "-png",
                "-f",
                &page.to_string(),
                "-l",
                &page.to_string(),
            ])
            .arg(&es)
            .arg(dir.path().join("p"))
            .status()
            .expect("pdftoppm");
        assert!(status.success());
        let file = std::fs::read_dir(dir.path())
            .expect("page")
            .next()
            .expect("one page");
        let png = std::fs::read(file.expect("entry").path()).expect("png");
        // PNG IHDR: width and height at bytes 16..24.
        let word = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().expect("4 bytes"));
        (word(16), word(20))
    };
    let (w, h) = size(2);
    assert!(w > h, "page 2 (the map) is landscape: {w}×{h}");
    let (w, h) = size(3);
    assert!(w < h, "page 3 is portrait again: {w}×{h}");
    assert!(inked[1] > 0.03, "{inked:?}");

    // The same from the command line, in English, with Chromium's --print-to-pdf.
    let en = out.join("report-en.pdf");
    let mut cmd = puentes();
    cmd.args(["report", "--format", "pdf", "--paper", "letter", "--input"])
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/hip"))
        .arg("--out")
        .arg(&en);
    let run = run_for_at_most(cmd, Duration::from_secs(180));
    assert!(run.status.is_some_and(|s| s.success()), "{}", run.stderr);
    assert!(
        run.stdout.starts_with("Wrote the report to "),
        "{}",
        run.stdout
    );
    let inked = inked_pages(&en, 30);
    assert!(inked.len() >= 5, "{inked:?}");
    for (page, share) in inked.iter().enumerate() {
        assert!(
            *share > 0.001,
            "page {} of the CLI's PDF is blank: {inked:?}",
            page + 1
        );
    }
}
