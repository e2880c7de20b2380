//! `GET /api/v1/vocabulary`: the closed lists a client shows — services, populations, tie
//! kinds, metrics, structural-hole measures, brokerage roles, countries and the named
//! corridors — each value with its id (as the API and the files write it) and its label in
//! the reader's language.
//!
//! The ids come from where the values are defined (the model's vocabularies'
//! `ALL`, [`Metric::ALL`]) and the labels from the message catalogue, so a client (the map
//! page) keeps no copy of either.

use super::error::{ErrorBody, NoParams, Query};
use super::lang::LangParam;
use super::AppState;
use crate::i18n::catalogue::{places, population_name, service_name, tie_kind_name};
use crate::i18n::{Label, Lang};
use crate::metrics::Metric;
use axum::Json;
use puentes_analysis::model::{Population, Service, TieKind};
use serde::Serialize;
use utoipa_axum::{router::OpenApiRouter, routes};

/// Burt's structural-hole measures, in the order a profile shows them (the keys of a
/// profile's `structural_holes` and columns of the metrics table), with their labels.
const STRUCTURAL_HOLES: [(&str, Label); 4] = [
    ("constraint", Label::MetricConstraint),
    ("effective_size", Label::MetricEffectiveSize),
    ("efficiency", Label::MetricEfficiency),
    ("hierarchy", Label::MetricHierarchy),
];

/// The Gould–Fernandez brokerage roles, in the order a profile shows them (the keys of a
/// profile's `brokerage`), with their labels.
const BROKERAGE_ROLES: [(&str, Label); 5] = [
    ("coordinator", Label::RoleCoordinator),
    ("gatekeeper", Label::RoleGatekeeper),
    ("representative", Label::RoleRepresentative),
    ("liaison", Label::RoleLiaison),
    ("itinerant", Label::RoleItinerant),
];

/// The page label of a metric.
fn metric_label(metric: Metric) -> Label {
    match metric {
        Metric::Degree => Label::MetricDegree,
        Metric::Strength => Label::MetricStrength,
        Metric::Betweenness => Label::MetricBetweenness,
        Metric::Closeness => Label::MetricCloseness,
        Metric::Harmonic => Label::MetricHarmonic,
        Metric::Eigenvector => Label::MetricEigenvector,
        Metric::Pagerank => Label::MetricPagerank,
        Metric::CoreNumber => Label::MetricCoreNumber,
        Metric::Clustering => Label::MetricClustering,
    }
}

/// One value of a vocabulary.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(super) struct Term {
    /// The value as the API, the CLI and the files write it (`legal_accompaniment`).
    pub id: &'static str,
    /// The value in words, in the asked language (`acompañamiento legal`).
    pub label: &'static str,
}

/// Every closed list of Puentes with its labels in one language.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(super) struct Vocabulary {
    /// The language of the labels.
    pub lang: Lang,
    /// Services an organization offers.
    pub services: Vec<Term>,
    /// Populations an organization serves.
    pub populations: Vec<Term>,
    /// What a tie consists of.
    pub tie_kinds: Vec<Term>,
    /// Node metrics (columns of `GET /api/v1/metrics`, keys of a profile's `metrics`), in
    /// table order.
    pub metrics: Vec<Term>,
    /// Burt's structural-hole measures (keys of a profile's `structural_holes`).
    pub structural_holes: Vec<Term>,
    /// Gould–Fernandez brokerage roles (keys of a profile's `brokerage`).
    pub brokerage_roles: Vec<Term>,
    /// Countries: every ISO 3166-1 alpha-2 code (as an organization's `country`) with its
    /// name, in code order.
    pub countries: Vec<Term>,
    /// The migration corridors the catalogue names (an organization's `corridor`), in id
    /// order; `GET /api/v1/map`'s `places` words every corridor of the network, these and
    /// others.
    pub corridors: Vec<Term>,
    /// The whole-network figures of `GET /api/v1/timeline` and `/api/v1/changes`
    /// (`figures_from`, `figures_to`), by field name, in timeline order.
    pub network_figures: Vec<Term>,
}

/// `(id, label)` pairs as terms.
fn terms(pairs: impl Iterator<Item = (&'static str, &'static str)>) -> Vec<Term> {
    pairs.map(|(id, label)| Term { id, label }).collect()
}

impl Vocabulary {
    /// Every list, labelled in `lang`.
    pub(super) fn new(lang: Lang) -> Self {
        let labelled = |pairs: &[(&'static str, Label)]| {
            terms(pairs.iter().map(|&(id, label)| (id, label.text(lang))))
        };
        Vocabulary {
            lang,
            services: terms(
                Service::ALL
                    .iter()
                    .map(|&s| (s.as_str(), service_name(s, lang))),
            ),
            populations: terms(
                Population::ALL
                    .iter()
                    .map(|&p| (p.as_str(), population_name(p, lang))),
            ),
            tie_kinds: terms(
                TieKind::ALL
                    .iter()
                    .map(|&k| (k.as_str(), tie_kind_name(k, lang))),
            ),
            metrics: terms(
                Metric::ALL
                    .iter()
                    .map(|&m| (m.name(), metric_label(m).text(lang))),
            ),
            structural_holes: labelled(&STRUCTURAL_HOLES),
            brokerage_roles: labelled(&BROKERAGE_ROLES),
            countries: terms(places::countries(lang)),
            corridors: terms(places::named_corridors(lang)),
            network_figures: terms(
                crate::time::FIGURES
                    .iter()
                    .map(|&f| (f, crate::i18n::catalogue::time::figure_name(f, lang))),
            ),
        }
    }
}

/// The closed lists (services, populations, tie kinds, metrics, structural-hole measures,
/// brokerage roles): each value's id and its label in the reader's language.
#[utoipa::path(get, path = "/api/v1/vocabulary", tag = "health", params(LangParam),
    responses(
        (status = 200, description = "Every list with its labels", body = Vocabulary),
        (status = 400, description = "Bad lang or an unknown parameter", body = ErrorBody)))]
