//! Issue 11.7: CSV exports cannot carry spreadsheet formulas or control characters
//! (OWASP "CSV injection"); numbers, negative ones included, stay numbers.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use puentes::export::{self, Cell, Column, ColumnType};
use puentes::http::{app, AppState, Config};
use puentes::store::{Batch, GraphStore, MemoryStore};
use puentes_analysis::model::{NetworkData, Organization, ReportedBy, Tie, TieKind};
use std::sync::Arc;
use tower::ServiceExt;

const TOKEN: &str = "test-admin-token";

fn org(id: &str, name: &str, longitude: f64) -> Organization {
    Organization {
        name: name.to_owned(),
        country: "MX".to_owned(),
        longitude: Some(longitude),
        ..Organization::bare(id)
    }
}

fn rows(csv_text: &[u8]) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv_text)
        .records()
        .map(|r| {
            r.expect("well-formed CSV")
                .iter()
                .map(str::to_owned)
                .collect()
        })
        .collect()
}

/// `GET /api/v1/export?format=csv` (with the admin token) of a store holding `data`, as rows.
async fn exported_csv(data: NetworkData) -> Vec<Vec<String>> {
    let store = Arc::new(MemoryStore::ephemeral());
    store.apply(Batch::replace(data)).await.expect("apply");
    let app = app(AppState::new(
        store,
        Config {
            admin_token: Some(TOKEN.to_owned()),
            ..Config::default()
        },
    ));
    let req = Request::get("/api/v1/export?format=csv")
        .header(header::AUTHORIZATION, format!("Bearer {TOKEN}"))
        .body(Body::empty())
        .expect("request");
    let resp = app.oneshot(req).await.expect("infallible");
    assert_eq!(resp.status(), StatusCode::OK);
    let bytes = axum::body::to_bytes(resp.into_body(), usize::MAX)
        .await
        .expect("body");
    rows(&bytes)
}

/// The cells of the column `name` of `table` (header first), below its header.
fn column(table: &[Vec<String>], name: &str) -> Vec<String> {
    let i = table[0]
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name} in {:?}", table[0]));
    table[1..].iter().map(|r| r[i].clone()).collect()
}

#[tokio::test]
async fn the_csv_export_neutralises_formula_cells_but_not_numbers() {
    let data = NetworkData {
        organizations: vec![
            org("formula", "=HYPERLINK(\"x\")", -99.25),
            org("sum", "-1+2", -90.5),
            org("at", "@SUM(A1)\u{7}bell", 12.0),
        ],
        ties: vec![Tie {
            source: "formula".into(),
            target: "sum".into(),
            kind: TieKind::Referral,
            strength: 2,
            since: Some(2020),
            until: None,
            reported_by: ReportedBy::Both,
            attributes: Default::default(),
        }],
    };
    let table = exported_csv(data).await;
    assert_eq!(
        column(&table, "name"),
        vec!["'=HYPERLINK(\"x\")", "'-1+2", "'@SUM(A1)bell"]
    );
    assert_eq!(column(&table, "longitude"), vec!["-99.25", "-90.5", "12"]);
}

#[test]
fn table_and_row_writers_escape_text_cells_only() {
    let columns = vec![
        Column {
            name: "label".into(),
            kind: ColumnType::Text,
            cells: vec![
                Cell::Text("+cmd".into()),
                Cell::Text("\tTab".into()),
                Cell::Text("-3".into()),
            ],
        },
        Column {
            name: "score".into(),
            kind: ColumnType::Float,
            cells: vec![Cell::Number(-0.5), Cell::Number(2.0), Cell::Empty],
        },
    ];
    let mut buf = Vec::new();
    export::table_csv(&["a", "b", "c"], &columns, &mut buf).expect("write");
    assert_eq!(
        rows(&buf),
        vec![
            vec!["id", "label", "score"],
            vec!["a", "'+cmd", "-0.5"],
            vec!["b", "'\tTab", "2"],
            vec!["c", "-3", ""],
        ]
    );
    let mut buf = Vec::new();
    let body = vec![vec![
        "-5".to_owned(),
        "=1+1".to_owned(),
        "x\u{1b}[31m".to_owned(),
    ]];
    export::rows_csv(&["n", "formula", "ansi"], body.into_iter(), &mut buf).expect("write");
    assert_eq!(
        rows(&buf),
        vec![vec!["n", "formula", "ansi"], vec!["-5", "'=1+1", "x[31m"]]
    );
}

/// Issue 24: CSV printed `-0` and 232-character numbers. Every number cell is the shortest
/// text that reads back as the same number, with an exponent when plain digits would be long,
/// and `0` for both zeros.
#[test]
fn numbers_are_written_shortest_and_never_as_minus_zero() {
    let values = [-0.0, 1e232, 1e-300, 0.1 + 0.2, 1.0 / 3.0, -1234.5, f64::NAN];
    let columns = vec![Column {
        name: "score".into(),
        kind: ColumnType::Float,
        cells: values.iter().map(|&x| Cell::Number(x)).collect(),
    }];
    let ids = ["a", "b", "c", "d", "e", "f", "g"];
    let mut buf = Vec::new();
    export::table_csv(&ids, &columns, &mut buf).expect("write");
    let cells: Vec<String> = rows(&buf)[1..].iter().map(|r| r[1].clone()).collect();
    assert_eq!(
        cells,
        vec![
            "0",
            "1e232",
            "1e-300",
            "0.30000000000000004",
            "0.3333333333333333",
            "-1234.5",
            ""
        ]
    );
    for (text, x) in cells.iter().zip(values).take(6) {
        assert_eq!(
            text.parse::<f64>().expect("a number"),
            x,
            "{text} reads back"
        );
    }
}

/// The same through the API's export: a longitude of -0 and a tie answer of 1e-300 (its
/// per-organization mean).
#[tokio::test]
async fn the_api_csv_export_writes_no_minus_zero_and_no_long_numbers() {
    let mut tie = Tie {
        source: "a".into(),
        target: "b".into(),
        kind: TieKind::Referral,
        strength: 2,
        since: Some(2020),
        until: None,
        reported_by: ReportedBy::Both,
        attributes: Default::default(),
    };
    tie.attributes.insert("trust".into(), 1e-300);
    let data = NetworkData {
        organizations: vec![org("a", "Uno", -0.0), org("b", "Dos", 1e-7)],
        ties: vec![tie],
    };
    let table = exported_csv(data).await;
    assert_eq!(column(&table, "longitude"), vec!["0", "1e-7"]);
    assert_eq!(column(&table, "attr:trust_mean"), vec!["1e-300", "1e-300"]);
    for row in &table {
        for cell in row {
            assert!(cell != "-0" && cell.len() < 40, "cell {cell:?}");
        }
    }
}
