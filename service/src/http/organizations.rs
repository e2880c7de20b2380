//! `/api/v1/organizations`: list (filtered, paged) and fetch one.

use super::auth::Access;
use super::error::{ErrorBody, NoParams, PathId, Query};
use super::{ApiError, AppState, Page};
use crate::i18n::Expected;
use axum::extract::State;
use axum::Json;
use puentes_analysis::model::{Organization, Service};
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

/// Routes of this module.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_organizations))
        .routes(routes!(get_organization))
}

/// Filters and paging for the organization list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct OrganizationFilter {
    /// ISO 3166-1 alpha-2 country code, e.g. `MX`.
    pub country: Option<String>,
    /// Only organizations offering this service.
    pub service: Option<Service>,
    /// `true`: portfolio partners only; `false`: external allies only.
    pub partner: Option<bool>,
    /// Migration corridor, e.g. `mx_southern_border`.
    pub corridor: Option<String>,
    /// Page size, 1 to 10000 (default 1000).
    #[param(minimum = 1, maximum = 10_000)]
    pub limit: Option<usize>,
    /// Items to skip (default 0).
    pub offset: Option<usize>,
}

/// Shows restricted fields only to callers allowed to see them.
pub fn visible(o: &Organization, access: Access) -> Organization {
    match access {
        Access::Public => o.redacted(),
        Access::Restricted | Access::Admin => o.clone(),
    }
}

/// List organizations.
///
/// Restricted fields (latitude, longitude, contact) are included only for a token with that
/// scope.
#[utoipa::path(get, path = "/api/v1/organizations", tag = "organizations",
    params(OrganizationFilter),
    responses(
        (status = 200, description = "A page of organizations", body = Page<Organization>),
        (status = 400, description = "Bad parameter", body = ErrorBody),
        (status = 403, description = "Token not accepted", body = ErrorBody),
        (status = 503, description = "Store unavailable", body = ErrorBody)))]
async fn list_organizations(
    State(state): State<AppState>,
    access: Access,
    Query(f): Query<OrganizationFilter>,
) -> Result<Json<Page<Organization>>, ApiError> {
    if let Some(c) = f.country.as_deref() {
        if !(c.len() == 2 && c.bytes().all(|b| b.is_ascii_alphabetic())) {
            return Err(ApiError::bad_value("country", c, Expected::CountryFilter));
        }
    }
    if f.corridor.as_deref() == Some("") {
        return Err(ApiError::bad_value("corridor", "", Expected::Corridor));
    }
    let snap = state.analyses.current().await?;
    let matches = snap.data.organizations.iter().filter(|o| {
        f.country
            .as_ref()
            .is_none_or(|c| o.country.eq_ignore_ascii_case(c))
            && f.service.is_none_or(|s| o.services.contains(&s))
            && f.partner.is_none_or(|p| o.partner == p)
            && f.corridor
                .as_ref()
                .is_none_or(|c| o.corridor.as_ref() == Some(c))
    });
    let page = Page::of(matches, f.limit, f.offset, snap.revision)?;
    Ok(Json(page.map(|o| visible(o, access))))
}

/// One organization by id.
#[utoipa::path(get, path = "/api/v1/organizations/{id}", tag = "organizations",
    params(("id" = String, Path, description = "Organization id (slug)")),
    responses(
        (status = 200, description = "The organization", body = Organization),
        (status = 404, description = "No such organization", body = ErrorBody),
        (status = 503, description = "Store unavailable", body = ErrorBody)))]
async fn get_organization(
    State(state): State<AppState>,
    access: Access,
    PathId(id): PathId,
    Query(_none): Query<NoParams>,
) -> Result<Json<Organization>, ApiError> {
    let snap = state.analyses.current().await?;
    snap.data
        .organizations
        .iter()
        .find(|o| o.id == id)
        .map(|o| Json(visible(o, access)))
        .ok_or_else(|| ApiError::no_organization(&id))
}
