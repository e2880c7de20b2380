//! Partner suggestions and what-if: `/api/v1/organizations/{id}/suggestions`,
//! `/api/v1/suggestions`, `POST /api/v1/what-if`.
//!
//! Handlers only convert: the engine is `puentes_analysis::suggest`, run through the revision
//! context ([`crate::analyses::Revision::suggestions`] and friends), worded by
//! [`crate::report::suggestions`].

use super::error::{ErrorBody, PathId, Query};
use super::lang::LangParam;
use super::{ApiError, AppState};
use crate::i18n::{Expected, Lang, Refusal};
use crate::paging::Window;
use crate::params::{goal, suggestion_limit, DEFAULT_SUGGESTIONS};
use crate::report::suggestions::SuggestionItem;
use crate::report::{self, OrgRef, SuggestionReport, WhatIfReport};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header::CONTENT_TYPE, HeaderMap};
use axum::Json;
use puentes_analysis::suggest::what_if::ProposedTie;
use puentes_analysis::suggest::{Goal, SuggestOptions};
use serde::{Deserialize, Serialize};
use utoipa_axum::{router::OpenApiRouter, routes};

/// Most ties one what-if may propose.
pub(super) const MAX_PROPOSED_TIES: usize = 1_000;
/// Largest what-if body, in bytes (1,000 ties fit in well under 200 KiB).
pub(super) const WHAT_IF_MAX_BODY: usize = 1 << 20;

/// Routes of this module.
pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(organization_suggestions))
        .routes(routes!(network_suggestions))
        .routes(routes!(what_if))
        .layer(DefaultBodyLimit::max(WHAT_IF_MAX_BODY))
}

/// Parameters of `/api/v1/organizations/{id}/suggestions`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub(super) struct SuggestQuery {
    /// `strengthen` (closure and trust), `bridge` (reach other communities), `services`
    /// (fill service gaps) or `balanced` (default).
    pub goal: Option<String>,
    /// Custom weights instead of a goal, e.g. `adamic_adar=0.5,complementarity=0.3,proximity=0.2`
    /// (components: common_neighbors, jaccard, adamic_adar, resource_allocation,
    /// preferential_attachment, weighted_adamic_adar, recency, complementarity, proximity,
    /// community_bridge, constraint_drop).
    pub weights: Option<String>,
    /// Suggestions returned, 1 to 50 (default 10).
    #[param(value_type = Option<usize>, minimum = 1, maximum = 50)]
    pub limit: Option<String>,
    /// The network of this year: ties active then, organizations founded or tied by then
    /// (from the network's first dated tie to next year; default: the whole network).
    #[param(value_type = Option<i32>, minimum = 1900, maximum = 2100)]
    pub as_of: Option<String>,
    /// Only the confirmed ties, those both sides reported (e.g. reciprocated survey
    /// nominations). Default false.
    #[serde(default)]
    pub confirmed: bool,
}

/// Whom this organization could work with next, and why: each suggestion with its score, the
/// contribution of every score component (they add up to the score), shared partners, who
/// can introduce them, services gained and one sentence in plain words.
#[utoipa::path(get, path = "/api/v1/organizations/{id}/suggestions", tag = "suggestions",
    params(("id" = String, Path, description = "Organization id"), SuggestQuery, LangParam),
    responses(
        (status = 200, description = "Suggestions, best first", body = SuggestionReport),
        (status = 400, description = "Bad parameter", body = ErrorBody),
        (status = 404, description = "No such organization", body = ErrorBody),
        (status = 503, description = "Store unavailable, or busy with other analyses (code busy; retry after Retry-After seconds)", body = ErrorBody)))]
