use super::draw::{mark_labels, MAX_LABELS};
use super::*;
use crate::report::gap_analysis;

fn fixture() -> (Network, GapAnalysis) {
    let data = crate::cli::builtin_fixture().expect("fixture");
    let net = Network::new(&data);
    let gaps = gap_analysis(&net);
    (net, gaps)
}

#[test]
fn views_parse_and_name_themselves() {
    for (text, radius, view) in [
        ("overview", None, View::Overview),
        ("community/0", None, View::Community(0)),
        (
            "ego/a-b_c",
            None,
            View::Ego {
                id: "a-b_c".into(),
                radius: 1,
            },
        ),
        (
            "ego/x",
            Some(2),
            View::Ego {
                id: "x".into(),
                radius: 2,
            },
        ),
    ] {
        assert_eq!(View::parse(text, radius).as_ref(), Ok(&view));
        assert_eq!(view.param(), text);
    }
    for bad in [
        "",
        "Overview",
        "community/",
        "community/-1",
        "community/1.5",
        "ego/",
        "org/x",
    ] {
        assert_eq!(
            View::parse(bad, None),
            Err(MapError::BadView(bad.to_owned())),
            "{bad:?}"
        );
    }
    assert_eq!(View::parse("ego/x", Some(0)), Err(MapError::BadRadius(0)));
    assert_eq!(
        View::parse("community/1", Some(1)),
        Err(MapError::RadiusWithoutEgo)
    );
    assert!(MapError::UnknownOrganization("x".into()).is_not_found());
    assert!(!MapError::BadRadius(3).is_not_found());
    assert_eq!(
        MapError::UnknownCommunity { id: 4, count: 0 }.to_string(),
        "no community 4: the network has no organizations"
    );
}

#[test]
fn radii_follow_the_square_root_of_the_metric() {
    assert_eq!(radii(&[0.0, 1.0, 4.0], (0.1, 1.0)), vec![0.1, 0.6, 1.1]);
    assert_eq!(radii(&[0.0, 0.0], (0.1, 1.0)), vec![0.1, 0.1]);
}

#[test]
fn the_layout_of_a_revision_is_the_same_every_time() {
    let (net, gaps) = fixture();
    let a = MapLayout::new(&net, &gaps);
    let b = MapLayout::new(&net, &gaps);
    assert_eq!(a.organizations, b.organizations);
    assert_eq!(a.inside, b.inside);
    assert_eq!(a.communities, b.communities);
    assert_eq!(a.level, Level::Organizations);
    let svg_a = svg(&view(&net, &gaps, &a, &View::Overview, Lang::Es, 1).expect("view"));
    let svg_b = svg(&view(&net, &gaps, &b, &View::Overview, Lang::Es, 1).expect("view"));
    assert_eq!(svg_a, svg_b);
    assert!(svg_a.contains("120 organizaciones · 238 vínculos · 9 comunidades"));
}

