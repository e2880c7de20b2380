//! Centrality (issues 5 and 13): exact betweenness and closeness on ca-GrQc's LCC; exact
//! closeness and harmonic of every node, converged PageRank and eigenvector, k-core,
//! clustering and sampled betweenness on soc-Slashdot0902's LCC. Peers: `bench/peers.py`.
#![allow(missing_docs)]

mod common;

use criterion::{criterion_group, criterion_main, Criterion};
use puentes_bench::Task;

fn grqc(c: &mut Criterion) {
    common::tasks(c, &[Task::BetweennessExact, Task::Closeness]);
}

fn slashdot(c: &mut Criterion) {
    common::tasks(
        c,
        &[
            Task::ClosenessAll,
            Task::HarmonicAll,
            Task::PageRank,
            Task::Eigenvector,
            Task::KCore,
            Task::Clustering,
            Task::BetweennessSampled,
        ],
    );
}

criterion_group!(benches, grqc, slashdot);
criterion_main!(benches);
