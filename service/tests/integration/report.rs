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

/// Runs `puentes ARGS --input fixtures/hip` and returns its standard output.
fn on_fixture(args: &[&str]) -> String {
    let mut cmd = puentes();
    cmd.args(args)
        .arg("--input")
        .arg(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/hip"));
    let run = run_for_at_most(cmd, Duration::from_secs(120));
    assert!(
        run.status.is_some_and(|s| s.success()),
        "{args:?}: {}",
        run.stderr
    );
    run.stdout
}

/// The column where `cell` starts on `line`, in characters.
fn column(line: &str, cell: &str) -> usize {
    let at = line
        .find(cell)
        .unwrap_or_else(|| panic!("{cell:?} not in {line:?}"));
    line[..at].chars().count()
}

/// Issue 23, item 7: `gaps`, `suggest` and `summary` speak to people with `--format text`
/// (the default on a terminal): the catalogue's sentences and aligned tables in `--lang`,
/// with the values of their JSON; piped without `--format`, JSON as before.
#[test]
fn gaps_suggest_and_summary_print_sentences_and_aligned_tables() {
    // Piped, no --format: JSON, as scripts read it.
    let gaps: Value = serde_json::from_str(&on_fixture(&["gaps", "--limit", "3"])).expect("JSON");
    let summary: Value = serde_json::from_str(&on_fixture(&["summary"])).expect("JSON");
    assert_eq!(summary["nodes"], 120);

    // gaps: the peripheral organizations as a table, the findings as sentences.
    let text = on_fixture(&["gaps", "--format", "text", "--lang", "es", "--limit", "3"]);
    assert!(
        text.starts_with("Louvain (resolución 1, semilla 42): 9 comunidades"),
        "{text}"
    );
    let lines: Vec<&str> = text.lines().collect();
    let header = lines
        .iter()
        .position(|l| l.trim_start().starts_with("Organización"))
        .expect("table header");
    assert_eq!(
        lines[header - 2],
        "Organizaciones aisladas y periféricas (20)"
    );
    let membership = column(lines[header], "Socia o aliada");
    let why = column(lines[header], "Por qué");
    for (k, item) in gaps["peripheral"]["items"]
        .as_array()
        .expect("items")
        .iter()
        .enumerate()
    {
        let row = lines[header + 2 + k];
        let name = item["organization"]["name"].as_str().expect("name");
        assert_eq!(column(row, name), 2, "{row}");
        let word = if item["partner"] == true {
            "socia del portafolio"
        } else {
            "aliada externa"
        };
        assert_eq!(column(row, word), membership, "{row}");
        let reasons: Vec<&str> = item["reasons"]
            .as_array()
            .expect("reasons")
            .iter()
            .map(|r| match r.as_str().expect("code") {
                "pendant" => "un solo vínculo",
                "low_closeness" => "lejos de las demás",
                "low_coreness" => "aliadas no vinculadas entre sí",
                other => panic!("{other}"),
            })
            .collect();
        assert_eq!(column(row, &reasons.join(", ")), why, "{row}");
    }
    assert!(text.contains("…y 17 más"), "{text}");
    let gaps_es: Value = serde_json::from_str(&on_fixture(&[
        "gaps", "--format", "json", "--lang", "es", "--limit", "3",
    ]))
    .expect("JSON");
    for list in [
        "cut_points",
        "bridges",
        "least_connected_communities",
        "service_gaps",
    ] {
        let first = gaps_es[list]["items"][0]["explanation"]
            .as_str()
            .expect(list);
        assert!(text.contains(&format!("  • {first}\n")), "{list}: {first}");
    }
    assert!(text.contains(&format!(
        "Quién mantiene unida la red: puntos de corte ({})",
        gaps_es["cut_points"]["total"]
    )));

    // summary: every figure named in words, numbers aligned to the right in Spanish.
    let text = on_fixture(&["summary", "--format", "text", "--lang", "es"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "La red completa en cifras");
    let row = |name: &str| {
        *lines
            .iter()
            .find(|l| l.trim_start().starts_with(name))
            .unwrap_or_else(|| panic!("no {name} in {text}"))
    };
    let end = row("Organizaciones ").chars().count();
    assert!(row("Organizaciones ").ends_with(" 120"));
    assert!(row("Personas atendidas por las socias").ends_with(" 561.062"));
    let density = format!("{:.3}", summary["density"].as_f64().expect("density")).replace('.', ",");
    assert!(
        row("Densidad").ends_with(&format!(" {density}")),
        "{density}"
    );
    let distance = format!(
        "{:.2}",
        summary["average_shortest_path_length"]
            .as_f64()
            .expect("distance")
    )
    .replace('.', ",");
    assert!(row("Distancia media").ends_with(&distance));
    for name in [
        "Densidad",
        "Grupos separados",
        "Triángulos cerrados (transitividad)",
        "Personas atendidas",
    ] {
        assert_eq!(row(name).chars().count(), end, "right-aligned: {name}");
    }

    // suggest: a table and one sentence per suggestion, the JSON's names and order.
    let asking = gaps["peripheral"]["items"][0]["organization"]["id"]
        .as_str()
        .expect("id");
    let json: Value =
        serde_json::from_str(&on_fixture(&["suggest", asking, "--limit", "3"])).expect("JSON");
    let text = on_fixture(&["suggest", asking, "--format", "text", "--limit", "3"]);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with(&format!(
        "Whom {} could work with next",
        gaps["peripheral"]["items"][0]["organization"]["name"]
            .as_str()
            .expect("name")
    )));
    let header = lines[2];
    for (k, item) in json["items"].as_array().expect("items").iter().enumerate() {
        let row = lines[4 + k];
        let name = item["organization"]["name"].as_str().expect("name");
        assert!(
            row.trim_start().starts_with(&format!("{} ", k + 1)),
            "{row}"
        );
        assert_eq!(column(row, name), column(header, "Organization"), "{row}");
        let explanation = item["explanation"].as_str().expect("sentence");
        assert!(
            text.contains(&format!("  {}. {explanation}\n", k + 1)),
            "{explanation}"
        );
    }

    // A format a command does not print is refused, naming those it does.
    let mut cmd = puentes();
    cmd.args(["summary", "--format", "csv"]);
    let run = run_for_at_most(cmd, Duration::from_secs(60));
    assert_eq!(run.status.and_then(|s| s.code()), Some(2), "{}", run.stderr);
    assert!(
        run.stderr.contains("text") && run.stderr.contains("json"),
        "{}",
        run.stderr
    );
}
