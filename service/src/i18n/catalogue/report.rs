//! The catalogue's words for the planner's report (`puentes report`, `GET /api/v1/report`)
//! and for the commands that speak to people on a terminal (`gaps`, `suggest`, `summary`
//! with `--format text`): headings, captions, the whole-network figures with their
//! definitions in plain words, column headers and what `--format pdf` says when it cannot
//! print. English and Spanish side by side; [`ReportText::render`] and [`Figure::name`] /
//! [`Figure::definition`] match on `(text, language)` with no catch-all arm, so a text
//! without one of its languages does not compile.

use crate::i18n::Lang;

/// A whole-network figure of the report's key figures and of `puentes summary --format text`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Figure {
    /// Organizations in the network.
    Organizations,
    /// Portfolio partners among them.
    Partners,
    /// People served by the partners.
    PeopleServed,
    /// Pairs of organizations that work together (collapsed ties).
    Ties,
    /// Average number of partners.
    AverageDegree,
    /// Share of possible pairs that work together.
    Density,
    /// Separate groups (connected components).
    Components,
    /// Share of organizations in the largest group.
    LargestComponent,
    /// Average distance in ties inside the largest group.
    AverageDistance,
    /// Longest distance inside the largest group.
    Diameter,
    /// Share of closed triangles.
    Clustering,
    /// Degree assortativity.
    Assortativity,
    /// Freeman degree centralization.
    Centralization,
    /// Communities found (Louvain).
    Communities,
    /// Modularity of that partition.
    Modularity,
    /// Isolated organizations.
    Isolated,
    /// Isolated and peripheral organizations.
    Peripheral,
    /// Cut points.
    CutPoints,
    /// Bridges.
    Bridges,
}

