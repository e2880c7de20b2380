//! Browser-facing protections: the security headers of every answer, and CORS.
//!
//! **Headers** ([`headers`], the outermost layer of [`super::app`], so error answers, the
//! edge's refusals and CORS preflights carry them too):
//! - `Content-Security-Policy`: [`CONTENT_SECURITY_POLICY`] everywhere: scripts, styles,
//!   fonts and requests from this origin only, no inline script or style, no plugins, never
//!   framed, no `<base>`, no form posts. The API explorer under [`DOCS_PATH`] (Swagger UI,
//!   vendored) gets [`DOCS_CONTENT_SECURITY_POLICY`] instead: the same, except that inline
//!   styles are allowed, as Swagger UI sets `style` attributes on what it draws. Its scripts
//!   are files (`swagger-ui-bundle.js`, `swagger-initializer.js`), so even there no inline
//!   script runs. The relaxed policy applies to that path prefix only.
//! - `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer`,
//!   `X-Frame-Options: DENY` (the older spelling of `frame-ancestors 'none'`).
//! - On the API (`/api/`): `Vary: Authorization`, as the same address answers with or
//!   without restricted fields depending on the token; and `Cache-Control: no-store` on every
//!   answer to a request with a token, so no cache (a browser's, a proxy's) keeps restricted
//!   fields or serves them to a request without one.
//!
//! **CORS** ([`cors`]): off by default. A page served from another origin can only call the
//! API when that origin is configured (`puentes serve --cors-origin https://example.org`,
//! repeatable, or `PUENTES_CORS_ORIGINS`, comma-separated); it may then send `GET`, `HEAD` and
//! `POST` with `Authorization`, `Content-Type` and `Accept-Language`. Tokens travel in the
//! `Authorization` header, never in cookies, so credentials mode is not enabled.

