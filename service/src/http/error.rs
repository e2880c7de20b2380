//! [`ApiError`]: the one error type of the HTTP API, with a stable JSON body.
//!
//! `{"error": {"code": "...", "message": "...", "details": [...]}}`. Internal causes are
//! logged, never sent: a client sees what it can act on and nothing about the server.

use crate::import::{ImportError, Problem};
use crate::store::StoreError;
use axum::extract::rejection::JsonRejection;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// The error body.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// The error.
    pub error: ErrorDetail,
}

/// What went wrong.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// Stable machine-readable code: `not_found`, `bad_request`, `invalid_input`,
    /// `unauthorized`, `forbidden`, `conflict`, `payload_too_large`, `unavailable`, `busy`,
    /// `internal`, and at the HTTP edge `method_not_allowed`, `request_timeout`,
    /// `uri_too_long`, `headers_too_large`.
    pub code: &'static str,
    /// A sentence for people.
    pub message: String,
    /// For `invalid_input`: every problem, with file, line, column, field, value, expected.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<Problem>,
}

/// Every error the API returns.
#[derive(Debug)]
pub enum ApiError {
    /// 404.
    NotFound(String),
    /// 400: the request itself is malformed.
    BadRequest(String),
    /// 422: the input has problems; nothing was written.
    Invalid(String, Vec<Problem>),
    /// 401: a token is needed.
    Unauthorized,
    /// 403: the token (or server configuration) does not allow this.
    Forbidden(String),
    /// 409.
    Conflict(String),
    /// 503: the store does not answer; try again later.
    Unavailable,
    /// 503 with `Retry-After`: too much analysis work is running and waiting; nothing was
    /// computed for this request.
    Busy {
        /// Why, in words (how many run and wait, or how long this one waited).
        reason: String,
        /// When to retry (the `Retry-After` header, in whole seconds, at least 1).
        retry_after: std::time::Duration,
    },
    /// 500: logged, never detailed to the client.
    Internal(String),
    /// 413: the body is larger than `limit` bytes.
    PayloadTooLarge {
        /// The largest accepted body, in bytes.
        limit: usize,
    },
    /// 405: the route exists, but not with this method.
    MethodNotAllowed {
        /// The method used.
        method: String,
        /// The methods the route answers (the `Allow` header), or empty when not known.
        allowed: String,
    },
    /// 408: the request took longer than the server allows.
    RequestTimeout {
        /// The limit.
        limit: std::time::Duration,
    },
    /// 414: the request target (path and query) is longer than `limit` bytes.
    UriTooLong {
        /// The longest accepted target, in bytes.
        limit: usize,
    },
    /// 431: the request headers are larger than the server accepts.
    HeadersTooLarge {
        /// The largest accepted total size of the headers, in bytes.
        limit: usize,
        /// The most headers accepted.
        count: usize,
    },
}

impl ApiError {
    /// A request body that could not be read (`status` and `reason` from axum's rejection):
    /// 413 naming `limit` when it was over the limit, 400 with the reason otherwise.
    pub fn unreadable_body(status: StatusCode, reason: String, limit: usize) -> Self {
        if status == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::PayloadTooLarge { limit }
        } else {
            ApiError::BadRequest(reason)
        }
    }
}

