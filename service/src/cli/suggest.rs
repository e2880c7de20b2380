//! `puentes suggest`: whom an organization could work with next, and why.

use super::{csv_out, json_out, source_context, SourceArgs, TableOut};
use crate::i18n::{refuse, Expected, Refusal};
use crate::report;
use anyhow::Result;
use clap::Args;
use puentes_analysis::suggest::{Goal, SuggestOptions, Weights};

/// `puentes suggest`.
#[derive(Debug, Args)]
pub struct SuggestArgs {
    /// The organization asking (its id).
    pub organization: String,
    /// Where the network comes from.
    #[command(flatten)]
    pub source: SourceArgs,
    /// strengthen (closure and trust), bridge (reach other communities), services (fill
    /// service gaps) or balanced.
    #[arg(long, default_value = "balanced", conflicts_with = "weights")]
    pub goal: String,
    /// Custom weights instead of a goal, e.g. adamic_adar=0.5,complementarity=0.5.
    #[arg(long)]
    pub weights: Option<String>,
    /// How many suggestions.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// json: every number and the explanation; csv: one row per suggestion.
    #[arg(long, value_enum, default_value_t = TableOut::Json)]
    pub format: TableOut,
}

/// `puentes suggest`.
pub async fn suggest(args: SuggestArgs) -> Result<()> {
    let goal = match &args.weights {
        Some(w) => Goal::Custom(Weights::parse(w).map_err(|e| refuse(&Refusal::BadWeights(e)))?),
        None => args
            .goal
            .parse()
            .map_err(|e| refuse(&Refusal::Suggest(e)))?,
    };
    if !(1..=1000).contains(&args.limit) {
        return Err(refuse(&Refusal::BadValue {
            name: "--limit".into(),
            value: args.limit.to_string(),
            expected: Expected::Whole {
                min: Some(1.0),
                above: None,
                max: Some(1000.0),
            },
        }));
    }
    let ctx = source_context(&args.source).await?;
    let net = ctx.network().await?;
    let Some(v) = net.node(&args.organization) else {
        return Err(refuse(&Refusal::NoOrganization {
            id: args.organization.clone(),
        }));
    };
    let options = SuggestOptions {
        goal,
        limit: args.limit,
        ..SuggestOptions::default()
    };
    let s = ctx.suggestions(v, options).await?;
    let r = report::suggestion_report(&net, &*ctx.gaps().await?, &s, crate::i18n::current());
    match args.format {
        TableOut::Json => json_out(&r),
        TableOut::Csv => csv_out(
            &[
                "id",
                "name",
                "score",
                "shared_partners",
                "introducer",
                "services_gained",
                "joins_communities",
                "explanation",
            ],
            r.items
                .iter()
                .map(|x| {
                    vec![
                        x.organization.id.clone(),
                        x.organization.name.clone(),
                        x.score.to_string(),
                        x.shared_partner_count.to_string(),
                        x.introducers
                            .first()
                            .map(|i| i.organization.id.clone())
                            .unwrap_or_default(),
                        x.services_gained
                            .iter()
                            .map(|s| s.as_str())
                            .collect::<Vec<_>>()
                            .join(";"),
                        x.joins_communities.to_string(),
                        x.explanation.clone(),
                    ]
                })
                .collect(),
        ),
    }
}
