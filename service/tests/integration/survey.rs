//! The survey import end to end: the real binary and the API, over the synthetic fixture.
//! Hand-made answers with known outcomes here; generated exports with known truth (precision,
//! recall, layouts, XLSX, a second wave, scale) in `survey_generated.rs`.

use crate::support;

use puentes::store::{GraphStore, MemoryStore, Snapshot};
use puentes_analysis::model::ReportedBy;
use std::path::Path;

pub(crate) const SURVEY: &str = r#"
layout = "wide"
respondent = "Nombre de su organización"
collaborators = "¿Con qué organizaciones colaboró en el último año?"
year = 2025
kind = "referral"
strength_column = "¿Con qué frecuencia?"
[strength_map]
"Semanal" = 5
"Mensual" = 4
"Trimestral" = 3
[attributes]
salaried_staff = "Número de personas empleadas"
annual_budget_usd = "Presupuesto anual (USD)"
agreement_review = "¿Con qué frecuencia revisan sus acuerdos de equipo?"
"#;

const HEADER: &str = "Marca temporal,Nombre de su organización,¿Con qué organizaciones colaboró en el último año?,¿Con qué frecuencia?,Número de personas empleadas,Presupuesto anual (USD),¿Con qué frecuencia revisan sus acuerdos de equipo?\n";

/// Two respondents of the fixture: Casa Quetzal Nuevo names four (one new, one abbreviated,
/// one without accents, on two lines of one cell); Iniciativa Raíces Común names Casa Quetzal
/// Nuevo back, a look-alike ("Nueva", which must go to review) and the new one again.
pub(crate) fn answers() -> String {
    format!(
        "{HEADER}2025-03-01,Casa Quetzal Nuevo A.C.,\"Iniciativa Raices Comun; Albergue Sendero Nuevo\nAsoc. Quetzal Abierto; Colectivo Brisa del Sur\",Semanal,5,\"$150,000\",Mensualmente\n\
         2025-03-02,Iniciativa Raíces Común,Casa Quetzal Nuevo; Casa Quetzal Nueva; colectivo brisa del sur,Mensual,9,200000,Nunca\n"
    )
}

fn puentes(args: &[&str], data: &Path) -> std::process::Output {
    support::puentes()
        .args(args)
        .arg("--data-dir")
        .arg(data)
        .output()
        .expect("run puentes")
}

async fn stored(data: &Path) -> Snapshot {
    MemoryStore::open(data)
        .expect("open")
        .snapshot()
        .await
        .expect("snapshot")
}

