//! The catalogue's notices: what the CLI says while and after it works (progress, "wrote …",
//! "imported …"), in English and Spanish side by side. Errors are [`super::Refusal`]s.
//!
//! As everywhere in the catalogue, [`Notice::render`] matches on `(notice, language)` with no
//! catch-all arm, so a notice without a sentence in one language does not compile.

use crate::i18n::Lang;

/// A line the CLI prints that is not an error.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// A token variable or file that is set but empty.
    EmptyToken {
        /// The variable or file.
        name: String,
    },
    /// An empty store was filled with the fixture.
    FixtureLoaded {
        /// Organizations loaded.
        orgs: usize,
        /// Ties loaded.
        ties: usize,
    },
    /// No admin token: the server is read-only.
    ReadOnly,
    /// `--max-connections` is more than the open-file limit leaves room for.
    ConnectionsAboveFileLimit {
        /// `--max-connections`.
        max_connections: usize,
        /// The soft `RLIMIT_NOFILE`.
        limit: u64,
        /// The most connections that fit under it.
        fits: u64,
    },
    /// Pages from these origins may call the API.
    Cors {
        /// The origins.
        origins: String,
    },
    /// The server listens at `addr`.
    Serving {
        /// The address.
        addr: String,
    },
    /// Reading a file (progress).
    Reading {
        /// The file.
        path: String,
    },
    /// Validating (progress).
    Validating,
    /// Writing what was read (progress).
    Writing {
        /// What (an [`Notice::ImportSize`] sentence).
        what: String,
    },
    /// What an import holds.
    ImportSize {
        /// Organizations.
        orgs: usize,
        /// Ties.
        ties: usize,
        /// Repeated or mirrored lines merged.
        merged: usize,
        /// Self-loops skipped.
        self_loops: usize,
    },
    /// A dry run found nothing wrong.
    DryRunValid {
        /// What was read.
        what: String,
    },
    /// An import was written.
    Imported {
        /// What was written.
        what: String,
        /// The new revision.
        revision: u64,
    },
    /// The fixture was written.
    WroteFixture {
        /// Organizations.
        orgs: usize,
        /// Partners among them.
        partners: usize,
        /// Ties.
        ties: usize,
        /// Where.
        path: String,
        /// The seed.
        seed: u64,
    },
    /// A generated network was written.
    WroteGenerated {
        /// Organizations.
        orgs: usize,
        /// Ties.
        ties: usize,
        /// Where.
        path: String,
        /// The seed.
        seed: u64,
    },
    /// Computing metrics (progress).
    ComputingMetrics {
        /// Metrics and groups asked for.
        metrics: usize,
        /// Organizations.
        orgs: usize,
    },
    /// Metrics were written back to Neo4j.
    WroteMetrics {
        /// Metrics.
        metrics: usize,
        /// Organization nodes.
        nodes: usize,
        /// The revision.
        revision: u64,
    },
    /// A community partition was found.
    Communities {
        /// Communities.
        count: usize,
        /// Modularity.
        modularity: f64,
        /// The algorithm's name.
        algorithm: String,
        /// Resolution.
        resolution: f64,
        /// Seed.
        seed: u64,
    },
    /// Only part of a list was printed.
    Listed {
        /// Items printed.
        shown: usize,
        /// Items in all.
        total: usize,
        /// Which list.
        list: ListName,
    },
    /// Laying out the map (progress).
    LayingOut {
        /// Organizations.
        orgs: usize,
    },
    /// A picture of the map was written.
    WroteImage {
        /// Where.
        path: String,
        /// Its size.
        bytes: usize,
        /// Width in pixels.
        width: u32,
        /// Height in pixels.
        height: u32,
        /// The view.
        view: String,
        /// Nodes drawn.
        nodes: usize,
        /// Edges drawn.
        edges: usize,
        /// Labels drawn.
        labelled: usize,
    },
    /// How long the backtest took.
    BacktestRan {
        /// Seconds.
        seconds: f64,
    },
    /// A note on how a metric was computed.
    Note {
        /// The note, already worded.
        text: String,
    },
}

