//! Generated survey exports with known truth (`puentes::survey::generate`) through the survey
//! import: every layout and every export's header style, CSV and XLSX, resolved against the
//! synthetic fixture. Precision of accepted resolutions ≥ 0.99, recall ≥ 0.95, no outsider
//! ever merged into an organization of the network, no two organizations merged; a second
//! wave; the survey's answers reach the analytics; a 50,000-row export.

use crate::support::xlsx;

use puentes::fixtures::{generate as fixture, DEFAULT_SEED};
use puentes::survey::generate::{generate, Flavour, GeneratedSurvey, Layout, SurveyOptions, Truth};
use puentes::survey::{self, SurveyFiles, SurveyImport};
use puentes_analysis::model::NetworkData;
use puentes_analysis::names::resolve::{Method, Thresholds};
use std::collections::{HashMap, HashSet};

/// The zip entry names of a workbook (stored uncompressed in its local headers).
fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn a_survey_export_is_written_as_a_workbook() {
    let survey = generate(
        &fixture(DEFAULT_SEED),
        &SurveyOptions {
            layout: Layout::Wide,
            flavour: Flavour::SurveyMonkey,
            ..SurveyOptions::default()
        },
    );
    let book = xlsx::xlsx(&survey.header, &survey.rows);
    assert!(book.starts_with(b"PK\x03\x04"), "a zip archive");
    assert!(contains(&book, b"xl/worksheets/sheet1.xml"));
    assert!(contains(&book, b"xl/sharedStrings.xml"), "text cells");
    assert!(book.len() > 4_000, "{} bytes", book.len());
}

#[test]
fn plain_numbers_are_numbers() {
    assert_eq!(xlsx::plain_number("74147"), Some(74147.0));
    assert_eq!(xlsx::plain_number("0"), Some(0.0));
    assert_eq!(xlsx::plain_number("-3.5"), Some(-3.5));
    assert_eq!(xlsx::plain_number("007"), None);
    assert_eq!(xlsx::plain_number("1e5"), None);
    assert_eq!(xlsx::plain_number(""), None);
    assert_eq!(xlsx::plain_number("3."), None);
    assert_eq!(xlsx::plain_number("Semanal"), None);
}

/// Imports a generated export (CSV, or XLSX) against `network`.
fn import(network: &NetworkData, survey: &GeneratedSurvey, as_xlsx: bool) -> SurveyImport {
    let (file, bytes) = if as_xlsx {
        ("respuestas.xlsx", xlsx::xlsx(&survey.header, &survey.rows))
    } else {
        (
            "respuestas.csv",
            puentes::survey::generate::to_csv(&survey.header, &survey.rows),
        )
    };
    let files = SurveyFiles {
        responses: (file, &bytes),
        survey: ("SURVEY.toml", survey.survey_toml.as_bytes()),
        aliases: None,
        sheet: None,
    };
    survey::import(files, network, Thresholds::default())
        .unwrap_or_else(|e| panic!("{file}: {e}\n{}", survey.survey_toml))
}

/// Accepted resolutions, correct ones, nominations of the network's organizations and those
/// resolved right; wrong merges listed.
#[derive(Debug, Default)]
struct Score {
    accepted: usize,
    correct: usize,
    existing: usize,
    recalled: usize,
    wrong: Vec<String>,
}

