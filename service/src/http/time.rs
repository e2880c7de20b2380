//! The network over time: `/api/v1/changes` (what changed between two years) and
//! `/api/v1/timeline` (the whole-network figures of every year).

use super::error::{ErrorBody, Query};
use super::lang::LangParam;
use super::{ApiError, AppState};
use crate::i18n::{Expected, Lang, Refusal};
use crate::time::{self, ChangesAnswer};
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

/// Routes of this module.
pub(crate) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_changes))
        .routes(routes!(get_timeline))
}

/// The revision context an analysis route reads: the newest warm revision, or its view of
/// the network of `as_of` (checked by the one year rule) and/or of the confirmed ties only.
pub(crate) async fn reading(
    state: &AppState,
    as_of: Option<&str>,
    confirmed: bool,
) -> Result<std::sync::Arc<crate::analyses::Revision>, ApiError> {
    view_of(state.analyses.for_reading().await?, as_of, confirmed).await
}

/// [`reading`] for an answer about organization `id` (a just-imported one is never a 404).
pub(crate) async fn reading_about(
    state: &AppState,
    id: &str,
    as_of: Option<&str>,
    confirmed: bool,
) -> Result<std::sync::Arc<crate::analyses::Revision>, ApiError> {
    view_of(
        state.analyses.for_reading_about(id).await?,
        as_of,
        confirmed,
    )
    .await
}

async fn view_of(
    ctx: std::sync::Arc<crate::analyses::Revision>,
    as_of: Option<&str>,
    confirmed: bool,
) -> Result<std::sync::Arc<crate::analyses::Revision>, ApiError> {
    let year = as_of
        .map(|text| time::check_year("as_of", text, &ctx.data))
        .transpose()
        .map_err(ApiError::BadRequest)?;
    if year.is_none() && !confirmed {
        return Ok(ctx);
    }
    Ok(ctx.view(year, confirmed).await?)
}

/// Parameters of `/api/v1/changes`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub(crate) struct ChangesQuery {
    /// The first year (from the network's first dated tie to next year); required.
    pub from: Option<String>,
    /// The second year (same range; not before `from`); required.
    pub to: Option<String>,
    /// Items per list (default 50, at most 10000); the counts are always whole.
    #[param(value_type = Option<usize>, minimum = 1, maximum = 10_000)]
    pub limit: Option<String>,
}

/// What changed between two years: ties formed and ended (once per pair), strengthened and
/// weakened, organizations that joined, left, became or stopped being isolated or
/// peripheral, cut points and bridges gained and lost, the communities of both years
/// matched (which continued, merged, split, appeared, dissolved; which pairs of them started
/// or stopped working together), the whole-network figures of both years, and the sentences
/// a planner reads first.
#[utoipa::path(get, path = "/api/v1/changes", tag = "analysis", params(ChangesQuery, LangParam),
    responses(
        (status = 200, description = "What changed", body = ChangesAnswer),
        (status = 400, description = "Bad parameter (a year outside the network's years), or no tie carries a year (code bad_request)", body = ErrorBody),
        (status = 503, description = "Store unavailable, or busy with other analyses (code busy; retry after Retry-After seconds)", body = ErrorBody)))]
async fn get_changes(
    State(state): State<AppState>,
    lang: Lang,
    Query(q): Query<ChangesQuery>,
) -> Result<Json<ChangesAnswer>, ApiError> {
    let limit = match q.limit.as_deref() {
        None => crate::params::DEFAULT_LIST_ITEMS,
        Some(text) => crate::params::list_limit(text).map_err(ApiError::BadRequest)?,
    };
    let ctx = state.analyses.for_reading().await?;
    crate::params::dated(&ctx.data).map_err(ApiError::BadRequest)?;
    // Each year given is checked (so a bad one is named), then both must be there.
    let year = |name: &str, v: &Option<String>| {
        v.as_deref()
            .map(|t| time::check_year(name, t, &ctx.data))
            .transpose()
            .map_err(ApiError::BadRequest)
    };
    let (from, to) = (year("from", &q.from)?, year("to", &q.to)?);
    let required = |name: &str| {
        ApiError::BadRequest(Refusal::BadValue {
            name: name.to_owned(),
            value: String::new(),
            expected: Expected::Required,
        })
    };
    let from = from.ok_or_else(|| required("from"))?;
    let to = to.ok_or_else(|| required("to"))?;
    if from > to {
        return Err(ApiError::BadRequest(Refusal::YearsInOrder { from, to }));
    }
    let answer = ctx.changes(from, to, lang, limit).await?;
    Ok(Json(answer.as_ref().clone()))
}

/// Parameters of `/api/v1/timeline`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub(crate) struct TimelineQuery {
    /// The first year (default: the network's first dated tie).
    pub from: Option<String>,
    /// The last year (default: the network's last dated tie).
    pub to: Option<String>,
    /// `json` (default) or `csv`.
    pub format: Option<String>,
}

/// The whole-network figures of every year: organizations, tied organizations and pairs,
/// density, components and the largest one's share, average distance, global efficiency,
/// clustering, modularity, centralization.
#[utoipa::path(get, path = "/api/v1/timeline", tag = "analysis", params(TimelineQuery),
    responses(
        (status = 200, description = "One row per year (JSON array, or CSV with format=csv)"),
        (status = 400, description = "Bad parameter, or no tie carries a year", body = ErrorBody),
        (status = 503, description = "Store unavailable, or busy with other analyses (code busy; retry after Retry-After seconds)", body = ErrorBody)))]
async fn get_timeline(
    State(state): State<AppState>,
    Query(q): Query<TimelineQuery>,
) -> Result<Response, ApiError> {
    let csv = match q.format.as_deref() {
        None => false,
        Some(text) => {
            crate::params::TableFormat::parse(text).map_err(ApiError::BadRequest)?
                == crate::params::TableFormat::Csv
        }
    };
    let ctx = state.analyses.for_reading().await?;
    let span = puentes_analysis::time::span(&ctx.data);
    let default = span.map_or((time::this_year(), time::this_year()), |s| s);
    let from = q.from.unwrap_or_else(|| default.0.to_string());
    let to = q.to.unwrap_or_else(|| default.1.to_string());
    let (from, to) = time::two_years(&from, &to, &ctx.data).map_err(ApiError::BadRequest)?;
    let rows = ctx.timeline(from, to).await?;
    Ok(if csv {
        (
            [(header::CONTENT_TYPE, "text/csv; charset=utf-8")],
            time::timeline_csv(&rows),
        )
            .into_response()
    } else {
        Json(rows).into_response()
    })
}
