use super::names::{fold, key, key_tokens, levenshtein, NameIndex};
use super::networks::NAME_NOUNS;
use super::typing::{acronym, typo, OUTSIDER_WORDS};
use super::*;
use crate::fixtures::{generate as fixture_network, DEFAULT_SEED};
use puentes_analysis::model::Tie;
use std::collections::HashSet;

fn fixture() -> NetworkData {
    fixture_network(DEFAULT_SEED)
}

fn options(layout: Layout, flavour: Flavour) -> SurveyOptions {
    SurveyOptions {
        layout,
        flavour,
        ..SurveyOptions::default()
    }
}

/// Every (layout, flavour).
fn combinations() -> Vec<(Layout, Flavour)> {
    Layout::ALL
        .iter()
        .flat_map(|&l| Flavour::ALL.iter().map(move |&f| (l, f)))
        .collect()
}

/// Each column's name, by the `header_rows` rule of the module documentation (re-derived here
/// from the header rows, independently of `Header::push`).
fn column_names(survey: &GeneratedSurvey) -> Vec<String> {
    let mut names = Vec::new();
    let mut carried = String::new();
    for c in 0..survey.header[0].len() {
        let row1 = &survey.header[0][c];
        if !row1.is_empty() {
            carried = row1.clone();
        }
        let row2 = survey.header.get(1).map_or("", |r| r[c].as_str());
        names.push(match row2 {
            "" | "Response" | "Open-Ended Response" => carried.clone(),
            option => format!("{carried} / {option}"),
        });
    }
    names
}

fn column(survey: &GeneratedSurvey, name: &str) -> usize {
    column_names(survey)
        .iter()
        .position(|n| n == name)
        .unwrap_or_else(|| panic!("no column {name:?}"))
}

/// The quoted values of `key = "…"` lines outside the answer maps, unescaped.
fn toml_columns(toml: &str) -> Vec<(String, String)> {
    let mut section = String::new();
    let mut out = Vec::new();
    for line in toml.lines() {
        if line.starts_with('[') {
            section = line.to_owned();
            continue;
        }
        if section.contains("_map") || section.contains("attribute_values") {
            continue;
        }
        let Some((k, v)) = line.split_once(" = \"") else {
            continue;
        };
        let v = v
            .strip_suffix('"')
            .expect("one quoted value per line")
            .replace("\\n", "\n")
            .replace("\\\"", "\"");
        if !matches!(k, "layout" | "kind") {
            out.push((k.to_owned(), v));
        }
    }
    out
}

/// Organization id by the key of its name (partners' keys are unique in the fixture).
fn ids_by_key(truth: &NetworkData) -> HashMap<String, String> {
    truth
        .organizations
        .iter()
        .map(|o| (key(&o.name, false), o.id.clone()))
        .collect()
}

#[test]
fn same_inputs_same_bytes() {
    let truth = fixture();
    for (layout, flavour) in combinations() {
        let o = options(layout, flavour);
        let (a, b) = (generate(&truth, &o), generate(&truth, &o));
        assert_eq!(a, b, "{layout:?} {flavour:?}");
        assert_eq!(to_csv(&a.header, &a.rows), to_csv(&b.header, &b.rows));
        let other = generate(&truth, &SurveyOptions { seed: 1, ..o });
        assert_ne!(a.rows, other.rows);
    }
    assert_eq!(synthetic_names(500, 3), synthetic_names(500, 3));
    assert_ne!(synthetic_names(500, 3), synthetic_names(500, 4));
}

#[test]
fn eighty_percent_of_partners_answer() {
    let truth = fixture();
    let survey = generate(&truth, &SurveyOptions::default());
    // 87 partners, round(87 × 0.2) = round(17.4) = 17 silent: 70 answer (80.5 %).
    assert_eq!(survey.respondents.len(), 70);
    let distinct: BTreeSet<&String> = survey.respondents.iter().collect();
    assert_eq!(distinct.len(), 70);
    let partners: HashSet<&str> = truth
        .organizations
        .iter()
        .filter(|o| o.partner)
        .map(|o| o.id.as_str())
        .collect();
    assert!(survey
        .respondents
        .iter()
        .all(|r| partners.contains(r.as_str())));
    let everyone = generate(
        &truth,
        &SurveyOptions {
            non_response: 0.0,
            ..SurveyOptions::default()
        },
    );
    assert_eq!(everyone.respondents.len(), 87);
}

