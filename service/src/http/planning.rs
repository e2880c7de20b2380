//! What planners and researchers ask: `/api/v1/communities`, `/api/v1/gaps`,
//! `/api/v1/organizations/{id}/profile`, `/api/v1/analytics/attributes`.

use super::error::{ErrorBody, PathId, Query};
use super::lang::LangParam;
use super::{ApiError, AppState};
use crate::i18n::{Expected, Lang};
use crate::metrics::Metric;
use crate::paging::Window;
use crate::params::{list_limit, Algorithm, CommunityParams, Seed};
use crate::params::{DEFAULT_LIST_ITEMS, MAX_LIST_ITEMS};
use crate::report::{self, AttributeReport, CommunityReport, GapReport, Profile};
use axum::extract::State;
use axum::Json;
use puentes_analysis::suggest::SuggestOptions;
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

/// Routes of this module.
pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_communities))
        .routes(routes!(get_gaps))
        .routes(routes!(get_profile))
        .routes(routes!(get_attributes))
}

/// Suggestions shown in an organization's profile (goal `balanced`).
pub(super) const PROFILE_SUGGESTIONS: usize = 3;

/// Most E-I permutations one request may ask for: p-values to 1/10,000, at a cost that
/// grows with permutations × ties.
pub(super) const MAX_PERMUTATIONS: usize = 9_999;

/// Parameters of `/api/v1/communities`, each read by its constructor in
/// [`crate::params`] (the CLI's `puentes communities` reads them with the same ones).
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub(super) struct CommunityQuery {
    /// louvain (default), leiden, label_propagation or components.
    #[param(value_type = Option<Algorithm>)]
    pub algorithm: Option<String>,
    /// Resolution γ > 0, at most 100 (default 1): higher gives smaller communities.
    #[param(value_type = Option<f64>, exclusive_minimum = 0, maximum = 100)]
    pub resolution: Option<String>,
    /// Seed (default 42, `puentes_analysis::policy::DEFAULT_SEED`): same network and seed,
    /// same partition.
    #[param(value_type = Option<u64>)]
    pub seed: Option<String>,
    /// The network of this year: ties active then, organizations founded or tied by then
    /// (from the network's first dated tie to next year; default: the whole network).
    #[param(value_type = Option<i32>, minimum = 1900, maximum = 2100)]
    pub as_of: Option<String>,
    /// Only the confirmed ties, those both sides reported (e.g. reciprocated survey
    /// nominations). Default false.
    #[serde(default)]
    pub confirmed: bool,
}

/// Communities of organizations that tie mostly to each other.
#[utoipa::path(get, path = "/api/v1/communities", tag = "analysis", params(CommunityQuery, LangParam),
    responses(
        (status = 200, description = "The partition, labelled", body = CommunityReport),
        (status = 400, description = "Bad parameter", body = ErrorBody),
        (status = 503, description = "Store unavailable, or busy with other analyses (code busy; retry after Retry-After seconds)", body = ErrorBody)))]
async fn get_communities(
    State(state): State<AppState>,
    lang: Lang,
    Query(q): Query<CommunityQuery>,
) -> Result<Json<CommunityReport>, ApiError> {
    let params = CommunityParams::parse(
        q.algorithm.as_deref(),
        q.resolution.as_deref(),
        q.seed.as_deref(),
    )?;
    let ctx = super::time::reading(&state, q.as_of.as_deref(), q.confirmed).await?;
    let r = ctx.communities(params).await?;
    Ok(Json(CommunityReport {
        as_of: ctx.as_of,
        confirmed: ctx.confirmed,
        ..r.worded(lang)
    }))
}

/// Paging of the gap lists.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub(super) struct GapQuery {
    /// Items per list (default 50, at most 10000).
    #[param(value_type = Option<usize>, minimum = 1, maximum = 10_000)]
    pub limit: Option<String>,
    /// Items skipped in each list.
    pub offset: Option<usize>,
    /// The network of this year: ties active then, organizations founded or tied by then
    /// (from the network's first dated tie to next year; default: the whole network).
    #[param(value_type = Option<i32>, minimum = 1900, maximum = 2100)]
    pub as_of: Option<String>,
    /// Only the confirmed ties, those both sides reported (e.g. reciprocated survey
    /// nominations). Default false.
    #[serde(default)]
    pub confirmed: bool,
}

/// Gaps: isolated and peripheral organizations, cut points and bridges (with what they cut
/// off), least-connected communities, services out of reach, most constrained organizations.
#[utoipa::path(get, path = "/api/v1/gaps", tag = "analysis", params(GapQuery, LangParam),
    responses(
        (status = 200, description = "Every gap, with reasons", body = GapReport),
        (status = 400, description = "Bad parameter", body = ErrorBody),
        (status = 503, description = "Store unavailable, or busy with other analyses (code busy; retry after Retry-After seconds)", body = ErrorBody)))]
