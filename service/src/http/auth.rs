//! Tokens: who may write, and who may see restricted fields.
//!
//! One admin token (`PUENTES_ADMIN_TOKEN`) allows writes and shows restricted fields
//! (exact coordinates, contacts). An optional reader token (`PUENTES_RESTRICTED_TOKEN`) only
//! shows restricted fields. With no admin token configured, every write is refused (403):
//! a server started without one is read-only, never open.

use super::{ApiError, AppState};
use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;

/// What the caller's token allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// No token (or an unknown one on a read): public fields only.
    Public,
    /// Restricted fields visible.
    Restricted,
    /// Restricted fields and writes.
    Admin,
}

/// Compares without leaking the position of the first difference through timing.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

fn bearer(parts: &Parts) -> Option<&str> {
    parts
        .headers
        .get(AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
}

impl FromRequestParts<AppState> for Access {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let Some(token) = bearer(parts) else {
            return Ok(Access::Public);
        };
        if state
            .config
            .admin_token
            .as_deref()
            .is_some_and(|t| same(t, token))
        {
            Ok(Access::Admin)
        } else if state
            .config
            .restricted_token
            .as_deref()
            .is_some_and(|t| same(t, token))
        {
            Ok(Access::Restricted)
        } else {
            Err(ApiError::Forbidden("the token is not accepted".into()))
        }
    }
}

/// An extractor that only lets admin callers through.
#[derive(Debug)]
pub struct Admin;

impl FromRequestParts<AppState> for Admin {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        if state.config.admin_token.is_none() {
            return Err(ApiError::Forbidden(
                "writes are disabled on this server: start it with PUENTES_ADMIN_TOKEN set \
                 and send Authorization: Bearer <that token>"
                    .into(),
            ));
        }
        if bearer(parts).is_none() {
            return Err(ApiError::Unauthorized);
        }
        match Access::from_request_parts(parts, state).await? {
            Access::Admin => Ok(Admin),
            _ => Err(ApiError::Forbidden("this token may not write".into())),
        }
    }
}