fn text(out: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[tokio::test]
async fn a_survey_becomes_ties_and_the_review_list_comes_back_as_aliases() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/hip");
    assert!(puentes(&["import", fixture], &data).status.success());
    let (survey, responses) = (dir.path().join("SURVEY.toml"), dir.path().join("r.csv"));
    std::fs::write(&survey, SURVEY).expect("write");
    std::fs::write(&responses, answers()).expect("write");
    let (review, report) = (
        dir.path().join("REVIEW.csv"),
        dir.path().join("REPORT.json"),
    );
    let p = |path: &Path| path.to_str().expect("utf-8 path").to_owned();
    let out = puentes(
        &[
            "import",
            &p(&responses),
            "--survey",
            &p(&survey),
            "--review",
            &p(&review),
            "--report",
            &p(&report),
        ],
        &data,
    );
    assert!(out.status.success(), "{}", text(&out));
    let said = text(&out);
    assert!(
        said.contains("Survey 2025: 2 of 87 partner organizations answered (2%)."),
        "{said}"
    );
    assert!(
        said.contains("7 names of collaborators: 5 by name, 1 to review, 1 new."),
        "{said}"
    );
    // The report: one entry per name per row, each with its method.
    let r: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&report).expect("report")).expect("json");
    let methods: Vec<(String, String, String)> = r["nominations"]
        .as_array()
        .expect("nominations")
        .iter()
        .map(|n| {
            (
                n["raw"].as_str().unwrap_or_default().to_owned(),
                n["method"].as_str().unwrap_or_default().to_owned(),
                n["resolved"].as_str().unwrap_or("null").to_owned(),
            )
        })
        .collect();
    let row =
        |raw: &str, method: &str, id: &str| (raw.to_owned(), method.to_owned(), id.to_owned());
    assert_eq!(
        methods,
        vec![
            row("Iniciativa Raices Comun", "name", "iniciativa-raices-comun"),
            row("Albergue Sendero Nuevo", "name", "albergue-sendero-nuevo"),
            row(
                "Asoc. Quetzal Abierto",
                "name",
                "asociacion-quetzal-abierto"
            ),
            row("Colectivo Brisa del Sur", "new", "colectivo-brisa-del-sur"),
            row("Casa Quetzal Nuevo", "name", "casa-quetzal-nuevo"),
            row("Casa Quetzal Nueva", "review", "null"),
            row("colectivo brisa del sur", "name", "colectivo-brisa-del-sur"),
        ]
    );
    assert_eq!(r["counts"]["reciprocated"], 1);
    assert_eq!(r["counts"]["response_rate"], 2.0 / 87.0);
    // What was written: the respondents' answers, the new organization, the ties.
    let snap = stored(&data).await;
    let org = |id: &str| {
        snap.data
            .organizations
            .iter()
            .find(|o| o.id == id)
            .unwrap_or_else(|| panic!("{id}"))
            .clone()
    };
    let casa = org("casa-quetzal-nuevo");
    assert_eq!(
        (casa.salaried_staff, casa.annual_budget_usd),
        (Some(5), Some(150_000))
    );
    assert_eq!(
        casa.agreement_review,
        Some(puentes_analysis::model::Frequency::Monthly)
    );
    assert_eq!(
        org("colectivo-brisa-del-sur").name,
        "Colectivo Brisa del Sur"
    );
    let tie = |a: &str, b: &str| {
        snap.data
            .ties
            .iter()
            .find(|t| {
                t.kind == puentes_analysis::model::TieKind::Referral
                    && ((t.source == a && t.target == b) || (t.source == b && t.target == a))
            })
            .unwrap_or_else(|| panic!("{a} - {b}"))
            .clone()
    };
    let both = tie("casa-quetzal-nuevo", "iniciativa-raices-comun");
    assert_eq!(both.reported_by, ReportedBy::Both);
    assert_eq!(both.strength, 5, "mean of 5 and 4, rounded half up");
    let one = tie("casa-quetzal-nuevo", "colectivo-brisa-del-sur");
    assert_eq!(
        (one.source.as_str(), one.reported_by, one.since),
        ("casa-quetzal-nuevo", ReportedBy::Source, Some(2025))
    );
    // The review list: the look-alike, who wrote it, the candidates.
    let list = std::fs::read_to_string(&review).expect("review");
    let mut lines = list.lines();
    assert_eq!(
        lines.next(),
        Some("raw,written_by,lines,candidate_1,name_1,score_1,candidate_2,name_2,score_2,candidate_3,name_3,score_3,decision")
    );
    let item = lines.next().expect("one name to review");
    assert!(
        item.starts_with("Casa Quetzal Nueva,iniciativa-raices-comun,4,casa-quetzal-nuevo,Casa Quetzal Nuevo,0.944,"),
        "{item}"
    );
    assert_eq!(lines.next(), None);

    // A wrong decision is refused, located, and nothing is written.
    let revision = stored(&data).await.revision;
    std::fs::write(&review, list.replace(",\n", ",no-such-org\n")).expect("write");
    let out = puentes(
        &[
            "import",
            &p(&responses),
            "--survey",
            &p(&survey),
            "--aliases",
            &p(&review),
            "--lang",
            "es",
        ],
        &data,
    );
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(
        text(&out).contains("REVIEW.csv:2: decision = \"no-such-org\": se espera"),
        "{}",
        text(&out)
    );
    assert_eq!(stored(&data).await.revision, revision);

    // The decision fed back: the spelling resolves by alias, is stored with the organization,
    // and the next import (with no aliases file) still knows it.
    std::fs::write(&review, list.replace(",\n", ",casa-quetzal-nuevo\n")).expect("write");
    let out = puentes(
        &[
            "import",
            &p(&responses),
            "--survey",
            &p(&survey),
            "--aliases",
            &p(&review),
        ],
        &data,
    );
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("1 by a saved decision"),
        "{}",
        text(&out)
    );
    let snap = stored(&data).await;
    let casa = snap
        .data
        .organizations
        .iter()
        .find(|o| o.id == "casa-quetzal-nuevo")
        .expect("casa");
    assert_eq!(casa.aliases, vec!["Casa Quetzal Nueva".to_owned()]);
    let out = puentes(
        &[
            "import",
            &p(&responses),
            "--survey",
            &p(&survey),
            "--report",
            &p(&report),
        ],
        &data,
    );
    assert!(out.status.success(), "{}", text(&out));
    let r: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&report).expect("report")).expect("json");
    assert_eq!(r["counts"]["by_method"]["alias"], 1);
    assert_eq!(r["counts"]["review"], 0);
}

