//! `POST /api/v1/import`: validate and apply a whole file, all-or-nothing.

use super::auth::Admin;
use super::error::{ErrorBody, Query};
use super::{ApiError, AppState};
use crate::i18n::{Expected, Refusal};
use crate::import::{self, Format, ImportSummary, Parsed};
use crate::store::{ApplyMode, Batch};
use crate::survey::review;
use axum::body::Bytes;
use axum::extract::{FromRequest, Multipart, Request, State};
use axum::http::header::CONTENT_TYPE;
use axum::Json;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use utoipa_axum::{router::OpenApiRouter, routes};

/// Routes of this module.
pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(import_network))
        .routes(routes!(import_survey))
}

/// Import options. Any other parameter is refused (400), so a misspelt option such as
/// `dry-run` cannot turn a dry run into a real import.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub(super) struct ImportParams {
    /// Validate only: report what would be imported, write nothing.
    #[serde(default)]
    pub dry_run: bool,
    /// `merge` (default: upsert, keep the rest) or `replace` (the file becomes the network).
    #[serde(default)]
    pub mode: ApplyMode,
    /// For a `text/csv` or `text/plain` body: `edge-csv` (default for text/csv) or `snap`.
    pub format: Option<String>,
    /// With `mode=replace`: allow an input with no organizations to replace a network that
    /// has some, deleting them all. Without it that is refused (409), as it is usually a
    /// mistake (an empty body, `{}` or a header-only edge list).
    #[serde(default)]
    pub confirm_empty: bool,
}

/// The project CSV pair sent as `multipart/form-data` (described in the OpenAPI document;
/// the handler reads the parts as they come).
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub(super) struct ProjectCsvPair {
    /// `organizations.csv`: a header row, one organization per row (id, name, country, …).
    #[schema(value_type = String, format = Binary)]
    organizations: Vec<u8>,
    /// `ties.csv`: a header row, one tie per row (source, target, kind, strength, …).
    #[schema(value_type = String, format = Binary)]
    ties: Vec<u8>,
}

/// A survey wave sent as `multipart/form-data` (described in the OpenAPI document; the
/// handler reads the parts as they come).
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub(super) struct SurveyParts {
    /// The export: CSV or XLSX, one row per respondent or per nomination.
    #[schema(value_type = String, format = Binary)]
    responses: Vec<u8>,
    /// `SURVEY.toml`: the questionnaire's description.
    #[schema(value_type = String, format = Binary)]
    survey: Vec<u8>,
    /// Optional saved decisions: `alias,id`, or a review list with its `decision` column.
    #[schema(value_type = Option<String>, format = Binary)]
    aliases: Option<Vec<u8>>,
}

/// What an import did (or, for a dry run, would do).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(super) struct ImportResult {
    /// Whether this was a dry run (nothing written).
    pub dry_run: bool,
    /// `merge` or `replace`.
    pub mode: ApplyMode,
    /// What was read.
    pub summary: ImportSummary,
    /// The store revision after the import (unchanged for a dry run).
    pub revision: u64,
}

/// Import a network.
///
/// Send either a JSON document (`Content-Type: application/json`, `{"organizations": [...],
/// "ties": [...]}`), the project CSV pair as `multipart/form-data` with the parts
/// `organizations` and `ties`, or an edge list as `text/csv` (`source,target[,weight]`) or
/// `text/plain` (SNAP). Problems are reported (422) with file, line, column, value and what is
/// allowed (the first 100 in full, the rest counted by kind in the message), and then nothing
/// is written. Replacing a non-empty network with an empty input needs `confirm_empty=true`
/// (409 otherwise). Unknown parameters are refused (400). Needs the admin token.
#[utoipa::path(post, path = "/api/v1/import", tag = "import", params(ImportParams),
    request_body(description = "One of four bodies, told apart by Content-Type: a JSON \
        document (application/json); the project CSV pair (multipart/form-data, parts \
        organizations and ties); a CSV edge list (text/csv: source,target[,weight], or with \
        format=snap a SNAP list); a SNAP edge list (text/plain: two ids and an optional \
        weight per line, or with format=edge-csv a CSV edge list). Any other type is refused \
        (400). At most 256 MiB (--max-input-bytes).",
        content(
            (puentes_analysis::model::NetworkData = "application/json"),
            (ProjectCsvPair = "multipart/form-data"),
            (String = "text/csv"),
            (String = "text/plain"))),
    responses(
        (status = 200, description = "Imported (or validated, for a dry run)", body = ImportResult),
        (status = 400, description = "Malformed request", body = ErrorBody),
        (status = 401, description = "No token", body = ErrorBody),
        (status = 403, description = "Writes disabled or token not accepted", body = ErrorBody),
        (status = 409, description = "Replace with an empty input, without confirm_empty=true", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
        (status = 422, description = "Problems in the input; nothing written", body = ErrorBody),
        (status = 503, description = "Store unavailable", body = ErrorBody)),
    security(("bearer" = [])))]