/// The words of `puentes backtest`'s tables (the numbers are formatted by the caller).
#[derive(Debug, Clone, PartialEq)]
pub enum BacktestText {
    /// The split, before the tables.
    Headline {
        /// Y.
        split_year: i32,
        /// h.
        horizon: i32,
        /// Training ties.
        training_ties: usize,
        /// Organizations present.
        present: usize,
        /// Of them without ties.
        isolated: usize,
        /// Organizations evaluated.
        evaluated: usize,
        /// Test pairs.
        test_pairs: usize,
        /// Of them at distance 2.
        distance_2: usize,
    },
    /// The main table's header row, with its cut-off `k`.
    Header {
        /// k.
        k: usize,
    },
    /// A scorer without input data.
    Inactive,
    /// The title and first column of the table by split.
    BySplit {
        /// k.
        k: usize,
    },
    /// The first column's header of the table by split.
    Split,
    /// Positives at distance 2.
    Distance2,
    /// Positives at distance 3 or more.
    Distance3Plus,
    /// Isolated or pendant organizations.
    IsolatedOrPendant,
    /// The other organizations.
    Other,
    /// The learned weights and where they were fitted.
    Learned {
        /// The tuning split's year.
        split_year: i32,
        /// Its horizon.
        horizon: i32,
        /// Organizations it used.
        organizations: usize,
        /// k.
        k: usize,
        /// Adamic–Adar's precision there, formatted.
        adamic_adar: String,
        /// The learned weights' precision there, formatted.
        learned: String,
        /// The weights (JSON).
        weights: String,
    },
}

impl BacktestText {
    /// The words in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        use BacktestText as B;
        use Lang::{En, Es};
        match (self, lang) {
            (
                B::Headline {
                    split_year,
                    horizon,
                    training_ties,
                    present,
                    isolated,
                    evaluated,
                    test_pairs,
                    distance_2,
                },
                En,
            ) => format!(
                "split year {split_year}, horizon {horizon}: {training_ties} training ties, \
                 {present} organizations present ({isolated} without ties), {evaluated} \
                 evaluated, {test_pairs} test pairs ({distance_2} at distance 2)"
            ),
            (
                B::Headline {
                    split_year,
                    horizon,
                    training_ties,
                    present,
                    isolated,
                    evaluated,
                    test_pairs,
                    distance_2,
                },
                Es,
            ) => format!(
                "año de corte {split_year}, horizonte {horizon}: {training_ties} vínculos de \
                 entrenamiento, {present} organizaciones presentes ({isolated} sin vínculos), \
                 {evaluated} evaluadas, {test_pairs} pares de prueba ({distance_2} a distancia 2)"
            ),
            (B::Header { k }, En) => {
                format!("| scorer | coverage | P@{k} | vs AA | hit@{k} | MRR | AUPR | AUC |")
            }
            (B::Header { k }, Es) => format!(
                "| puntuación | cobertura | P@{k} | frente a AA | acierto@{k} | MRR | AUPR | AUC |"
            ),
            (B::Inactive, En) => "inactive (no input data)".into(),
            (B::Inactive, Es) => "inactiva (sin datos de entrada)".into(),
            (B::BySplit { k }, En) => format!("P@{k} (organizations) by split"),
            (B::BySplit { k }, Es) => format!("P@{k} (organizaciones) por grupo"),
            (B::Split, En) => "split".into(),
            (B::Split, Es) => "grupo".into(),
            (B::Distance2, En) => "distance 2".into(),
            (B::Distance2, Es) => "distancia 2".into(),
            (B::Distance3Plus, En) => "distance ≥ 3".into(),
            (B::Distance3Plus, Es) => "distancia ≥ 3".into(),
            (B::IsolatedOrPendant, En) => "isolated or pendant".into(),
            (B::IsolatedOrPendant, Es) => "aisladas o colgantes".into(),
            (B::Other, En) => "other".into(),
            (B::Other, Es) => "las demás".into(),
            (
                B::Learned {
                    split_year,
                    horizon,
                    organizations,
                    k,
                    adamic_adar,
                    learned,
                    weights,
                },
                En,
            ) => format!(
                "learned weights (fitted on split {split_year} horizon {horizon}, {organizations} \
                 organizations; P@{k} there: Adamic–Adar {adamic_adar}, learned {learned}): \
                 {weights}"
            ),
            (
                B::Learned {
                    split_year,
                    horizon,
                    organizations,
                    k,
                    adamic_adar,
                    learned,
                    weights,
                },
                Es,
            ) => format!(
                "pesos aprendidos (ajustados en el corte {split_year} horizonte {horizon}, \
                 {organizations} organizaciones; P@{k} allí: Adamic–Adar {adamic_adar}, \
                 aprendidos {learned}): {weights}"
            ),
        }
    }
}

