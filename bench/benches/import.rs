//! Import throughput (issue 3): soc-Slashdot0902 (gzip SNAP edge list, ~504k ties) through
//! `read_path` → `Parsed::finish` (parse + validate) and `MemoryStore::apply(Batch::replace)`
//! (the persisted write: merge, validate, JSON, fsync, rename), separately and in total.
#![allow(missing_docs)]

mod common;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use puentes::import::{read_path, Format};
use puentes::store::{Batch, GraphStore, MemoryStore};
use std::collections::HashSet;

fn import(c: &mut Criterion) {
    let path = puentes_bench::slashdot_path();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let parse = || {
        read_path(&path, Some(Format::Snap))
            .expect("readable")
            .finish(&HashSet::new())
            .expect("valid")
            .0
    };
    let data = parse();
    let mut g = common::group(c, "import");
    g.bench_function("parse_validate", |b| b.iter(parse));
    g.bench_function("write", |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().expect("tempdir");
                (data.clone(), dir)
            },
            |(data, dir)| {
                let store = MemoryStore::open(dir.path()).expect("open");
                rt.block_on(store.apply(Batch::replace(data)))
                    .expect("apply");
                (store, dir)
            },
            BatchSize::PerIteration,
        )
    });
    g.bench_function("total", |b| {
        b.iter_batched(
            || tempfile::tempdir().expect("tempdir"),
            |dir| {
                let store = MemoryStore::open(dir.path()).expect("open");
                rt.block_on(store.apply(Batch::replace(parse())))
                    .expect("apply");
                (store, dir)
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
