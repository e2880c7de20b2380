//! `puentes communities`: the partition, labelled.

use super::{csv_out, json_out, source_context, SourceArgs};
use crate::i18n::{say, Notice};
use crate::params::{Algorithm, CommunityParams, Resolution, Seed, TableFormat};
use anyhow::Result;
use clap::Args;

/// `puentes communities`.
#[derive(Debug, Args)]
pub struct CommunitiesArgs {
    /// Where the network comes from.
    #[command(flatten)]
    pub source: SourceArgs,
    /// Algorithm: louvain, leiden, label_propagation or components.
    #[arg(long, default_value = "louvain", value_parser = Algorithm::parse)]
    pub algorithm: Algorithm,
    /// Resolution γ, above 0 and at most 100 (higher: smaller communities).
    #[arg(long, default_value = "1", value_parser = Resolution::parse)]
    pub resolution: Resolution,
    /// Seed.
    #[arg(long, default_value = "42", value_parser = Seed::parse)]
    pub seed: Seed,
    /// json: the labelled report; csv: id,community.
    #[arg(long, default_value = "json", value_parser = TableFormat::parse)]
    pub format: TableFormat,
}

/// `puentes communities`.
pub async fn communities(args: CommunitiesArgs) -> Result<()> {
    let params = CommunityParams {
        algorithm: args.algorithm,
        resolution: args.resolution.get(),
        seed: args.seed.get(),
    };
    let report = source_context(&args.source)
        .await?
        .communities(params)
        .await?;
    eprintln!(
        "{}",
        say(&Notice::Communities {
            count: report.count,
            modularity: report.modularity,
            algorithm: params.algorithm.name().to_owned(),
            resolution: params.resolution,
            seed: params.seed,
        })
    );
    match args.format {
        TableFormat::Json => json_out(&report.worded(crate::i18n::current())),
        TableFormat::Csv => csv_out(
            &["id", "community"],
            report
                .membership
                .iter()
                .map(|(id, c)| vec![id.clone(), c.to_string()])
                .collect(),
        ),
    }
}