#[tokio::test]
async fn a_second_wave_keeps_reported_ties_and_ends_unreported_ones() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let p = |path: &Path| path.to_str().expect("utf-8 path").to_owned();
    let survey = dir.path().join("SURVEY.toml");
    let wave = |year: i32, rows: &str| {
        std::fs::write(
            &survey,
            SURVEY.replace("year = 2025", &format!("year = {year}")),
        )
        .expect("write");
        let responses = dir.path().join(format!("w{year}.csv"));
        std::fs::write(&responses, format!("{HEADER}{rows}")).expect("write");
        let out = puentes(&["import", &p(&responses), "--survey", &p(&survey)], &data);
        assert!(out.status.success(), "{}", text(&out));
        text(&out)
    };
    // 2025: A names B and C; B names A; C does not answer.
    wave(
        2025,
        "t,Alfa Norte,Beta Sur; Gama Centro,Mensual,,,\nt,Beta Sur,Alfa Norte,Semanal,,,\n",
    );
    // 2026: A and B both answer and neither names the other; A names C again; D is new.
    let said = wave(
        2026,
        "t,Alfa Norte,Gama Centro; Delta Este,Mensual,,,\nt,Beta Sur,Delta Este,Mensual,,,\n",
    );
    assert!(
        said.contains("1 ties already in the network were reported again and 1 ended"),
        "{said}"
    );
    let snap = stored(&data).await;
    let years = |a: &str, b: &str| {
        snap.data
            .ties
            .iter()
            .find(|t| (t.source == a && t.target == b) || (t.source == b && t.target == a))
            .map(|t| (t.since, t.until))
    };
    assert_eq!(
        years("alfa-norte", "beta-sur"),
        Some((Some(2025), Some(2025)))
    );
    assert_eq!(years("alfa-norte", "gama-centro"), Some((Some(2025), None)));
    assert_eq!(years("alfa-norte", "delta-este"), Some((Some(2026), None)));
    // The network of 2026 no longer holds A - B.
    let net = puentes_analysis::Network::build(
        &snap.data,
        puentes_analysis::network::BuildOptions {
            as_of: Some(2026),
            ..Default::default()
        },
    );
    assert_eq!(net.edge_count(), 3);
}

#[tokio::test]
async fn every_problem_is_located_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let p = |path: &Path| path.to_str().expect("utf-8 path").to_owned();
    let survey = dir.path().join("SURVEY.toml");
    std::fs::write(
        &survey,
        SURVEY.replace("Número de personas empleadas", "Personal asalariado"),
    )
    .expect("write");
    let responses = dir.path().join("r.csv");
    std::fs::write(&responses, format!("{HEADER}t,Alfa,Beta,A veces,3,,\n")).expect("write");
    let out = puentes(&["import", &p(&responses), "--survey", &p(&survey)], &data);
    assert_eq!(out.status.code(), Some(2));
    let said = text(&out);
    assert!(
        said.contains("SURVEY.toml: attributes.salaried_staff = \"Personal asalariado\": expected a column of the responses, by its header text or its number from 1; the file has: Marca temporal | Nombre de su organización"),
        "{said}"
    );
    std::fs::write(&survey, SURVEY).expect("write");
    let out = puentes(
        &[
            "import",
            &p(&responses),
            "--survey",
            &p(&survey),
            "--lang",
            "es",
        ],
        &data,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out).contains("r.csv:2:4: ¿Con qué frecuencia? = \"A veces\": se espera una de las respuestas que el cuestionario traduce: Mensual | Semanal | Trimestral"),
        "{}",
        text(&out)
    );
    assert_eq!(stored(&data).await.data.organizations.len(), 0);
}

/// The boundary of the multipart bodies of these tests.
const BOUNDARY: &str = "XyZ";

/// One file part of a multipart body.
fn part(name: &str, file: &str, body: &str) -> String {
    format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{file}\"\r\n\r\n{body}\r\n"
    )
}