async fn organization_suggestions(
    State(state): State<AppState>,
    PathId(id): PathId,
    Query(q): Query<SuggestQuery>,
    lang: Lang,
) -> Result<Json<SuggestionReport>, ApiError> {
    let goal = goal(q.goal.as_deref(), q.weights.as_deref(), Goal::Balanced)?;
    let limit = q.limit.as_deref().map(suggestion_limit).transpose()?;
    let limit = limit.unwrap_or(DEFAULT_SUGGESTIONS);
    let ctx = super::time::reading_about(&state, &id, q.as_of.as_deref(), q.confirmed).await?;
    let net = ctx.network().await?;
    let v = net
        .node(&id)
        .ok_or_else(|| ApiError::no_organization(&id))?;
    let options = SuggestOptions {
        goal,
        limit,
        ..SuggestOptions::default()
    };
    let s = ctx.suggestions(v, options).await?;
    let g = ctx.gaps().await?;
    Ok(Json(SuggestionReport {
        as_of: ctx.as_of,
        confirmed: ctx.confirmed,
        ..report::suggestion_report(&net, &g, &s, lang)
    }))
}

/// Parameters of `/api/v1/suggestions`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub(super) struct NetworkSuggestionsQuery {
    /// `bridge` (default), `strengthen`, `services` or `balanced`.
    pub goal: Option<String>,
    /// Only portfolio partners (`true`) or only allies (`false`); default both.
    pub partner: Option<bool>,
    /// Items per page, 1 to 1000 (default 50).
    #[param(minimum = 1, maximum = 1000)]
    pub limit: Option<usize>,
    /// Items skipped.
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

/// The best new tie of one peripheral organization.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub(super) struct NetworkSuggestionItem {
    /// The peripheral organization.
    pub organization: OrgRef,
    /// Portfolio partner or ally.
    pub partner: bool,
    /// Its best suggestion under the goal and the spread rule.
    pub suggestion: SuggestionItem,
    /// Its own better-ranked suggestions skipped because those organizations were already
    /// suggested to `spread_cap` organizations earlier in the list (0: its own best).
    pub passed_over: usize,
}

/// The best new ties across the network.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub(super) struct NetworkSuggestions {
    /// The goal used.
    pub goal: &'static str,
    /// The spread rule: no organization is suggested to more than this many peripheral
    /// organizations in the list (the more severe periphery picks first).
    pub spread_cap: usize,
    /// Peripheral organizations considered (after the partner filter).
    pub peripheral: usize,
    /// Of those, how many have no suggestion.
    pub without_suggestion: usize,
    /// Items in all pages.
    pub total: usize,
    /// This page: one item per peripheral organization, most severe periphery first.
    pub items: Vec<NetworkSuggestionItem>,
}

/// The best new tie for every peripheral organization (isolated, pendant, low coreness or
/// low closeness), most severe first: where one introduction would change the most. Spread:
/// going down the list, each organization takes its best suggestion among its own top 11
/// that has not yet been suggested to `spread_cap` (2) organizations above it, so one
/// well-placed organization is not everyone's introduction; `passed_over` says how many of
/// its better ones it skipped. Organizations whose top 11 are all taken get none.
#[utoipa::path(get, path = "/api/v1/suggestions", tag = "suggestions",
    params(NetworkSuggestionsQuery, LangParam),
    responses(
        (status = 200, description = "One suggestion per peripheral organization", body = NetworkSuggestions),
        (status = 400, description = "Bad parameter", body = ErrorBody),
        (status = 503, description = "Store unavailable, or busy with other analyses (code busy; retry after Retry-After seconds)", body = ErrorBody)))]
