//! The fixed words of the planners' page ([`Label`]), served by `GET /api/v1/messages`: one
//! line per label with its key, its English and its Spanish text. New labels go as one block
//! at the end of the list.

use crate::i18n::Lang;

macro_rules! labels {
    ($($(#[$meta:meta])* $label:ident = $key:literal => ($en:literal, $es:literal)),+ $(,)?) => {
        /// A fixed word or phrase of the planners' page.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Label {
            $($(#[$meta])* $label),+
        }

        impl Label {
            /// Every label, in declaration order.
            pub const ALL: &'static [Label] = &[$(Label::$label),+];

            /// The key the page looks it up by.
            pub fn key(self) -> &'static str {
                match self { $(Label::$label => $key),+ }
            }

            /// The text in `lang`.
            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Label::$label, Lang::En) => $en, (Label::$label, Lang::Es) => $es),+
                }
            }
        }
    };
}

labels! {
    /// Under the page title.
    Lead = "lead" => (
        "The collaboration network of organizations that accompany migrants, refugees and displaced people.",
        "La red de colaboración de las organizaciones que acompañan a personas migrantes, refugiadas y desplazadas."
    ),
    /// While the data loads.
    Loading = "loading" => ("Loading…", "Cargando…"),
    /// Card: organizations.
    CardOrganizations = "card_organizations" => ("organizations", "organizaciones"),
    /// Card: portfolio partners.
    CardPartners = "card_partners" => ("partners", "organizaciones socias"),
    /// Card: people served by partners.
    CardPeopleServed = "card_people_served" => ("people served by partners", "personas atendidas por las socias"),
    /// Card: ties.
    CardTies = "card_ties" => ("ties (collapsed pairs)", "vínculos (pares de organizaciones)"),
    /// Card: connected components.
    CardComponents = "card_components" => ("components", "componentes"),
    /// Card: cut points.
    CardCutPoints = "card_cut_points" => ("cut points", "puntos de corte"),
    /// Heading: cut points.
    HeadingCutPoints = "heading_cut_points" => ("Who holds the network together", "Quién mantiene unida la red"),
    /// Heading: peripheral organizations.
    HeadingPeripheral = "heading_peripheral" => ("Isolated and peripheral organizations", "Organizaciones aisladas y periféricas"),
    /// Heading: inward-looking organizations.
    HeadingInwardLooking = "heading_inward_looking" => (
        "Organizations whose ties all stay inside their community",
        "Organizaciones cuyos vínculos no salen de su comunidad"
    ),
    /// Heading: services out of reach.
    HeadingServices = "heading_services" => ("Services out of reach", "Servicios fuera de alcance"),
    /// Heading: least connected community pairs.
    HeadingCommunityPairs = "heading_community_pairs" => (
        "Communities that do not talk to each other",
        "Comunidades con pocos vínculos entre sí"
    ),
    /// An empty list.
    NoneFound = "none_found" => ("None found.", "No se encontró ninguno."),
    /// The page could not load its data.
    LoadFailed = "load_failed" => ("Could not load the network:", "No se pudo cargar la red:"),
    /// Footer, before the links.
    FooterIntro = "footer_intro" => ("Everything here comes from the API:", "Todo lo que se ve aquí viene de la API:"),
    /// Footer link: the API explorer.
    LinkExplorer = "link_explorer" => ("explorer", "explorador"),
    /// Footer link: the gap report.
    LinkGaps = "link_gaps" => ("gaps", "brechas"),
    /// Footer link: the metrics table.
    LinkMetrics = "link_metrics" => ("metrics (CSV)", "métricas (CSV)"),
    /// Footer, before the export links.
    ExportsAs = "exports_as" => ("exports as", "exportaciones en"),
    /// Map: title of the overview.
    MapTitle = "map_title" => ("Network map", "Mapa de la red"),
    /// Map: the overview of a large network draws communities.
    MapCommunityOverview = "map_community_overview" => ("One circle per community", "Un círculo por comunidad"),
    /// Map: the overview draws organizations.
    MapOrganizationOverview = "map_organization_overview" => ("One circle per organization", "Un círculo por organización"),
    /// Map: title of a community view, before its label.
    MapCommunity = "map_community" => ("Community", "Comunidad"),
    /// Map: title of an ego view, before the organization's name.
    MapNeighbourhood = "map_neighbourhood" => ("Neighbourhood of", "Entorno de"),
    /// Map: ego view of radius 1.
    MapWithinOneTie = "map_within_one_tie" => ("Organizations within one tie", "Organizaciones a un vínculo"),
    /// Map: ego view of radius 2.
    MapWithinTwoTies = "map_within_two_ties" => ("Organizations within two ties", "Organizaciones a uno o dos vínculos"),
    /// Map: an ego view with more organizations than are drawn.
    MapCapped = "map_capped" => ("only the closest are drawn", "solo se dibujan las más cercanas"),
    /// Map legend: colours.
    MapColourCommunity = "map_colour_community" => ("Colour: community", "Color: comunidad"),
    /// Map legend: organization sizes.
    MapSizeTies = "map_size_ties" => ("Size: number of ties", "Tamaño: número de vínculos"),
    /// Map legend: community sizes.
    MapSizeMembers = "map_size_members" => ("Size: number of organizations", "Tamaño: número de organizaciones"),
    /// Map legend: isolated organizations.
    MapIsolated = "map_isolated" => ("Isolated: no tie", "Aislada: sin vínculos"),
    /// Map legend: peripheral organizations.
    MapPeripheral = "map_peripheral" => ("Peripheral", "Periférica"),
    /// Map legend: cut points.
    MapCutPoint = "map_cut_point" => (
        "Cut point: others depend on it to stay connected",
        "Punto de corte: otras dependen de ella para seguir conectadas"
    ),
    /// Map legend: bridges.
    MapBridge = "map_bridge" => ("Bridge: the only tie between two parts", "Puente: el único vínculo entre dos partes"),
    /// Map legend: inward-looking organizations.
    MapInwardLooking = "map_inward_looking" => ("Ties only inside its community", "Vínculos solo dentro de su comunidad"),
    /// Map legend: the communities drawn in grey.
    MapOtherCommunities = "map_other_communities" => ("Other communities", "Otras comunidades"),
    /// Map legend: what positions mean.
    MapPositions = "map_positions" => ("Positions show ties, not geography", "Las posiciones muestran vínculos, no geografía"),
    /// Map: the word for ties in counts.
    MapTies = "map_ties" => ("ties", "vínculos"),
    /// Map: the word for communities in counts.
    MapCommunities = "map_communities" => ("communities", "comunidades"),
    /// Page: the language switch.
    PageLanguage = "page_language" => ("Language", "Idioma"),
    /// Page: back to the whole network.
    PageOverview = "page_overview" => ("Whole network", "Toda la red"),
    /// Page: the search box.
    PageSearch = "page_search" => ("Search an organization…", "Buscar una organización…"),
    /// Page: the search found nothing.
    PageSearchNone = "page_search_none" => ("No organization matches.", "Ninguna organización coincide."),
    /// Page: the colour selector.
    PageColour = "page_colour" => ("Colour", "Color"),
    /// Page: the size selector.
    PageSize = "page_size" => ("Size", "Tamaño"),
    /// Page: colour or filter by country.
    PageCountry = "page_country" => ("Country", "País"),
    /// Page: colour or filter by corridor.
    PageCorridor = "page_corridor" => ("Corridor", "Corredor"),
    /// Page: filter by service.
    PageService = "page_service" => ("Service", "Servicio"),
    /// Page: filter partners or allies.
    PagePartnerOrAlly = "page_partner_or_ally" => ("Partners and allies", "Socias y aliadas"),
    /// Page: portfolio partners (filter option and panel).
    PagePartner = "page_partner" => ("Portfolio partner", "Organización socia"),
    /// Page: external allies (filter option and panel).
    PageAlly = "page_ally" => ("External ally", "Aliada externa"),
    /// Page: the filters' heading.
    PageFilters = "page_filters" => ("Filters", "Filtros"),
    /// Page: a filter that keeps everything.
    PageAll = "page_all" => ("All", "Todas"),
    /// Page: clears the filters.
    PageClearFilters = "page_clear_filters" => ("Clear filters", "Quitar filtros"),
    /// Page: a missing country or corridor.
    PageUnknown = "page_unknown" => ("unknown", "desconocido"),
    /// Page: how many organizations the filters keep.
    PageShown = "page_shown" => ("{shown} of {total} organizations match the filters", "{shown} de {total} organizaciones cumplen los filtros"),
    /// Page: the findings' heading.
    PageFindings = "page_findings" => ("Findings", "Hallazgos"),
    /// Page: highlight cut points and bridges.
    PageCutsToggle = "page_cuts_toggle" => ("Cut points and bridges", "Puntos de corte y puentes"),
    /// Page: highlight organizations lacking a service.
    PageGapsToggle = "page_gaps_toggle" => (
        "Organizations that cannot reach a service within two ties",
        "Organizaciones que no alcanzan un servicio a dos vínculos o menos"
    ),
    /// Page: how many of those the gap report lists.
    PageGapsListed = "page_gaps_listed" => (
        "{shown} of the {total} organizations lacking it are listed by the gap report (at most 25 per service).",
        "El informe de brechas lista {shown} de las {total} organizaciones que no lo alcanzan (como máximo 25 por servicio)."
    ),
    /// Page: draw suggested ties.
    PageSuggestionsToggle = "page_suggestions_toggle" => ("Suggested ties (dashed)", "Vínculos sugeridos (discontinuos)"),
    /// Page: suggestions that join communities.
    PageSuggestBridge = "page_suggest_bridge" => ("to reach other communities", "para llegar a otras comunidades"),
    /// Page: suggestions that bring services.
    PageSuggestServices = "page_suggest_services" => ("to reach missing services", "para llegar a servicios que faltan"),
    /// Page: how many suggested ties are drawn.
    PageSuggestionsShown = "page_suggestions_shown" => ("{shown} of {total} suggested ties are in this view.", "{shown} de {total} vínculos sugeridos están en esta vista."),
    /// Page: the count of highlighted organizations.
    PageHighlighted = "page_highlighted" => ("highlighted", "resaltadas"),
    /// Page: findings are shown on organizations, not communities.
    PageFindingsNeedOrganizations = "page_findings_need_organizations" => (
        "Open a community to see these findings on its organizations.",
        "Abra una comunidad para ver estos hallazgos en sus organizaciones."
    ),
    /// Page: how to drill down.
    PageDrillHint = "page_drill_hint" => ("Click a community to see its organizations.", "Haga clic en una comunidad para ver sus organizaciones."),
    /// Page: zoom in.
    PageZoomIn = "page_zoom_in" => ("Zoom in", "Acercar"),
    /// Page: zoom out.
    PageZoomOut = "page_zoom_out" => ("Zoom out", "Alejar"),
    /// Page: fit the map to the screen.
    PageZoomFit = "page_zoom_fit" => ("Fit to screen", "Ajustar a la pantalla"),
    /// Page: download the view as SVG.
    PageDownloadSvg = "page_download_svg" => ("Download SVG", "Descargar SVG"),
    /// Page: download the view as PNG.
    PageDownloadPng = "page_download_png" => ("Download PNG", "Descargar PNG"),
    /// Page: copy a link to the view.
    PageCopyLink = "page_copy_link" => ("Copy link to this view", "Copiar enlace a esta vista"),
    /// Page: the link was copied.
    PageLinkCopied = "page_link_copied" => ("Link copied", "Enlace copiado"),
    /// Page: the legend's heading.
    PageLegend = "page_legend" => ("Legend", "Leyenda"),
    /// Page: a suggested tie in the legend.
    PageSuggestedTie = "page_suggested_tie" => ("Suggested tie", "Vínculo sugerido"),
    /// Page: the low end of a metric's colour scale.
    PageLow = "page_low" => ("low", "bajo"),
    /// Page: the high end of a metric's colour scale.
    PageHigh = "page_high" => ("high", "alto"),
    /// Page: closes the side panel.
    PageClose = "page_close" => ("Close", "Cerrar"),
    /// Page: shows an organization's neighbourhood (ego view).
    PageEgo = "page_ego" => ("Show its neighbourhood", "Ver su entorno"),
    /// Page: an ego view two ties deep.
    PageEgoTwo = "page_ego_two" => ("Within two ties", "A dos vínculos"),
    /// Page: drills into a community.
    PageOpenCommunity = "page_open_community" => ("Open this community", "Abrir esta comunidad"),
    /// Page: services an organization offers.
    PageServicesOffered = "page_services_offered" => ("Services offered", "Servicios que ofrece"),
    /// Page: the profile sentences.
    PageInPlainWords = "page_in_plain_words" => ("In plain words", "En pocas palabras"),
    /// Page: the metrics table.
    PageMetrics = "page_metrics" => ("Metrics", "Métricas"),
    /// Page: the brokerage roles.
    PageRoles = "page_roles" => ("Brokerage roles (Gould–Fernandez)", "Roles de intermediación (Gould–Fernandez)"),
    /// Page: the suggested partners.
    PageSuggestions = "page_suggestions" => ("Suggested new ties", "Nuevos vínculos sugeridos"),
    /// Page: who can introduce two organizations.
    PageIntroducers = "page_introducers" => ("Who can introduce you:", "Quién puede presentarlas:"),
    /// Page: what a cut point cuts off.
    PageCutsOff = "page_cuts_off" => (
        "Without it, these organizations lose every path to the rest:",
        "Sin ella, estas organizaciones pierden todo camino hacia el resto:"
    ),
    /// Page: more names than are listed.
    PageMore = "page_more" => ("and {n} more", "y {n} más"),
    /// Page: the size of the smaller side of a bridge.
    PageBridgeSide = "page_bridge_side" => (
        "{n} organizations are on its smaller side.",
        "{n} organizaciones quedan de su lado más pequeño."
    ),
    /// Page: the best new tie of a peripheral organization.
    PageBestTieFor = "page_best_tie_for" => ("Best new tie for", "Mejor vínculo nuevo para"),
    /// Page: an organization's members count in a community panel.
    PageMembers = "page_members" => ("Organizations in it", "Organizaciones que la forman"),
    /// Metric: degree.
    MetricDegree = "metric_degree" => ("Ties (degree)", "Vínculos (grado)"),
    /// Metric: strength.
    MetricStrength = "metric_strength" => ("Sum of tie strengths", "Suma de intensidades de los vínculos"),
    /// Metric: betweenness.
    MetricBetweenness = "metric_betweenness" => ("Betweenness", "Intermediación"),
    /// Metric: closeness.
    MetricCloseness = "metric_closeness" => ("Closeness", "Cercanía"),
    /// Metric: harmonic closeness.
    MetricHarmonic = "metric_harmonic" => ("Harmonic closeness", "Cercanía armónica"),
    /// Metric: eigenvector centrality.
    MetricEigenvector = "metric_eigenvector" => ("Eigenvector centrality", "Centralidad de vector propio"),
    /// Metric: PageRank.
    MetricPagerank = "metric_pagerank" => ("PageRank (influence)", "PageRank (influencia)"),
    /// Metric: core number.
    MetricCoreNumber = "metric_core_number" => ("Core number (k-core)", "Número de núcleo (k-core)"),
    /// Metric: clustering coefficient.
    MetricClustering = "metric_clustering" => ("Clustering coefficient", "Coeficiente de agrupamiento"),
    /// Metric: Burt's constraint.
    MetricConstraint = "metric_constraint" => ("Constraint (Burt)", "Restricción (Burt)"),
    /// Metric: Burt's effective size.
    MetricEffectiveSize = "metric_effective_size" => ("Effective size (Burt)", "Tamaño efectivo (Burt)"),
    /// Metric: Burt's efficiency.
    MetricEfficiency = "metric_efficiency" => ("Efficiency (Burt)", "Eficiencia (Burt)"),
    /// Metric: Burt's hierarchy.
    MetricHierarchy = "metric_hierarchy" => ("Hierarchy (Burt)", "Jerarquía (Burt)"),
    /// Brokerage role: coordinator.
    RoleCoordinator = "role_coordinator" => ("coordinator", "coordinador"),
    /// Brokerage role: gatekeeper.
    RoleGatekeeper = "role_gatekeeper" => ("gatekeeper", "guardián"),
    /// Brokerage role: representative.
    RoleRepresentative = "role_representative" => ("representative", "representante"),
    /// Brokerage role: liaison.
    RoleLiaison = "role_liaison" => ("liaison", "enlace"),
    /// Brokerage role: itinerant.
    RoleItinerant = "role_itinerant" => ("itinerant", "itinerante"),
    /// Admin: the button that opens the Admin panel.
    Admin = "admin" => ("Admin", "Administración"),
    /// Admin: the panel's title.
    AdminTitle = "admin_title" => ("Names to decide", "Nombres por decidir"),
    /// Admin: the token field.
    AdminToken = "admin_token" => ("Admin token", "Token de administración"),
    /// Admin: where the token is kept.
    AdminTokenNote = "admin_token_note" => (
        "The token stays in this page while it is open: it is never saved, nor put in the link.",
        "El token se queda en esta página mientras está abierta: nunca se guarda ni se pone en el enlace."
    ),
    /// Admin: show the pending names.
    AdminLoad = "admin_load" => ("Show the names", "Ver los nombres"),
    /// Admin: no survey imported yet.
    AdminNoneImported = "admin_none_imported" => ("No survey has been imported yet.", "Todavía no se ha importado ninguna encuesta."),
    /// Admin: the last survey left nothing to decide.
    AdminNothingPending = "admin_nothing_pending" => ("No name of the last survey waits for a decision.", "Ningún nombre de la última encuesta espera una decisión."),
    /// Admin: the wave and how many names wait.
    AdminWave = "admin_wave" => (
        "Survey {year} ({file}). Names waiting for a decision: {n}. Choose what each one is, or leave it for later.",
        "Encuesta {year} ({file}). Nombres que esperan una decisión: {n}. Elija qué es cada uno, o déjelo para después."
    ),
    /// Admin: who wrote a name, on which lines of the export.
    AdminWrittenBy = "admin_written_by" => ("Written by {who} (lines {lines})", "Escrito por {who} (líneas {lines})"),
    /// Admin: leave a name for later.
    AdminUndecided = "admin_undecided" => ("Decide later", "Decidir después"),
    /// Admin: a candidate organization, with its similarity.
    AdminCandidate = "admin_candidate" => ("It is {name} ({id}), similarity {score}", "Es {name} ({id}), similitud {score}"),
    /// Admin: the name is a new organization.
    AdminNew = "admin_new" => ("It is a new organization", "Es una organización nueva"),
    /// Admin: the name is skipped.
    AdminSkip = "admin_skip" => ("Skip it (not an organization, or not a collaboration)", "Omitirlo (no es una organización, o no es una colaboración)"),
    /// Admin: save the decisions.
    AdminSave = "admin_save" => ("Save the decisions", "Guardar las decisiones"),
    /// Admin: nothing was chosen.
    AdminNoDecision = "admin_no_decision" => ("Choose what at least one name is.", "Elija qué es al menos un nombre."),
    /// Admin: the decisions were saved.
    AdminSaved = "admin_saved" => (
        "Decisions saved (the next waves read them too): {n}. Names still waiting: {review}.",
        "Decisiones guardadas (las próximas olas también las leen): {n}. Nombres que siguen esperando: {review}."
    ),
    /// Admin: the decisions were refused.
    AdminRefused = "admin_refused" => ("Nothing was saved:", "No se guardó nada:"),
    /// Page: a filter that keeps everything, for a masculine noun (país, corredor, servicio).
    PageAllMasculine = "page_all_masculine" => ("All", "Todos"),
    /// Page: the count of cut points and bridges highlighted.
    PageCutsCount = "page_cuts_count" => ("{cuts} cut points, {bridges} bridges", "{cuts} puntos de corte, {bridges} puentes"),
    /// Page: a profile on a network without service data.
    PageNoServiceData = "page_no_service_data" => (
        "This network has no service data.",
        "Esta red no tiene datos de servicios."
    ),
    /// Page: the heading of the short guide to the map.
    PageHowToRead = "page_how_to_read" => ("How to read this map", "Cómo leer este mapa"),
    /// Page: what a circle is.
    PageHowCircle = "page_how_circle" => (
        "Each circle is an organization; a bigger circle has more ties.",
        "Cada círculo es una organización; un círculo más grande tiene más vínculos."
    ),
    /// Page: what a line is.
    PageHowTie = "page_how_tie" => (
        "Each line is a tie: the two organizations work together (case referrals, joint projects, coalitions, training…).",
        "Cada línea es un vínculo: las dos organizaciones trabajan juntas (derivación de casos, proyectos conjuntos, coaliciones, capacitación…)."
    ),
    /// Page: what a colour is.
    PageHowCommunity = "page_how_community" => (
        "Each colour (and letter) is a community: organizations with more ties among themselves than with the rest. Positions show ties, not geography.",
        "Cada color (y letra) es una comunidad: organizaciones con más vínculos entre sí que con el resto. Las posiciones muestran vínculos, no geografía."
    ),
    /// Page: where to start.
    PageHowStart = "page_how_start" => (
        "Where to start: find your organization with the search box; turn on “Isolated and peripheral organizations” under Findings to see who is alone; read “Communities that do not talk to each other” below the map.",
        "Por dónde empezar: busque su organización en el buscador; active “Organizaciones aisladas y periféricas” en Hallazgos para ver quién está sola; lea “Comunidades con pocos vínculos entre sí” debajo del mapa."
    ),
    /// Page: the list alternative to the map.
    PageOrganizationList = "page_organization_list" => ("The organizations of this view as a table", "Las organizaciones de esta vista en una tabla"),
    /// Page: the map's name for screen readers and keyboard users.
    PageMapKeys = "page_map_keys" => (
        "Network map: Tab reaches it; arrow keys move between organizations, Enter opens one, Escape closes the panel.",
        "Mapa de la red: se llega con Tab; las flechas pasan de una organización a otra, Enter abre una, Escape cierra el panel."
    ),
    /// Page: the community pairs' explanation.
    PageCommunityPairsNone = "page_community_pairs_none" => (
        "Every pair of communities has about as many ties as expected.",
        "Cada par de comunidades tiene más o menos los vínculos esperados."
    ),
    /// Page: filter ties by kind.
    PageTieKind = "page_tie_kind" => ("Kind of tie", "Tipo de vínculo"),
    /// Page: filter ties by strength.
    PageMinStrength = "page_min_strength" => ("Tie strength", "Intensidad del vínculo"),
    /// Page: a strength of at least `n` (1 to 5).
    PageStrengthAtLeast = "page_strength_at_least" => ("{n} or more (of 5)", "{n} o más (de 5)"),
    /// Page: filter ties by a year they were active in.
    PageTieYear = "page_tie_year" => ("Ties active in", "Vínculos activos en"),
    /// Page: the name column of the table of organizations.
    PageColumnName = "page_column_name" => ("Name", "Nombre"),
    /// Page: the number of results of the search box.
    PageSearchResults = "page_search_results" => ("{n} organizations match", "{n} organizaciones coinciden"),
    /// Map and download: when a drawing was made, and from what.
    MapDrawnFrom = "map_drawn_from" => (
        "Drawn {date} from {source}, revision {revision}",
        "Dibujado el {date} a partir de {source}, revisión {revision}"
    ),
    /// Map picture: how many names it writes.
    MapNamesShown = "map_names_shown" => (
        "{shown} of {total} names written where they fit; every name is on the page and in the exports.",
        "{shown} de {total} nombres escritos donde caben; todos los nombres están en la página y en las exportaciones."
    ),
    /// Map picture: its source when it is the store.
    MapSourceStore = "map_source_store" => ("the Puentes store", "el almacén de Puentes"),
    /// Page: the section on the network over time.
    PageTime = "page_time" => ("Over time", "A lo largo del tiempo"),
    /// Page: the year whose network is drawn.
    PageYear = "page_year" => ("Network of the year", "Red del año"),
    /// Page: no year chosen, the whole network.
    PageEveryYear = "page_every_year" => ("Every year (the whole network)", "Todos los años (la red completa)"),
    /// Page: the earlier year the drawing is compared with.
    PageCompareWith = "page_compare_with" => ("Compare with", "Comparar con"),
    /// Page: no comparison.
    PageNoComparison = "page_no_comparison" => ("No comparison", "Sin comparación"),
    /// Page: the key of the ties formed since the earlier year.
    PageTiesFormed = "page_ties_formed" => (
        "Ties formed between {from} and {to}: {n}",
        "Vínculos formados entre {from} y {to}: {n}"
    ),
    /// Page: the key of the ties that ended.
    PageTiesEnded = "page_ties_ended" => (
        "Ties that ended between {from} and {to}: {n}",
        "Vínculos que terminaron entre {from} y {to}: {n}"
    ),
    /// Page: the key of the organizations whose findings changed.
    PageFindingChanged = "page_finding_changed" => (
        "Organizations whose situation changed (isolated, peripheral, cut point, joined): {n}",
        "Organizaciones cuya situación cambió (aislada, periférica, punto de corte, nueva): {n}"
    ),
    /// Page: the compare view needs organizations drawn.
    PageCompareNeedsOrganizations = "page_compare_needs_organizations" => (
        "Open a community to see the ties formed and ended drawn on the map.",
        "Abra una comunidad para ver en el mapa los vínculos formados y terminados."
    ),
    /// Page: the small charts of the whole-network figures, one per figure.
    PageTimeline = "page_timeline" => ("Year by year", "Año por año"),
    /// Page: what the small charts let one do.
    PageTimelineHint = "page_timeline_hint" => (
        "One small chart per figure; choose a year to draw its network.",
        "Un gráfico pequeño por cifra; elija un año para dibujar su red."
    ),
    /// Page: the panel's changes of one organization between two years.
    PageOrganizationChanges = "page_organization_changes" => ("Since {from}", "Desde {from}"),
    /// Page: an organization's ties formed since the earlier year.
    PageOrganizationFormed = "page_organization_formed" => ("New ties ({n}):", "Vínculos nuevos ({n}):"),
    /// Page: an organization's ties that ended.
    PageOrganizationEnded = "page_organization_ended" => ("Ties that ended ({n}):", "Vínculos que terminaron ({n}):"),
    /// Page: an organization with no change of ties.
    PageOrganizationNoChange = "page_organization_no_change" => (
        "No tie formed or ended.",
        "Ningún vínculo se formó ni terminó."
    ),
    /// Page: the link to the printable report for planners (GET /api/v1/report).
    PageReport = "page_report" => ("Report for planners (print or PDF)", "Informe para planificar (imprimir o PDF)"),
}
