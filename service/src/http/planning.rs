//! What planners and researchers ask: `/api/v1/communities`, `/api/v1/gaps`,
//! `/api/v1/organizations/{id}/profile`, `/api/v1/analytics/attributes`.

use super::analysis::{current, metrics_table};
use super::error::{ErrorBody, Query};
use super::{ApiError, AppState};
use crate::report::{
    self, Algorithm, AttributeReport, CommunityParams, CommunityReport, GapAnalysis, GapReport,
    Profile,
};
use axum::extract::{Path, State};
use axum::Json;
use serde::Deserialize;
use std::sync::Arc;
use utoipa_axum::{router::OpenApiRouter, routes};

/// Routes of this module.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_communities))
        .routes(routes!(get_gaps))
        .routes(routes!(get_profile))
        .routes(routes!(get_attributes))
}

/// The gap analysis at the current revision (cached).
pub(super) async fn gap_analysis(
    state: &AppState,
) -> Result<(u64, Arc<puentes_analysis::Network>, Arc<GapAnalysis>), ApiError> {
    let (revision, _, net) = current(state).await?;
    let n = Arc::clone(&net);
    let g = state
        .cache
        .get_or_compute(revision, "gaps", move || {
            Ok::<_, ApiError>(report::gap_analysis(&n))
        })
        .await?;
    Ok((revision, net, g))
}

/// Parameters of `/api/v1/communities`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CommunityQuery {
    /// louvain (default), leiden, label_propagation or components.
    #[serde(default)]
    pub algorithm: Algorithm,
    /// Resolution γ > 0 (default 1): higher gives smaller communities.
    pub resolution: Option<f64>,
    /// Seed (default 42): same network and seed, same partition.
    pub seed: Option<u64>,
}

/// Communities of organizations that tie mostly to each other.
#[utoipa::path(get, path = "/api/v1/communities", tag = "analysis", params(CommunityQuery),
    responses(
        (status = 200, description = "The partition, labelled", body = CommunityReport),
        (status = 400, description = "Bad parameter", body = ErrorBody),
        (status = 503, description = "Store unavailable", body = ErrorBody)))]
async fn get_communities(
    State(state): State<AppState>,
    Query(q): Query<CommunityQuery>,
) -> Result<Json<CommunityReport>, ApiError> {
    let resolution = q.resolution.unwrap_or(1.0);
    if !(resolution.is_finite() && resolution > 0.0 && resolution <= 100.0) {
        return Err(ApiError::BadRequest(format!(
            "resolution = {resolution}: expected a number above 0, at most 100"
        )));
    }
    let params = CommunityParams {
        algorithm: q.algorithm,
        resolution,
        seed: q.seed.unwrap_or(report::DEFAULT_SEED),
    };
    let (revision, _, net) = current(&state).await?;
    let r = state
        .cache
        .get_or_compute(
            revision,
            &format!("communities:{}", params.key()),
            move || Ok::<_, ApiError>(report::communities(&net, params)),
        )
        .await?;
    Ok(Json((*r).clone()))
}

/// Paging of the gap lists.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct GapQuery {
    /// Items per list (default 50, at most 10000).
    pub limit: Option<usize>,
    /// Items skipped in each list.
    pub offset: Option<usize>,
}

/// Gaps: isolated and peripheral organizations, cut points and bridges (with what they cut
/// off), least-connected communities, services out of reach, most constrained organizations.
#[utoipa::path(get, path = "/api/v1/gaps", tag = "analysis", params(GapQuery),
    responses(
        (status = 200, description = "Every gap, with reasons", body = GapReport),
        (status = 400, description = "Bad parameter", body = ErrorBody),
        (status = 503, description = "Store unavailable", body = ErrorBody)))]
async fn get_gaps(
    State(state): State<AppState>,
    Query(q): Query<GapQuery>,
) -> Result<Json<GapReport>, ApiError> {
    let limit = q.limit.unwrap_or(50);
    if !(1..=10_000).contains(&limit) {
        return Err(ApiError::BadRequest(format!(
            "limit = {limit}: expected 1 to 10000"
        )));
    }
    let (_, net, g) = gap_analysis(&state).await?;
    Ok(Json(report::gap_report(
        &net,
        &g,
        q.offset.unwrap_or(0),
        limit,
    )))
}

/// One organization's position: metrics, community, brokerage roles, structural holes and
/// the gaps that concern it, in plain words.
#[utoipa::path(get, path = "/api/v1/organizations/{id}/profile", tag = "organizations",
    params(("id" = String, Path, description = "Organization id")),
    responses(
        (status = 200, description = "The profile", body = Profile),
        (status = 404, description = "No such organization", body = ErrorBody),
        (status = 503, description = "Store unavailable", body = ErrorBody)))]
async fn get_profile(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Profile>, ApiError> {
    let (_, _, net, table) = metrics_table(&state, false).await?;
    let v = net
        .node(&id)
        .ok_or_else(|| ApiError::NotFound(format!("no organization with id {id:?}")))?;
    let (_, net_g, g) = gap_analysis(&state).await?;
    if !Arc::ptr_eq(&net, &net_g) {
        return Err(ApiError::Conflict(
            "the network changed while reading; retry".into(),
        ));
    }
    Ok(Json(report::profile(&net, &table, &g, v)))
}

/// Parameters of `/api/v1/analytics/attributes`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AttributeQuery {
    /// Permutations of the E-I tests (default 999, at most 100000).
    pub permutations: Option<usize>,
    /// Seed of the permutation tests (default 42).
    pub seed: Option<u64>,
}

/// Attribute analytics: assortativity, E-I index with permutation tests, correlations of
/// every metric with every numeric attribute (Pearson and Spearman with p-values).
#[utoipa::path(get, path = "/api/v1/analytics/attributes", tag = "analysis", params(AttributeQuery),
    responses(
        (status = 200, description = "The analytics", body = AttributeReport),
        (status = 400, description = "Bad parameter", body = ErrorBody),
        (status = 503, description = "Store unavailable", body = ErrorBody)))]
async fn get_attributes(
    State(state): State<AppState>,
    Query(q): Query<AttributeQuery>,
) -> Result<Json<AttributeReport>, ApiError> {
    let permutations = q.permutations.unwrap_or(999);
    if permutations > 100_000 {
        return Err(ApiError::BadRequest(format!(
            "permutations = {permutations}: expected at most 100000"
        )));
    }
    let seed = q.seed.unwrap_or(report::DEFAULT_SEED);
    let (revision, _, net, table) = metrics_table(&state, false).await?;
    let (_, _, g) = gap_analysis(&state).await?;
    let r = state
        .cache
        .get_or_compute(
            revision,
            &format!("attributes:{permutations}:{seed}"),
            move || {
                Ok::<_, ApiError>(report::attribute_report(
                    &net,
                    &table,
                    &g,
                    permutations,
                    seed,
                ))
            },
        )
        .await?;
    Ok(Json((*r).clone()))
}
