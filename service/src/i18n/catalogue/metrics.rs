//! The catalogue's words for the metrics: each metric's definition with the convention it
//! follows (for citation), and the notes on how a column was computed, in English and
//! Spanish side by side. Formulas, function names and references are the same in both.

use crate::i18n::Lang;
use puentes_analysis::metrics::{Metric, MetricNote};

/// The definition of `m`, with the convention it follows (for citation).
pub fn metric_definition(m: Metric, lang: Lang) -> &'static str {
    use Lang::{En, Es};
    match (m, lang) {
        (Metric::Degree, En) => "Number of distinct organizations tied to this one (parallel ties of different kinds count once). NetworkX G.degree().",
        (Metric::Degree, Es) => "Número de organizaciones distintas vinculadas con esta (los vínculos paralelos de tipos distintos cuentan una vez). NetworkX G.degree().",
        (Metric::Strength, En) => "Sum over partners of the collapsed tie weight w_uv = sum of the strengths (1-5) of the ties joining the pair. NetworkX G.degree(weight='weight').",
        (Metric::Strength, Es) => "Suma sobre las aliadas del peso del vínculo agregado w_uv = suma de las fuerzas (1-5) de los vínculos que unen al par. NetworkX G.degree(weight='weight').",
        (Metric::Betweenness, En) => "Brandes (2001) betweenness: sum over pairs s!=t of the share of shortest s-t paths through v, normalized by 2/((n-1)(n-2)). NetworkX betweenness_centrality(normalized=True, endpoints=False). Above 5,000 organizations: estimated from 500 seeded random sources (Brandes & Pich 2007), rescaled as NetworkX does with k.",
        (Metric::Betweenness, Es) => "Intermediación de Brandes (2001): suma sobre los pares s!=t de la proporción de caminos más cortos s-t que pasan por v, normalizada por 2/((n-1)(n-2)). NetworkX betweenness_centrality(normalized=True, endpoints=False). Por encima de 5.000 organizaciones: estimada desde 500 fuentes aleatorias con semilla (Brandes & Pich 2007), reescalada como hace NetworkX con k.",
        (Metric::Closeness, En) => "(r-1)/sum of distances to the r-1 reachable organizations, times (r-1)/(n-1) (Wasserman & Faust), exact at every size (bit-parallel breadth-first search from all organizations, Then et al. 2014). NetworkX closeness_centrality(wf_improved=True); igraph closeness() on a connected network.",
        (Metric::Closeness, Es) => "(r-1)/suma de las distancias a las r-1 organizaciones alcanzables, por (r-1)/(n-1) (Wasserman & Faust), exacta a cualquier tamaño (búsqueda en anchura en paralelo de bits desde todas las organizaciones, Then et al. 2014). NetworkX closeness_centrality(wf_improved=True); igraph closeness() en una red conexa.",
        (Metric::Harmonic, En) => "Sum over other organizations of 1/distance (0 when unreachable), not normalized, exact at every size (the exact sum rounded once). NetworkX harmonic_centrality; igraph harmonic_centrality(normalized=False).",
        (Metric::Harmonic, Es) => "Suma sobre las demás organizaciones de 1/distancia (0 si no es alcanzable), sin normalizar, exacta a cualquier tamaño (la suma exacta redondeada una vez). NetworkX harmonic_centrality; igraph harmonic_centrality(normalized=False).",
        (Metric::Eigenvector, En) => "Principal eigenvector of the adjacency matrix (power iteration on A+I until the estimated error is below 1e-12), unit Euclidean norm (Bonacich 1972); the note gives the iterations and the residual |Ax - lambda x|/lambda. The same vector as igraph eigenvector_centrality() (scaled there to maximum 1) and as NetworkX eigenvector_centrality run to convergence (its default tol=1e-6 stops earlier).",
        (Metric::Eigenvector, Es) => "Vector propio principal de la matriz de adyacencia (iteración de potencias sobre A+I hasta que el error estimado es menor que 1e-12), de norma euclídea 1 (Bonacich 1972); la nota da las iteraciones y el residuo |Ax - lambda x|/lambda. El mismo vector que igraph eigenvector_centrality() (allí escalado a máximo 1) y que NetworkX eigenvector_centrality llevado a convergencia (su tol=1e-6 por defecto se detiene antes).",
        (Metric::Pagerank, En) => "PageRank with damping 0.85 on the tie weights; dangling mass spread uniformly; scores sum to 1 (Brin & Page 1998), solved by conjugate gradients to a residual |x - F(x)|_1 below 1e-12 (the note gives the iterations and the residual). The same values as igraph pagerank() (PRPACK) and as NetworkX pagerank(alpha=0.85, weight='weight') run to convergence (its default tol=1e-6 stops earlier: 1% off on the top score of an 82,000-node network).",
        (Metric::Pagerank, Es) => "PageRank con amortiguación 0,85 sobre los pesos de los vínculos; la masa de los nodos sin salida se reparte por igual; las puntuaciones suman 1 (Brin & Page 1998), resuelto por gradientes conjugados hasta un residuo |x - F(x)|_1 menor que 1e-12 (la nota da las iteraciones y el residuo). Los mismos valores que igraph pagerank() (PRPACK) y que NetworkX pagerank(alpha=0.85, weight='weight') llevado a convergencia (su tol=1e-6 por defecto se detiene antes: un 1 % de desvío en la puntuación más alta de una red de 82.000 nodos).",
        (Metric::CoreNumber, En) => "Largest k such that the organization belongs to the k-core (the maximal subgraph where everyone has at least k partners). NetworkX core_number (Batagelj & Zaversnik 2003).",
        (Metric::CoreNumber, Es) => "Mayor k tal que la organización pertenece al k-núcleo (el subgrafo máximo en el que todas tienen al menos k aliadas). NetworkX core_number (Batagelj & Zaversnik 2003).",
        (Metric::Clustering, En) => "Share of pairs of the organization's partners that are themselves tied: 2T/(d(d-1)). NetworkX clustering (unweighted).",
        (Metric::Clustering, Es) => "Proporción de pares de aliadas de la organización que están vinculadas entre sí: 2T/(d(d-1)). NetworkX clustering (sin pesos).",
    }
}

