//! Tokens: who may write, and who may see restricted fields.
//!
//! One admin token (`PUENTES_ADMIN_TOKEN`) allows writes and shows restricted fields
//! (exact coordinates, contacts). An optional reader token (`PUENTES_RESTRICTED_TOKEN`) only
//! shows restricted fields. With no admin token configured, every write is refused (403):
//! a server started without one is read-only, never open. A token configured as the empty
//! string counts as not configured, so it can never be matched by an empty credential.
//!
//! The scheme is matched case-insensitively (`Bearer`, `bearer`, `BEARER`: RFC 9110 §11.1),
//! and tokens are compared in time that does not depend on where they differ.

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

/// Compares a configured `secret` with a `given` token in time that depends only on the
/// length of `given`: each byte of `given` is compared with the secret's byte at the same
/// position (the secret repeated), and the length difference is folded into the same
/// result, so neither the position of the first difference nor the secret's length shows
/// in the timing. An empty secret matches nothing.
fn same(secret: &str, given: &str) -> bool {
    let (secret, given) = (secret.as_bytes(), given.as_bytes());
    if secret.is_empty() {
        return false;
    }
    let mut diff = u8::from(secret.len() != given.len());
    for (i, g) in given.iter().enumerate() {
        diff |= std::hint::black_box(secret[i % secret.len()] ^ g);
    }
    diff == 0
}

/// A configured token, unless it is empty (the same as not configured).
fn configured(token: Option<&String>) -> Option<&str> {
    token.map(String::as_str).filter(|t| !t.is_empty())
}

/// The token of an `Authorization: Bearer <token>` header, the scheme in any case; an
/// empty token is no token.
fn bearer(parts: &Parts) -> Option<&str> {
    let value = parts.headers.get(AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, token) = value.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

impl FromRequestParts<AppState> for Access {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let Some(token) = bearer(parts) else {
            return Ok(Access::Public);
        };
        if configured(state.config.admin_token.as_ref()).is_some_and(|t| same(t, token)) {
            Ok(Access::Admin)
        } else if configured(state.config.restricted_token.as_ref()).is_some_and(|t| same(t, token))
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
        if configured(state.config.admin_token.as_ref()).is_none() {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_is_equality() {
        assert!(same("s3cret", "s3cret"));
        assert!(!same("s3cret", "s3cres"));
        assert!(!same("s3cret", "s3cret2"), "a longer token");
        assert!(!same("s3cret", "s3cre"), "a prefix");
        assert!(!same("s3cret", ""));
        assert!(!same("ab", "aba"), "the secret repeated is not a match");
        assert!(!same("", ""), "an empty secret matches nothing");
    }

    #[test]
    fn the_scheme_is_case_insensitive_and_other_schemes_are_no_token() {
        let token = |value: &str| {
            let (parts, ()) = axum::http::Request::get("/")
                .header(AUTHORIZATION, value)
                .body(())
                .expect("request")
                .into_parts();
            bearer(&parts).map(str::to_owned)
        };
        for v in ["Bearer t0k", "bearer t0k", "BEARER t0k", "Bearer   t0k "] {
            assert_eq!(token(v).as_deref(), Some("t0k"), "{v:?}");
        }
        assert_eq!(token("Bearer"), None, "no token");
        assert_eq!(token("Bearer  "), None, "no token");
        assert_eq!(token("Basic t0k"), None);
        assert_eq!(token("Bearert0k"), None);
    }

    #[test]
    fn an_empty_configured_token_is_no_token() {
        assert_eq!(configured(Some(&String::new())), None);
        assert_eq!(configured(Some(&"x".to_owned())), Some("x"));
        assert_eq!(configured(None), None);
    }
}