/// `4096 bytes (4 KiB)`, `268435456 bytes (256 MiB)`: a size as it is configured and as
/// people read it.
fn bytes_and_units(n: usize) -> String {
    const KIB: usize = 1 << 10;
    const MIB: usize = 1 << 20;
    if n >= MIB && n.is_multiple_of(MIB) {
        format!("{n} bytes ({} MiB)", n / MIB)
    } else if n >= KIB && n.is_multiple_of(KIB) {
        format!("{n} bytes ({} KiB)", n / KIB)
    } else if n >= MIB {
        format!("{n} bytes ({:.1} MiB)", n as f64 / MIB as f64)
    } else {
        format!("{n} bytes")
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        // Seconds of `Retry-After` for a 503.
        let mut retry_after = 5;
        let (status, code, message, details) = match self {
            ApiError::NotFound(m) => (StatusCode::NOT_FOUND, "not_found", m, Vec::new()),
            ApiError::BadRequest(m) => (StatusCode::BAD_REQUEST, "bad_request", m, Vec::new()),
            ApiError::Invalid(m, d) => (StatusCode::UNPROCESSABLE_ENTITY, "invalid_input", m, d),
            ApiError::Unauthorized => (
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                "this request needs the header Authorization: Bearer <token>".to_owned(),
                Vec::new(),
            ),
            ApiError::Forbidden(m) => (StatusCode::FORBIDDEN, "forbidden", m, Vec::new()),
            ApiError::Conflict(m) => (StatusCode::CONFLICT, "conflict", m, Vec::new()),
            ApiError::Unavailable => (
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                "the network store cannot be reached or cannot write right now; nothing was \
                 changed; retry in a few seconds"
                    .to_owned(),
                Vec::new(),
            ),
            ApiError::Busy {
                reason,
                retry_after: after,
            } => {
                retry_after = after.as_secs_f64().ceil().max(1.0) as u64;
                (
                    StatusCode::SERVICE_UNAVAILABLE,
                    "busy",
                    format!(
                        "the server is busy: {reason}; nothing was computed for this request. \
                         Retry in {retry_after} s (Retry-After)"
                    ),
                    Vec::new(),
                )
            }
            ApiError::Internal(cause) => {
                tracing::error!(%cause, "internal error");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    "internal error; it has been logged".to_owned(),
                    Vec::new(),
                )
            }
            ApiError::PayloadTooLarge { limit } => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload_too_large",
                format!(
                    "the request body is larger than this server accepts: at most {}; \
                     nothing was read or written. Split the input into smaller imports",
                    bytes_and_units(limit)
                ),
                Vec::new(),
            ),
            ApiError::MethodNotAllowed { method, allowed } => (
                StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                if allowed.is_empty() {
                    format!("{method} is not allowed on this route")
                } else {
                    format!("{method} is not allowed on this route; allowed: {allowed}")
                },
                Vec::new(),
            ),
            ApiError::RequestTimeout { limit } => (
                StatusCode::REQUEST_TIMEOUT,
                "request_timeout",
                if limit.subsec_millis() == 0 {
                    format!(
                        "the request took longer than {} s and was stopped",
                        limit.as_secs()
                    )
                } else {
                    format!(
                        "the request took longer than {} ms and was stopped",
                        limit.as_millis()
                    )
                },
                Vec::new(),
            ),
            ApiError::UriTooLong { limit } => (
                StatusCode::URI_TOO_LONG,
                "uri_too_long",
                format!(
                    "the request path and query are longer than {}",
                    bytes_and_units(limit)
                ),
                Vec::new(),
            ),
            ApiError::HeadersTooLarge { limit, count } => (
                StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
                "headers_too_large",
                format!(
                    "the request headers are larger than {} in total, or more than {count}",
                    bytes_and_units(limit)
                ),
                Vec::new(),
            ),
        };
        let body = ErrorBody {
            error: ErrorDetail {
                code,
                message,
                details,
            },
        };
        let mut resp = (status, axum::Json(body)).into_response();
        if status == StatusCode::SERVICE_UNAVAILABLE {
            resp.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
        }
        resp
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound(m) => ApiError::NotFound(m),
            StoreError::Conflict(m) => ApiError::Conflict(m),
            StoreError::Invalid(m) => ApiError::Invalid(m, Vec::new()),
            StoreError::Unavailable(cause) => {
                tracing::warn!(%cause, "store unavailable");
                ApiError::Unavailable
            }
            StoreError::Backend(cause) => ApiError::Internal(cause),
        }
    }
}

impl From<ImportError> for ApiError {
    /// Problems: the first ones in `details`, the count of the others by kind in the message,
    /// so the answer stays small however many there are.
    fn from(e: ImportError) -> Self {
        match e {
            ImportError::Invalid(problems) => {
                let mut message = problems.headline();
                if let Some(more) = problems.more() {
                    message.push_str(&format!(
                        "; the first {} are in details; {more}",
                        crate::import::PROBLEMS_IN_FULL
                    ));
                }
                ApiError::Invalid(message, problems.into_listed())
            }
            ImportError::TooLarge { limit, .. } => ApiError::Invalid(
                format!(
                    "a compressed input expands to more than {limit} bytes; nothing was imported"
                ),
                Vec::new(),
            ),
            ImportError::UnknownFormat(m) => ApiError::BadRequest(m),
            ImportError::Io { .. } => ApiError::Internal(e.to_string()),
        }
    }
}

impl From<JsonRejection> for ApiError {
    fn from(e: JsonRejection) -> Self {
        ApiError::BadRequest(e.body_text())
    }
}

impl From<crate::analyses::AnalysisFailure> for ApiError {
    fn from(e: crate::analyses::AnalysisFailure) -> Self {
        match e {
            crate::analyses::AnalysisFailure::Store(e) => e.into(),
            crate::analyses::AnalysisFailure::Invalid(m) => ApiError::BadRequest(m),
            crate::analyses::AnalysisFailure::Task(cause) => ApiError::Internal(cause),
            crate::analyses::AnalysisFailure::Busy {
                reason,
                retry_after,
            } => {
                tracing::warn!(%reason, "analysis refused: busy");
                ApiError::Busy {
                    reason,
                    retry_after,
                }
            }
        }
    }
}

/// The query parameter every route accepts (the answer's language, read by the `Lang`
/// extractor), so [`Query`] leaves it out before checking for unknown parameters.
pub const GLOBAL_PARAMETERS: [&str; 1] = ["lang"];