impl Figure {
    /// Every figure, in the order the report lists them.
    pub const ALL: &'static [Figure] = &[
        Figure::Organizations,
        Figure::Partners,
        Figure::PeopleServed,
        Figure::Ties,
        Figure::AverageDegree,
        Figure::Density,
        Figure::Components,
        Figure::LargestComponent,
        Figure::AverageDistance,
        Figure::Diameter,
        Figure::Clustering,
        Figure::Assortativity,
        Figure::Centralization,
        Figure::Communities,
        Figure::Modularity,
        Figure::Isolated,
        Figure::Peripheral,
        Figure::CutPoints,
        Figure::Bridges,
    ];

    /// The figure's name, as a table row reads it.
    pub fn name(self, lang: Lang) -> &'static str {
        use Figure as F;
        use Lang::{En, Es};
        match (self, lang) {
            (F::Organizations, En) => "Organizations",
            (F::Organizations, Es) => "Organizaciones",
            (F::Partners, En) => "Portfolio partners",
            (F::Partners, Es) => "Organizaciones socias",
            (F::PeopleServed, En) => "People served by partners",
            (F::PeopleServed, Es) => "Personas atendidas por las socias",
            (F::Ties, En) => "Pairs working together (ties)",
            (F::Ties, Es) => "Pares que trabajan juntos (vínculos)",
            (F::AverageDegree, En) => "Average partners per organization",
            (F::AverageDegree, Es) => "Promedio de vínculos por organización",
            (F::Density, En) => "Density",
            (F::Density, Es) => "Densidad",
            (F::Components, En) => "Separate groups",
            (F::Components, Es) => "Grupos separados",
            (F::LargestComponent, En) => "Share in the largest group",
            (F::LargestComponent, Es) => "Parte en el grupo más grande",
            (F::AverageDistance, En) => "Average distance (ties)",
            (F::AverageDistance, Es) => "Distancia media (vínculos)",
            (F::Diameter, En) => "Longest distance (ties)",
            (F::Diameter, Es) => "Distancia más larga (vínculos)",
            (F::Clustering, En) => "Closed triangles (transitivity)",
            (F::Clustering, Es) => "Triángulos cerrados (transitividad)",
            (F::Assortativity, En) => "Degree assortativity",
            (F::Assortativity, Es) => "Asortatividad por grado",
            (F::Centralization, En) => "Centralization",
            (F::Centralization, Es) => "Centralización",
            (F::Communities, En) => "Communities",
            (F::Communities, Es) => "Comunidades",
            (F::Modularity, En) => "Modularity",
            (F::Modularity, Es) => "Modularidad",
            (F::Isolated, En) => "Isolated organizations",
            (F::Isolated, Es) => "Organizaciones aisladas",
            (F::Peripheral, En) => "Isolated or peripheral organizations",
            (F::Peripheral, Es) => "Organizaciones aisladas o periféricas",
            (F::CutPoints, En) => "Cut points",
            (F::CutPoints, Es) => "Puntos de corte",
            (F::Bridges, En) => "Bridges",
            (F::Bridges, Es) => "Puentes",
        }
    }

    /// What the figure means, in plain words, with the convention it follows.
    pub fn definition(self, lang: Lang) -> &'static str {
        use Figure as F;
        use Lang::{En, Es};
        match (self, lang) {
            (F::Organizations, En) => "Every organization in the network, portfolio partners and external allies, with or without ties.",
            (F::Organizations, Es) => "Todas las organizaciones de la red, socias del portafolio y aliadas externas, con o sin vínculos.",
            (F::Partners, En) => "Organizations of the funder's portfolio (the others are external allies).",
            (F::Partners, Es) => "Organizaciones del portafolio del financiador (las demás son aliadas externas).",
            (F::PeopleServed, En) => "The sum of the people each portfolio partner reports serving.",
            (F::PeopleServed, Es) => "La suma de las personas que cada organización socia declara atender.",
            (F::Ties, En) => "Pairs of organizations with at least one tie of any kind (referral, joint project, coalition…); several ties between the same two organizations count once.",
            (F::Ties, Es) => "Pares de organizaciones con al menos un vínculo de cualquier tipo (derivación, proyecto conjunto, coalición…); varios vínculos entre las mismas dos organizaciones cuentan una vez.",
            (F::AverageDegree, En) => "Twice the ties divided by the organizations: how many others an organization works with, on average.",
            (F::AverageDegree, Es) => "El doble de los vínculos dividido por las organizaciones: con cuántas otras trabaja una organización, en promedio.",
            (F::Density, En) => "Of all the pairs of organizations that could work together, the share that do: 2m/(n(n−1)) for n organizations and m ties (NetworkX density).",
            (F::Density, Es) => "De todos los pares de organizaciones que podrían trabajar juntos, la parte que lo hace: 2m/(n(n−1)) para n organizaciones y m vínculos (density de NetworkX).",
            (F::Components, En) => "Groups with no path of ties between them; an isolated organization is a group of its own (NetworkX number_connected_components).",
            (F::Components, Es) => "Grupos sin ningún camino de vínculos entre sí; una organización aislada es un grupo por sí sola (number_connected_components de NetworkX).",
            (F::LargestComponent, En) => "The share of organizations that can reach each other through ties in the largest group.",
            (F::LargestComponent, Es) => "La parte de las organizaciones que pueden llegar unas a otras por vínculos en el grupo más grande.",
            (F::AverageDistance, En) => "How many ties separate two organizations of the largest group, on average, along the shortest path (NetworkX average_shortest_path_length); estimated from sampled organizations on large networks.",
            (F::AverageDistance, Es) => "Cuántos vínculos separan a dos organizaciones del grupo más grande, en promedio, por el camino más corto (average_shortest_path_length de NetworkX); estimada desde organizaciones de muestra en redes grandes.",
            (F::Diameter, En) => "The most ties that separate two organizations of the largest group along the shortest path (NetworkX diameter).",
            (F::Diameter, Es) => "El mayor número de vínculos que separan a dos organizaciones del grupo más grande por el camino más corto (diameter de NetworkX).",
            (F::Clustering, En) => "When an organization works with two others, how often those two also work together: closed triangles over connected triples (NetworkX transitivity).",
            (F::Clustering, Es) => "Cuando una organización trabaja con otras dos, con qué frecuencia esas dos también trabajan juntas: triángulos cerrados sobre tríos conectados (transitivity de NetworkX).",
            (F::Assortativity, En) => "From −1 to 1: above 0, well-connected organizations tie mostly with well-connected ones; below 0, with less connected ones (NetworkX degree_assortativity_coefficient).",
            (F::Assortativity, Es) => "De −1 a 1: por encima de 0, las organizaciones bien conectadas se vinculan sobre todo con otras bien conectadas; por debajo, con otras menos conectadas (degree_assortativity_coefficient de NetworkX).",
            (F::Centralization, En) => "From 0 to 1: how much the ties concentrate on one organization (1: a star around one organization; 0: everyone has as many ties) (Freeman degree centralization).",
            (F::Centralization, Es) => "De 0 a 1: cuánto se concentran los vínculos en una organización (1: una estrella alrededor de una organización; 0: todas tienen los mismos vínculos) (centralización de grado de Freeman).",
            (F::Communities, En) => "Groups of organizations that tie mostly to each other, found by the Louvain method (resolution 1, seed 42: the same network always gives the same communities).",
            (F::Communities, Es) => "Grupos de organizaciones que se vinculan sobre todo entre sí, hallados con el método de Louvain (resolución 1, semilla 42: la misma red da siempre las mismas comunidades).",
            (F::Modularity, En) => "How much more the ties stay inside the communities than chance would have them (from −0.5 to 1; above 0.3, communities are clear).",
            (F::Modularity, Es) => "Cuánto más quedan los vínculos dentro de las comunidades de lo que daría el azar (de −0,5 a 1; por encima de 0,3, las comunidades son claras).",
            (F::Isolated, En) => "Organizations without any tie.",
            (F::Isolated, Es) => "Organizaciones sin ningún vínculo.",
            (F::Peripheral, En) => "Organizations without ties, with a single tie, whose partners are not tied to each other (core number 1), or among the tenth farthest from all others (lowest closeness).",
            (F::Peripheral, Es) => "Organizaciones sin vínculos, con un solo vínculo, cuyas aliadas no se vinculan entre sí (número de núcleo 1) o entre la décima parte más lejana de todas las demás (menor cercanía).",
            (F::CutPoints, En) => "Organizations without which others would lose every path to the rest of the network (articulation points).",
            (F::CutPoints, Es) => "Organizaciones sin las cuales otras perderían todo camino hacia el resto de la red (puntos de articulación).",
            (F::Bridges, En) => "Ties that are the only link between two parts of the network: if they ended, the parts would be cut off from each other.",
            (F::Bridges, Es) => "Vínculos que son el único enlace entre dos partes de la red: si terminaran, las partes quedarían separadas.",
        }
    }
}

