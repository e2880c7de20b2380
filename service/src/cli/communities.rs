//! `puentes communities`: the partition, labelled.

use super::{csv_out, json_out, source_context, SourceArgs, TableOut};
use crate::i18n::{refuse, say, Expected, Notice, Refusal};
use anyhow::Result;
use clap::Args;

/// `puentes communities`.
#[derive(Debug, Args)]
pub struct CommunitiesArgs {
    /// Where the network comes from.
    #[command(flatten)]
    pub source: SourceArgs,
    /// Algorithm.
    #[arg(long, value_enum, default_value_t = crate::report::Algorithm::Louvain)]
    pub algorithm: crate::report::Algorithm,
    /// Resolution γ (higher: smaller communities).
    #[arg(long, default_value_t = 1.0)]
    pub resolution: f64,
    /// Seed.
    #[arg(long, default_value_t = puentes_analysis::policy::DEFAULT_SEED)]
    pub seed: u64,
    /// json: the labelled report; csv: id,community.
    #[arg(long, value_enum, default_value_t = TableOut::Json)]
    pub format: TableOut,
}

/// `puentes communities`.
pub async fn communities(args: CommunitiesArgs) -> Result<()> {
    let params = crate::report::CommunityParams {
        algorithm: args.algorithm,
        resolution: args.resolution,
        seed: args.seed,
    };
    if !(params.resolution.is_finite() && params.resolution > 0.0) {
        return Err(refuse(&Refusal::BadValue {
            name: "--resolution".into(),
            value: params.resolution.to_string(),
            expected: Expected::Number {
                min: None,
                above: Some(0.0),
                max: None,
            },
        }));
    }
    let report = source_context(&args.source)
        .await?
        .communities(params)
        .await?;
    eprintln!(
        "{}",
        say(&Notice::Communities {
            count: report.count,
            modularity: report.modularity,
            algorithm: format!("{:?}", params.algorithm).to_lowercase(),
            resolution: params.resolution,
            seed: params.seed,
        })
    );
    match args.format {
        TableOut::Json => json_out(&*report),
        TableOut::Csv => csv_out(
            &["id", "community"],
            report
                .membership
                .iter()
                .map(|(id, c)| vec![id.clone(), c.to_string()])
                .collect(),
        ),
    }
}
