//! Analysis endpoints: `/api/v1/metrics`, `/api/v1/summary`, `/api/v1/export`,
//! `/api/v1/metrics/write-back`.
//!
//! Handlers only convert: every value comes from one [`crate::analyses::Revision`], so an answer
//! never mixes two revisions and a cached analysis costs one revision read.

use super::auth::{Access, Admin};
use super::error::{ErrorBody, NoParams, Query};
use super::lang::LangParam;
use super::{ApiError, AppState};
use crate::export::{self, ExportFormat};
use crate::i18n::catalogue::{metric_definition, metric_note};
use crate::i18n::{Lang, Refusal};
use crate::metrics::{metric_columns, write_back_rows, Metric};
use crate::paging::Window;
use crate::params::{sort_metric, MetricSelection, TableFormat};
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use puentes_analysis::summary::Summary;
use serde::{Deserialize, Serialize};
use utoipa_axum::{router::OpenApiRouter, routes};

/// Routes of this module.
pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_metrics))
        .routes(routes!(get_summary))
        .routes(routes!(get_export))
        .routes(routes!(write_back))
}

/// Parameters of `/api/v1/metrics`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub(super) struct MetricsParams {
    /// Comma-separated columns (default: all). Metrics: degree, strength, betweenness,
    /// closeness, harmonic, eigenvector, pagerank, core_number, clustering. Position groups,
    /// from the gap analysis (computed only when one is asked for): community (community,
    /// community_label), structural_holes (constraint, effective_size, efficiency,
    /// hierarchy), brokerage (`broker_<role>_by_<corridor|community>`).
    pub metrics: Option<String>,
    /// Read tie weights (distance = 1/weight for path metrics). Default false.
    #[serde(default)]
    pub weighted: bool,
    /// `json` (default) or `csv`.
    #[param(value_type = Option<TableFormat>, inline)]
    pub format: Option<String>,
    /// Sort by this metric, descending (default: node order).
    pub sort: Option<String>,
    /// Page size, 1 to 100000 (default: all).
    #[param(minimum = 1, maximum = 100_000)]
    pub limit: Option<usize>,
    /// Rows to skip.
    pub offset: Option<usize>,
    /// The network of this year: ties active then, organizations founded or tied by then
    /// (from the network's first dated tie to next year; default: the whole network).
    #[param(value_type = Option<i32>, minimum = 1900, maximum = 2100)]
    pub as_of: Option<String>,
    /// Only the confirmed ties, those both sides reported (e.g. reciprocated survey
    /// nominations). Default false.
    #[serde(default)]
    pub confirmed: bool,
    /// What weighs a tie in the weighted metrics: `strength` (default) or a tie attribute the
    /// network carries, e.g. a survey's per-partner `trust` (a tie without it weighs 1).
    pub weight: Option<String>,
}

/// The metrics answer.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(super) struct MetricsResponse {
    /// Store revision the metrics were computed at.
    pub revision: u64,
    /// The year of the network, when one was asked (`as_of`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<i32>,
    /// Whether only confirmed ties were analysed (`confirmed`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub confirmed: bool,
    /// The tie attribute that weighed the ties, when one was asked (`weight`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<String>,
    /// Organizations in all pages.
    pub total: usize,
    /// Definitions of the metrics returned, with the convention each follows.
    #[schema(value_type = Object)]
    pub definitions: serde_json::Map<String, serde_json::Value>,
    /// Caveats (sampling, non-convergence).
    pub notes: Vec<String>,
    /// One object per organization: id, public attributes, metrics.
    #[schema(value_type = Vec<Object>)]
    pub items: Vec<serde_json::Map<String, serde_json::Value>>,
}

/// `ctx` with its ties weighed by the `weight` parameter ([`crate::params::check_weight`]).
async fn weighted(
    ctx: std::sync::Arc<crate::analyses::Revision>,
    weight: Option<&str>,
) -> Result<std::sync::Arc<crate::analyses::Revision>, ApiError> {
    let name = weight
        .map(|text| crate::params::check_weight("weight", text, &ctx.data))
        .transpose()
        .map_err(ApiError::BadRequest)?
        .flatten();
    Ok(match name {
        Some(name) => ctx.weighted_by(&name).await?,
        None => ctx,
    })
}

