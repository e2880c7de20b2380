//! `puentes suggest`: whom an organization could work with next, and why.

use super::text::{heading, table, Output};
use super::{csv_out, json_out, output, source_context, SourceArgs};
use crate::i18n::catalogue::report::ReportText;
use crate::i18n::{refuse, Refusal};
use crate::params::{goal_name, suggestion_limit, SuggestWeights};
use crate::report;
use anyhow::Result;
use clap::Args;
use puentes_analysis::suggest::{Goal, SuggestOptions};

/// `puentes suggest`.
#[derive(Debug, Args)]
pub struct SuggestArgs {
    /// The organization asking (its id).
    pub organization: String,
    /// Where the network comes from.
    #[command(flatten)]
    pub source: SourceArgs,
    /// strengthen (closure and trust), bridge (reach other communities), services (fill
    /// service gaps) or balanced (the default).
    #[arg(long, value_parser = goal_name)]
    pub goal: Option<Goal>,
    /// Custom weights instead of a goal, e.g. adamic_adar=0.5,complementarity=0.5: each from
    /// 0 to 1000, at least one above 0.
    #[arg(long, value_parser = SuggestWeights::parse)]
    pub weights: Option<SuggestWeights>,
    /// How many suggestions, 1 to 50.
    #[arg(long, default_value = "10", value_parser = suggestion_limit)]
    pub limit: usize,
    /// text: a table and one sentence per suggestion, in --lang; json: every number and
    /// the explanation; csv: one row per suggestion. Default: text on a terminal, json when
    /// the output is piped or redirected (scripts keep working).
    #[arg(long, value_parser = Output::parse)]
    pub format: Option<Output>,
}

/// `puentes suggest`.
pub async fn suggest(args: SuggestArgs) -> Result<()> {
    // A preset or custom weights, not both (refused as the API refuses them).
    let goal = match (args.goal, args.weights) {
        (Some(_), Some(_)) => return Err(refuse(&Refusal::GoalAndWeights)),
        (None, Some(w)) => Goal::Custom(w.get()),
        (goal, None) => goal.unwrap_or(Goal::Balanced),
    };
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
    let lang = crate::i18n::current();
    let r = report::suggestion_report(&net, &*ctx.gaps().await?, &s, lang);
    match Output::or_default(args.format) {
        Output::Json => json_out(&r),
        Output::Text => output(None, text(&r, lang).as_bytes()),
        Output::Csv => csv_out(
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

/// The suggestions for a terminal: a table (rank, organization, score, shared partners, who
/// can introduce them), then each one's sentence.
fn text(r: &report::SuggestionReport, lang: crate::i18n::Lang) -> String {
    let mut out = heading(
        &ReportText::SuggestionsFor {
            org: &r.organization.name,
            scored: r.scored,
        }
        .render(lang),
    );
    if r.items.is_empty() {
        out.push_str(&format!("  {}\n", ReportText::NoneFound.render(lang)));
        return out;
    }
    let rows: Vec<Vec<String>> = r
        .items
        .iter()
        .enumerate()
        .map(|(i, x)| {
            vec![
                (i + 1).to_string(),
                x.organization.name.clone(),
                lang.decimal(x.score, 3),
                lang.count(x.shared_partner_count),
                x.introducers
                    .first()
                    .map(|i| i.organization.name.clone())
                    .unwrap_or_else(|| "–".to_owned()),
            ]
        })
        .collect();
    out.push_str(&table(
        &[
            "#".to_owned(),
            ReportText::ColumnOrganization.render(lang),
            ReportText::ColumnScore.render(lang),
            ReportText::ColumnShared.render(lang),
            ReportText::ColumnIntroducer.render(lang),
        ],
        &rows,
        &[true, false, true, true, false],
    ));
    out.push('\n');
    for (i, x) in r.items.iter().enumerate() {
        out.push_str(&format!("  {}. {}\n", i + 1, x.explanation));
    }
    out
}