#[tokio::test]
async fn the_api_imports_a_survey_with_the_admin_token() {
    use axum::body::Body;
    use axum::http::{header, Request, StatusCode};
    let (app, _store) = support::fixture_app(Some("s3cret")).await;
    let boundary = BOUNDARY;
    let body = format!(
        "{}{}--{boundary}--\r\n",
        part("responses", "r.csv", &answers()),
        part("survey", "SURVEY.toml", SURVEY)
    );
    let request = |uri: &str, token: Option<&str>| {
        let mut r = Request::post(uri).header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        );
        if let Some(t) = token {
            r = r.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        r.body(Body::from(body.clone())).expect("request")
    };
    let (status, _) = support::call(&app, request("/api/v1/import/survey", None)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, json) = support::call(
        &app,
        request("/api/v1/import/survey?dry_run=true", Some("s3cret")),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{json}");
    assert_eq!(json["dry_run"], true);
    assert_eq!(json["report"]["counts"]["nominations"], 7);
    assert_eq!(json["report"]["review"][0]["raw"], "Casa Quetzal Nueva");
    let (status, json) = support::call(
        &app,
        request("/api/v1/import/survey?dryrun=true", Some("s3cret")),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{json}");
    // A part sent twice is refused, never silently replaced.
    let twice = format!(
        "{}{}{}--{boundary}--\r\n",
        part("responses", "r.csv", &answers()),
        part("survey", "SURVEY.toml", SURVEY),
        part("survey", "SURVEY.toml", SURVEY)
    );
    let r = Request::post("/api/v1/import/survey?dry_run=true")
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header(header::AUTHORIZATION, "Bearer s3cret")
        .body(Body::from(twice))
        .expect("request");
    let (status, json) = support::call(&app, r).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{json}");
    assert_eq!(
        json["error"]["message"],
        "the part survey was sent twice: send it once"
    );
}

/// The page's review: the last survey import's names in review, decided with the admin token
/// by the same code path as `--aliases`; a refused decision is located and writes nothing.
#[tokio::test]
async fn the_review_list_is_decided_with_the_admin_token() {
    use axum::body::Body;
    use axum::http::{header, Request, StatusCode};
    let (app, store) = support::fixture_app(Some("s3cret")).await;
    let boundary = BOUNDARY;
    let import = |uri: &str| {
        let body = format!(
            "{}{}--{boundary}--\r\n",
            part("responses", "r.csv", &answers()),
            part("survey", "SURVEY.toml", SURVEY)
        );
        Request::post(uri)
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={boundary}"),
            )
            .header(header::AUTHORIZATION, "Bearer s3cret")
            .body(Body::from(body))
            .expect("request")
    };
    let get = |token: Option<&str>, lang: &str| {
        let mut r = Request::get(format!("/api/v1/import/review?lang={lang}"));
        if let Some(t) = token {
            r = r.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        r.body(Body::empty()).expect("request")
    };
    let post = |token: Option<&str>, lang: &str, body: serde_json::Value| {
        let mut r = Request::post(format!("/api/v1/import/review?lang={lang}"))
            .header(header::CONTENT_TYPE, "application/json");
        if let Some(t) = token {
            r = r.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        r.body(Body::from(body.to_string())).expect("request")
    };
    let accept = serde_json::json!({"decisions": [
        {"raw": "Casa Quetzal Nueva", "decision": "casa-quetzal-nuevo"}
    ]});

    // Refused exactly like the other write routes: no token 401, a wrong one 403.
    for (token, status) in [
        (None, StatusCode::UNAUTHORIZED),
        (Some("wrong"), StatusCode::FORBIDDEN),
    ] {
        let (s, _) = support::call(&app, get(token, "en")).await;
        assert_eq!(s, status, "GET with {token:?}");
        let (s, _) = support::call(&app, post(token, "en", accept.clone())).await;
        assert_eq!(s, status, "POST with {token:?}");
    }

    // Before any survey: nothing waits, and deciding is refused.
    let (s, json) = support::call(&app, get(Some("s3cret"), "en")).await;
    assert_eq!(s, StatusCode::OK, "{json}");
    assert_eq!(
        json,
        serde_json::json!({"year": null, "responses": null, "decided": 0, "names": []})
    );
    let (s, json) = support::call(&app, post(Some("s3cret"), "es", accept.clone())).await;
    assert_eq!(s, StatusCode::CONFLICT, "{json}");
    assert!(
        json["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .starts_with("no se importó ninguna encuesta en este almacén"),
        "{json}"
    );

    // A dry run keeps nothing; the import does.
    let (s, json) = support::call(&app, import("/api/v1/import/survey?dry_run=true")).await;
    assert_eq!(s, StatusCode::OK, "{json}");
    assert_eq!(store.kept_survey().await.expect("kept"), None);
    let (s, json) = support::call(&app, import("/api/v1/import/survey")).await;
    assert_eq!(s, StatusCode::OK, "{json}");
    assert_eq!(json["report"]["counts"]["review"], 1);

    // The list: the look-alike typed by Iniciativa Raíces Común on line 4 (the first answer's
    // cell spans lines 2 and 3), and its candidates with their scores, as REVIEW.csv has them.
    let (s, list) = support::call(&app, get(Some("s3cret"), "es")).await;
    assert_eq!(s, StatusCode::OK, "{list}");
    assert_eq!(list["year"], 2025);
    assert_eq!(list["responses"], "r.csv");
    assert_eq!(list["decided"], 0);
    let names = list["names"].as_array().expect("names");
    assert_eq!(names.len(), 1, "{list}");
    assert_eq!(names[0]["raw"], "Casa Quetzal Nueva");
    assert_eq!(
        names[0]["written_by"],
        serde_json::json!([{"id": "iniciativa-raices-comun", "name": "Iniciativa Raíces Común"}])
    );
    assert_eq!(names[0]["lines"], serde_json::json!([4]));
    let best = &names[0]["candidates"][0];
    assert_eq!(
        (&best["id"], &best["name"]),
        (
            &serde_json::json!("casa-quetzal-nuevo"),
            &serde_json::json!("Casa Quetzal Nuevo")
        )
    );
    let score = best["score"].as_f64().expect("score");
    assert!((score - 0.944).abs() < 0.0005, "{score}");

    // Refused decisions: located, in the asked language, and nothing is written or kept.
    let revision = store.revision().await.expect("revision");
    let bad = serde_json::json!({"decisions": [
        {"raw": "Casa del Migrante", "decision": "skip"},
        {"raw": "Casa Quetzal Nueva", "decision": "¿quizá?"}
    ]});
    let (s, json) = support::call(&app, post(Some("s3cret"), "en", bad)).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{json}");
    let details = json["error"]["details"].as_array().expect("details");
    let located: Vec<(&str, &str, &str, &str)> = details
        .iter()
        .map(|d| {
            let text = |k: &str| d[k].as_str().unwrap_or_default();
            (text("file"), text("field"), text("value"), text("expected"))
        })
        .collect();
    assert_eq!(
        located,
        vec![
            (
                "request body",
                "/decisions/0/raw",
                "Casa del Migrante",
                "one of: Casa Quetzal Nueva"
            ),
            (
                "request body",
                "/decisions/1/decision",
                "¿quizá?",
                "an organization id, new or skip (or empty: undecided)"
            ),
        ],
        "{json}"
    );
    let unknown = serde_json::json!({"decisions": [
        {"raw": "Casa Quetzal Nueva", "decision": "no-such-org"}
    ]});
    let (s, json) = support::call(&app, post(Some("s3cret"), "es", unknown)).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{json}");
    let d = &json["error"]["details"][0];
    assert_eq!(
        (&d["file"], &d["field"], &d["value"], &d["expected"]),
        (
            &serde_json::json!("cuerpo de la petición"),
            &serde_json::json!("/decisions/0/decision"),
            &serde_json::json!("no-such-org"),
            &serde_json::json!("el id de una organización de la red")
        )
    );
    assert_eq!(store.revision().await.expect("revision"), revision);
    let (_, again) = support::call(&app, get(Some("s3cret"), "en")).await;
    assert_eq!(again, list, "the list is unchanged");

    // The decision: the spelling becomes an alias of the organization, as --aliases makes it.
    let (s, json) = support::call(&app, post(Some("s3cret"), "en", accept)).await;
    assert_eq!(s, StatusCode::OK, "{json}");
    assert_eq!(json["report"]["counts"]["review"], 0);
    assert_eq!(json["report"]["counts"]["decisions"], 1);
    assert_eq!(json["report"]["counts"]["by_method"]["alias"], 1);
    assert!(json["revision"].as_u64().expect("revision") > revision);
    let snap = store.snapshot().await.expect("snapshot");
    let casa = snap
        .data
        .organizations
        .iter()
        .find(|o| o.id == "casa-quetzal-nuevo")
        .expect("casa");
    assert_eq!(casa.aliases, vec!["Casa Quetzal Nueva".to_owned()]);
    let (_, list) = support::call(&app, get(Some("s3cret"), "en")).await;
    assert_eq!(list["decided"], 1);
    assert_eq!(list["names"], serde_json::json!([]));

    // The next import of that spelling, with no aliases file, resolves it by alias.
    let (s, json) = support::call(&app, import("/api/v1/import/survey?dry_run=true")).await;
    assert_eq!(s, StatusCode::OK, "{json}");
    let nueva: Vec<&serde_json::Value> = json["report"]["nominations"]
        .as_array()
        .expect("nominations")
        .iter()
        .filter(|n| n["raw"] == "Casa Quetzal Nueva")
        .collect();
    assert_eq!(nueva.len(), 1);
    assert_eq!(
        (&nueva[0]["method"], &nueva[0]["resolved"]),
        (
            &serde_json::json!("alias"),
            &serde_json::json!("casa-quetzal-nuevo")
        )
    );
}