#[test]
fn every_truth_is_right() {
    let truth = fixture();
    let index = NameIndex::new(&truth.organizations);
    let by_id: HashMap<&str, &Organization> = truth
        .organizations
        .iter()
        .map(|o| (o.id.as_str(), o))
        .collect();
    let current: HashSet<(&str, &str)> = truth
        .ties
        .iter()
        .filter(|t| t.since.is_none_or(|s| s <= 2025) && t.until.is_none_or(|u| u >= 2025))
        .flat_map(|t| {
            [
                (t.source.as_str(), t.target.as_str()),
                (t.target.as_str(), t.source.as_str()),
            ]
        })
        .collect();
    for (layout, flavour) in combinations() {
        let survey = generate(&truth, &options(layout, flavour));
        let respondents: HashSet<&str> = survey.respondents.iter().map(String::as_str).collect();
        let mut seen: HashSet<(&str, &Truth)> = HashSet::new();
        for n in &survey.nominations {
            assert!(respondents.contains(n.respondent.as_str()));
            assert!(seen.insert((&n.respondent, &n.truth)), "named twice: {n:?}");
            match &n.truth {
                Truth::Existing(id) => {
                    let org = by_id.get(id.as_str()).expect("an existing id");
                    assert!(
                        current.contains(&(n.respondent.as_str(), id.as_str())),
                        "{n:?}"
                    );
                    match n.noise {
                        Noise::Exact => assert_eq!(n.raw, org.name),
                        Noise::Typo => {
                            assert_ne!(key(&n.raw, true), key(&org.name, true));
                            assert!(levenshtein(&key(&n.raw, false), &key(&org.name, false)) <= 2);
                        }
                        Noise::Acronym => {
                            assert!(n.raw.chars().all(|c| c.is_ascii_uppercase()), "{n:?}")
                        }
                        Noise::Combined => {
                            assert_ne!(n.raw, org.name);
                            let (typed, true_key) = (key(&n.raw, true), key(&org.name, true));
                            assert!(levenshtein(&typed, &true_key) <= 2, "{n:?}");
                        }
                        _ => {
                            assert_ne!(n.raw, org.name);
                            assert_eq!(key(&n.raw, true), key(&org.name, true), "{n:?}");
                        }
                    }
                }
                Truth::Outsider(clean) => {
                    assert!(index.is_unknown(clean), "{clean}");
                    // Look-alikes too stay 3 edits or more from every network name.
                    let nearest = truth
                        .organizations
                        .iter()
                        .map(|o| levenshtein(&key(clean, true), &key(&o.name, true)))
                        .min();
                    assert!(nearest >= Some(3), "{clean}: {nearest:?}");
                    assert_eq!(key(&n.raw, true), key(clean, true));
                    assert!(matches!(
                        n.noise,
                        Noise::Exact | Noise::Case | Noise::Accents | Noise::Punctuation
                    ));
                }
            }
            // No typed name of a network organization is another's name.
            if let Truth::Existing(id) = &n.truth {
                for map in [&index.full, &index.bare] {
                    for k in [key(&n.raw, false), key(&n.raw, true)] {
                        if let Some(orgs) = map.get(&k) {
                            assert!(
                                orgs.iter().any(|&i| &truth.organizations[i].id == id),
                                "{n:?} reads as {orgs:?}"
                            );
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn the_toml_names_columns_of_the_export() {
    let truth = fixture();
    for (layout, flavour) in combinations() {
        let survey = generate(&truth, &options(layout, flavour));
        let names = column_names(&survey);
        for row in survey.header.iter().chain(&survey.rows) {
            assert_eq!(row.len(), names.len(), "{layout:?} {flavour:?}");
        }
        assert_eq!(
            survey.header.len(),
            if flavour == Flavour::SurveyMonkey {
                2
            } else {
                1
            }
        );
        let columns = toml_columns(&survey.survey_toml);
        assert!(columns.len() >= 9, "{columns:?}");
        for (k, v) in columns {
            let (prefix, spaced) = (format!("{v}/"), format!("{v} / "));
            assert!(
                names.contains(&v)
                    || names
                        .iter()
                        .any(|n| n.starts_with(&prefix) || n.starts_with(&spaced)),
                "{layout:?} {flavour:?}: {k} = {v:?} names no column"
            );
        }
        assert!(survey
            .survey_toml
            .contains(&format!("layout = \"{}\"", layout.as_str())));
        assert!(survey.survey_toml.contains("year = 2025\n"));
    }
    let google = generate(&truth, &SurveyOptions::default());
    assert_eq!(google.header[0][0], "Marca temporal");
    let kobo = generate(&truth, &options(Layout::Wide, Flavour::Kobo));
    assert!(kobo.header[0].contains(&"datos/nombre_org".to_owned()));
    assert!(kobo.header[0].contains(&"_uuid".to_owned()));
    assert!(kobo.header[0].contains(&"_submission_time".to_owned()));
    let monkey = generate(&truth, &options(Layout::Options, Flavour::SurveyMonkey));
    assert_eq!(monkey.header[0][..2], ["Respondent ID", "Collector ID"]);
    assert!(monkey.header[1].contains(&"Open-Ended Response".to_owned()));
    assert!(monkey.header[1].contains(&"Response".to_owned()));
    assert!(column_names(&monkey).contains(&"Q5 / Otra (especifique)".to_owned()));
}

/// Reads the export back as (respondent id, raw name) pairs, by layout.
fn read_back(
    truth: &NetworkData,
    survey: &GeneratedSurvey,
    layout: Layout,
) -> Vec<(String, String)> {
    let ids = ids_by_key(truth);
    let names = column_names(survey);
    let columns = toml_columns(&survey.survey_toml);
    let named = |k: &str| {
        columns
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.clone())
            .expect("in the TOML")
    };
    let respondent = column(survey, &named("respondent"));
    let mut out = Vec::new();
    for row in &survey.rows {
        let who = ids
            .get(&key(&row[respondent], false))
            .unwrap_or_else(|| panic!("respondent {:?} resolves by key", row[respondent]))
            .clone();
        let split = |cell: &str| -> Vec<String> {
            cell.split([';', '\n'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect()
        };
        match layout {
            Layout::Wide => {
                for raw in split(&row[column(survey, &named("collaborators"))]) {
                    out.push((who.clone(), raw));
                }
            }
            Layout::Long => {
                let raw = &row[column(survey, &named("collaborators"))];
                if !raw.is_empty() {
                    out.push((who.clone(), raw.clone()));
                }
            }
            Layout::Options => {
                let other = named("other");
                for (c, name) in names.iter().enumerate() {
                    let listed = name.strip_prefix("Q5/").or(name.strip_prefix("Q5 / "));
                    if let Some(listed) = listed {
                        if *name != other && (row[c] == "1" || row[c] == "Sí") {
                            out.push((who.clone(), listed.to_owned()));
                        }
                    }
                }
                for raw in split(&row[column(survey, &other)]) {
                    out.push((who.clone(), raw));
                }
            }
        }
    }
    out
}

#[test]
fn each_layout_holds_exactly_its_nominations() {
    let truth = fixture();
    for (layout, flavour) in combinations() {
        let survey = generate(&truth, &options(layout, flavour));
        let expected: Vec<(String, String)> = survey
            .nominations
            .iter()
            .map(|n| (n.respondent.clone(), n.raw.clone()))
            .collect();
        assert_eq!(
            read_back(&truth, &survey, layout),
            expected,
            "{layout:?} {flavour:?}"
        );
        assert!(
            survey.nominations.len() > 150,
            "{}",
            survey.nominations.len()
        );
    }
}

#[test]
fn long_rows_carry_each_ties_answers() {
    let truth = fixture();
    let survey = generate(&truth, &options(Layout::Long, Flavour::GoogleForms));
    let names = column_names(&survey);
    let at = |prefix: &str| {
        names
            .iter()
            .position(|n| n.starts_with(prefix))
            .expect("column")
    };
    let (collaborator, frequency, kind, trust, value, staff) = (
        at("Organización con la que"),
        at("¿Con qué frecuencia colaboró con esta"),
        at("Tipo de colaboración"),
        at("Confianza"),
        at("Valor"),
        at("Número de personas"),
    );
    let rows: Vec<&Vec<String>> = survey
        .rows
        .iter()
        .filter(|r| !r[collaborator].is_empty())
        .collect();
    assert_eq!(rows.len(), survey.nominations.len());
    for (row, n) in rows.iter().zip(&survey.nominations) {
        assert_eq!(row[collaborator], n.raw);
        let strength = STRENGTH_ANSWERS
            .iter()
            .find(|(a, _)| *a == row[frequency])
            .map(|(_, s)| *s);
        assert_eq!(strength, n.strength);
        let k = KIND_ANSWERS
            .iter()
            .find(|(a, _)| *a == row[kind])
            .map(|(_, k)| *k);
        assert_eq!(k, Some(n.kind));
        let answers: Vec<(String, f64)> = [("trust", trust), ("value", value)]
            .into_iter()
            .filter(|(_, c)| !row[*c].is_empty())
            .map(|(name, c)| (name.to_owned(), row[c].parse().expect("a number")))
            .collect();
        assert_eq!(answers, n.tie_attributes);
        assert!(answers.iter().all(|(_, v)| (1.0..=4.0).contains(v)));
    }
    // Long, Google Forms: the organization's answers on its first row only.
    let by_respondent = rows.iter().filter(|r| !r[staff].is_empty()).count();
    assert!(by_respondent <= survey.respondents.len());
    assert!(by_respondent >= survey.respondents.len() * 8 / 10);
    // The strength of an existing nomination is its pair's strongest current tie.
    let n = survey
        .nominations
        .iter()
        .find(|n| matches!(n.truth, Truth::Existing(_)) && n.strength.is_some())
        .expect("an answered nomination");
    let Truth::Existing(id) = &n.truth else {
        unreachable!()
    };
    let strongest = truth
        .ties
        .iter()
        .filter(|t| {
            (t.source == n.respondent && &t.target == id)
                || (&t.source == id && t.target == n.respondent)
        })
        .filter(|t| t.until.is_none())
        .map(|t| t.strength)
        .max();
    assert_eq!(n.strength, strongest);
}

#[test]
fn wide_answers_come_from_the_truth() {
    let truth = fixture();
    let survey = generate(&truth, &SurveyOptions::default());
    let by_id: HashMap<&str, &Organization> = truth
        .organizations
        .iter()
        .map(|o| (o.id.as_str(), o))
        .collect();
    let budget = column(&survey, "Presupuesto anual (USD)");
    let review = column(
        &survey,
        "¿Con qué frecuencia revisan sus acuerdos de equipo?",
    );
    let mut answered = 0;
    for (row, id) in survey.rows.iter().zip(&survey.respondents) {
        let o = by_id[id.as_str()];
        if !row[budget].is_empty() {
            answered += 1;
            assert_eq!(
                row[budget],
                o.annual_budget_usd.expect("partner").to_string()
            );
        }
        if !row[review].is_empty() {
            let (f, _) = FREQUENCY_WORDS
                .iter()
                .find(|(_, words)| words.contains(&row[review].as_str()))
                .expect("a known answer");
            assert_eq!(Some(*f), o.agreement_review);
        }
    }
    assert!((60..70).contains(&answered), "{answered} of 70 budgets");
    let toml = &survey.survey_toml;
    assert!(toml.contains("\"Cada mes\" = \"monthly\"\n"));
    assert!(toml.contains("\"Semanal\" = 5\n"));
    assert!(toml.contains("kind = \"referral\"\n"));
}

#[test]
fn ties_are_one_sided_and_reciprocated() {
    let truth = fixture();
    let survey = generate(&truth, &SurveyOptions::default());
    let respondents: HashSet<&str> = survey.respondents.iter().map(String::as_str).collect();
    let directed = survey.named_pairs();
    let reciprocated = directed
        .iter()
        .filter(|(a, b)| directed.contains(&(*b, *a)))
        .count();
    let to_silent = directed
        .iter()
        .filter(|(_, b)| !respondents.contains(b))
        .count();
    assert!(reciprocated >= 40, "{reciprocated}");
    assert!(to_silent >= 20, "{to_silent}");
    let outsiders = survey.nominations.len() - directed.len();
    let share = outsiders as f64 / survey.nominations.len() as f64;
    assert!((0.035..0.065).contains(&share), "{share}");
    // Look-alikes of network names are among the outsiders.
    let index = NameIndex::new(&truth.organizations);
    let look_alikes = survey
        .nominations
        .iter()
        .filter_map(|n| match &n.truth {
            Truth::Outsider(clean) => Some(key_tokens(clean, false)),
            Truth::Existing(_) => None,
        })
        .filter(|t| (0..t.len()).any(|p| index.siblings(t, p).next().is_some()))
        .count();
    assert!(look_alikes >= 2, "{look_alikes}");
}

#[test]
fn the_noise_mix_appears() {
    let truth = synthetic_network(1500, 3, 11);
    let survey = generate(&truth, &options(Layout::Wide, Flavour::Kobo));
    let typed: Vec<&TrueNomination> = survey
        .nominations
        .iter()
        .filter(|n| matches!(n.truth, Truth::Existing(_)))
        .collect();
    assert!(typed.len() > 4000, "{}", typed.len());
    let share = |noise: Noise| {
        typed.iter().filter(|n| n.noise == noise).count() as f64 / typed.len() as f64
    };
    for noise in Noise::ALL {
        assert!(share(noise) > 0.0, "{noise:?} never drawn");
    }
    // Weights (per mille): exact 400, typo 120, acronym 15 (capped at 2 %). A kind that does
    // not apply types the name exactly: only about half of these names hold an accent, few
    // an "Asociación" or "Fundación", so exact lands near 52 % (seen: 0.523; typo 0.107,
    // acronym 0.017, accents 0.054, abbreviation 0.0085).
    let (exact, typo, acronym) = (
        share(Noise::Exact),
        share(Noise::Typo),
        share(Noise::Acronym),
    );
    assert!((0.45..0.60).contains(&exact), "exact {exact}");
    assert!((0.09..0.14).contains(&typo), "typo {typo}");
    assert!((0.008..=0.02).contains(&acronym), "acronym {acronym}");
    let near_exact = [
        Noise::Exact,
        Noise::Case,
        Noise::Accents,
        Noise::Punctuation,
    ]
    .into_iter()
    .map(share)
    .sum::<f64>();
    assert!(near_exact > 0.6, "{near_exact}");
}

#[test]
fn synthetic_names_are_distinct_and_alike() {
    let names = synthetic_names(40_000, 5);
    assert_eq!(names.len(), 40_000);
    let keys: HashSet<String> = names.iter().map(|n| key(n, true)).collect();
    assert_eq!(keys.len(), 40_000, "distinct after normalisation");
    assert!(
        names.iter().any(|n| n.contains(" de ")),
        "places past 28,800"
    );
    assert!(names.iter().any(|n| n.ends_with("A.C.")));
    assert!(names.iter().any(|n| n.starts_with("Casa del Migrante ")));
    // Look-alikes: names sharing all words but one.
    let few = synthetic_names(300, 5);
    let index = NameIndex::new(
        &few.iter()
            .map(|n| Organization {
                name: n.clone(),
                ..Organization::bare("x")
            })
            .collect::<Vec<_>>(),
    );
    let alike = index.one_off.values().filter(|v| v.len() > 1).count();
    assert!(alike >= 10, "{alike}");
    // No two words of the vocabularies are near twins of an outsider word.
    for w in OUTSIDER_WORDS {
        for (noun, _) in NAME_NOUNS {
            assert!(levenshtein(&fold(w), &fold(noun)) >= 2, "{w} {noun}");
        }
    }
}

#[test]
fn the_second_wave_ends_and_adds_ties() {
    let truth = fixture();
    let next = next_wave(&truth, 2026, 0.1, 3);
    assert!(next.check(true, &HashSet::new()).is_empty());
    let ended = next.ties.iter().filter(|t| t.until == Some(2025)).count();
    let added: Vec<&Tie> = next.ties.iter().filter(|t| t.since == Some(2026)).collect();
    assert!(ended >= 10, "{ended}");
    assert!(!added.is_empty());
    let wave = generate(
        &next,
        &SurveyOptions {
            year: 2026,
            seed: 2026,
            ..SurveyOptions::default()
        },
    );
    let ended_pairs: HashSet<(&str, &str)> = next
        .ties
        .iter()
        .filter(|t| t.until == Some(2025))
        .flat_map(|t| {
            [
                (t.source.as_str(), t.target.as_str()),
                (t.target.as_str(), t.source.as_str()),
            ]
        })
        .collect();
    let named = wave.named_pairs();
    assert!(named.iter().all(|p| !ended_pairs.contains(p)));
    assert!(added
        .iter()
        .any(|t| named.contains(&(t.source.as_str(), t.target.as_str()))));
    assert!(wave.survey_toml.contains("year = 2026\n"));
}

#[test]
fn worked_example_is_current() {
    let dir = worked_example_dir();
    let write = std::env::var("PUENTES_WRITE_FIXTURES").is_ok_and(|v| v == "1");
    for (file, bytes) in worked_example() {
        let path = dir.join(file);
        if write {
            std::fs::create_dir_all(&dir).expect("create fixtures/survey");
            std::fs::write(&path, &bytes).expect("write the worked example");
        }
        let stored = std::fs::read(&path).unwrap_or_default();
        assert!(
            stored == bytes,
            "{} is stale: PUENTES_WRITE_FIXTURES=1 cargo test -p puentes --lib worked_example_is_current",
            path.display()
        );
    }
}

#[test]
fn names_keys_and_typos() {
    assert_eq!(
        key("Asoc. Quetzal Abierto, A.C. (Tapachula)", true),
        "asociacion quetzal abierto"
    );
    assert_eq!(
        key("ASOCIACIÓN  Quetzal-Abierto Asociación Civil", false),
        "asociacion quetzal abierto"
    );
    assert_eq!(key("Red Faro (Tijuana)", false), "red faro tijuana");
    assert_eq!(acronym("Casa del Migrante Faro Claro"), "CMFC");
    assert_eq!(levenshtein("abierto", "abeirto"), 2);
    assert_eq!(levenshtein("quetzal", "quetzl"), 1);
    let mut rng = ChaCha8Rng::seed_from_u64(1);
    for _ in 0..200 {
        let t = typo("Casa Quetzal Nuevo", &mut rng).expect("a long word");
        assert!(t.starts_with("Casa Q") && t.ends_with(" Nuevo"), "{t}");
        assert!((1..=2).contains(&levenshtein(&t, "Casa Quetzal Nuevo")));
    }
    assert_eq!(typo("Red Faro Claro", &mut rng), None);
    assert_eq!(toml_string("a \"b\"\n\\"), "\"a \\\"b\\\"\\n\\\\\"");
}

#[test]
fn csv_quotes_what_it_must() {
    let header = vec![vec!["Nombre".to_owned(), "Organizaciones".to_owned()]];
    let rows = vec![vec!["Casa, Faro".to_owned(), "A; B\nC".to_owned()]];
    assert_eq!(
        to_csv(&header, &rows),
        b"Nombre,Organizaciones\r\n\"Casa, Faro\",\"A; B\nC\"\r\n".to_vec()
    );
}

/// Precision, recall and wrong merges of the survey import on one generated export.
#[derive(Debug, Default)]
struct Scores {
    /// Resolutions accepted to a network organization (id, name, alias, fuzzy), and how many
    /// to the one meant.
    accepted: usize,
    right: usize,
    /// Nominations of network organizations.
    existing: usize,
    /// Accepted resolutions to a network organization other than the one meant (an outsider
    /// taken for a network organization included).
    wrong_merges: usize,
    /// Outsiders named more than once whose mentions did not all resolve to one organization.
    outsiders_split: usize,
}

/// Scores the survey import's report against the generator's truth. A name resolved to an
/// organization this import created (a later mention of a new name) is not an accepted
/// resolution to the network.
fn score(
    truth: &NetworkData,
    survey: &GeneratedSurvey,
    report: &crate::survey::SurveyReport,
) -> Scores {
    use puentes_analysis::names::resolve::Method;
    let known: HashSet<&str> = truth.organizations.iter().map(|o| o.id.as_str()).collect();
    let mut s = Scores::default();
    let mut outsiders: BTreeMap<&str, BTreeSet<Option<&str>>> = BTreeMap::new();
    assert_eq!(report.nominations.len(), survey.nominations.len());
    for (got, meant) in report.nominations.iter().zip(&survey.nominations) {
        assert_eq!(got.raw.trim(), meant.raw.trim());
        let resolved = got.resolved.as_deref();
        let accepted = matches!(
            got.method,
            Method::Id | Method::Name | Method::Alias | Method::Fuzzy
        ) && resolved.is_some_and(|id| known.contains(id));
        match &meant.truth {
            Truth::Existing(id) => {
                s.existing += 1;
                if accepted {
                    s.accepted += 1;
                    if resolved == Some(id.as_str()) {
                        s.right += 1;
                    } else {
                        s.wrong_merges += 1;
                    }
                }
            }
            Truth::Outsider(clean) => {
                if accepted {
                    s.accepted += 1;
                    s.wrong_merges += 1;
                }
                outsiders.entry(clean).or_default().insert(resolved);
            }
        }
    }
    s.outsiders_split = outsiders.values().filter(|r| r.len() > 1).count();
    s
}

/// The survey import (`crate::survey::import`, default thresholds) on the generated exports:
/// every nomination read in order, precision of accepted resolutions ≥ 0.99, recall ≥ 0.95,
/// no wrong merge, each outsider one organization; every layout and survey tool.
#[test]
fn the_survey_import_reads_the_exports() {
    let truth = fixture();
    for (layout, flavour) in combinations() {
        let survey = generate(&truth, &options(layout, flavour));
        let csv = to_csv(&survey.header, &survey.rows);
        let files = crate::survey::SurveyFiles {
            responses: ("respuestas.csv", &csv),
            survey: ("SURVEY.toml", survey.survey_toml.as_bytes()),
            aliases: None,
            sheet: None,
        };
        let imported = crate::survey::import(files, &truth, Default::default())
            .unwrap_or_else(|e| panic!("{layout:?} {flavour:?}: {e:?}"));
        let s = score(&truth, &survey, &imported.report);
        let precision = s.right as f64 / s.accepted as f64;
        let recall = s.right as f64 / s.existing as f64;
        eprintln!("IMPORT {layout:?} {flavour:?}: {s:?}");
        assert_eq!(
            imported.report.counts.respondents, 70,
            "{layout:?} {flavour:?}"
        );
        assert!(precision >= 0.99, "{layout:?} {flavour:?}: {s:?}");
        assert!(recall >= 0.95, "{layout:?} {flavour:?}: {s:?}");
        assert_eq!(s.wrong_merges, 0, "{layout:?} {flavour:?}");
        assert_eq!(s.outsiders_split, 0, "{layout:?} {flavour:?}");
    }
}
