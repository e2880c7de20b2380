//! `/api/v1/import/review`: the names the last survey import left in review, and the
//! admin's decisions on them (the page's Admin panel). See [`crate::survey::review`] for why
//! deciding runs the kept import again.

use super::auth::Admin;
use super::error::{ErrorBody, NoParams, Query};
use super::import::{write_unless_dry, SurveyResult};
use super::lang::LangParam;
use super::{ApiError, AppState};
use crate::i18n::{Lang, Refusal};
use crate::store::Batch;
use crate::survey::review::{self, Asked, PendingList};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::Json;
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

/// Routes of this module.
pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_review, post_review))
}

/// The names of the last survey import waiting for a decision.
///
/// The last survey imported into this store (through the API or `puentes import --survey`)
/// is kept with the decisions taken on it; the list is what that import leaves in review
/// against the current network: each name as typed, who wrote it, the lines of the export,
/// and the candidates with their similarity. With no survey imported yet, `year` is `null`
/// and the list is empty. Needs the admin token (the list shows who answered what).
#[utoipa::path(get, path = "/api/v1/import/review", tag = "import", params(LangParam),
    responses(
        (status = 200, description = "The pending names", body = PendingList),
        (status = 400, description = "Bad lang or an unknown parameter", body = ErrorBody),
        (status = 401, description = "No token", body = ErrorBody),
        (status = 403, description = "Writes disabled or token not accepted", body = ErrorBody),
        (status = 422, description = "The kept import no longer reads against the network (a decision names an organization that is gone)", body = ErrorBody),
        (status = 503, description = "Store unavailable", body = ErrorBody)),
    security(("bearer" = [])))]
async fn get_review(
    State(state): State<AppState>,
    _admin: Admin,
    _lang: Lang,
    Query(_none): Query<NoParams>,
) -> Result<Json<PendingList>, ApiError> {
    let Some(kept) = state.store.kept_survey().await? else {
        return Ok(Json(PendingList::none()));
    };
    let current = state.store.snapshot().await?.data;
    let list = tokio::task::spawn_blocking(move || {
        let pending = review::pending(&kept, &current)?;
        Ok::<_, crate::import::ImportError>(PendingList::new(&kept, &pending, &current))
    })
    .await
    .map_err(|e| ApiError::Internal(e.to_string()))??;
    Ok(Json(list))
}

/// Decisions on pending names.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct Decisions {
    /// One per name decided; names left out stay pending.
    pub decisions: Vec<Asked>,
}

/// Decide names of the last survey import.
///
/// Each decision names a pending spelling (`raw`, as `GET` lists it) and says what it is: an
/// organization id (the spelling is saved as an alias of that organization, and the ties of
/// every nomination that typed it are made), `new` (a new organization, with its ties) or
/// `skip` (ignored). The decisions are applied by running the kept import again with them as
/// its aliases file, exactly as `puentes import RESPONSES --survey SURVEY.toml --aliases
/// REVIEW.csv` does, and the answer is that import's report. All or nothing: a decision on a
/// name that is not pending, a word that is not a decision, or an id the network does not
/// have is refused (422, located as `/decisions/2/decision`) and then nothing is written.
#[utoipa::path(post, path = "/api/v1/import/review", tag = "import", params(LangParam),
    request_body(content = Decisions, content_type = "application/json"),
    responses(
        (status = 200, description = "Decided and merged: the import's report", body = SurveyResult),
        (status = 400, description = "Malformed request", body = ErrorBody),
        (status = 401, description = "No token", body = ErrorBody),
        (status = 403, description = "Writes disabled or token not accepted", body = ErrorBody),
        (status = 409, description = "No survey was imported into this store", body = ErrorBody),
        (status = 415, description = "Content-Type is not application/json", body = ErrorBody),
        (status = 422, description = "Refused decisions, located; nothing written", body = ErrorBody),
        (status = 503, description = "Store unavailable", body = ErrorBody)),
    security(("bearer" = [])))]
async fn post_review(
    State(state): State<AppState>,
    _admin: Admin,
    lang: Lang,
    Query(_none): Query<NoParams>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<SurveyResult>, ApiError> {
    super::suggest::json_content_type(&headers)?;
    let limit = state.config.body_limit;
    let body = body.map_err(|e| ApiError::unreadable_body(e.status(), e.body_text(), limit))?;
    let asked: Decisions = super::suggest::json_body(&body)?;
    let Some(kept) = state.store.kept_survey().await? else {
        return Err(ApiError::Conflict(Refusal::NoSurveyKept));
    };
    let current = state.store.snapshot().await?.data;
    let where_ = crate::i18n::catalogue::refusals::request_body(lang);
    let (kept, imported) = tokio::task::spawn_blocking(move || {
        let pending = review::pending(&kept, &current)?;
        review::decide(&kept, &current, &pending, &asked.decisions, where_)
    })
    .await
    .map_err(|e| ApiError::Internal(e.to_string()))??;
    let (organizations, ties) = (imported.data.organizations.len(), imported.data.ties.len());
    // Written first, then kept: should keeping fail, the ids are saved as aliases and the new
    // organizations exist, so only the skipped names come back to the list.
    let revision = write_unless_dry(&state, false, Batch::merge(imported.data)).await?;
    state.store.keep_survey(kept).await?;
    Ok(Json(SurveyResult {
        dry_run: false,
        organizations,
        ties,
        report: imported.report,
        revision,
    }))
}