async fn import_network(
    State(state): State<AppState>,
    _admin: Admin,
    Query(params): Query<ImportParams>,
    request: Request,
) -> Result<Json<ImportResult>, ApiError> {
    let content_type = request
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let text = content_type.starts_with("text/csv") || content_type.starts_with("text/plain");
    if let (Some(format), false) = (params.format.as_deref(), text) {
        return Err(ApiError::bad_value(
            "format",
            format,
            Expected::TextFormatOnly,
        ));
    }
    let input = if content_type.starts_with("multipart/form-data") {
        let multipart = Multipart::from_request(request, &state)
            .await
            .map_err(|e| {
                ApiError::BadRequest(Refusal::UnreadableBody {
                    detail: e.body_text(),
                })
            })?;
        Input::Pair(read_pair(multipart, state.config.body_limit).await?)
    } else {
        let limit = state.config.body_limit;
        let body = Bytes::from_request(request, &state)
            .await
            .map_err(|e| ApiError::unreadable_body(e.status(), e.body_text(), limit))?;
        let format = if content_type.starts_with("application/json") {
            Format::Json
        } else if content_type.starts_with("text/csv") {
            match params.format.as_deref() {
                None | Some("edge-csv") => Format::EdgeCsv,
                Some(other) => return Err(bad_format(other)),
            }
        } else if content_type.starts_with("text/plain") {
            match params.format.as_deref() {
                None | Some("snap") => Format::Snap,
                Some("edge-csv") => Format::EdgeCsv,
                Some(other) => return Err(bad_format(other)),
            }
        } else {
            return Err(ApiError::BadRequest(Refusal::UnsupportedContentType));
        };
        Input::One(format, body)
    };
    let known: HashSet<String> = match params.mode {
        ApplyMode::Replace => HashSet::new(),
        ApplyMode::Merge => {
            let snap = state.store.snapshot().await?;
            snap.data
                .organizations
                .iter()
                .map(|o| o.id.clone())
                .collect()
        }
    };
    let body = crate::i18n::catalogue::refusals::request_body(crate::i18n::current());
    let (data, summary) = tokio::task::spawn_blocking(move || input.parse(body).finish(&known))
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))??;
    if params.mode == ApplyMode::Replace && data.organizations.is_empty() && !params.confirm_empty {
        let snap = state.store.snapshot().await?;
        let (orgs, ties) = (snap.data.organizations.len(), snap.data.ties.len());
        if orgs > 0 {
            return Err(ApiError::Conflict(Refusal::WouldEmpty { orgs, ties }));
        }
    }
    let batch = match params.mode {
        ApplyMode::Merge => Batch::merge(data),
        ApplyMode::Replace => Batch::replace(data),
    };
    let revision = write_unless_dry(&state, params.dry_run, batch).await?;
    Ok(Json(ImportResult {
        dry_run: params.dry_run,
        mode: params.mode,
        summary,
        revision,
    }))
}

/// Writes `batch` (and tells the revision context), or for a dry run writes nothing: the
/// store revision after it.
pub(super) async fn write_unless_dry(
    state: &AppState,
    dry_run: bool,
    batch: Batch,
) -> Result<u64, ApiError> {
    if dry_run {
        return Ok(state.store.revision().await?);
    }
    let applied = state.store.apply(batch).await;
    state.analyses.written();
    Ok(applied?)
}

fn bad_format(f: &str) -> ApiError {
    ApiError::bad_value(
        "format",
        f,
        Expected::OneOf(vec!["edge-csv".into(), "snap".into()]),
    )
}

enum Input {
    One(Format, Bytes),
    Pair([(String, Bytes); 2]),
}

impl Input {
    /// The input read; a single body is named `body` in its problems.
    fn parse(self, body: &str) -> Parsed {
        match self {
            Input::One(Format::Json, b) => import::json::read(body, &b),
            Input::One(Format::Snap, b) => import::edgelist::read_snap(body, &b),
            Input::One(_, b) => import::edgelist::read_csv(body, &b),
            Input::Pair([(on, ob), (tn, tb)]) => import::project_csv::read((&on, &ob), (&tn, &tb)),
        }
    }
}

async fn read_pair(multipart: Multipart, limit: usize) -> Result<[(String, Bytes); 2], ApiError> {
    let unexpected = |name| Refusal::UnexpectedPart { name };
    let defaults = ["organizations.csv", "ties.csv"];
    match read_parts(
        multipart,
        ["organizations", "ties"],
        defaults,
        limit,
        unexpected,
    )
    .await?
    {
        [Some(o), Some(t)] => Ok([o, t]),
        _ => Err(ApiError::BadRequest(Refusal::MissingParts)),
    }
}