async fn network_suggestions(
    State(state): State<AppState>,
    Query(q): Query<NetworkSuggestionsQuery>,
    lang: Lang,
) -> Result<Json<NetworkSuggestions>, ApiError> {
    let goal = goal(q.goal.as_deref(), None, Goal::Bridge)?;
    let window = Window::new(q.limit, q.offset, 50, 1000).map_err(ApiError::BadRequest)?;
    let ctx = super::time::reading(&state, q.as_of.as_deref(), q.confirmed).await?;
    let (net, g) = (ctx.network().await?, ctx.gaps().await?);
    let all = ctx.network_suggestions(goal).await?;
    let all = all
        .as_ref()
        .as_ref()
        .map_err(|e| ApiError::Internal(e.clone()))?;
    let considered: Vec<_> = all
        .iter()
        .filter(|s| {
            q.partner
                .is_none_or(|p| net.organization(s.node).partner == p)
        })
        .collect();
    let with: Vec<_> = considered
        .iter()
        .filter(|s| !s.suggestions.is_empty())
        .collect();
    let (total, page) = window.apply(with.iter());
    Ok(Json(NetworkSuggestions {
        goal: goal_name(&goal),
        spread_cap: puentes_analysis::suggest::DEFAULT_SPREAD_CAP,
        peripheral: considered.len(),
        without_suggestion: considered.len() - total,
        total,
        items: page
            .into_iter()
            .map(|s| {
                let report = report::suggestion_report(&net, &g, s, lang);
                NetworkSuggestionItem {
                    organization: report.organization.clone(),
                    partner: net.organization(s.node).partner,
                    passed_over: s.passed_over,
                    suggestion: report
                        .items
                        .into_iter()
                        .next()
                        .expect("non-empty, filtered above"),
                }
            })
            .collect(),
    }))
}

fn goal_name(goal: &Goal) -> &'static str {
    match goal {
        Goal::Strengthen => "strengthen",
        Goal::Bridge => "bridge",
        Goal::Services => "services",
        Goal::Balanced => "balanced",
        Goal::Custom(_) => "custom",
    }
}

/// A proposed tie, by organization ids.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct ProposedTieIn {
    /// One organization's id.
    pub source: String,
    /// The other's.
    pub target: String,
    /// Strength 1-5 (default 1).
    #[serde(default = "one")]
    pub strength: u8,
}

fn one() -> u8 {
    1
}

/// Propose the top suggestion of every peripheral organization.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct FromSuggestions {
    /// Goal of the suggestions (default `bridge`).
    pub goal: Option<String>,
    /// Only portfolio partners' suggestions (default true).
    #[serde(default = "yes")]
    pub partners_only: bool,
}

fn yes() -> bool {
    true
}

/// The ties to try: a list, or the top suggestions of the peripheral organizations.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct WhatIfRequest {
    /// Ties to add (at most 1000).
    pub ties: Option<Vec<ProposedTieIn>>,
    /// Or: the top suggestion of every peripheral organization.
    pub from_suggestions: Option<FromSuggestions>,
}

/// The network a what-if starts from.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub(super) struct WhatIfQuery {
    /// The network of this year: ties active then, organizations founded or tied by then
    /// (from the network's first dated tie to next year; default: the whole network).
    #[param(value_type = Option<i32>, minimum = 1900, maximum = 2100)]
    pub as_of: Option<String>,
    /// Only the confirmed ties, those both sides reported (e.g. reciprocated survey
    /// nominations). Default false.
    #[serde(default)]
    pub confirmed: bool,
}

/// The what-if answer: the ties tried and what they would change.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub(super) struct WhatIfAnswer {
    /// Store revision the answer describes.
    pub revision: u64,
    /// The year of the network the ties were added to, when one was asked (`as_of`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<i32>,
    /// Whether only confirmed ties were read (`confirmed`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub confirmed: bool,
    /// The ties tried.
    pub ties: Vec<TriedTie>,
    /// What they would change.
    pub effect: WhatIfReport,
}

/// A tie tried.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub(super) struct TriedTie {
    /// One organization.
    pub source: OrgRef,
    /// The other.
    pub target: OrgRef,
    /// Strength.
    pub strength: u8,
}

/// What proposed ties would change: isolated and peripheral organizations, components, cut
/// points, bridges, average distance, global efficiency, each organization's constraint and
/// service reach, before and after. Nothing is written.
#[utoipa::path(post, path = "/api/v1/what-if", tag = "suggestions", params(WhatIfQuery),
    request_body(content = WhatIfRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "Before and after", body = WhatIfAnswer),
        (status = 400, description = "Malformed request or unknown organization", body = ErrorBody),
        (status = 413, description = "Body over 1 MiB", body = ErrorBody),
        (status = 415, description = "Content-Type is not application/json", body = ErrorBody),
        (status = 503, description = "Store unavailable, or busy with other analyses (code busy; retry after Retry-After seconds)", body = ErrorBody)))]
