//! `puentes fixtures`: the synthetic HIP-like fixture.

use super::cannot_write;
use crate::fixtures;
use crate::i18n::{say, Notice};
use anyhow::Result;
use clap::Args;
use std::path::PathBuf;

/// `puentes fixtures`.
#[derive(Debug, Args)]
pub struct FixturesArgs {
    /// Generator seed.
    #[arg(long, default_value_t = fixtures::DEFAULT_SEED)]
    pub seed: u64,
    /// Output directory (organizations.csv, ties.csv).
    #[arg(long, default_value = "fixtures/hip")]
    pub out: PathBuf,
}

/// `puentes fixtures`.
pub fn fixtures(args: &FixturesArgs) -> Result<()> {
    let data = fixtures::generate(args.seed);
    fixtures::write_csv(&data, &args.out).map_err(|e| cannot_write(&args.out, &e))?;
    let partners = data.organizations.iter().filter(|o| o.partner).count();
    println!(
        "{}",
        say(&Notice::WroteFixture {
            orgs: data.organizations.len(),
            partners,
            ties: data.ties.len(),
            path: args.out.display().to_string(),
            seed: args.seed,
        })
    );
    Ok(())
}