/// A heading, caption or sentence of the report or of a command's text output.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ReportText<'a> {
    /// The report's title.
    Title,
    /// Under the title: when, from what, which revision.
    Made {
        /// The day, `2026-12-06`.
        date: &'a str,
        /// A file name or the store's words.
        source: &'a str,
        /// The store revision.
        revision: u64,
    },
    /// The network of one year.
    AsOf {
        /// The year.
        year: i32,
    },
    /// Only the ties both sides reported.
    ConfirmedOnly,
    /// Heading: the key figures.
    KeyFigures,
    /// Heading: the map.
    MapHeading,
    /// Under the map.
    MapCaption,
    /// Heading: the findings.
    Findings,
    /// Heading with a count: isolated and peripheral organizations.
    PeripheralHeading {
        /// How many.
        total: usize,
    },
    /// Heading with a count: cut points.
    CutPointsHeading {
        /// How many.
        total: usize,
    },
    /// Heading with a count: bridges.
    BridgesHeading {
        /// How many.
        total: usize,
    },
    /// Heading: communities that do not talk to each other.
    CommunityGapsHeading,
    /// Under the heat map.
    HeatMapCaption {
        /// Communities drawn.
        shown: usize,
        /// Communities in the network.
        total: usize,
    },
    /// The heat map's last row and column: every smaller community together.
    OtherCommunities,
    /// Heading with a count: services out of reach.
    ServicesHeading {
        /// How many services.
        total: usize,
    },
    /// Heading with a count: organizations whose ties stay inside their community.
    InwardHeading {
        /// How many.
        total: usize,
    },
    /// An empty list.
    NoneFound,
    /// After a cut list.
    MoreInFullList {
        /// Items not shown.
        more: usize,
    },
    /// Heading: the best suggested introductions.
    Introductions,
    /// Before them.
    IntroductionsLead {
        /// Peripheral organizations considered.
        peripheral: usize,
        /// Of them, how many have a suggestion.
        with: usize,
    },
    /// Who can introduce two organizations.
    IntroducedBy {
        /// The introducers' names, listed.
        names: &'a str,
    },
    /// Heading: how many ties organizations have.
    DegreeHeading,
    /// Under the histogram.
    DegreeCaption {
        /// The median number of ties.
        median: usize,
        /// The most ties of one organization.
        max: usize,
    },
    /// The histogram's horizontal axis.
    DegreeAxis,
    /// The histogram's vertical axis.
    OrganizationsAxis,
    /// Heading: definitions.
    Definitions,
    /// Heading: how the report was made.
    HowMade,
    /// What the report is made from and how to reproduce it.
    HowMadeText,
    /// Table header: organization.
    ColumnOrganization,
    /// Table header: partner or ally.
    ColumnMembership,
    /// Table header: why it is listed.
    ColumnWhy,
    /// Table header: score.
    ColumnScore,
    /// Table header: shared partners.
    ColumnShared,
    /// Table header: who can introduce them.
    ColumnIntroducer,
    /// Table header: a figure.
    ColumnFigure,
    /// Table header: a value.
    ColumnValue,
    /// A portfolio partner (table cell).
    Partner,
    /// An external ally (table cell).
    Ally,
    /// Why an organization is peripheral, in a word or two (table cell).
    Reason {
        /// `isolated`, `pendant`, `low_coreness` or `low_closeness`.
        code: &'a str,
    },
    /// Heading of `puentes suggest --format text`.
    SuggestionsFor {
        /// The asking organization.
        org: &'a str,
        /// How many candidates scored.
        scored: usize,
    },
    /// Heading of `puentes summary --format text`.
    SummaryHeading,
    /// `--format pdf` without a browser to print with.
    PdfNeedsChromium {
        /// The programs looked for.
        tried: &'a str,
    },
    /// The browser ran but wrote no PDF.
    PdfFailed {
        /// What it said.
        detail: &'a str,
    },
    /// After writing the report to a file.
    Wrote {
        /// The file.
        path: &'a str,
        /// Its size.
        bytes: usize,
    },
}