/// Node metrics for every organization.
#[utoipa::path(get, path = "/api/v1/metrics", tag = "analysis", params(MetricsParams, LangParam),
    responses(
        (status = 200, description = "Metrics (JSON, or CSV with format=csv)", body = MetricsResponse),
        (status = 400, description = "Bad parameter", body = ErrorBody),
        (status = 503, description = "Store unavailable, or busy with other analyses (code busy; retry after Retry-After seconds)", body = ErrorBody)))]
async fn get_metrics(
    State(state): State<AppState>,
    lang: Lang,
    Query(p): Query<MetricsParams>,
) -> Result<Response, ApiError> {
    let selection = MetricSelection::parse(p.metrics.as_deref().unwrap_or_default())?;
    let sort = p.sort.as_deref().map(sort_metric).transpose()?;
    let format = p.format.as_deref().map(TableFormat::parse).transpose()?;
    let window = Window::new(p.limit, p.offset, usize::MAX, 100_000)?;
    let ctx = weighted(
        super::time::reading(&state, p.as_of.as_deref(), p.confirmed).await?,
        p.weight.as_deref(),
    )
    .await?;
    let table = ctx.node_table(&selection, p.weighted, sort, window).await?;
    let ids = table.id_refs();
    let columns = &table.columns;
    if format == Some(TableFormat::Csv) {
        let mut buf = Vec::new();
        export::table_csv(&ids, columns, &mut buf)
            .map_err(|e| ApiError::Internal(e.to_string()))?;
        return Ok(([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], buf).into_response());
    }
    let definitions = selection
        .metrics
        .iter()
        .map(|m| (m.name().to_owned(), metric_definition(*m, lang).into()))
        .collect();
    Ok(Json(MetricsResponse {
        revision: ctx.revision,
        as_of: ctx.as_of,
        confirmed: ctx.confirmed,
        weight: ctx.weight.clone(),
        total: table.total,
        definitions,
        notes: table.notes.iter().map(|n| metric_note(n, lang)).collect(),
        items: export::node_objects(&ids, columns),
    })
    .into_response())
}

/// The network summary answer.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(super) struct SummaryResponse {
    /// Store revision.
    pub revision: u64,
    /// The year of the network, when one was asked (`as_of`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<i32>,
    /// Whether only confirmed ties were analysed (`confirmed`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub confirmed: bool,
    /// The tie attribute that weighed the ties, when one was asked (`weight`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<String>,
    /// Portfolio partners among the organizations.
    pub partners: usize,
    /// People served by partners (sum of population_served).
    pub partner_population_served: u64,
    /// Whole-network measures (see each field's documentation in puentes_analysis::summary).
    #[schema(value_type = Object)]
    pub network: Summary,
}

/// Whole-network summary: size, density, components, clustering, assortativity, distances,
/// centralization.
#[utoipa::path(get, path = "/api/v1/summary", tag = "analysis", params(SummaryParams),
    responses(
        (status = 200, description = "Summary", body = SummaryResponse),
        (status = 400, description = "Bad parameter", body = ErrorBody),
        (status = 503, description = "Store unavailable, or busy with other analyses (code busy; retry after Retry-After seconds)", body = ErrorBody)))]
async fn get_summary(
    State(state): State<AppState>,
    Query(p): Query<SummaryParams>,
) -> Result<Json<SummaryResponse>, ApiError> {
    let ctx = weighted(
        super::time::reading(&state, p.as_of.as_deref(), p.confirmed).await?,
        p.weight.as_deref(),
    )
    .await?;
    let s = ctx.summary().await?;
    let partners = ctx.data.organizations.iter().filter(|o| o.partner);
    Ok(Json(SummaryResponse {
        revision: ctx.revision,
        as_of: ctx.as_of,
        confirmed: ctx.confirmed,
        weight: ctx.weight.clone(),
        partners: partners.clone().count(),
        partner_population_served: partners.filter_map(|o| o.population_served).sum(),
        network: (*s).clone(),
    }))
}

/// Parameters of `/api/v1/export`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub(super) struct ExportParams {
    /// csv, json, graphml or gexf.
    #[param(value_type = ExportFormat, inline)]
    pub format: String,
    /// The network of this year: ties active then, organizations founded or tied by then
    /// (from the network's first dated tie to next year; default: the whole network).
    #[param(value_type = Option<i32>, minimum = 1900, maximum = 2100)]
    pub as_of: Option<String>,
    /// Only the confirmed ties, those both sides reported (e.g. reciprocated survey
    /// nominations). Default false.
    #[serde(default)]
    pub confirmed: bool,
    /// What weighs a tie in the weighted metrics: `strength` (default) or a tie attribute the
    /// network carries, e.g. a survey's per-partner `trust` (a tie without it weighs 1).
    pub weight: Option<String>,
}