async fn get_gaps(
    State(state): State<AppState>,
    Query(q): Query<GapQuery>,
    lang: Lang,
) -> Result<Json<GapReport>, ApiError> {
    let limit = q.limit.as_deref().map(list_limit).transpose()?;
    let window = Window::new(limit, q.offset, DEFAULT_LIST_ITEMS, MAX_LIST_ITEMS)?;
    let ctx = super::time::reading(&state, q.as_of.as_deref(), q.confirmed).await?;
    let (net, g) = (ctx.network().await?, ctx.gaps().await?);
    Ok(Json(GapReport {
        as_of: ctx.as_of,
        confirmed: ctx.confirmed,
        ..report::gap_report(&net, &g, window.offset, window.limit, lang)
    }))
}

/// Parameters of an organization's profile.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub(super) struct ProfileQuery {
    /// The network of this year: ties active then, organizations founded or tied by then
    /// (from the network's first dated tie to next year; default: the whole network).
    #[param(value_type = Option<i32>, minimum = 1900, maximum = 2100)]
    pub as_of: Option<String>,
    /// Only the confirmed ties, those both sides reported (e.g. reciprocated survey
    /// nominations). Default false.
    #[serde(default)]
    pub confirmed: bool,
}

/// One organization's position: metrics, community, brokerage roles, structural holes and
/// the gaps that concern it, in plain words.
#[utoipa::path(get, path = "/api/v1/organizations/{id}/profile", tag = "organizations",
    params(("id" = String, Path, description = "Organization id"), ProfileQuery, LangParam),
    responses(
        (status = 200, description = "The profile", body = Profile),
        (status = 400, description = "Bad parameter (a year outside the network's years)", body = ErrorBody),
        (status = 404, description = "No such organization (in the network of that year)", body = ErrorBody),
        (status = 503, description = "Store unavailable, or busy with other analyses (code busy; retry after Retry-After seconds)", body = ErrorBody)))]
async fn get_profile(
    State(state): State<AppState>,
    PathId(id): PathId,
    Query(q): Query<ProfileQuery>,
    lang: Lang,
) -> Result<Json<Profile>, ApiError> {
    let ctx = super::time::reading_about(&state, &id, q.as_of.as_deref(), q.confirmed).await?;
    let net = ctx.network().await?;
    let v = net
        .node(&id)
        .ok_or_else(|| ApiError::no_organization(&id))?;
    let table = ctx.metrics(&Metric::ALL, false).await?;
    let g = ctx.gaps().await?;
    let mut profile = report::profile(&net, &table, &g, v, lang);
    let options = SuggestOptions {
        limit: PROFILE_SUGGESTIONS,
        ..SuggestOptions::default()
    };
    let s = ctx.suggestions(v, options).await?;
    profile.suggestions = report::suggestion_report(&net, &g, &s, lang).items;
    (profile.as_of, profile.confirmed) = (ctx.as_of, ctx.confirmed);
    Ok(Json(profile))
}

/// Parameters of `/api/v1/analytics/attributes`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub(super) struct AttributeQuery {
    /// Permutations of the E-I tests (default 999, at most 9999).
    #[param(maximum = 9_999)]
    pub permutations: Option<usize>,
    /// Seed of the permutation tests (default 42).
    #[param(value_type = Option<u64>)]
    pub seed: Option<String>,
    /// The network of this year: ties active then, organizations founded or tied by then
    /// (from the network's first dated tie to next year; default: the whole network).
    #[param(value_type = Option<i32>, minimum = 1900, maximum = 2100)]
    pub as_of: Option<String>,
    /// Only the confirmed ties, those both sides reported (e.g. reciprocated survey
    /// nominations). Default false.
    #[serde(default)]
    pub confirmed: bool,
}

/// Attribute analytics: assortativity, E-I index with permutation tests, correlations of
/// every metric with every numeric attribute (Pearson and Spearman with p-values).
#[utoipa::path(get, path = "/api/v1/analytics/attributes", tag = "analysis", params(AttributeQuery),
    responses(
        (status = 200, description = "The analytics", body = AttributeReport),
        (status = 400, description = "Bad parameter", body = ErrorBody),
        (status = 503, description = "Store unavailable, or busy with other analyses (code busy; retry after Retry-After seconds)", body = ErrorBody)))]
async fn get_attributes(
    State(state): State<AppState>,
    Query(q): Query<AttributeQuery>,
) -> Result<Json<AttributeReport>, ApiError> {
    let permutations = q.permutations.unwrap_or(999);
    if permutations > MAX_PERMUTATIONS {
        return Err(ApiError::bad_value(
            "permutations",
            &permutations.to_string(),
            Expected::Whole {
                min: Some(0.0),
                above: None,
                max: Some(MAX_PERMUTATIONS as f64),
            },
        ));
    }
    let seed = q.seed.as_deref().map(Seed::parse).transpose()?;
    let seed = seed.unwrap_or_default().get();
    let ctx = super::time::reading(&state, q.as_of.as_deref(), q.confirmed).await?;
    let r = ctx.attributes(permutations, seed).await?;
    Ok(Json(AttributeReport {
        as_of: ctx.as_of,
        confirmed: ctx.confirmed,
        ..(*r).clone()
    }))
}