impl ReportText<'_> {
    /// The text in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        use Lang::{En, Es};
        use ReportText as T;
        let n = |x: usize| lang.count(x);
        match (self, lang) {
            (T::Title, En) => "The collaboration network: report for planners".into(),
            (T::Title, Es) => "La red de colaboración: informe para la planificación".into(),
            (T::Made { date, source, revision }, En) => format!(
                "Drawn on {date} from {source}, network revision {}.",
                lang.int(*revision)
            ),
            (T::Made { date, source, revision }, Es) => format!(
                "Elaborado el {date} a partir de {source}, revisión {} de la red.",
                lang.int(*revision)
            ),
            (T::AsOf { year }, En) => format!("The network as it was in {year}: the ties active that year."),
            (T::AsOf { year }, Es) => format!("La red tal como era en {year}: los vínculos activos ese año."),
            (T::ConfirmedOnly, En) => "Only the ties both organizations reported.".into(),
            (T::ConfirmedOnly, Es) => "Solo los vínculos que informaron las dos organizaciones.".into(),
            (T::KeyFigures, En) => "Key figures".into(),
            (T::KeyFigures, Es) => "Cifras clave".into(),
            (T::MapHeading, En) => "The map of the network".into(),
            (T::MapHeading, Es) => "El mapa de la red".into(),
            (T::MapCaption, En) => "Each circle is an organization (or, on large networks, a community), sized by its ties and coloured by its community; lines are ties. Positions show who works with whom, not geography.".into(),
            (T::MapCaption, Es) => "Cada círculo es una organización (o, en redes grandes, una comunidad), de tamaño según sus vínculos y de color según su comunidad; las líneas son vínculos. Las posiciones muestran quién trabaja con quién, no la geografía.".into(),
            (T::Findings, En) => "What we found".into(),
            (T::Findings, Es) => "Lo que encontramos".into(),
            (T::PeripheralHeading { total }, En) => format!("Isolated and peripheral organizations ({})", n(*total)),
            (T::PeripheralHeading { total }, Es) => format!("Organizaciones aisladas y periféricas ({})", n(*total)),
            (T::CutPointsHeading { total }, En) => format!("Who holds the network together: cut points ({})", n(*total)),
            (T::CutPointsHeading { total }, Es) => format!("Quién mantiene unida la red: puntos de corte ({})", n(*total)),
            (T::BridgesHeading { total }, En) => format!("Ties that alone join two parts: bridges ({})", n(*total)),
            (T::BridgesHeading { total }, Es) => format!("Vínculos que por sí solos unen dos partes: puentes ({})", n(*total)),
            (T::CommunityGapsHeading, En) => "Communities that do not talk to each other".into(),
            (T::CommunityGapsHeading, Es) => "Comunidades con pocos vínculos entre sí".into(),
            (T::HeatMapCaption { shown, total }, En) => format!(
                "Ties between the {} largest of the {} communities, against what their sizes predict: each square is the ties observed over the ties expected if ties were spread evenly (1 = as connected as the network on average; 0 = no tie at all). Pale squares are communities that do not talk to each other.",
                n(*shown), n(*total)
            ),
            (T::HeatMapCaption { shown, total }, Es) => format!(
                "Vínculos entre las {} comunidades más grandes de las {}, frente a lo que predicen sus tamaños: cada casilla es el número de vínculos observados sobre el esperado si los vínculos se repartieran por igual (1 = tan conectadas como la red en promedio; 0 = ningún vínculo). Las casillas pálidas son comunidades que no se hablan.",
                n(*shown), n(*total)
            ),
            (T::OtherCommunities, En) => "All smaller communities".into(),
            (T::OtherCommunities, Es) => "Todas las comunidades menores".into(),
            (T::ServicesHeading { total }, En) => format!("Services out of reach ({})", n(*total)),
            (T::ServicesHeading { total }, Es) => format!("Servicios fuera de alcance ({})", n(*total)),
            (T::InwardHeading { total }, En) => format!("Organizations whose ties all stay inside their community ({})", n(*total)),
            (T::InwardHeading { total }, Es) => format!("Organizaciones cuyos vínculos no salen de su comunidad ({})", n(*total)),
            (T::NoneFound, En) => "None found.".into(),
            (T::NoneFound, Es) => "No se encontró ninguno.".into(),
            (T::MoreInFullList { more }, En) => format!("…and {} more: the whole list is in “puentes gaps” and /api/v1/gaps.", n(*more)),
            (T::MoreInFullList { more }, Es) => format!("…y {} más: la lista completa está en “puentes gaps” y /api/v1/gaps.", n(*more)),
            (T::Introductions, En) => "Best suggested introductions".into(),
            (T::Introductions, Es) => "Mejores presentaciones sugeridas".into(),
            (T::IntroductionsLead { peripheral, with }, En) => format!(
                "For {} of the {} isolated or peripheral organizations, the one new tie that would best connect it to other communities, most peripheral first; no organization is suggested to more than two of them.",
                n(*with), n(*peripheral)
            ),
            (T::IntroductionsLead { peripheral, with }, Es) => format!(
                "Para {} de las {} organizaciones aisladas o periféricas, el vínculo nuevo que mejor la conectaría con otras comunidades, primero las más periféricas; ninguna organización se sugiere a más de dos de ellas.",
                n(*with), n(*peripheral)
            ),
            (T::IntroducedBy { names }, En) => format!("Who can introduce them: {names}."),
            (T::IntroducedBy { names }, Es) => format!("Quién puede presentarlas: {names}."),
            (T::DegreeHeading, En) => "How many ties organizations have".into(),
            (T::DegreeHeading, Es) => "Cuántos vínculos tienen las organizaciones".into(),
            (T::DegreeCaption { median, max }, En) => format!(
                "Organizations by their number of ties (partners). Half of them have {} or fewer; the best connected has {}.",
                n(*median), n(*max)
            ),
            (T::DegreeCaption { median, max }, Es) => format!(
                "Organizaciones según su número de vínculos (aliadas). La mitad tiene {} o menos; la mejor conectada tiene {}.",
                n(*median), n(*max)
            ),
            (T::DegreeAxis, En) => "ties".into(),
            (T::DegreeAxis, Es) => "vínculos".into(),
            (T::OrganizationsAxis, En) => "organizations".into(),
            (T::OrganizationsAxis, Es) => "organizaciones".into(),
            (T::Definitions, En) => "What each figure means".into(),
            (T::Definitions, Es) => "Qué significa cada cifra".into(),
            (T::HowMade, En) => "How this report was made".into(),
            (T::HowMade, Es) => "Cómo se hizo este informe".into(),
            (T::HowMadeText, En) => "Every figure, list and picture here is computed by Puentes from the ties the organizations reported; the same numbers come from “puentes summary”, “puentes gaps” and the API (/api/v1/summary, /api/v1/gaps). Exact locations and contacts are never part of this report.".into(),
            (T::HowMadeText, Es) => "Cada cifra, lista e imagen de este informe la calcula Puentes a partir de los vínculos que informaron las organizaciones; los mismos números salen de “puentes summary”, “puentes gaps” y la API (/api/v1/summary, /api/v1/gaps). Las ubicaciones exactas y los contactos nunca forman parte de este informe.".into(),
            (T::ColumnOrganization, En) => "Organization".into(),
            (T::ColumnOrganization, Es) => "Organización".into(),
            (T::ColumnMembership, En) => "Partner or ally".into(),
            (T::ColumnMembership, Es) => "Socia o aliada".into(),
            (T::ColumnWhy, En) => "Why".into(),
            (T::ColumnWhy, Es) => "Por qué".into(),
            (T::ColumnScore, En) => "Score".into(),
            (T::ColumnScore, Es) => "Puntuación".into(),
            (T::ColumnShared, En) => "Shared partners".into(),
            (T::ColumnShared, Es) => "Aliadas en común".into(),
            (T::ColumnIntroducer, En) => "Who can introduce them".into(),
            (T::ColumnIntroducer, Es) => "Quién puede presentarlas".into(),
            (T::ColumnFigure, En) => "Figure".into(),
            (T::ColumnFigure, Es) => "Cifra".into(),
            (T::ColumnValue, En) => "Value".into(),
            (T::ColumnValue, Es) => "Valor".into(),
            (T::Partner, En) => "portfolio partner".into(),
            (T::Partner, Es) => "socia del portafolio".into(),
            (T::Ally, En) => "external ally".into(),
            (T::Ally, Es) => "aliada externa".into(),
            (T::Reason { code }, En) => match *code {
                "isolated" => "no tie",
                "pendant" => "a single tie",
                "low_coreness" => "partners not tied to each other",
                "low_closeness" => "far from the others",
                other => other,
            }
            .into(),
            (T::Reason { code }, Es) => match *code {
                "isolated" => "sin vínculos",
                "pendant" => "un solo vínculo",
                "low_coreness" => "aliadas no vinculadas entre sí",
                "low_closeness" => "lejos de las demás",
                other => other,
            }
            .into(),
            (T::SuggestionsFor { org, scored }, En) => format!(
                "Whom {org} could work with next ({} candidates scored), best first:",
                n(*scored)
            ),
            (T::SuggestionsFor { org, scored }, Es) => format!(
                "Con quién podría trabajar {org} (se puntuaron {} candidatas), primero la mejor:",
                n(*scored)
            ),
            (T::SummaryHeading, En) => "The whole network in figures".into(),
            (T::SummaryHeading, Es) => "La red completa en cifras".into(),
            (T::PdfNeedsChromium { tried }, En) => format!(
                "--format pdf prints the report with headless Chromium, and none was found (looked for: {tried}). Install it (Debian: apt-get install chromium), set PUENTES_CHROMIUM to its path, or write --format html and print that file from any browser."
            ),
            (T::PdfNeedsChromium { tried }, Es) => format!(
                "--format pdf imprime el informe con Chromium sin interfaz, y no se encontró ninguno (se buscó: {tried}). Instálelo (Debian: apt-get install chromium), indique su ruta en PUENTES_CHROMIUM, o escriba --format html e imprima ese archivo desde cualquier navegador."
            ),
            (T::PdfFailed { detail }, En) => format!("Chromium did not print the report as PDF: {detail}"),
            (T::PdfFailed { detail }, Es) => format!("Chromium no imprimió el informe en PDF: {detail}"),
            (T::Wrote { path, bytes }, En) => format!("Wrote the report to {path} ({} bytes).", n(*bytes)),
            (T::Wrote { path, bytes }, Es) => format!("Informe escrito en {path} ({} bytes).", n(*bytes)),
        }
    }

    /// One example of every text, for the catalogue test.
    pub fn examples() -> Vec<ReportText<'static>> {
        use ReportText as T;
        vec![
            T::Title,
            T::Made {
                date: "2026-12-06",
                source: "ties.csv",
                revision: 3,
            },
            T::AsOf { year: 2020 },
            T::ConfirmedOnly,
            T::KeyFigures,
            T::MapHeading,
            T::MapCaption,
            T::Findings,
            T::PeripheralHeading { total: 20 },
            T::CutPointsHeading { total: 4 },
            T::BridgesHeading { total: 6 },
            T::CommunityGapsHeading,
            T::HeatMapCaption {
                shown: 10,
                total: 12,
            },
            T::OtherCommunities,
            T::ServicesHeading { total: 2 },
            T::InwardHeading { total: 5 },
            T::NoneFound,
            T::MoreInFullList { more: 1_200 },
            T::Introductions,
            T::IntroductionsLead {
                peripheral: 20,
                with: 18,
            },
            T::IntroducedBy { names: "Casa Alba" },
            T::DegreeHeading,
            T::DegreeCaption { median: 4, max: 21 },
            T::DegreeAxis,
            T::OrganizationsAxis,
            T::Definitions,
            T::HowMade,
            T::HowMadeText,
            T::ColumnOrganization,
            T::ColumnMembership,
            T::ColumnWhy,
            T::ColumnScore,
            T::ColumnShared,
            T::ColumnIntroducer,
            T::ColumnFigure,
            T::ColumnValue,
            T::Partner,
            T::Ally,
            T::Reason { code: "pendant" },
            T::SuggestionsFor {
                org: "Casa Alba",
                scored: 40,
            },
            T::SummaryHeading,
            T::PdfNeedsChromium { tried: "chromium" },
            T::PdfFailed { detail: "exit 1" },
            T::Wrote {
                path: "report.html",
                bytes: 1_000,
            },
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_and_figure_speaks_both_languages() {
        for t in ReportText::examples() {
            let (en, es) = (t.render(Lang::En), t.render(Lang::Es));
            assert!(!en.is_empty() && !es.is_empty(), "{t:?}");
            // Words that read the same in both (a heading "Puentes") are not expected here.
            assert_ne!(en, es, "{t:?}");
        }
        for f in Figure::ALL {
            assert_ne!(f.name(Lang::En), f.name(Lang::Es), "{f:?}");
            assert_ne!(f.definition(Lang::En), f.definition(Lang::Es), "{f:?}");
        }
        assert_eq!(
            ReportText::Reason { code: "pendant" }.render(Lang::Es),
            "un solo vínculo"
        );
        assert_eq!(
            ReportText::MoreInFullList { more: 1_200 }.render(Lang::Es),
            "…y 1.200 más: la lista completa está en “puentes gaps” y /api/v1/gaps."
        );
    }
}
