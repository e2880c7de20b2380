//! The planner's report (issue 23, item 6): `GET /api/v1/report` and `puentes report` on the
//! fixture state the figures of `/api/v1/summary`, the organizations and sentences of
//! `/api/v1/gaps`, speak Spanish with `lang=es`, escape every name, load nothing from
//! anywhere and never hold a restricted field. (Printed to PDF in Chromium: `browser.rs`.)

use crate::support::{fixture_app, get_request, puentes, run_for_at_most};
use axum::http::StatusCode;
use serde_json::Value;
use std::time::Duration;
use tower::ServiceExt;

/// `GET uri`: status, headers and body as text.
async fn fetch(app: &axum::Router, uri: &str) -> (StatusCode, axum::http::HeaderMap, String) {
    let resp = app
        .clone()
        .oneshot(get_request(uri))
        .await
        .expect("infallible");
    let (status, headers) = (resp.status(), resp.headers().clone());
    let bytes = axum::body::to_bytes(resp.into_body(), usize::MAX)
        .await
        .expect("body");
    (
        status,
        headers,
        String::from_utf8(bytes.to_vec()).expect("UTF-8"),
    )
}

async fn json(app: &axum::Router, uri: &str) -> Value {
    let (status, _, body) = fetch(app, uri).await;
    assert_eq!(status, StatusCode::OK, "GET {uri}: {body}");
    serde_json::from_str(&body).expect("JSON")
}

/// HTML-escaped, as the report writes text.
fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

/// The raw value of the figure `key` (`data-figure="key" data-value="…"`), `None` when the
/// report writes it as undefined (empty value).
fn figure(html: &str, key: &str) -> Option<f64> {
    let marker = format!("data-figure=\"{key}\" data-value=\"");
    let at = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no figure {key}"))
        + marker.len();
    let value = &html[at..at + html[at..].find('"').expect("closing quote")];
    (!value.is_empty()).then(|| value.parse().expect("a number"))
}

/// Whether `value` occurs in `text` as a whole (a number not inside a longer number), as the
/// restricted-fields walk reads it.
fn occurs(text: &str, value: &str) -> bool {
    let numeric = value.starts_with(|c: char| c == '-' || c.is_ascii_digit());
    text.match_indices(value).any(|(at, _)| {
        if !numeric {
            return true;
        }
        let before = text[..at].chars().next_back();
        let after = text[at + value.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_digit() || c == '.')
            && !after.is_some_and(|c| c.is_ascii_digit())
    })
}

/// Opening and closing tags of the elements the report nests balance, the document is one
/// `<html>` with a head and a body, and nothing is fetched.
fn assert_well_formed_and_self_contained(html: &str) {
    assert!(
        html.starts_with("<!doctype html>\n<html lang=\""),
        "{}",
        &html[..80]
    );
    assert!(html.ends_with("</body>\n</html>\n"));
    for tag in [
        "html", "head", "body", "header", "section", "figure", "table", "thead", "tbody", "tr",
        "ul", "ol", "li", "dl", "svg", "style", "footer", "h1", "h2", "h3", "p",
    ] {
        let open =
            html.matches(&format!("<{tag}>")).count() + html.matches(&format!("<{tag} ")).count();
        let close = html.matches(&format!("</{tag}>")).count();
        assert_eq!(open, close, "<{tag}>: {open} opened, {close} closed");
    }
    assert_eq!(html.matches("<svg ").count(), 3, "map, heat map, histogram");
    for fetched in [
        "http://", "https://", "<script", "<link", "<img", "<iframe", "@import", "url(", "src=",
    ] {
        assert!(!html.contains(fetched), "the report holds {fetched:?}");
    }
}

