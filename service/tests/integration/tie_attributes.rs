//! Per-tie answers (`[tie_attributes]` of a survey) end to end: stored on the ties, averaged
//! per organization in exports, written to every export format, and read as the tie weight
//! (`--weight trust`, `weight=trust`). Hand-derived values on a three-organization survey.

use crate::support;

use puentes::store::{GraphStore, MemoryStore};
use std::path::Path;

/// Long layout: one row per (respondent, partner named), trust on a 1-4 scale.
const SURVEY: &str = r#"
layout = "long"
respondent = "Organización"
collaborators = "Aliada"
year = 2025
kind = "referral"
[tie_attributes]
trust = "Confianza"
"#;

/// Alba and Bravo name each other (trust 4 and 2: the tie's trust is their mean, 3); Alba
/// names Cielo (trust 3); Cielo names Bravo without answering the trust question.
const ANSWERS: &str = "Organización,Aliada,Confianza\n\
    Casa Alba,Red Bravo,4\n\
    Red Bravo,Casa Alba,2\n\
    Casa Alba,Centro Cielo,3\n\
    Centro Cielo,Red Bravo,\n";

fn puentes(args: &[&str], data: &Path) -> std::process::Output {
    support::puentes()
        .args(args)
        .arg("--data-dir")
        .arg(data)
        .output()
        .expect("run puentes")
}

fn ok(out: &std::process::Output) -> String {
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The survey imported into a fresh data directory (ids: casa-alba, red-bravo, centro-cielo).
fn imported() -> (tempfile::TempDir, tempfile::TempDir) {
    let files = tempfile::tempdir().expect("tempdir");
    let data = tempfile::tempdir().expect("tempdir");
    std::fs::write(files.path().join("SURVEY.toml"), SURVEY).expect("write");
    std::fs::write(files.path().join("respuestas.csv"), ANSWERS).expect("write");
    let survey = files.path().join("SURVEY.toml");
    let answers = files.path().join("respuestas.csv");
    ok(&puentes(
        &[
            "import",
            answers.to_str().expect("utf-8"),
            "--survey",
            survey.to_str().expect("utf-8"),
        ],
        data.path(),
    ));
    (files, data)
}

/// `(id, column)` of a CSV table printed by `metrics` or `export --format csv`.
fn cell(table: &str, id: &str, column: &str) -> String {
    let mut lines = table.lines();
    let header: Vec<&str> = lines.next().expect("header").split(',').collect();
    let c = header
        .iter()
        .position(|h| *h == column)
        .unwrap_or_else(|| panic!("no column {column} in {header:?}"));
    let row = lines
        .find(|l| l.split(',').next() == Some(id))
        .unwrap_or_else(|| panic!("no row {id}"));
    row.split(',').nth(c).expect("cell").to_owned()
}

#[tokio::test]
async fn answers_are_stored_on_the_ties_and_weigh_them_when_asked() {
    let (_files, data) = imported();
    let snap = MemoryStore::open(data.path())
        .expect("open")
        .snapshot()
        .await
        .expect("snapshot");
    let trust = |a: &str, b: &str| {
        snap.data
            .ties
            .iter()
            .find(|t| (t.source == a && t.target == b) || (t.source == b && t.target == a))
            .map(|t| t.attributes.get("trust").copied())
            .expect("tie")
    };
    assert_eq!(
        trust("casa-alba", "red-bravo"),
        Some(3.0),
        "mean of 4 and 2"
    );
    assert_eq!(trust("casa-alba", "centro-cielo"), Some(3.0));
    assert_eq!(trust("centro-cielo", "red-bravo"), None, "not answered");

    // Strength is the sum of the weights: by default the ties' strength (1 each here, no
    // strength column), with --weight trust the trust, 1 for the tie without an answer.
    let plain = ok(&puentes(&["metrics", "--metrics", "strength"], data.path()));
    assert_eq!(cell(&plain, "casa-alba", "strength"), "2");
    let by_trust = ok(&puentes(
        &["metrics", "--metrics", "strength", "--weight", "trust"],
        data.path(),
    ));
    assert_eq!(cell(&by_trust, "casa-alba", "strength"), "6"); // 3 + 3
    assert_eq!(cell(&by_trust, "red-bravo", "strength"), "4"); // 3 + 1
    assert_eq!(cell(&by_trust, "centro-cielo", "strength"), "4"); // 3 + 1

    // An unknown weight names what the network offers, in both languages.
    let out = puentes(&["metrics", "--weight", "confianza"], data.path());
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("weight = \"confianza\": expected one of: strength, trust"),
        "{err}"
    );
    let out = puentes(
        &["metrics", "--weight", "confianza", "--lang", "es"],
        data.path(),
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("uno de: strength, trust"), "{err}");
}

