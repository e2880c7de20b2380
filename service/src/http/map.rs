//! The network map: `GET /api/v1/map`, one view laid out and styled for the page (see
//! [`crate::map`]).

use super::error::{ErrorBody, Query};
use super::lang::LangParam;
use super::{ApiError, AppState};
use crate::i18n::Lang;
use crate::i18n::Refusal;
use crate::map::{MapError, MapView, View};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

/// Routes of this module.
pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_map))
}

/// Parameters of `/api/v1/map`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub(super) struct MapQuery {
    /// `overview` (default): the whole network, one node per organization, or one node per
    /// community above 2,000 organizations; `community/<number>`: one community's
    /// organizations; `ego/<organization id>`: an organization and its neighbours.
    pub view: Option<String>,
    /// With `view=ego/<id>`: ties from the organization, 1 (default) or 2. At most 300
    /// organizations are drawn, the closest first.
    #[param(value_type = Option<u8>, minimum = 1, maximum = 2)]
    pub radius: Option<String>,
    /// The network of this year: ties active then, organizations founded or tied by then
    /// (from the network's first dated tie to next year; default: the whole network). Every
    /// organization stays where the map of the whole network puts it, so that maps of
    /// different years can be laid one over the other.
    #[param(value_type = Option<i32>, minimum = 1900, maximum = 2100)]
    pub as_of: Option<String>,
    /// Only the confirmed ties, those both sides reported (e.g. reciprocated survey
    /// nominations). Default false.
    #[serde(default)]
    pub confirmed: bool,
}

impl From<MapError> for ApiError {
    fn from(e: MapError) -> Self {
        if e.is_not_found() {
            ApiError::NotFound(Refusal::Map(e))
        } else {
            ApiError::BadRequest(Refusal::Map(e))
        }
    }
}

/// The network map: nodes with positions, sizes, colours and the planner's findings
/// (isolated, peripheral, cut points with what they cut off, inward-looking), ties with
/// bridges marked, the communities and the legend in the asked language. Positions are a
/// drawing of the ties, never geography: no coordinates or contacts are included. The overview
/// and community views are drawn once per revision and language and then served from memory;
/// ego views are drawn on request (capped).
#[utoipa::path(get, path = "/api/v1/map", tag = "analysis", params(MapQuery, LangParam),
    responses(
        (status = 200, description = "The view, laid out and styled", body = MapView),
        (status = 400, description = "Bad view, radius or year: the message names what is allowed", body = ErrorBody),
        (status = 404, description = "No such community or organization", body = ErrorBody),
        (status = 503, description = "Store unavailable, or busy with other analyses (code busy; retry after Retry-After seconds)", body = ErrorBody)))]
async fn get_map(
    State(state): State<AppState>,
    Query(q): Query<MapQuery>,
    lang: Lang,
) -> Result<Response, ApiError> {
    let radius = q.radius.as_deref().map(View::parse_radius).transpose()?;
    let view = View::parse(q.view.as_deref().unwrap_or("overview"), radius)?;
    let (as_of, confirmed) = (q.as_of.as_deref(), q.confirmed);
    let ctx = match &view {
        View::Ego { id, .. } => super::time::reading_about(&state, id, as_of, confirmed).await?,
        _ => super::time::reading(&state, as_of, confirmed).await?,
    };
    let answer = ctx.map_view(view, lang).await?;
    match answer.as_ref() {
        Ok(json) => Ok((
            [(header::CONTENT_TYPE, "application/json")],
            Bytes::copy_from_slice(json),
        )
            .into_response()),
        Err(e) => Err(e.clone().into()),
    }
}
