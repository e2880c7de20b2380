//! The planner's report: `GET /api/v1/report`, one self-contained printable HTML document
//! (see [`crate::board`]). A read route: no token, and never a restricted field.

use super::error::{ErrorBody, Query};
use super::lang::LangParam;
use super::{ApiError, AppState};
use crate::i18n::{Label, Lang};
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

/// Routes of this module.
pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_report))
}

/// Parameters of `/api/v1/report`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub(super) struct ReportQuery {
    /// The network of this year: ties active then, organizations founded or tied by then
    /// (from the network's first dated tie to next year; default: the whole network).
    #[param(value_type = Option<i32>, minimum = 1900, maximum = 2100)]
    pub as_of: Option<String>,
    /// Only the confirmed ties, those both sides reported. Default false.
    #[serde(default)]
    pub confirmed: bool,
}

/// The report for planners: title, date, revision and source; the map with its legend; the
/// key figures (those of `/api/v1/summary`); the findings in sentences (isolated and
/// peripheral organizations, cut points and what they cut off, bridges, communities that do
/// not talk to each other with their gap matrix as a heat map, services out of reach); the
/// best suggested introductions; the degree distribution; the definition of every figure.
/// One HTML file with its style and pictures inline (no script, nothing fetched), with a
/// print style sheet: open it and print it, or save it. Exact locations and contacts are
/// never in it.
#[utoipa::path(get, path = "/api/v1/report", tag = "analysis", params(ReportQuery, LangParam),
    responses(
        (status = 200, description = "The report (HTML)", content_type = "text/html"),
        (status = 400, description = "Bad year", body = ErrorBody),
        (status = 503, description = "Store unavailable, or busy with other analyses (code busy; retry after Retry-After seconds)", body = ErrorBody)))]
async fn get_report(
    State(state): State<AppState>,
    Query(q): Query<ReportQuery>,
    lang: Lang,
) -> Result<Response, ApiError> {
    let ctx = super::time::reading(&state, q.as_of.as_deref(), q.confirmed).await?;
    let made = crate::board::Made {
        date: crate::cli::today(),
        source: Label::MapSourceStore.text(lang).to_owned(),
    };
    let html = crate::board::report_html(&ctx, lang, made, None).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (
                header::CONTENT_SECURITY_POLICY,
                crate::board::CONTENT_SECURITY_POLICY,
            ),
        ],
        html,
    )
        .into_response())
}