/// A note on how a metric column was computed, in `lang`.
pub fn metric_note(note: &MetricNote, lang: Lang) -> String {
    use Lang::{En, Es};
    match (note, lang) {
        (
            MetricNote::Sampled {
                sources,
                seed,
                bound,
            },
            En,
        ) => format!(
            "betweenness: estimated from {sources} random sources (seed {seed}); with 95% \
             confidence each value is within {bound:.4} of the exact one"
        ),
        (
            MetricNote::Sampled {
                sources,
                seed,
                bound,
            },
            Es,
        ) => format!(
            "intermediación: estimada desde {sources} fuentes aleatorias (semilla {seed}); con \
             un 95 % de confianza cada valor está a menos de {} del exacto",
            lang.decimal(*bound, 4)
        ),
        (
            MetricNote::Converged {
                metric,
                iterations,
                residual,
            },
            _,
        ) => {
            let (method, residual_name) = match (metric, lang) {
                (Metric::Eigenvector, En) => ("power iteration on A+I", "|Ax - lambda x|_2/lambda"),
                (Metric::Eigenvector, Es) => (
                    "iteración de potencias sobre A+I",
                    "|Ax - lambda x|_2/lambda",
                ),
                (_, En) => ("conjugate gradients", "|x - F(x)|_1"),
                (_, Es) => ("gradientes conjugados", "|x - F(x)|_1"),
            };
            match lang {
                En => format!(
                    "{}: {method}, converged in {iterations} iterations; residual {residual_name} \
                     = {residual:.1e}",
                    metric.name()
                ),
                Es => format!(
                    "{}: {method}, convergió en {iterations} iteraciones; residuo {residual_name} \
                     = {residual:.1e}",
                    metric.name()
                ),
            }
        }
        (MetricNote::Failed { metric, reason }, En) => {
            format!("{}: {reason}; values left empty", metric.name())
        }
        (MetricNote::Failed { metric, reason }, Es) => {
            format!("{}: {reason}; valores dejados vacíos", metric.name())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_definition_speaks_both_languages() {
        for m in Metric::ALL {
            let (en, es) = (
                metric_definition(m, Lang::En),
                metric_definition(m, Lang::Es),
            );
            assert!(!en.is_empty() && !es.is_empty());
            assert_ne!(en, es, "{m:?}");
        }
        let sampled = MetricNote::Sampled {
            sources: 500,
            seed: 42,
            bound: 0.01234,
        };
        assert_eq!(
            metric_note(&sampled, Lang::Es),
            "intermediación: estimada desde 500 fuentes aleatorias (semilla 42); con un 95 % de \
             confianza cada valor está a menos de 0,0123 del exacto"
        );
    }
}
