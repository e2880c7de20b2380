//! `puentes summary`: whole-network measures.

use super::{json_out, source_context, SourceArgs};
use anyhow::Result;

/// `puentes summary`.
pub async fn summary(args: SourceArgs) -> Result<()> {
    let s = source_context(&args).await?.summary().await?;
    json_out(&*s)
}
