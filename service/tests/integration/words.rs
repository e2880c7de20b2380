//! The planner's words: no sentence, label or answer about the fixture shows an id or a
//! country code where words exist (issue 23), in either language. Here rather than inside the
//! catalogue, which imports nothing above it: this reads the report, map and metric layers.

use puentes::i18n::Lang;
use puentes_analysis::model::rules::COUNTRY_CODES;

/// A code shown where words exist: a `snake_case` token (`mx_southern_border`) or an
/// assigned country code standing alone (`MX`).
fn code_in(s: &str) -> Option<&str> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .find(|t| {
            (t.contains('_') && t.chars().any(char::is_alphabetic))
                || (t.len() == 2
                    && t.chars().all(|c| c.is_ascii_uppercase())
                    && COUNTRY_CODES.binary_search(t).is_ok())
        })
}

#[test]
fn the_detector_finds_ids_and_country_codes() {
    assert_eq!(
        code_in("comunidad 0: mx_southern_border (17/19)"),
        Some("mx_southern_border")
    );
    assert_eq!(code_in("País: MX"), Some("MX"));
    assert_eq!(code_in("Frontera sur de México · Chiapas 2"), None);
    assert_eq!(code_in("personas LGBTQ+, PageRank, OK"), None);
}

/// Every sentence and label of the catalogue, and what the API says of the fixture in
/// both languages (gap report, profiles, the map's names), shows words, not ids or codes.
#[test]
fn no_sentence_or_label_shows_an_id_or_a_country_code() {
    use puentes::i18n::{Label, MessageKind};
    use puentes::map::{view, MapLayout, View};
    use puentes::metrics::{compute, Metric, MetricOptions};
    use puentes::report::{gap_analysis, gap_report, profile};
    use puentes_analysis::network::node;
    use puentes_analysis::Network;
    let mut said: Vec<String> = Vec::new();
    for lang in Lang::ALL {
        for &kind in MessageKind::ALL {
            said.extend(kind.examples().iter().map(|m| m.render(lang)));
        }
        said.extend(Label::ALL.iter().map(|l| l.text(lang).to_owned()));
    }
    let data = puentes::fixtures::generate(puentes::fixtures::DEFAULT_SEED);
    let net = Network::new(&data);
    let g = gap_analysis(&net);
    let table = compute(&net, &Metric::ALL, MetricOptions::default());
    let layout = MapLayout::new(&net, &g);
    for lang in Lang::ALL {
        let r = gap_report(&net, &g, 0, 1000, lang);
        said.push(r.communities.clone());
        said.extend(
            r.peripheral
                .items
                .iter()
                .flat_map(|i| i.explanation.clone()),
        );
        said.extend(r.inward_looking.items.iter().map(|i| i.explanation.clone()));
        said.extend(r.inward_looking.items.iter().map(|i| i.community.clone()));
        said.extend(
            r.least_connected_communities
                .items
                .iter()
                .map(|i| i.explanation.clone()),
        );
        said.extend(r.service_gaps.items.iter().map(|i| i.explanation.clone()));
        for v in (0..net.node_count()).step_by(7) {
            let p = profile(&net, &table, &g, node(v), lang);
            said.extend(p.summary);
            said.push(p.community);
        }
        let m = view(&net, &g, &layout, &View::Overview, lang, 1).expect("overview");
        said.extend(
            m.communities
                .iter()
                .flat_map(|c| [c.label.clone(), c.description.clone()]),
        );
        said.extend(m.places.corridors.iter().map(|p| p.label.clone()));
        said.extend(m.places.countries.iter().map(|p| p.label.clone()));
        let c = view(&net, &g, &layout, &View::Community(0), lang, 1).expect("community");
        said.push(c.view.title);
    }
    assert!(said.len() > 1000, "{} texts", said.len());
    for s in &said {
        assert_eq!(code_in(s), None, "{s}");
    }
}