/// The parts `names` of a multipart body, each with its file name (`defaults[i]` when the
/// client sent none) and bytes: any other part is refused with `unexpected(name)`, a part
/// sent twice with [`Refusal::RepeatedPart`].
async fn read_parts<const N: usize>(
    mut multipart: Multipart,
    names: [&str; N],
    defaults: [&str; N],
    limit: usize,
    unexpected: impl Fn(String) -> Refusal,
) -> Result<[Option<(String, Bytes)>; N], ApiError> {
    let mut parts: [Option<(String, Bytes)>; N] = std::array::from_fn(|_| None);
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|e| ApiError::unreadable_body(e.status(), e.body_text(), limit))?
    {
        let part = field.name().unwrap_or_default().to_owned();
        let Some(slot) = names.iter().position(|n| *n == part) else {
            return Err(ApiError::BadRequest(unexpected(super::error::shorten(
                &part,
            ))));
        };
        if parts[slot].is_some() {
            return Err(ApiError::BadRequest(Refusal::RepeatedPart {
                name: super::error::shorten(&part),
            }));
        }
        let file = field
            .file_name()
            .map_or_else(|| defaults[slot].to_owned(), str::to_owned);
        let bytes = field
            .bytes()
            .await
            .map_err(|e| ApiError::unreadable_body(e.status(), e.body_text(), limit))?;
        parts[slot] = Some((file, bytes));
    }
    Ok(parts)
}

/// Survey import options. Any other parameter is refused (400).
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub(super) struct SurveyParams {
    /// Validate and resolve only: report what would be imported, write nothing.
    #[serde(default)]
    pub dry_run: bool,
}

/// What a survey import did (or, for a dry run, would do).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(super) struct SurveyResult {
    /// Whether this was a dry run (nothing written).
    pub dry_run: bool,
    /// Organizations written (respondents with their answers, new organizations, organizations
    /// with new aliases).
    pub organizations: usize,
    /// Ties written (new, reported again, ended).
    pub ties: usize,
    /// Every name and how it was resolved, the survey's figures, the review list.
    pub report: crate::survey::SurveyReport,
    /// The store revision after the import (unchanged for a dry run).
    pub revision: u64,
}

/// Import one wave of a partner survey.
///
/// `multipart/form-data` with the parts `responses` (the export: CSV or XLSX, one row per
/// respondent or per nomination), `survey` (SURVEY.toml: the questionnaire's description) and
/// optionally `aliases` (saved decisions: `alias,id`, or a review list with its `decision`
/// column filled). Every typed name is resolved — id, name, alias, fuzzy, review, new — and
/// the answer says how for each; names in review make no tie until decided. The wave merges
/// into the network (new ties start in its year; ties between two respondents that neither
/// named end). Problems (422) name the file, line, column, value and what is allowed, and
/// then nothing is written. Needs the admin token.
#[utoipa::path(post, path = "/api/v1/import/survey", tag = "import", params(SurveyParams),
    request_body(content = SurveyParts, description = "multipart: responses, survey, aliases (optional)",
        content_type = "multipart/form-data"),
    responses(
        (status = 200, description = "Imported (or resolved, for a dry run)", body = SurveyResult),
        (status = 400, description = "Malformed request", body = ErrorBody),
        (status = 401, description = "No token", body = ErrorBody),
        (status = 403, description = "Writes disabled or token not accepted", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
        (status = 422, description = "Problems in the input; nothing written", body = ErrorBody),
        (status = 503, description = "Store unavailable", body = ErrorBody)),
    security(("bearer" = [])))]
async fn import_survey(
    State(state): State<AppState>,
    _admin: Admin,
    Query(params): Query<SurveyParams>,
    request: Request,
) -> Result<Json<SurveyResult>, ApiError> {
    let limit = state.config.body_limit;
    let multipart = Multipart::from_request(request, &state)
        .await
        .map_err(|e| {
            ApiError::BadRequest(Refusal::UnreadableBody {
                detail: e.body_text(),
            })
        })?;
    let unexpected = |name| Refusal::UnexpectedSurveyPart { name };
    let names = ["responses", "survey", "aliases"];
    let defaults = ["responses", "SURVEY.toml", "aliases.csv"];
    let parts = read_parts(multipart, names, defaults, limit, unexpected).await?;
    let [Some(responses), Some(survey), aliases] = parts else {
        return Err(ApiError::BadRequest(Refusal::MissingSurveyParts));
    };
    let current = state.store.snapshot().await?.data;
    let dry_run = params.dry_run;
    let (imported, kept) = tokio::task::spawn_blocking(move || {
        let files = crate::survey::SurveyFiles {
            responses: (&responses.0, &responses.1),
            survey: (&survey.0, &survey.1),
            aliases: aliases.as_ref().map(|(n, b)| (n.as_str(), &b[..])),
            sheet: None,
        };
        let imported = crate::survey::import(files, &current, Default::default())?;
        Ok::<_, import::ImportError>((imported, (!dry_run).then(|| review::kept(&files))))
    })
    .await
    .map_err(|e| ApiError::Internal(e.to_string()))??;
    // Kept before the write (see `survey::review`): should the write fail, the kept import is
    // the one the admin sent, never an older wave that deciding would merge again.
    if let Some(kept) = kept {
        state.store.keep_survey(kept).await?;
    }
    let (organizations, ties) = (imported.data.organizations.len(), imported.data.ties.len());
    let revision = write_unless_dry(&state, dry_run, Batch::merge(imported.data)).await?;
    Ok(Json(SurveyResult {
        dry_run: params.dry_run,
        organizations,
        ties,
        report: imported.report,
        revision,
    }))
}
