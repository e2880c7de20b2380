//! Criterion settings shared by the benches: few samples (the graphs are big and the machine
//! has 2 cores), flat sampling, shorter times in quick mode (`PUENTES_BENCH_QUICK=1`).

use criterion::{BenchmarkGroup, Criterion, SamplingMode};
use std::time::Duration;

/// A group with the harness's settings.
pub fn group<'a>(
    c: &'a mut Criterion,
    name: &str,
) -> BenchmarkGroup<'a, criterion::measurement::WallTime> {
    let mut g = c.benchmark_group(name);
    g.sample_size(10).sampling_mode(SamplingMode::Flat);
    if puentes_bench::quick() {
        g.warm_up_time(Duration::from_millis(300))
            .measurement_time(Duration::from_secs(1));
    } else {
        g.warm_up_time(Duration::from_secs(2))
            .measurement_time(Duration::from_secs(8));
    }
    g
}

/// Benchmarks `tasks` on their graph (all tasks must share one graph), as `<graph>/<task>`.
#[allow(dead_code)] // import.rs uses only `group`
pub fn tasks(c: &mut Criterion, tasks: &[puentes_bench::Task]) {
    let Some(first) = tasks.first() else { return };
    let graph = puentes_bench::Graph::by_name(first.graph()).expect("dataset readable");
    let net = graph.network();
    let mut g = group(c, &graph.name);
    for &t in tasks {
        assert_eq!(t.graph(), graph.name, "one graph per call");
        g.bench_function(t.name(), |b| {
            b.iter(|| puentes_bench::run(t, &net).expect("task runs"))
        });
    }
    g.finish();
}