async fn get_vocabulary(lang: Lang, _none: Query<NoParams>) -> Json<Vocabulary> {
    Json(Vocabulary::new(lang))
}

/// Routes of this module.
pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_vocabulary))
}

#[cfg(test)]
mod tests {
    use super::super::get_fixture_json as get;
    use serde_json::{json, Value};

    /// The ids of list `name` of a vocabulary answer.
    fn ids(v: &Value, name: &str) -> Vec<String> {
        v[name]
            .as_array()
            .unwrap_or_else(|| panic!("{name} is a list: {v}"))
            .iter()
            .map(|t| t["id"].as_str().expect("an id").to_owned())
            .collect()
    }

    #[tokio::test]
    async fn every_list_with_its_labels_in_the_asked_language() {
        let (status, es) = get("/api/v1/vocabulary?lang=es", None).await;
        assert_eq!(status, 200, "{es}");
        assert_eq!(es["lang"], "es");
        assert_eq!(
            es["services"][0],
            json!({"id": "legal_accompaniment", "label": "acompañamiento legal"})
        );
        assert_eq!(
            es["services"][11],
            json!({"id": "gender_violence", "label": "atención a sobrevivientes de violencia de género"})
        );
        assert_eq!(
            es["populations"][2],
            json!({"id": "displaced", "label": "personas desplazadas"})
        );
        assert_eq!(
            es["tie_kinds"][1],
            json!({"id": "joint_project", "label": "proyecto conjunto"})
        );
        assert_eq!(
            es["metrics"][0],
            json!({"id": "degree", "label": "Vínculos (grado)"})
        );
        assert_eq!(
            es["structural_holes"][0],
            json!({"id": "constraint", "label": "Restricción (Burt)"})
        );
        assert_eq!(
            es["brokerage_roles"][1],
            json!({"id": "gatekeeper", "label": "guardián"})
        );
        let lengths: Vec<usize> = [
            "services",
            "populations",
            "tie_kinds",
            "metrics",
            "structural_holes",
            "brokerage_roles",
            "countries",
            "corridors",
            "network_figures",
        ]
        .iter()
        .map(|name| ids(&es, name).len())
        .collect();
        assert_eq!(lengths, [12, 8, 7, 9, 4, 5, 249, 10, 11]);
        assert_eq!(
            es["network_figures"][7],
            json!({"id": "global_efficiency", "label": "eficiencia global"})
        );
        let mx = es["countries"]
            .as_array()
            .and_then(|c| c.iter().find(|t| t["id"] == "MX"))
            .cloned();
        assert_eq!(mx, Some(json!({"id": "MX", "label": "México"})));
        assert_eq!(
            es["corridors"][7],
            json!({"id": "mx_southern_border", "label": "Frontera sur de México"})
        );
        assert_eq!(
            ids(&es, "metrics"),
            [
                "degree",
                "strength",
                "betweenness",
                "closeness",
                "harmonic",
                "eigenvector",
                "pagerank",
                "core_number",
                "clustering"
            ]
        );

        // English by default, Spanish by the header, the same ids in both.
        let (_, en) = get("/api/v1/vocabulary", None).await;
        assert_eq!(en["lang"], "en");
        assert_eq!(en["services"][0]["label"], "legal accompaniment");
        assert_eq!(en["brokerage_roles"][1]["label"], "gatekeeper");
        assert_eq!(en["corridors"][7]["label"], "Mexico's southern border");
        let (_, by_header) = get("/api/v1/vocabulary", Some("es-MX,es;q=0.9")).await;
        assert_eq!(by_header, es);
        for name in ["services", "populations", "tie_kinds", "metrics"] {
            assert_eq!(ids(&en, name), ids(&es, name), "{name}");
        }

        // Refusals, worded in the asked language.
        let (status, err) = get("/api/v1/vocabulary?lang=fr", None).await;
        assert_eq!(status, 400);
        assert_eq!(
            err["error"]["message"],
            "lang: expected es or en, not \"fr\""
        );
        let (status, err) = get("/api/v1/vocabulary?metrics=degree", None).await;
        assert_eq!(status, 400, "{err}");
    }

    #[tokio::test]
    async fn the_profile_answers_with_the_vocabulary_ids() {
        let (_, vocabulary) = get("/api/v1/vocabulary", None).await;
        let (status, profile) = get("/api/v1/organizations/casa-quetzal-nuevo/profile", None).await;
        assert_eq!(status, 200, "{profile}");
        let keys = |name: &str| -> Vec<String> {
            let mut keys: Vec<String> = profile[name]
                .as_object()
                .unwrap_or_else(|| panic!("{name} is an object: {profile}"))
                .keys()
                .cloned()
                .collect();
            keys.sort();
            keys
        };
        let sorted = |name: &str| {
            let mut ids = ids(&vocabulary, name);
            ids.sort();
            ids
        };
        assert_eq!(keys("metrics"), sorted("metrics"));
        assert_eq!(keys("structural_holes"), sorted("structural_holes"));
        assert_eq!(keys("brokerage"), sorted("brokerage_roles"));
        assert_eq!(profile["brokerage"].as_object().map(|o| o.len()), Some(5));
    }
}
