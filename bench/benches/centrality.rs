//! Centrality (issue 5): exact betweenness and closeness on ca-GrQc's LCC; PageRank, k-core,
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
            Task::PageRank,
            Task::KCore,
            Task::Clustering,
            Task::BetweennessSampled,
        ],
    );
}

criterion_group!(benches, grqc, slashdot);
criterion_main!(benches);