fn score(network: &NetworkData, survey: &GeneratedSurvey, got: &SurveyImport) -> Score {
    let known: HashSet<&str> = network
        .organizations
        .iter()
        .map(|o| o.id.as_str())
        .collect();
    // The truth of each (respondent, typed name), in order, to match the report's entries.
    let mut truth: HashMap<(&str, &str), Vec<&Truth>> = HashMap::new();
    for n in &survey.nominations {
        truth
            .entry((n.respondent.as_str(), n.raw.trim()))
            .or_default()
            .push(&n.truth);
    }
    let mut s = Score {
        existing: survey
            .nominations
            .iter()
            .filter(|n| matches!(n.truth, Truth::Existing(_)))
            .count(),
        ..Score::default()
    };
    let mut used: HashMap<(&str, &str), usize> = HashMap::new();
    for n in &got.report.nominations {
        let respondent = n.respondent.as_deref().unwrap_or_default();
        let key = (respondent, n.raw.as_str());
        let i = used.entry(key).or_default();
        let Some(t) = truth.get(&key).and_then(|ts| ts.get(*i)) else {
            s.wrong
                .push(format!("{respondent} wrote {:?}: not in the truth", n.raw));
            continue;
        };
        *i += 1;
        let accepted = matches!(
            n.method,
            Method::Id | Method::Name | Method::Alias | Method::Fuzzy
        );
        if !accepted {
            continue;
        }
        s.accepted += 1;
        let resolved = n.resolved.as_deref().unwrap_or_default();
        let right = match t {
            Truth::Existing(id) => resolved == id,
            // An outsider is right when it became (or joined) a new organization.
            Truth::Outsider(_) => !known.contains(resolved),
        };
        if right {
            s.correct += 1;
            if matches!(t, Truth::Existing(_)) {
                s.recalled += 1;
            }
        } else {
            s.wrong.push(format!(
                "{:?} ({:?}) resolved to {resolved} by {:?}, truth {t:?}",
                n.raw, n.method, n.method
            ));
        }
    }
    s
}

#[test]
fn names_resolve_with_precision_first_in_every_layout_and_export() {
    let network = fixture(DEFAULT_SEED);
    let mut total = Score::default();
    for layout in Layout::ALL {
        for flavour in Flavour::ALL {
            for as_xlsx in [false, true] {
                let options = SurveyOptions {
                    layout,
                    flavour,
                    seed: 7 + layout as u64 * 10 + flavour as u64,
                    ..SurveyOptions::default()
                };
                let survey = generate(&network, &options);
                let got = import(&network, &survey, as_xlsx);
                let s = score(&network, &survey, &got);
                let what = format!("{layout:?} {flavour:?} xlsx={as_xlsx}");
                assert!(s.wrong.is_empty(), "{what}: wrong merges {:#?}", s.wrong);
                // Every respondent was recognised.
                let respondents: HashSet<&str> =
                    survey.respondents.iter().map(String::as_str).collect();
                assert_eq!(got.report.counts.respondents, respondents.len(), "{what}");
                let precision = s.correct as f64 / s.accepted as f64;
                let recall = s.recalled as f64 / s.existing as f64;
                eprintln!(
                    "{what}: {} nominations, precision {precision:.4}, recall {recall:.4}, review {}, new {}",
                    got.report.counts.nominations, got.report.counts.review, got.report.counts.new_organizations
                );
                assert!(precision >= 0.99, "{what}: precision {precision}");
                assert!(recall >= 0.95, "{what}: recall {recall}");
                total.accepted += s.accepted;
                total.correct += s.correct;
                total.existing += s.existing;
                total.recalled += s.recalled;
            }
        }
    }
    eprintln!(
        "all: precision {:.4} ({} of {} accepted), recall {:.4} ({} of {})",
        total.correct as f64 / total.accepted as f64,
        total.correct,
        total.accepted,
        total.recalled as f64 / total.existing as f64,
        total.recalled,
        total.existing
    );
}

#[test]
fn a_fifty_thousand_row_export_of_look_alike_names_resolves_just_as_well() {
    use puentes::survey::generate::synthetic_network;
    let network = synthetic_network(8_400, 6, 2025);
    let options = SurveyOptions {
        layout: Layout::Long,
        flavour: Flavour::Kobo,
        seed: 50_000,
        ..SurveyOptions::default()
    };
    let survey = generate(&network, &options);
    let started = std::time::Instant::now();
    let got = import(&network, &survey, false);
    let elapsed = started.elapsed();
    let s = score(&network, &survey, &got);
    let precision = s.correct as f64 / s.accepted as f64;
    let recall = s.recalled as f64 / s.existing as f64;
    eprintln!(
        "{} rows, {} organizations: imported in {elapsed:?} ({} build); precision {precision:.4} ({} of {}), recall {recall:.4} ({} of {}), review {}, new {}",
        survey.rows.len(),
        network.organizations.len(),
        if cfg!(debug_assertions) { "debug" } else { "release" },
        s.correct,
        s.accepted,
        s.recalled,
        s.existing,
        got.report.counts.review,
        got.report.counts.new_organizations
    );
    assert!(survey.rows.len() >= 50_000, "{} rows", survey.rows.len());
    assert!(
        precision >= 0.99,
        "precision {precision}: {:#?}",
        &s.wrong[..s.wrong.len().min(20)]
    );
    assert!(recall >= 0.95, "recall {recall}");
}

