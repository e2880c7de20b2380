//! Communities and structural holes (issue 6) on soc-Slashdot0902's LCC: Louvain, Leiden,
//! Burt's constraint. Peers: `bench/peers.py`.
#![allow(missing_docs)]

mod common;

use criterion::{criterion_group, criterion_main, Criterion};
use puentes_bench::Task;

fn slashdot(c: &mut Criterion) {
    common::tasks(c, &[Task::Louvain, Task::Leiden, Task::Constraint]);
}

criterion_group!(benches, slashdot);
criterion_main!(benches);