/// A list the CLI may print in part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListName {
    /// Peripheral organizations, most severe first.
    Peripheral,
    /// Correlations.
    Correlations,
}

impl Notice {
    /// The line in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        use Lang::{En, Es};
        use Notice as N;
        match (self, lang) {
            (N::EmptyToken { name }, En) => {
                format!("{name} is set but empty: it is treated as not set.")
            }
            (N::EmptyToken { name }, Es) => {
                format!("{name} está definido pero vacío: se trata como no definido.")
            }
            (N::FixtureLoaded { orgs, ties }, En) => format!(
                "Empty store: loaded the synthetic HIP-like fixture ({orgs} organizations, \
                 {ties} ties)."
            ),
            (N::FixtureLoaded { orgs, ties }, Es) => format!(
                "Almacén vacío: se cargó el conjunto sintético tipo HIP ({orgs} organizaciones, \
                 {ties} vínculos)."
            ),
            (
                N::ConnectionsAboveFileLimit {
                    max_connections,
                    limit,
                    fits,
                },
                En,
            ) => format!(
                "warning: --max-connections {max_connections} does not fit in this process's \
                 limit of {limit} open files (ulimit -n): past about {fits} connections new \
                 ones fail to open. Raise the limit (ulimit -n, LimitNOFILE=) or lower \
                 --max-connections."
            ),
            (
                N::ConnectionsAboveFileLimit {
                    max_connections,
                    limit,
                    fits,
                },
                Es,
            ) => format!(
                "aviso: --max-connections {max_connections} no cabe en el límite de {limit} \
                 archivos abiertos de este proceso (ulimit -n): a partir de unas {fits} \
                 conexiones las nuevas no se pueden abrir. Suba el límite (ulimit -n, \
                 LimitNOFILE=) o baje --max-connections."
            ),
            (N::ReadOnly, En) => {
                "PUENTES_ADMIN_TOKEN is not set: the server is read-only (writes answer 403)."
                    .into()
            }
            (N::ReadOnly, Es) => "PUENTES_ADMIN_TOKEN no está definido: el servidor es de solo \
                                  lectura (las escrituras responden 403)."
                .into(),
            (N::Cors { origins }, En) => format!("CORS: pages from {origins} may call this API."),
            (N::Cors { origins }, Es) => {
                format!("CORS: las páginas de {origins} pueden llamar a esta API.")
            }
            (N::Serving { addr }, En) => format!(
                "Puentes is serving on http://{addr}/  (API explorer: http://{addr}/api/v1/docs)"
            ),
            (N::Serving { addr }, Es) => format!(
                "Puentes atiende en http://{addr}/  (explorador de la API: \
                 http://{addr}/api/v1/docs)"
            ),
            (N::Reading { path }, En) => format!("reading {path}"),
            (N::Reading { path }, Es) => format!("leyendo {path}"),
            (N::Validating, En) => "validating".into(),
            (N::Validating, Es) => "validando".into(),
            (N::Writing { what }, En) => format!("writing {what}"),
            (N::Writing { what }, Es) => format!("escribiendo {what}"),
            (
                N::ImportSize {
                    orgs,
                    ties,
                    merged,
                    self_loops,
                },
                En,
            ) => {
                let mut line = format!("{orgs} organizations, {ties} ties");
                if merged + self_loops > 0 {
                    line.push_str(&format!(
                        " ({merged} repeated or mirrored lines merged, {self_loops} self-loops \
                         skipped)"
                    ));
                }
                line
            }
            (
                N::ImportSize {
                    orgs,
                    ties,
                    merged,
                    self_loops,
                },
                Es,
            ) => {
                let mut line = format!("{orgs} organizaciones, {ties} vínculos");
                if merged + self_loops > 0 {
                    line.push_str(&format!(
                        " ({merged} líneas repetidas o reflejadas fusionadas, {self_loops} \
                         lazos consigo mismas omitidos)"
                    ));
                }
                line
            }
            (N::DryRunValid { what }, En) => format!("Valid: {what}. Dry run: nothing written."),
            (N::DryRunValid { what }, Es) => {
                format!("Válido: {what}. Prueba en seco: no se escribió nada.")
            }
            (N::Imported { what, revision }, En) => {
                format!("Imported {what}; store revision is now {revision}.")
            }
            (N::Imported { what, revision }, Es) => {
                format!("Importado: {what}; el almacén está ahora en la revisión {revision}.")
            }
            (
                N::WroteFixture {
                    orgs,
                    partners,
                    ties,
                    path,
                    seed,
                },
                En,
            ) => format!(
                "Wrote {orgs} organizations ({partners} partners) and {ties} ties to {path} \
                 (seed {seed})."
            ),
            (
                N::WroteFixture {
                    orgs,
                    partners,
                    ties,
                    path,
                    seed,
                },
                Es,
            ) => format!(
                "Se escribieron {orgs} organizaciones ({partners} aliadas) y {ties} vínculos en \
                 {path} (semilla {seed})."
            ),
            (
                N::WroteGenerated {
                    orgs,
                    ties,
                    path,
                    seed,
                },
                En,
            ) => format!("Wrote {orgs} organizations and {ties} ties to {path} (seed {seed})."),
            (
                N::WroteGenerated {
                    orgs,
                    ties,
                    path,
                    seed,
                },
                Es,
            ) => format!(
                "Se escribieron {orgs} organizaciones y {ties} vínculos en {path} (semilla \
                 {seed})."
            ),
            (N::ComputingMetrics { metrics, orgs }, En) => {
                format!("computing {metrics} metrics for {orgs} organizations")
            }
            (N::ComputingMetrics { metrics, orgs }, Es) => {
                format!("calculando {metrics} métricas para {orgs} organizaciones")
            }
            (
                N::WroteMetrics {
                    metrics,
                    nodes,
                    revision,
                },
                En,
            ) => format!(
                "Wrote {metrics} metrics to {nodes} Organization nodes (puentes_* properties, \
                 revision {revision})."
            ),
            (
                N::WroteMetrics {
                    metrics,
                    nodes,
                    revision,
                },
                Es,
            ) => format!(
                "Se escribieron {metrics} métricas en {nodes} nodos Organization (propiedades \
                 puentes_*, revisión {revision})."
            ),
            (
                N::Communities {
                    count,
                    modularity,
                    algorithm,
                    resolution,
                    seed,
                },
                En,
            ) => format!(
                "{count} communities, modularity {} ({algorithm}, resolution {}, seed {seed})",
                lang.decimal(*modularity, 4),
                lang.plain(*resolution)
            ),
            (
                N::Communities {
                    count,
                    modularity,
                    algorithm,
                    resolution,
                    seed,
                },
                Es,
            ) => format!(
                "{count} comunidades, modularidad {} ({algorithm}, resolución {}, semilla \
                 {seed})",
                lang.decimal(*modularity, 4),
                lang.plain(*resolution)
            ),
            (N::Listed { shown, total, list }, En) => {
                let what = match list {
                    ListName::Peripheral => "peripheral organizations listed, most severe first",
                    ListName::Correlations => "correlations listed",
                };
                format!("{shown} of {total} {what} (--all lists every one).")
            }
            (N::Listed { shown, total, list }, Es) => {
                let what = match list {
                    ListName::Peripheral => {
                        "organizaciones periféricas listadas, las más graves primero"
                    }
                    ListName::Correlations => "correlaciones listadas",
                };
                format!("{shown} de {total} {what} (--all las lista todas).")
            }
            (N::LayingOut { orgs }, En) => format!("laying out {orgs} organizations"),
            (N::LayingOut { orgs }, Es) => format!("disponiendo {orgs} organizaciones"),
            (
                N::WroteImage {
                    path,
                    bytes,
                    width,
                    height,
                    view,
                    nodes,
                    edges,
                    labelled,
                },
                En,
            ) => format!(
                "Wrote {path} ({bytes} bytes): {width}×{height} px, view {view}, {nodes} nodes \
                 and {edges} edges drawn, {labelled} labelled."
            ),
            (
                N::WroteImage {
                    path,
                    bytes,
                    width,
                    height,
                    view,
                    nodes,
                    edges,
                    labelled,
                },
                Es,
            ) => format!(
                "Se escribió {path} ({bytes} bytes): {width}×{height} px, vista {view}, {nodes} \
                 nodos y {edges} aristas dibujados, {labelled} con etiqueta."
            ),
            (N::BacktestRan { seconds }, En) => {
                format!("backtest ran in {} s", lang.decimal(*seconds, 1))
            }
            (N::BacktestRan { seconds }, Es) => {
                format!(
                    "la evaluación histórica tardó {} s",
                    lang.decimal(*seconds, 1)
                )
            }
            (N::Note { text }, En) => format!("note: {text}"),
            (N::Note { text }, Es) => format!("nota: {text}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notices_speak_both_languages() {
        let notices = [
            Notice::ReadOnly,
            Notice::ConnectionsAboveFileLimit {
                max_connections: 1024,
                limit: 256,
                fits: 192,
            },
            Notice::FixtureLoaded {
                orgs: 120,
                ties: 287,
            },
            Notice::ImportSize {
                orgs: 3,
                ties: 2,
                merged: 1,
                self_loops: 1,
            },
            Notice::Communities {
                count: 7,
                modularity: 0.61234,
                algorithm: "louvain".into(),
                resolution: 1.5,
                seed: 42,
            },
            Notice::Listed {
                shown: 5,
                total: 20,
                list: ListName::Peripheral,
            },
        ];
        for n in &notices {
            let (en, es) = (n.render(Lang::En), n.render(Lang::Es));
            assert!(!en.is_empty() && !es.is_empty());
            assert_ne!(en, es, "{n:?}");
        }
        let words = [
            BacktestText::Header { k: 10 },
            BacktestText::Inactive,
            BacktestText::BySplit { k: 10 },
            BacktestText::Split,
            BacktestText::Distance2,
            BacktestText::Distance3Plus,
            BacktestText::IsolatedOrPendant,
            BacktestText::Other,
        ];
        for w in &words {
            assert_ne!(w.render(Lang::En), w.render(Lang::Es), "{w:?}");
        }
        assert_eq!(
            BacktestText::Header { k: 10 }.render(Lang::Es),
            "| puntuación | cobertura | P@10 | frente a AA | acierto@10 | MRR | AUPR | AUC |"
        );
        assert_eq!(
            notices[4].render(Lang::Es),
            "7 comunidades, modularidad 0,6123 (louvain, resolución 1,5, semilla 42)"
        );
    }
}