/// Parameters of `/api/v1/summary`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub(super) struct SummaryParams {
    /// The network of this year: ties active then, organizations founded or tied by then
    /// (from the network's first dated tie to next year; default: the whole network).
    #[param(value_type = Option<i32>, minimum = 1900, maximum = 2100)]
    pub as_of: Option<String>,
    /// Only the confirmed ties, those both sides reported (e.g. reciprocated survey
    /// nominations). Default false.
    #[serde(default)]
    pub confirmed: bool,
    /// What weighs a tie in the weighted metrics: `strength` (default) or a tie attribute the
    /// network carries, e.g. a survey's per-partner `trust` (a tie without it weighs 1).
    pub weight: Option<String>,
}

/// Export the network with every attribute and computed metric.
///
/// Restricted fields (coordinates, contacts) are included only for a token with that scope.
#[utoipa::path(get, path = "/api/v1/export", tag = "export", params(ExportParams),
    responses(
        (status = 200, description = "The file", content_type = "application/octet-stream"),
        (status = 400, description = "Bad parameter", body = ErrorBody),
        (status = 503, description = "Store unavailable, or busy with other analyses (code busy; retry after Retry-After seconds)", body = ErrorBody)))]
async fn get_export(
    State(state): State<AppState>,
    access: Access,
    Query(p): Query<ExportParams>,
) -> Result<Response, ApiError> {
    let format = ExportFormat::parse(&p.format)?;
    let ctx = weighted(
        super::time::reading(&state, p.as_of.as_deref(), p.confirmed).await?,
        p.weight.as_deref(),
    )
    .await?;
    let body = ctx.export(format, access != Access::Public).await?;
    let (ct, ext) = match format {
        ExportFormat::Csv => ("text/csv; charset=utf-8", "csv"),
        ExportFormat::Json => ("application/json", "json"),
        ExportFormat::Graphml => ("application/graphml+xml", "graphml"),
        ExportFormat::Gexf => ("application/gexf+xml", "gexf"),
    };
    let name = ctx
        .as_of
        .map_or_else(|| "puentes".to_owned(), |y| format!("puentes-{y}"));
    let disposition = format!("attachment; filename=\"{name}.{ext}\"");
    Ok((
        [
            (header::CONTENT_TYPE, ct.to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response())
}

/// What a metrics write-back stored.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(super) struct WriteBackResult {
    /// Store revision the metrics describe (also stored as `puentes_revision`).
    pub revision: u64,
    /// Organization nodes updated.
    pub organizations: usize,
    /// Properties written on each node (`puentes_<metric>`).
    pub properties: Vec<String>,
}

/// Store every node metric on the Neo4j `Organization` nodes (like GDS write mode), as
/// `puentes_<metric>` properties tagged with `puentes_revision`, to query them in Cypher.
/// Needs the admin token and the Neo4j store.
#[utoipa::path(post, path = "/api/v1/metrics/write-back", tag = "analysis",
    responses(
        (status = 200, description = "Written", body = WriteBackResult),
        (status = 401, description = "No token", body = ErrorBody),
        (status = 403, description = "Writes disabled or token not accepted", body = ErrorBody),
        (status = 409, description = "Not a Neo4j store, or the network changed meanwhile", body = ErrorBody),
        (status = 503, description = "Store unavailable, or busy with other analyses (code busy; retry after Retry-After seconds)", body = ErrorBody)),
    security(("bearer" = [])))]
async fn write_back(
    State(state): State<AppState>,
    _admin: Admin,
    Query(_none): Query<NoParams>,
) -> Result<Json<WriteBackResult>, ApiError> {
    let Some(neo) = state.neo4j.clone() else {
        return Err(ApiError::Conflict(Refusal::WriteBackNeedsNeo4j));
    };
    let ctx = state.analyses.current().await?;
    let table = ctx.metrics(&Metric::ALL, false).await?;
    let columns = metric_columns(&table, &Metric::ALL);
    let rows = write_back_rows(&ctx.data, &columns);
    let revision = ctx.revision;
    neo.write_metrics(revision, &rows).await?;
    Ok(Json(WriteBackResult {
        revision,
        organizations: rows.len(),
        properties: columns
            .iter()
            .map(|c| format!("puentes_{}", c.name))
            .collect(),
    }))
}
