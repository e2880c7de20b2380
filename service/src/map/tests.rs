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