#[test]
fn labels_are_chosen_once_largest_first_and_written_by_the_svg() {
    let (net, gaps) = fixture();
    let map = MapLayout::new(&net, &gaps);
    let v = view(&net, &gaps, &map, &View::Overview, Lang::En, 1).expect("view");
    let kept: Vec<&MapNode> = v.nodes.iter().filter(|n| n.labelled).collect();
    assert!(!kept.is_empty() && kept.len() <= MAX_LABELS);
    // The largest organization is always labelled (nothing is placed before it).
    let largest = v
        .nodes
        .iter()
        .max_by(|a, b| a.size.total_cmp(&b.size).then_with(|| b.id.cmp(&a.id)))
        .expect("nodes");
    assert!(largest.labelled, "{}", largest.id);
    // Marking again gives the same choice.
    let mut again = v.nodes.clone();
    for n in &mut again {
        n.labelled = false;
        n.label_side = None;
    }
    mark_labels(&mut again, [v.width, v.height]);
    let chosen = |ns: &[MapNode]| -> Vec<bool> { ns.iter().map(|n| n.labelled).collect() };
    assert_eq!(chosen(&again), chosen(&v.nodes));
    // The SVG writes exactly those labels.
    let picture = svg(&v);
    let labels = picture
        .split(r#"<g class="labels""#)
        .nth(1)
        .and_then(|rest| rest.split("</g>").next())
        .expect("labels group");
    assert_eq!(labels.matches("<text").count(), kept.len());
}

#[test]
fn names_are_escaped_in_the_svg() {
    let (net, gaps) = fixture();
    let map = MapLayout::new(&net, &gaps);
    let mut v = view(&net, &gaps, &map, &View::Overview, Lang::En, 1).expect("view");
    v.nodes[0].label = "A & B <\"C\">".into();
    v.nodes[0].labelled = true;
    let picture = svg(&v);
    assert!(picture.contains("A &amp; B &lt;&quot;C&quot;&gt;"));
    assert!(!picture.contains("A & B"));
}

#[test]
fn a_large_network_places_every_organization_inside_its_communitys_disc() {
    // 21 rings of 100 organizations, chained: above the threshold.
    let mut e = Vec::new();
    for g in 0..21u32 {
        for i in 0..100u32 {
            let v = g * 100 + i;
            e.push((v, g * 100 + (i + 1) % 100, 1.0));
            e.push((v, g * 100 + (i + 2) % 100, 1.0));
        }
        if g > 0 {
            e.push(((g - 1) * 100, g * 100, 1.0));
        }
    }
    let net = Network::from_edges(2100, &e);
    let gaps = gap_analysis(&net);
    let map = MapLayout::new(&net, &gaps);
    assert_eq!(map.level, Level::Communities);
    let o = &map.organizations;
    for (v, p) in o.positions.iter().enumerate() {
        let c = gaps.partition.membership[v] as usize;
        let centre = map.communities.positions[c];
        let d = (p[0] - centre[0]).hypot(p[1] - centre[1]);
        assert!(
            d + o.radius[v] <= map.communities.radius[c] * (1.0 + 1e-9),
            "organization {v}"
        );
    }
    let viz = map.viz(&gaps);
    assert_eq!(viz.len(), 2100);
    assert!(viz
        .iter()
        .all(|z| z.x.is_finite() && z.y.is_finite() && z.size > 0.0));
}

#[test]
fn empty_and_single_organization_networks_draw() {
    use puentes_analysis::model::{NetworkData, Organization};
    for orgs in [0usize, 1] {
        let data = NetworkData {
            organizations: (0..orgs)
                .map(|i| Organization::bare(&format!("o{i}")))
                .collect(),
            ties: Vec::new(),
        };
        let net = Network::new(&data);
        let gaps = gap_analysis(&net);
        let map = MapLayout::new(&net, &gaps);
        let v = view(&net, &gaps, &map, &View::Overview, Lang::En, 1).expect("view");
        assert_eq!(v.nodes.len(), orgs);
        assert!(v.nodes.iter().all(|n| n.x.is_finite() && n.y.is_finite()));
        let picture = svg(&v);
        assert_eq!(picture.matches("<circle").count(), orgs);
        assert!(png(&picture).is_ok());
        assert_eq!(
            view(&net, &gaps, &map, &View::Community(0), Lang::En, 1).err(),
            (orgs == 0).then_some(MapError::UnknownCommunity { id: 0, count: 0 })
        );
    }
}

#[test]
fn communities_corridors_and_countries_are_named_in_words() {
    let (net, gaps) = fixture();
    let map = MapLayout::new(&net, &gaps);
    let v = view(&net, &gaps, &map, &View::Overview, Lang::Es, 1).expect("view");
    // The fixture's 11 countries and 10 corridors, in Spanish order of their words.
    let countries: Vec<(&str, &str)> = v
        .places
        .countries
        .iter()
        .map(|p| (p.id.as_str(), p.label.as_str()))
        .collect();
    assert_eq!(countries.len(), 11);
    assert_eq!(countries[0], ("CL", "Chile"));
    assert!(countries.contains(&("MX", "México")));
    assert!(countries.contains(&("US", "Estados Unidos")));
    let corridors: Vec<&str> = v
        .places
        .corridors
        .iter()
        .map(|p| p.label.as_str())
        .collect();
    assert_eq!(corridors.len(), 10);
    assert!(corridors.contains(&"Frontera sur de México"));
    // Community names: unique, no id, no "(n/m)"; the share in words.
    let names: std::collections::BTreeSet<&str> =
        v.communities.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(names.len(), v.communities.len(), "{names:?}");
    for c in &v.communities {
        assert!(
            !c.label.contains('_') && !c.label.contains('/'),
            "{}",
            c.label
        );
        assert!(
            c.description.contains(" de sus ") || c.description.starts_with("sus "),
            "{}",
            c.description
        );
    }
    let title = view(&net, &gaps, &map, &View::Community(0), Lang::Es, 1)
        .expect("view")
        .view
        .title;
    assert_eq!(
        title,
        format!(
            "Comunidad “{}”",
            v.communities.iter().find(|c| c.id == 0).expect("0").label
        )
    );
}

#[test]
fn the_rendered_picture_names_whole_names_its_source_and_tells_findings_apart() {
    let (net, gaps) = fixture();
    let map = MapLayout::new(&net, &gaps);
    let v = view(&net, &gaps, &map, &View::Overview, Lang::Es, 3).expect("view");
    let caption = Caption {
        date: "2026-12-06".into(),
        source: "organizations.csv".into(),
        revision: 3,
    };
    let picture = svg_with(&v, Some(&caption));
    // 63 characters, wrapped at 52: "organizations.csv," would make 53.
    assert!(picture.contains(">Dibujado el 2026-12-06 a partir de</text>"));
    assert!(picture.contains(">organizations.csv, revisión 3</text>"));
    assert!(!svg(&v).contains("Dibujado"));
    // Every written label is a whole name: its lines put back together give the name.
    let labels = picture
        .split(r#"<g class="labels""#)
        .nth(1)
        .and_then(|rest| rest.split("</g>").next())
        .expect("labels group");
    assert!(!labels.contains('…'));
    let labelled: Vec<&MapNode> = v.nodes.iter().filter(|n| n.labelled).collect();
    for n in &labelled {
        let first = n.label.split_whitespace().next().unwrap_or_default();
        assert!(labels.contains(&crate::export::xml(first)), "{}", n.label);
    }
    let long = labelled.iter().find(|n| n.label.chars().count() > 30);
    if let Some(n) = long {
        assert!(labels.contains("<tspan"), "{} wraps", n.label);
    }
    // How many names are written, in words.
    let shown = format!("{} de {} nombres escritos", labelled.len(), v.nodes.len());
    assert!(picture.contains(&shown), "{shown}");
    // Communities told apart by a letter as well as a colour, as on the page: the largest
    // community is A, in the legend and in its discs.
    let letters = super::draw::community_letters(&v);
    let largest = &v.communities[0];
    assert_eq!(letters.get(&largest.id), Some(&'A'));
    assert_eq!(letters.len(), v.communities.len().min(26));
    assert!(picture.contains(&format!(">A · {}", crate::export::xml(&largest.label))));
    let in_discs = picture
        .split(r#"<g class="letters""#)
        .nth(1)
        .and_then(|rest| rest.split("</g>").next())
        .expect("letters group");
    let a_discs = v.nodes.iter().filter(|n| n.community == largest.id).count();
    assert!(
        in_discs.matches(">A</text>").count() >= a_discs / 2,
        "most discs of the largest community say A"
    );
    // Isolated: a white disc in a dashed grey ring; peripheral: its colour in a solid amber
    // ring. (The fixture has no isolated organization: one peripheral is made isolated.)
    let mut v = v;
    let lone = v
        .nodes
        .iter()
        .position(|n| {
            n.flags
                .as_ref()
                .is_some_and(|f| f.peripheral && f.cut_point.is_none())
        })
        .expect("a peripheral organization");
    if let Some(f) = v.nodes[lone].flags.as_mut() {
        f.isolated = true;
    }
    let picture = svg_with(&v, Some(&caption));
    let isolated = v
        .nodes
        .iter()
        .filter(|n| n.flags.as_ref().is_some_and(|f| f.isolated))
        .count();
    let peripheral = v
        .nodes
        .iter()
        .filter(|n| {
            n.flags
                .as_ref()
                .is_some_and(|f| f.peripheral && !f.isolated && f.cut_point.is_none())
        })
        .count();
    assert_eq!(isolated, 1);
    assert!(peripheral > 0);
    let circles = picture
        .split(r#"<g class="nodes">"#)
        .nth(1)
        .and_then(|rest| rest.split("</g>").next())
        .expect("nodes");
    assert_eq!(
        circles
            .matches(
                r##"fill="#ffffff" stroke="#57606a" stroke-width="1.6" stroke-dasharray="3 2""##
            )
            .count(),
        isolated
    );
    assert_eq!(
        circles
            .matches(r##"stroke="#b45309" stroke-width="2.4">"##)
            .count(),
        peripheral
    );
}

#[test]
fn community_colours_stand_out_three_to_one_on_white() {
    // WCAG 2: L = 0.2126 R + 0.7152 G + 0.0722 B on linearised channels; ratio (1.05)/(L+0.05).
    let linear = |c: u8| {
        let x = f64::from(c) / 255.0;
        if x <= 0.03928 {
            x / 12.92
        } else {
            ((x + 0.055) / 1.055).powf(2.4)
        }
    };
    let ratio = |[r, g, b]: [u8; 3]| {
        1.05 / (0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b) + 0.05)
    };
    // #0072b2 by hand: 1.05 / (0.7152 · 0.16827 + 0.0722 · 0.44517 + 0.05) = 5.185.
    assert!((ratio([0x00, 0x72, 0xb2]) - 5.185).abs() < 1e-3);
    for c in PALETTE.iter().chain([&OTHER_COLOR]) {
        assert!(ratio(*c) >= 3.0, "{c:?}: {}", ratio(*c));
    }
}

#[test]
fn each_tie_of_a_pair_travels_with_its_kind_strength_and_years_only() {
    let data = crate::cli::builtin_fixture().expect("fixture");
    let net = Network::new(&data);
    let gaps = gap_analysis(&net);
    let map = MapLayout::new(&net, &gaps).with_ties(&net, &data);
    let v = view(&net, &gaps, &map, &View::Overview, Lang::En, 1).expect("view");
    // fixtures/hip/ties.csv: 238 pairs, every one with its ties.
    assert_eq!(v.edges.len(), 238);
    assert!(v.edges.iter().all(|e| e.detail.len() as u32 == e.ties));
    // Two ties between albergue-sendero-nuevo and centro-puerto-abierto: funding 5 since
    // 2024, information sharing 1 since 2021; sorted by kind.
    let pair = v
        .edges
        .iter()
        .find(|e| {
            let mut ends = [e.source.as_str(), e.target.as_str()];
            ends.sort_unstable();
            ends == ["albergue-sendero-nuevo", "centro-puerto-abierto"]
        })
        .expect("the pair");
    let tie = |kind, strength, since| MapTie {
        kind,
        strength,
        since: Some(since),
        until: None,
    };
    use puentes_analysis::model::TieKind;
    assert_eq!(
        pair.detail,
        [
            tie(TieKind::Funding, 5, 2024),
            tie(TieKind::Information, 1, 2021)
        ]
    );
    let json = serde_json::to_value(pair).expect("json");
    let keys: Vec<&str> = json["detail"][0]
        .as_object()
        .expect("a tie")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        ["kind", "since", "strength"],
        "no reporter, no other answer"
    );
}

/// Issue 24: `community/3` of Slashdot drew 21,229 organizations (13.7 MB). A community of
/// more than the threshold is drawn as its threshold's worth of organizations with the most
/// ties, and says so; a smaller one is drawn whole.
#[test]
fn a_community_above_the_threshold_is_drawn_in_part() {
    // A hub with 2,100 partners (one community: every partner joins the hub's) and a
    // triangle apart.
    let hub = 0u32;
    let mut e: Vec<(u32, u32, f64)> = (1..=2100u32).map(|v| (hub, v, 1.0)).collect();
    e.extend([(2101, 2102, 1.0), (2102, 2103, 1.0), (2101, 2103, 1.0)]);
    let net = Network::from_edges(2104, &e);
    let gaps = gap_analysis(&net);
    let map = MapLayout::new(&net, &gaps);
    let c = gaps.partition.membership[hub as usize];
    assert_eq!(
        map.members[c as usize].len(),
        2101,
        "the star is one community"
    );
    let big = view(&net, &gaps, &map, &View::Community(c), Lang::En, 1).expect("view");
    assert_eq!(big.nodes.len(), MAP_MAX_ORGANIZATIONS);
    assert_eq!(big.totals.nodes, MAP_MAX_ORGANIZATIONS);
    assert_eq!(big.totals.reachable, Some(2101));
    assert_eq!(big.view.community, Some(c));
    // The hub (most ties) is drawn, with its ties to the partners drawn.
    let hub_id = &net.organization(hub).id;
    assert!(big.nodes.iter().any(|n| &n.id == hub_id));
    assert_eq!(big.edges.len(), MAP_MAX_ORGANIZATIONS - 1);
    assert!(big
        .edges
        .iter()
        .all(|e| &e.source == hub_id || &e.target == hub_id));
    assert_eq!(
        big.view.subtitle,
        "the 2,000 organizations with the most ties of 2,101: a map draws at most 2,000; \
         open an organization to see its neighbourhood"
    );
    let es = view(&net, &gaps, &map, &View::Community(c), Lang::Es, 1).expect("view");
    assert!(es
        .view
        .subtitle
        .starts_with("las 2.000 organizaciones con más lazos de 2.101"));
    // Every node drawn is placed where the community's own layout puts it.
    let json = serde_json::to_vec(&big).expect("json");
    assert!(json.len() < 2 << 20, "{} bytes", json.len());
    // The triangle's community is drawn whole, as before.
    let small = gaps.partition.membership[2101];
    let v = view(&net, &gaps, &map, &View::Community(small), Lang::En, 1).expect("view");
    assert_eq!((v.nodes.len(), v.totals.reachable), (3, None));
    assert_eq!(
        v.view.subtitle,
        Label::MapOrganizationOverview.text(Lang::En)
    );
}