#[test]
fn exports_carry_the_answers_per_tie_and_their_mean_per_organization() {
    let (_files, data) = imported();
    // The node table: the mean trust over each organization's answered ties.
    let table = ok(&puentes(&["export", "--format", "csv"], data.path()));
    assert_eq!(cell(&table, "casa-alba", "attr:trust_mean"), "3");
    assert_eq!(cell(&table, "red-bravo", "attr:trust_mean"), "3");
    assert_eq!(cell(&table, "centro-cielo", "attr:trust_mean"), "3");

    // GraphML and GEXF: a typed edge key, on the two answered ties only.
    let graphml = ok(&puentes(&["export", "--format", "graphml"], data.path()));
    assert!(
        graphml.contains(r#"<key id="a0" for="edge" attr.name="attr:trust" attr.type="double"/>"#),
        "{graphml}"
    );
    assert_eq!(graphml.matches(r#"<data key="a0">3</data>"#).count(), 2);
    let gexf = ok(&puentes(&["export", "--format", "gexf"], data.path()));
    assert!(
        gexf.contains(r#"<attribute id="a0" title="attr:trust" type="double"/>"#),
        "{gexf}"
    );
    assert_eq!(gexf.matches(r#"<attvalue for="a0" value="3"/>"#).count(), 2);

    // Node-link JSON: the link's own key.
    let json: serde_json::Value =
        serde_json::from_str(&ok(&puentes(&["export", "--format", "json"], data.path())))
            .expect("json");
    let mut trusts: Vec<Option<f64>> = json["links"]
        .as_array()
        .expect("links")
        .iter()
        .map(|l| l["attr:trust"].as_f64())
        .collect();
    trusts.sort_by(|a, b| a.partial_cmp(b).expect("numbers"));
    assert_eq!(trusts, vec![None, Some(3.0), Some(3.0)]);

    // With --weight trust the exported edge weight is the trust (1 when unanswered).
    let weighted: serde_json::Value = serde_json::from_str(&ok(&puentes(
        &["export", "--format", "json", "--weight", "trust"],
        data.path(),
    )))
    .expect("json");
    let mut weights: Vec<f64> = weighted["links"]
        .as_array()
        .expect("links")
        .iter()
        .map(|l| l["weight"].as_f64().expect("weight"))
        .collect();
    weights.sort_by(|a, b| a.partial_cmp(b).expect("numbers"));
    assert_eq!(weights, vec![1.0, 3.0, 3.0]);
}

#[test]
fn a_project_file_reads_attribute_columns_and_locates_bad_ones() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = tempfile::tempdir().expect("tempdir");
    let orgs = "id,name,country\na,Casa A,MX\nb,Red B,GT\nc,Centro C,US\n";
    let good = "source,target,kind,strength,attr:trust\na,b,referral,2,3.5\nb,c,referral,1,\n";
    std::fs::write(dir.path().join("organizations.csv"), orgs).expect("write");
    std::fs::write(dir.path().join("ties.csv"), good).expect("write");
    ok(&puentes(
        &["import", dir.path().to_str().expect("utf-8")],
        data.path(),
    ));
    let table = ok(&puentes(
        &["metrics", "--metrics", "strength", "--weight", "trust"],
        data.path(),
    ));
    assert_eq!(cell(&table, "b", "strength"), "4.5"); // 3.5 + 1

    let bad = "source,target,kind,strength,attr:trust,attr:Valor\na,b,referral,2,alta,1\n";
    std::fs::write(dir.path().join("ties.csv"), bad).expect("write");
    let out = puentes(
        &["import", dir.path().to_str().expect("utf-8")],
        data.path(),
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("ties.csv:2:5: attr:trust = \"alta\": expected a finite decimal number"),
        "{err}"
    );
    assert!(
        err.contains("ties.csv:2:6: attr:Valor = \"Valor\""),
        "{err}"
    );
    // Nothing was written: the first import's answer is still there.
    let again = ok(&puentes(
        &["metrics", "--metrics", "strength", "--weight", "trust"],
        data.path(),
    ));
    assert_eq!(cell(&again, "b", "strength"), "4.5");
}