/// The seed research's questions (staff against agreement review, budget against social-media
/// use) answered from a survey: a network that knows only names and ties gets the
/// respondents' answers, and `analytics` correlates them exactly as it does the values the
/// answers were generated from.
#[tokio::test]
async fn the_survey_answers_reach_the_analytics() {
    use puentes::analyses::Revision;
    use std::sync::Arc;
    let truth = fixture(DEFAULT_SEED);
    let mut bare = truth.clone();
    for o in &mut bare.organizations {
        o.salaried_staff = None;
        o.annual_budget_usd = None;
        o.agreement_review = None;
        o.feedback_to_population = None;
        o.social_media_use = None;
        o.donation_sources = None;
    }
    let survey = generate(&truth, &SurveyOptions::default());
    let got = import(&bare, &survey, false);
    // The import's organizations merged into the bare network (as the store's merge does).
    let mut merged = bare.clone();
    for o in got.data.organizations {
        match merged.organizations.iter_mut().find(|m| m.id == o.id) {
            Some(m) => *m = o,
            None => merged.organizations.push(o),
        }
    }
    // Every answer read is the true value; the same network where only those are known.
    let by_id: HashMap<&str, &puentes_analysis::model::Organization> = merged
        .organizations
        .iter()
        .map(|o| (o.id.as_str(), o))
        .collect();
    let mut expected = truth.clone();
    let mut answers = 0;
    for o in &mut expected.organizations {
        let got = by_id[o.id.as_str()];
        macro_rules! same {
            ($($field:ident),*) => {$(
                if got.$field.is_some() {
                    assert_eq!(got.$field, o.$field, "{} {}", o.id, stringify!($field));
                    answers += 1;
                } else {
                    o.$field = None;
                }
            )*};
        }
        same!(
            salaried_staff,
            annual_budget_usd,
            agreement_review,
            feedback_to_population,
            social_media_use,
            donation_sources
        );
    }
    assert!(answers > 300, "{answers} answers read");
    let row = |report: &puentes::report::AttributeReport, x: &str, y: &str| {
        report
            .correlations
            .iter()
            .find(|r| (r.x == x && r.y == y) || (r.x == y && r.y == x))
            .unwrap_or_else(|| panic!("no correlation {x} ~ {y}"))
            .clone()
    };
    expected.ties = merged.ties.clone();
    let ours = Revision::detached(1, Arc::new(merged));
    let theirs = Revision::detached(1, Arc::new(expected));
    let (ours, theirs) = (
        ours.attributes(99, 42).await.expect("analytics"),
        theirs.attributes(99, 42).await.expect("analytics"),
    );
    for (x, y) in [
        ("salaried_staff", "agreement_review"),
        ("annual_budget_usd", "social_media_use"),
        ("annual_budget_usd", "donation_sources"),
    ] {
        let (a, b) = (row(&ours, x, y), row(&theirs, x, y));
        assert_eq!(a.n, b.n, "{x} ~ {y}");
        assert!(a.n >= 50, "{x} ~ {y}: n = {}", a.n);
        let (ra, rb) = (
            a.spearman_rho.expect("defined"),
            b.spearman_rho.expect("defined"),
        );
        assert!((ra - rb).abs() < 1e-12, "{x} ~ {y}: {ra} vs {rb}");
        eprintln!(
            "{x} ~ {y}: n = {}, Spearman rho = {ra:.3}, Pearson r = {:?}",
            a.n, a.pearson_r
        );
    }
    // The generator's design, read back from the answers: more staff, less frequent review;
    // a larger budget, more social-media use.
    assert!(
        row(&ours, "salaried_staff", "agreement_review")
            .spearman_rho
            .expect("rho")
            < 0.0
    );
    assert!(
        row(&ours, "annual_budget_usd", "social_media_use")
            .spearman_rho
            .expect("rho")
            > 0.0
    );
}