#[tokio::test]
async fn the_report_states_the_summary_the_findings_in_both_languages_and_nothing_restricted() {
    let (app, _store) = fixture_app(None).await;
    let (status, headers, en) = fetch(&app, "/api/v1/report").await;
    assert_eq!(status, StatusCode::OK, "{en}");
    assert_eq!(headers["content-type"], "text/html; charset=utf-8");
    assert_eq!(
        headers["content-security-policy"],
        puentes::board::CONTENT_SECURITY_POLICY,
        "nothing may load; the route keeps its own policy"
    );
    assert_well_formed_and_self_contained(&en);

    // The key figures are /api/v1/summary's, to the bit.
    let summary = json(&app, "/api/v1/summary").await;
    let network = &summary["network"];
    for key in [
        "nodes",
        "ties",
        "density",
        "components",
        "largest_component",
        "average_degree",
        "transitivity",
        "degree_assortativity",
        "diameter",
        "average_shortest_path_length",
        "degree_centralization",
    ] {
        assert_eq!(figure(&en, key), network[key].as_f64(), "{key}");
    }
    assert_eq!(figure(&en, "partners"), Some(87.0));
    assert_eq!(figure(&en, "partner_population_served"), Some(561_062.0));
    assert_eq!(summary["partner_population_served"], 561_062);
    assert_eq!(figure(&en, "nodes"), Some(120.0));
    assert!(en.contains(r#"data-value="561062">561,062<"#));

    // The findings: /api/v1/gaps's organizations and sentences, and its counts.
    let gaps = json(&app, "/api/v1/gaps?limit=1000").await;
    let peripheral = gaps["peripheral"]["items"].as_array().expect("items");
    assert_eq!(gaps["peripheral"]["total"], 20);
    assert_eq!(figure(&en, "peripheral"), Some(20.0));
    // The fixture has no organization without ties: its most peripheral ones have one.
    assert_eq!(figure(&en, "isolated"), Some(0.0));
    let first = &peripheral[0];
    assert_eq!(first["reasons"][0], "pendant");
    let name = first["organization"]["name"].as_str().expect("name");
    assert!(
        en.contains(&format!("<strong>{}</strong>", esc(name))),
        "{name}"
    );
    let sentence = first["explanation"][0].as_str().expect("sentence");
    assert!(en.contains(&esc(sentence)), "{sentence}");
    let cut = &gaps["cut_points"];
    assert_eq!(figure(&en, "cut_points"), cut["total"].as_f64());
    assert!(en.contains(&esc(cut["items"][0]["explanation"]
        .as_str()
        .expect("cut point"))));
    assert!(en.contains(&format!(
        "Who holds the network together: cut points ({})",
        cut["total"]
    )));
    assert_eq!(figure(&en, "bridges"), gaps["bridges"]["total"].as_f64());
    let pair = gaps["least_connected_communities"]["items"][0]["explanation"]
        .as_str()
        .expect("pair");
    assert!(en.contains(&esc(pair)), "{pair}");
    // The best introductions: /api/v1/suggestions's first.
    let best = json(&app, "/api/v1/suggestions?limit=1").await;
    let item = &best["items"][0];
    assert!(en.contains(&format!(
        "<li><strong>{}</strong> → <strong>{}</strong>. {}",
        esc(item["organization"]["name"].as_str().expect("from")),
        esc(item["suggestion"]["organization"]["name"]
            .as_str()
            .expect("to")),
        esc(item["suggestion"]["explanation"].as_str().expect("why"))
    )));
    // Every figure defined, and the map's legend in the picture.
    assert_eq!(en.matches("<dt>").count(), 19 + 3);
    assert!(en.contains("Positions show ties, not geography"));
    assert!(en.contains("<h2>What each figure means</h2>"));

    // Spanish.
    let (status, _, es) = fetch(&app, "/api/v1/report?lang=es").await;
    assert_eq!(status, StatusCode::OK);
    assert_well_formed_and_self_contained(&es);
    assert!(es.starts_with("<!doctype html>\n<html lang=\"es\">"));
    for heading in [
        "<h1>La red de colaboración: informe para la planificación</h1>",
        "<h2>Cifras clave</h2>",
        "<h2>El mapa de la red</h2>",
        "<h2>Lo que encontramos</h2>",
        "<h2>Mejores presentaciones sugeridas</h2>",
        "<h2>Cuántos vínculos tienen las organizaciones</h2>",
        "<h2>Qué significa cada cifra</h2>",
        "<h3 id=\"peripheral\">Organizaciones aisladas y periféricas (20)</h3>",
    ] {
        assert!(es.contains(heading), "{heading}");
        assert!(!en.contains(heading), "{heading}");
    }
    assert!(es.contains(r#"data-value="561062">561.062<"#));
    let gaps_es = json(&app, "/api/v1/gaps?limit=1&lang=es").await;
    let sentence = gaps_es["peripheral"]["items"][0]["explanation"][0]
        .as_str()
        .expect("frase");
    assert!(es.contains(&esc(sentence)), "{sentence}");
    assert!(es.contains("Las posiciones muestran vínculos, no geografía"));

    // Never a restricted field, in either language.
    let data = puentes::cli::builtin_fixture().expect("fixture");
    let mut checked = 0;
    for o in &data.organizations {
        for x in [o.latitude, o.longitude].into_iter().flatten() {
            for text in [serde_json::to_string(&x).expect("number"), x.to_string()] {
                assert!(!occurs(&en, &text) && !occurs(&es, &text), "{text}");
                checked += 1;
            }
        }
        if let Some(contact) = &o.contact {
            assert!(!en.contains(contact) && !es.contains(contact), "{contact}");
            checked += 1;
        }
    }
    assert!(checked > 300, "{checked} restricted values checked");

    // A year: that year's figures, named under the title.
    let (status, _, year) = fetch(&app, "/api/v1/report?as_of=2018").await;
    assert_eq!(status, StatusCode::OK);
    let summary_2018 = json(&app, "/api/v1/summary?as_of=2018").await;
    assert_eq!(
        figure(&year, "nodes"),
        summary_2018["network"]["nodes"].as_f64()
    );
    assert_eq!(
        figure(&year, "ties"),
        summary_2018["network"]["ties"].as_f64()
    );
    assert_ne!(figure(&year, "ties"), figure(&en, "ties"));
    assert!(year.contains("The network as it was in 2018"));
    let (status, _, refused) = fetch(&app, "/api/v1/report?as_of=1700").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{refused}");
    let (status, _, _) = fetch(&app, "/api/v1/report?nonsense=1").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[test]
fn the_cli_writes_the_report_with_every_name_escaped_and_says_what_pdf_needs() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Names as people type them, with characters HTML gives a meaning to.
    let doc = r#"{"organizations": [
        {"id": "a", "name": "Casa <b>Luz</b> & \"Hermanas\"", "country": "MX", "partner": true},
        {"id": "b", "name": "Red O'Higgins", "country": "CL"},
        {"id": "c", "name": "Centro Tres", "country": "GT"},
        {"id": "d", "name": "Aislada <script>", "country": "HN"}],
      "ties": [{"source": "a", "target": "b", "kind": "referral", "strength": 3, "since": 2020},
               {"source": "b", "target": "c", "kind": "coalition", "strength": 2, "since": 2021}]}"#;
    let input = dir.path().join("red.json");
    std::fs::write(&input, doc).expect("write");
    let out = dir.path().join("informe.html");
    let mut cmd = puentes();
    cmd.args(["report", "--lang", "es", "--input"])
        .arg(&input)
        .arg("--out")
        .arg(&out);
    let run = run_for_at_most(cmd, Duration::from_secs(120));
    assert!(run.status.is_some_and(|s| s.success()), "{}", run.stderr);
    assert!(
        run.stdout.starts_with("Informe escrito en "),
        "{}",
        run.stdout
    );
    let html = std::fs::read_to_string(&out).expect("the report");
    assert_well_formed_and_self_contained(&html);
    assert!(html.contains("Casa &lt;b&gt;Luz&lt;/b&gt; &amp; &quot;Hermanas&quot;"));
    assert!(html.contains("Red O&apos;Higgins"));
    assert!(!html.contains("<b>Luz") && !html.contains("Aislada <script>"));
    // The one organization without ties is listed as isolated, by name.
    assert_eq!(figure(&html, "isolated"), Some(1.0));
    assert!(html.contains("<strong>Aislada &lt;script&gt;</strong>"));
    assert_eq!(figure(&html, "nodes"), Some(4.0));
    assert_eq!(figure(&html, "ties"), Some(2.0));
    assert!(html.contains("a partir de red.json"));

    // --format pdf where no Chromium can be found: the catalogue's sentence, exit 1.
    let empty = dir.path().join("no-programs");
    std::fs::create_dir(&empty).expect("mkdir");
    let mut cmd = puentes();
    cmd.args(["report", "--format", "pdf", "--input"])
        .arg(&input)
        .arg("--out")
        .arg(dir.path().join("informe.pdf"))
        .env("PATH", &empty)
        .env_remove("PUENTES_CHROMIUM");
    let run = run_for_at_most(cmd, Duration::from_secs(60));
    assert_eq!(run.status.and_then(|s| s.code()), Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains("--format pdf prints the report with headless Chromium, and none was found (looked for: chromium, chromium-browser, google-chrome)"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("apt-get install chromium"));
    assert!(!dir.path().join("informe.pdf").exists());
}
