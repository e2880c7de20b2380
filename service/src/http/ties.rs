//! `/api/v1/ties`: list ties, optionally those of one organization.

use super::error::{ErrorBody, Query};
use super::{ApiError, AppState, Page};
use axum::extract::State;
use axum::Json;
use puentes_analysis::model::{Tie, TieKind};
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

/// Routes of this module.
pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_ties))
}

/// Filters and paging for the tie list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub(super) struct TieFilter {
    /// Only ties with this organization at either end.
    pub organization: Option<String>,
    /// Only ties of this kind.
    pub kind: Option<TieKind>,
    /// Page size, 1 to 10000 (default 1000).
    #[param(minimum = 1, maximum = 10_000)]
    pub limit: Option<usize>,
    /// Items to skip (default 0).
    pub offset: Option<usize>,
}

/// List ties.
#[utoipa::path(get, path = "/api/v1/ties", tag = "ties", params(TieFilter),
    responses(
        (status = 200, description = "A page of ties", body = Page<Tie>),
        (status = 400, description = "Bad parameter", body = ErrorBody),
        (status = 503, description = "Store unavailable", body = ErrorBody)))]
async fn list_ties(
    State(state): State<AppState>,
    Query(f): Query<TieFilter>,
) -> Result<Json<Page<Tie>>, ApiError> {
    if let Some(id) = f.organization.as_deref() {
        puentes_analysis::model::rules::id(id)
            .map_err(|rule| ApiError::bad_value("organization", id, rule.into()))?;
    }
    let snap = state.analyses.current().await?;
    let matches = snap.data.ties.iter().filter(|t| {
        f.organization
            .as_ref()
            .is_none_or(|o| &t.source == o || &t.target == o)
            && f.kind.is_none_or(|k| t.kind == k)
    });
    let page = Page::of(matches, f.limit, f.offset, snap.revision)?;
    Ok(Json(page.map(Clone::clone)))
}
