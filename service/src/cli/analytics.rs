//! `puentes analytics`: attribute analytics for researchers.

use super::{csv_out, json_out, source_context, ReportArgs, TableFormat};
use crate::i18n::{say, ListName, Notice};
use anyhow::Result;

/// `puentes analytics`.
pub async fn analytics(args: ReportArgs) -> Result<()> {
    /// Keeps the first `shown` items of the list `key` of `object` and states its length
    /// beside it as `<key>_total`.
    fn limit_list(object: &mut serde_json::Value, key: &str, shown: usize) {
        let Some(map) = object.as_object_mut() else {
            return;
        };
        let Some(list) = map.get_mut(key).and_then(serde_json::Value::as_array_mut) else {
            return;
        };
        let total = list.len();
        list.truncate(shown);
        map.insert(format!("{key}_total"), total.into());
    }
    let ctx = source_context(&args.source).await?;
    let report = ctx.attributes(999, args.seed.get()).await?;
    let shown = args.shown();
    let num = |x: Option<f64>| x.map(|v| v.to_string()).unwrap_or_default();
    match args.format {
        TableFormat::Json => {
            let mut doc = serde_json::to_value(&*report)?;
            for key in ["assortativity", "correlations"] {
                limit_list(&mut doc, key, shown);
            }
            if let Some(groupings) = doc
                .get_mut("ei_index")
                .and_then(serde_json::Value::as_array_mut)
            {
                for grouping in groupings {
                    limit_list(grouping, "groups", shown);
                }
            }
            json_out(&doc)
        }
        TableFormat::Csv => {
            let total = report.correlations.len();
            if shown < total {
                eprintln!(
                    "{}",
                    say(&Notice::Listed {
                        shown,
                        total,
                        list: ListName::Correlations,
                    })
                );
            }
            csv_out(
                &[
                    "x",
                    "y",
                    "n",
                    "pearson_r",
                    "pearson_p",
                    "spearman_rho",
                    "spearman_p",
                ],
                report
                    .correlations
                    .iter()
                    .take(shown)
                    .map(|r| {
                        vec![
                            r.x.clone(),
                            r.y.clone(),
                            r.n.to_string(),
                            num(r.pearson_r),
                            num(r.pearson_p),
                            num(r.spearman_rho),
                            num(r.spearman_p),
                        ]
                    })
                    .collect(),
            )
        }
    }
}
