//! The words of the model's closed vocabularies that have no other home in the catalogue:
//! the services and populations an organization offers and serves and the kinds of a tie, in
//! English and Spanish side by side. (Metrics, structural-hole measures and brokerage roles
//! are page labels, [`super::Label`].) Each function matches every value
//! of its vocabulary with no catch-all arm, so a new value without words does not compile.

use super::Lang;
use puentes_analysis::model::{Population, Service, TieKind};

/// A service of the vocabulary, in words.
pub fn service_name(service: Service, lang: Lang) -> &'static str {
    let (en, es) = match service {
        Service::LegalAccompaniment => ("legal accompaniment", "acompañamiento legal"),
        Service::Shelter => ("shelter", "albergue"),
        Service::HumanitarianAid => ("humanitarian aid", "ayuda humanitaria"),
        Service::Health => ("health care", "atención de salud"),
        Service::MentalHealth => ("mental health care", "atención de salud mental"),
        Service::HumanRightsMonitoring => {
            ("human rights monitoring", "monitoreo de derechos humanos")
        }
        Service::Advocacy => ("advocacy", "incidencia"),
        Service::ReturnReintegration => ("return and reintegration", "retorno y reintegración"),
        Service::Education => ("education", "educación"),
        Service::Livelihoods => ("livelihoods", "medios de vida"),
        Service::ChildProtection => ("child protection", "protección de la niñez"),
        Service::GenderViolence => (
            "care for survivors of gender-based violence",
            "atención a sobrevivientes de violencia de género",
        ),
    };
    match lang {
        Lang::En => en,
        Lang::Es => es,
    }
}

/// A population of the vocabulary, in words.
pub fn population_name(population: Population, lang: Lang) -> &'static str {
    let (en, es) = match population {
        Population::Migrants => ("migrants", "personas migrantes"),
        Population::Refugees => ("refugees", "personas refugiadas"),
        Population::Displaced => ("displaced people", "personas desplazadas"),
        Population::Returnees => ("returnees", "personas retornadas"),
        Population::Children => ("children and adolescents", "niñas, niños y adolescentes"),
        Population::Indigenous => ("Indigenous peoples", "pueblos indígenas"),
        Population::Lgbtq => ("LGBTQ+ people", "personas LGBTQ+"),
        Population::Women => ("women", "mujeres"),
    };
    match lang {
        Lang::En => en,
        Lang::Es => es,
    }
}

/// A kind of tie of the vocabulary, in words.
pub fn tie_kind_name(kind: TieKind, lang: Lang) -> &'static str {
    let (en, es) = match kind {
        TieKind::Referral => ("case referral", "derivación de casos"),
        TieKind::JointProject => ("joint project", "proyecto conjunto"),
        TieKind::Coalition => ("coalition", "coalición"),
        TieKind::Training => ("training", "capacitación"),
        TieKind::Funding => ("funding", "financiamiento"),
        TieKind::Information => ("information sharing", "intercambio de información"),
        TieKind::SharedResources => ("shared resources", "recursos compartidos"),
    };
    match lang {
        Lang::En => en,
        Lang::Es => es,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_value_has_distinct_words_in_each_language() {
        for lang in Lang::ALL {
            let populations: BTreeSet<&str> = Population::ALL
                .iter()
                .map(|&p| population_name(p, lang))
                .collect();
            assert_eq!(populations.len(), Population::ALL.len(), "{lang:?}");
            let kinds: BTreeSet<&str> = TieKind::ALL
                .iter()
                .map(|&k| tie_kind_name(k, lang))
                .collect();
            assert_eq!(kinds.len(), TieKind::ALL.len(), "{lang:?}");
        }
        assert_eq!(
            population_name(Population::Displaced, Lang::Es),
            "personas desplazadas"
        );
        assert_eq!(tie_kind_name(TieKind::Referral, Lang::En), "case referral");
    }
}