async fn what_if(
    State(state): State<AppState>,
    Query(q): Query<WhatIfQuery>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<WhatIfAnswer>, ApiError> {
    json_content_type(&headers)?;
    let body =
        body.map_err(|e| ApiError::unreadable_body(e.status(), e.body_text(), WHAT_IF_MAX_BODY))?;
    let request: WhatIfRequest = json_body(&body)?;
    let ctx = super::time::reading(&state, q.as_of.as_deref(), q.confirmed).await?;
    let net = ctx.network().await?;
    let proposed = match (request.ties, request.from_suggestions) {
        (Some(ties), None) => {
            if ties.len() > MAX_PROPOSED_TIES {
                return Err(ApiError::BadRequest(Refusal::TooManyTies {
                    sent: ties.len(),
                    max: MAX_PROPOSED_TIES,
                }));
            }
            let node = |field: &str, i: usize, id: &str| {
                net.node(id).ok_or_else(|| {
                    ApiError::bad_value(
                        &format!("ties[{i}].{field}"),
                        id,
                        Expected::KnownOrganization,
                    )
                })
            };
            ties.iter()
                .enumerate()
                .map(|(i, t)| {
                    Ok(ProposedTie {
                        source: node("source", i, &t.source)?,
                        target: node("target", i, &t.target)?,
                        strength: t.strength,
                    })
                })
                .collect::<Result<Vec<_>, ApiError>>()?
        }
        (None, Some(from)) => {
            let goal = goal(from.goal.as_deref(), None, Goal::Bridge)?;
            let all = ctx.network_suggestions(goal).await?;
            let all = all
                .as_ref()
                .as_ref()
                .map_err(|e| ApiError::Internal(e.clone()))?;
            report::suggestions::top_suggestions(&net, all, from.partners_only)
        }
        _ => return Err(ApiError::BadRequest(Refusal::TiesOrSuggestions)),
    };
    let effect = ctx.what_if(proposed.clone()).await?;
    let name = |v| report::org_ref(&net, v);
    Ok(Json(WhatIfAnswer {
        revision: ctx.revision,
        as_of: ctx.as_of,
        confirmed: ctx.confirmed,
        ties: proposed
            .iter()
            .map(|t| TriedTie {
                source: name(t.source),
                target: name(t.target),
                strength: t.strength,
            })
            .collect(),
        effect: report::what_if_report(&net, &effect),
    }))
}

/// The JSON body `body` read as a `T`: 400 when a key is given twice in one object (JSON
/// readers keep the last value and say nothing; [`crate::import::json_keys`]) or when it is
/// not a `T`.
pub(super) fn json_body<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    if let Some(r) = crate::import::json_keys::repeated_key(body) {
        return Err(ApiError::BadRequest(Refusal::RepeatedKey {
            key: super::error::shorten(&r.key),
            line: r.line,
            column: r.column,
        }));
    }
    serde_json::from_slice(body).map_err(|e| {
        ApiError::BadRequest(Refusal::UnreadableBody {
            detail: e.to_string(),
        })
    })
}

/// Refuses (415) a body that does not say it is JSON: `application/json`, with or without
/// parameters (`; charset=utf-8`). A web page can post `text/plain` or a form to another site
/// without asking it first (no CORS preflight); `application/json` needs the preflight, which
/// this server refuses unless `--cors-origin` names the page's origin.
pub(super) fn json_content_type(headers: &HeaderMap) -> Result<(), ApiError> {
    let sent = headers
        .get(CONTENT_TYPE)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        .unwrap_or_default();
    let essence = sent.split(';').next().unwrap_or_default().trim();
    if essence.eq_ignore_ascii_case("application/json") {
        Ok(())
    } else {
        Err(ApiError::UnsupportedMediaType {
            sent: super::error::shorten(&sent),
            expected: "application/json",
        })
    }
}