/// `Query` that rejects with [`ApiError`], so bad parameters get the same error shape. Its
/// parameter structs use `#[serde(deny_unknown_fields)]`: a misspelt parameter (`dry-run` for
/// `dry_run`) is a 400 that names the known ones, never silently ignored. A value that does not
/// parse is a 400 that names the parameter, repeats the value and says what is allowed, from
/// the parameter's documented schema (`limit = "abc": invalid digit found in string; expected
/// a whole number from 1 to 10000`).
#[derive(Debug)]
pub struct Query<T>(pub T);

impl<T, S> axum::extract::FromRequestParts<S> for Query<T>
where
    T: serde::de::DeserializeOwned + utoipa::IntoParams,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _: &S,
    ) -> Result<Self, ApiError> {
        let query = parts.uri.query().unwrap_or_default();
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query)
            .map_err(|e| ApiError::BadRequest(format!("malformed query string: {e}")))?;
        let kept: Vec<(String, String)> = pairs
            .into_iter()
            .filter(|(k, _)| !GLOBAL_PARAMETERS.contains(&k.as_str()))
            .collect();
        let e = match parse::<T>(&kept)? {
            Ok(params) => return Ok(Query(params)),
            Err(e) => e,
        };
        // Name the parameter: the first one that does not parse on its own.
        for (key, value) in &kept {
            if let Err(alone) = parse::<T>(std::slice::from_ref(&(key.clone(), value.clone())))? {
                return Err(ApiError::BadRequest(refusal::<T>(key, value, &alone)));
            }
        }
        Err(ApiError::BadRequest(format!("query parameters: {e}")))
    }
}

/// `pairs` as `T`: the outer error when they cannot even be encoded again, the inner one when
/// they do not make a `T`.
fn parse<T: serde::de::DeserializeOwned>(
    pairs: &[(String, String)],
) -> Result<Result<T, serde_urlencoded::de::Error>, ApiError> {
    let encoded = serde_urlencoded::to_string(pairs)
        .map_err(|e| ApiError::BadRequest(format!("malformed query string: {e}")))?;
    Ok(serde_urlencoded::from_str(&encoded))
}

/// The message for a `key=value` that does not parse as a parameter of `T`.
fn refusal<T: utoipa::IntoParams>(
    key: &str,
    value: &str,
    e: &serde_urlencoded::de::Error,
) -> String {
    let documented = T::into_params(|| Some(utoipa::openapi::path::ParameterIn::Query))
        .into_iter()
        .find(|p| p.name == key);
    let Some(param) = documented else {
        // Unknown: serde's message names it and the known ones.
        return format!("query parameters: {e}");
    };
    let shown: String = value.chars().take(100).collect();
    let ellipsis = if shown.len() < value.len() { "…" } else { "" };
    let mut message = format!("query parameter {key} = {shown:?}{ellipsis}: {e}");
    let schema = serde_json::to_value(&param.schema).unwrap_or_default();
    if let Some(allowed) = allowed_by(&schema) {
        message.push_str("; expected ");
        message.push_str(&allowed);
    }
    message
}

/// What a documented parameter schema allows, in words (`a whole number from 1 to 50`);
/// `None` for schemas whose parser says it better (references to enums, free text).
fn allowed_by(schema: &serde_json::Value) -> Option<String> {
    let number = |key: &str| {
        let v = schema.get(key)?;
        Some(match (v.as_u64(), v.as_i64(), v.as_f64()) {
            (Some(u), _, _) => u.to_string(),
            (None, Some(i), _) => i.to_string(),
            (None, None, Some(f)) => f.to_string(),
            _ => return None,
        })
    };
    let ty = match &schema["type"] {
        serde_json::Value::String(t) => t.clone(),
        serde_json::Value::Array(types) => types
            .iter()
            .filter_map(serde_json::Value::as_str)
            .find(|t| *t != "null")?
            .to_owned(),
        _ => return None,
    };
    let (min, exclusive_min, max) = (
        number("minimum"),
        number("exclusiveMinimum"),
        number("maximum"),
    );
    let kind = match ty.as_str() {
        "boolean" => return Some("true or false".to_owned()),
        "string" => {
            let names: Vec<&str> = schema["enum"]
                .as_array()?
                .iter()
                .filter_map(serde_json::Value::as_str)
                .collect();
            return Some(format!("one of: {}", names.join(", ")));
        }
        "integer" => "a whole number",
        "number" => "a number",
        _ => return None,
    };
    Some(match (min, exclusive_min, max) {
        (Some(min), _, Some(max)) => format!("{kind} from {min} to {max}"),
        (None, Some(min), Some(max)) => format!("{kind} above {min}, at most {max}"),
        (Some(min), _, None) => format!("{kind}, at least {min}"),
        (None, Some(min), None) => format!("{kind} above {min}"),
        (None, None, Some(max)) => format!("{kind}, at most {max}"),
        (None, None, None) => kind.to_owned(),
    })
}

/// Parameters of a route that takes none (besides `lang`): any other is a 400.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct NoParams {}
