//! Liveness and readiness.

use super::error::{NoParams, Query};
use super::{ApiError, AppState};
use axum::extract::State;
use axum::Json;
use serde::Serialize;
use utoipa_axum::{router::OpenApiRouter, routes};

/// Health and readiness answers.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(super) struct Health {
    /// `ok`.
    pub status: &'static str,
    /// The store backend (`memory` or `neo4j`).
    pub store: &'static str,
    /// The store revision (readiness only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revision: Option<u64>,
}

/// Routes of this module.
pub(super) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(health))
        .routes(routes!(ready))
}

/// Liveness: the process answers.
#[utoipa::path(get, path = "/health", tag = "health",
    responses((status = 200, description = "The service is up", body = Health)))]
async fn health(State(state): State<AppState>, Query(_none): Query<NoParams>) -> Json<Health> {
    Json(Health {
        status: "ok",
        store: state.store.backend(),
        revision: None,
    })
}

/// Readiness: the store answers.
#[utoipa::path(get, path = "/ready", tag = "health",
    responses(
        (status = 200, description = "The store answers", body = Health),
        (status = 503, description = "The store does not answer", body = super::error::ErrorBody)))]
async fn ready(
    State(state): State<AppState>,
    Query(_none): Query<NoParams>,
) -> Result<Json<Health>, ApiError> {
    state.store.ping().await?;
    let revision = state.store.revision().await?;
    Ok(Json(Health {
        status: "ok",
        store: state.store.backend(),
        revision: Some(revision),
    }))
}
