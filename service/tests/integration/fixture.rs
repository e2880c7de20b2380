//! The committed fixture is exactly what the seeded generator produces.

use puentes::fixtures::{self, DEFAULT_SEED};
use std::path::Path;

#[test]
fn regenerating_with_the_same_seed_gives_byte_identical_files() {
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/hip");
    let dir = tempfile::tempdir().expect("tempdir");
    fixtures::write_csv(&fixtures::generate(DEFAULT_SEED), dir.path()).expect("write");
    for file in ["organizations.csv", "ties.csv"] {
        let a = std::fs::read(committed.join(file)).expect("committed fixture");
        let b = std::fs::read(dir.path().join(file)).expect("regenerated");
        assert!(
            a == b,
            "{file} differs from a regeneration with seed {DEFAULT_SEED}"
        );
    }
}

#[test]
fn the_committed_fixture_imports_cleanly() {
    let data = puentes::cli::builtin_fixture().expect("fixture is valid");
    assert_eq!(data.organizations.iter().filter(|o| o.partner).count(), 87);
    let served: u64 = data
        .organizations
        .iter()
        .filter(|o| o.partner)
        .filter_map(|o| o.population_served)
        .sum();
    assert_eq!(served, 561_062);
}