use axum::extract::Request;
use axum::http::header::{
    ACCEPT_LANGUAGE, AUTHORIZATION, CACHE_CONTROL, CONTENT_DISPOSITION,
    CONTENT_SECURITY_POLICY as CSP, CONTENT_TYPE, REFERRER_POLICY, RETRY_AFTER, VARY,
    X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::http::{HeaderValue, Method};
use axum::middleware::Next;
use axum::response::Response;
use std::time::Duration;
use tower_http::cors::{AllowOrigin, CorsLayer};

/// The policy of every answer but the API explorer's.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
    style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; \
    base-uri 'none'; form-action 'none'";

/// The policy of the API explorer ([`DOCS_PATH`] and below): [`CONTENT_SECURITY_POLICY`] with
/// inline styles allowed (Swagger UI's `style` attributes). Scripts stay files only.
pub const DOCS_CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
    style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; \
    frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/// Where the API explorer is served.
pub const DOCS_PATH: &str = "/api/v1/docs";

/// How long a browser may keep a CORS preflight answer.
const PREFLIGHT_MAX_AGE: Duration = Duration::from_secs(600);

/// Whether `path` is the API explorer's (the relaxed policy applies).
fn is_docs(path: &str) -> bool {
    path.strip_prefix(DOCS_PATH)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// The middleware that puts the security headers on every answer (see the module docs).
pub async fn headers(req: Request, next: Next) -> Response {
    let policy = if is_docs(req.uri().path()) {
        DOCS_CONTENT_SECURITY_POLICY
    } else {
        CONTENT_SECURITY_POLICY
    };
    let api = req.uri().path().starts_with("/api/");
    let with_token = req.headers().contains_key(AUTHORIZATION);
    let mut resp = next.run(req).await;
    let h = resp.headers_mut();
    if api {
        h.append(VARY, HeaderValue::from_static("Authorization"));
        if with_token {
            h.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
        }
    }
    // A route with a stricter policy of its own (the report: nothing loads) keeps it.
    if !h.contains_key(CSP) {
        h.insert(CSP, HeaderValue::from_static(policy));
    }
    h.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    resp
}

/// Checks one configured CORS origin: `http` or `https`, a host, an optional port, nothing
/// else (no path, no `*`), as browsers send it in `Origin`. Returns it without a trailing `/`.
///
/// # Errors
///
/// A sentence naming the value and what is allowed.
pub fn cors_origin(value: &str) -> Result<String, String> {
    let refuse = || {
        format!(
            "CORS origin {value:?}: expected a scheme and host as a browser sends them, e.g. \
             https://mapa.example.org or http://localhost:3000 (no path, no wildcard)"
        )
    };
    let origin = value.trim().trim_end_matches('/');
    let rest = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"))
        .ok_or_else(refuse)?;
    // `[::1]:8080` (an IPv6 address in brackets) or `host:8080`, the port optional.
    let (host, port) = match rest.strip_prefix('[') {
        Some(v6) => {
            let (address, after) = v6.split_once(']').ok_or_else(refuse)?;
            if address.is_empty() || !address.chars().all(|c| c.is_ascii_hexdigit() || c == ':') {
                return Err(refuse());
            }
            let port = match after {
                "" => None,
                p => Some(p.strip_prefix(':').ok_or_else(refuse)?),
            };
            ("ipv6", port)
        }
        None => match rest.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (rest, None),
        },
    };
    let host_ok = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-'));
    let port_ok = port.is_none_or(|p| p.parse::<u16>().is_ok_and(|p| p > 0));
    if !(host_ok && port_ok) || HeaderValue::from_str(origin).is_err() {
        return Err(refuse());
    }
    Ok(origin.to_ascii_lowercase())
}

/// The CORS layer for `origins` (each checked by [`cors_origin`]), or `None` when there are
/// none: then no CORS header is ever sent and browsers keep other origins out. An origin that
/// does not pass the check is left out, with a warning in the log.
pub fn cors(origins: &[String]) -> Option<CorsLayer> {
    let allowed: Vec<HeaderValue> = origins
        .iter()
        .filter_map(|o| match cors_origin(o) {
            Ok(o) => HeaderValue::from_str(&o).ok(),
            Err(e) => {
                tracing::warn!("{e}: left out of the CORS origins");
                None
            }
        })
        .collect();
    if allowed.is_empty() {
        return None;
    }
    Some(
        CorsLayer::new()
            .allow_origin(AllowOrigin::list(allowed))
            .allow_methods([Method::GET, Method::HEAD, Method::POST])
            .allow_headers([AUTHORIZATION, CONTENT_TYPE, ACCEPT_LANGUAGE])
            .expose_headers([RETRY_AFTER, CONTENT_DISPOSITION])
            .max_age(PREFLIGHT_MAX_AGE),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_docs_policy_covers_the_explorer_only() {
        assert!(is_docs("/api/v1/docs"));
        assert!(is_docs("/api/v1/docs/"));
        assert!(is_docs("/api/v1/docs/swagger-ui-bundle.js"));
        assert!(!is_docs("/api/v1/docsx"));
        assert!(!is_docs("/api/v1/openapi.json"));
        assert!(!is_docs("/"));
    }

    #[test]
    fn cors_origins_are_scheme_host_and_port_only() {
        assert_eq!(
            cors_origin("https://Mapa.Example.org/"),
            Ok("https://mapa.example.org".to_owned())
        );
        assert_eq!(
            cors_origin("http://localhost:3000"),
            Ok("http://localhost:3000".to_owned())
        );
        assert_eq!(
            cors_origin("http://[::1]:8080"),
            Ok("http://[::1]:8080".to_owned())
        );
        for bad in [
            "*",
            "mapa.example.org",
            "https://",
            "https://a.example/path",
            "ftp://a.example",
            "https://a.example:0",
            "https://a.example:99999",
            "https://a b.example",
            "null",
        ] {
            let e = cors_origin(bad).expect_err(bad);
            assert!(e.contains("no wildcard"), "{e}");
        }
        assert!(cors(&[]).is_none());
        assert!(cors(&["*".to_owned()]).is_none(), "nothing valid: off");
        assert!(cors(&["https://a.example".to_owned()]).is_some());
    }
}
