//! Tokens: who may write, and who may see restricted fields.
//!
//! One admin token (`PUENTES_ADMIN_TOKEN`) allows writes and shows restricted fields
//! (exact coordinates, contacts). An optional reader token (`PUENTES_RESTRICTED_TOKEN`) only
//! shows restricted fields. With no admin token configured, every write is refused (403):
//! a server started without one is read-only, never open. A token configured as the empty
//! string counts as not configured, so it can never be matched by an empty credential.
//!
//! The scheme is matched case-insensitively (`Bearer`, `bearer`, `BEARER`: RFC 9110 §11.1),
//! and tokens are compared in time that does not depend on where they differ (`same`: every
//! byte of the given token is compared, whatever came before; a test counts the steps).
//!
//! Tokens are read from the environment or from files (`puentes serve --admin-token-file`),
//! held as [`Secret`] on the command line (its `Debug` prints no value), and never logged:
//! `Config`'s `Debug` leaves them out too. A refused token is logged (warning `token
//! refused`, with the method, the path and why), without the token.

use super::{ApiError, AppState};
use crate::i18n::Refusal;
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

/// A secret value (a token) as read from the command line or the environment: its `Debug`
/// shows `Secret(<redacted>)`, so printing the arguments never prints it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// The value, to compare or hand on; never to print.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

impl std::str::FromStr for Secret {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Secret(s.to_owned()))
    }
}

/// Compares a configured `secret` with a `given` token in time that depends only on the
/// length of `given`: each byte of `given` is compared with the secret's byte at the same
/// position (the secret repeated), and the length difference is folded into the same
/// result, so neither the position of the first difference nor the secret's length shows
/// in the timing. An empty secret matches nothing.
fn same(secret: &str, given: &str) -> bool {
    compare(secret.as_bytes(), given.as_bytes(), |_| {})
}

/// [`same`] on bytes, calling `step` with each position compared: the loop has no exit that
/// depends on the bytes, which the tests check by counting the steps.
fn compare(secret: &[u8], given: &[u8], mut step: impl FnMut(usize)) -> bool {
    if secret.is_empty() {
        return false;
    }
    let mut diff = u8::from(secret.len() != given.len());
    for (i, g) in given.iter().enumerate() {
        step(i);
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
            refused(parts, "unknown token");
            Err(ApiError::Forbidden(Refusal::TokenNotAccepted))
        }
    }
}

/// One log line for a refused credential: the method, the path (never the query, which a
/// client may have filled with anything) and why; never the token.
fn refused(parts: &Parts, why: &'static str) {
    tracing::warn!(method = %parts.method, path = %parts.uri.path(), why, "token refused");
}

/// An extractor that only lets admin callers through.
#[derive(Debug)]
pub struct Admin;

impl FromRequestParts<AppState> for Admin {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        if configured(state.config.admin_token.as_ref()).is_none() {
            return Err(ApiError::Forbidden(Refusal::WritesDisabled));
        }
        if bearer(parts).is_none() {
            return Err(ApiError::Unauthorized);
        }
        match Access::from_request_parts(parts, state).await? {
            Access::Admin => Ok(Admin),
            _ => {
                refused(parts, "a read-only token tried to write");
                Err(ApiError::Forbidden(Refusal::TokenMayNotWrite))
            }
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

    /// The positions compared for `given` against `secret`.
    fn steps(secret: &str, given: &str) -> (bool, Vec<usize>) {
        let mut seen = Vec::new();
        let equal = compare(secret.as_bytes(), given.as_bytes(), |i| seen.push(i));
        (equal, seen)
    }

    #[test]
    fn the_comparison_never_stops_at_the_first_difference() {
        let secret = "0123456789abcdef";
        let every = (0..secret.len()).collect::<Vec<_>>();
        // A difference in the first byte, in the middle, in the last byte, none: the same
        // 16 positions are compared, in order, every time.
        for given in [
            "X123456789abcdef",
            "01234567X9abcdef",
            "0123456789abcdeX",
            "XXXXXXXXXXXXXXXX",
            "0123456789abcdef",
        ] {
            let (equal, seen) = steps(secret, given);
            assert_eq!(seen, every, "{given}");
            assert_eq!(equal, given == secret, "{given}");
        }
        // A shorter or longer token: as many steps as it has bytes, never fewer.
        assert_eq!(steps(secret, "0123"), (false, vec![0, 1, 2, 3]));
        assert_eq!(steps(secret, "X123").1.len(), 4);
        let long = format!("{secret}{secret}");
        assert_eq!(steps(secret, &long), (false, (0..32).collect::<Vec<_>>()));
        assert_eq!(
            steps("", "anything"),
            (false, vec![]),
            "an empty secret: no work"
        );
    }

    #[test]
    fn secrets_do_not_print() {
        let s: Secret = "s3cr3t-value".parse().expect("infallible");
        assert_eq!(format!("{s:?}"), "Secret(<redacted>)");
        assert_eq!(s.expose(), "s3cr3t-value");
        let config = crate::http::Config {
            admin_token: Some("s3cr3t-admin".into()),
            restricted_token: Some("s3cr3t-reader".into()),
            ..crate::http::Config::default()
        };
        let shown = format!("{config:?}");
        assert!(!shown.contains("s3cr3t"), "{shown}");
        assert!(
            shown.contains("admin_token: Some(\"<redacted>\")"),
            "{shown}"
        );
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
