//! [`ApiError`]: the one error type of the HTTP API, with a stable JSON body.
//!
//! `{"error": {"code": "...", "message": "...", "details": [...]}}`. Internal causes are
//! logged, never sent: a client sees what it can act on and nothing about the server.

use crate::i18n::{self, BusyReason, Expected, Lang, Refusal};
use crate::import::{ImportError, Problem, ShownProblem};
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
    /// `too_many_requests`, `internal`, and at the HTTP edge `method_not_allowed`, `request_timeout`,
    /// `body_timeout`, `unsupported_media_type`, `uri_too_long`, `headers_too_large`.
    pub code: &'static str,
    /// A sentence for people, in the request's language (`lang`, then `Accept-Language`).
    pub message: String,
    /// For `invalid_input`: every problem, with file, line, column, field, value, expected.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<ShownProblem>,
}

/// Every error the API returns. The sentences are [`Refusal`]s of the message catalogue,
/// worded when the error becomes a response, in the language of the request being served
/// ([`i18n::current`], set for every request by [`super::lang::scope`]).
#[derive(Debug)]
pub enum ApiError {
    /// 404.
    NotFound(Refusal),
    /// 400: the request itself is malformed.
    BadRequest(Refusal),
    /// 422: the input has problems; nothing was written (boxed: errors stay small).
    Invalid(Box<(Refusal, Vec<Problem>)>),
    /// 401: a token is needed.
    Unauthorized,
    /// 403: the token (or server configuration) does not allow this.
    Forbidden(Refusal),
    /// 409.
    Conflict(Refusal),
    /// 503: the store does not answer; try again later.
    Unavailable,
    /// 503 with `Retry-After`: too much analysis work is running and waiting; nothing was
    /// computed for this request.
    Busy {
        /// Why.
        reason: BusyReason,
        /// When to retry (the `Retry-After` header, in whole seconds, at least 1).
        retry_after: std::time::Duration,
    },
    /// 503 with `Retry-After: 1`: the request came on a connection accepted for health
    /// checks while all `limit` connection slots were taken; nothing was done.
    ConnectionsFull {
        /// `--max-connections`.
        limit: usize,
    },
    /// 429 with `Retry-After`: this client made more requests than the server allows one
    /// client (`--client-rate`); nothing was done.
    TooManyRequests {
        /// When its next request would be accepted.
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
    /// 408: the request body did not arrive whole within `limit`, or fell below the minimum
    /// rate (the connection is closed).
    BodyTooSlow {
        /// The limit (`--body-read-timeout`).
        limit: std::time::Duration,
    },
    /// 415: the body is not of the type the route reads.
    UnsupportedMediaType {
        /// The `Content-Type` sent (shortened; empty when none was).
        sent: String,
        /// The type the route reads.
        expected: &'static str,
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
            ApiError::BadRequest(Refusal::UnreadableBody { detail: reason })
        }
    }

    /// 400: `name = value` is not allowed; `expected` says what is. The value is cut to 100
    /// characters.
    pub fn bad_value(name: &str, value: &str, expected: Expected) -> Self {
        ApiError::BadRequest(Refusal::BadValue {
            name: name.to_owned(),
            value: shorten(value),
            expected,
        })
    }

    /// 404: no organization has this id.
    pub fn no_organization(id: &str) -> Self {
        ApiError::NotFound(Refusal::NoOrganization { id: shorten(id) })
    }

    /// The status, code, sentence and problems of this error in `lang`, and the seconds of
    /// `Retry-After` for a 503.
    fn parts(self, lang: Lang) -> (StatusCode, &'static str, String, Vec<ShownProblem>, u64) {
        let said = |r: Refusal| r.render(lang);
        let (status, code, message, details) = match self {
            ApiError::NotFound(r) => (StatusCode::NOT_FOUND, "not_found", said(r), Vec::new()),
            ApiError::BadRequest(r) => {
                (StatusCode::BAD_REQUEST, "bad_request", said(r), Vec::new())
            }
            ApiError::Invalid(invalid) => {
                let (r, d) = *invalid;
                (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "invalid_input",
                    said(r),
                    d.iter().map(|p| p.shown(lang)).collect(),
                )
            }
            ApiError::Unauthorized => (
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                said(Refusal::NeedsToken),
                Vec::new(),
            ),
            ApiError::Forbidden(r) => (StatusCode::FORBIDDEN, "forbidden", said(r), Vec::new()),
            ApiError::Conflict(r) => (StatusCode::CONFLICT, "conflict", said(r), Vec::new()),
            ApiError::Unavailable => (
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                said(Refusal::StoreUnavailable),
                Vec::new(),
            ),
            ApiError::Busy {
                reason,
                retry_after,
            } => {
                let retry_after = retry_after.as_secs_f64().ceil().max(1.0) as u64;
                let message = said(Refusal::Busy {
                    reason,
                    retry_after,
                });
                return (
                    StatusCode::SERVICE_UNAVAILABLE,
                    "busy",
                    message,
                    Vec::new(),
                    retry_after,
                );
            }
            ApiError::ConnectionsFull { limit } => {
                return (
                    StatusCode::SERVICE_UNAVAILABLE,
                    "busy",
                    said(Refusal::ConnectionsFull { limit }),
                    Vec::new(),
                    1,
                );
            }
            ApiError::TooManyRequests { retry_after } => {
                let retry_after = retry_after.as_secs_f64().ceil().max(1.0) as u64;
                let message = said(Refusal::TooManyRequests { retry_after });
                return (
                    StatusCode::TOO_MANY_REQUESTS,
                    "too_many_requests",
                    message,
                    Vec::new(),
                    retry_after,
                );
            }
            ApiError::Internal(cause) => {
                tracing::error!(%cause, "internal error");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    said(Refusal::Internal),
                    Vec::new(),
                )
            }
            ApiError::PayloadTooLarge { limit } => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload_too_large",
                said(Refusal::PayloadTooLarge { limit }),
                Vec::new(),
            ),
            ApiError::MethodNotAllowed { method, allowed } => (
                StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                said(Refusal::MethodNotAllowed { method, allowed }),
                Vec::new(),
            ),
            ApiError::RequestTimeout { limit } => (
                StatusCode::REQUEST_TIMEOUT,
                "request_timeout",
                said(Refusal::RequestTimeout { limit }),
                Vec::new(),
            ),
            ApiError::BodyTooSlow { limit } => (
                StatusCode::REQUEST_TIMEOUT,
                "body_timeout",
                said(Refusal::BodyTooSlow {
                    limit,
                    min_bytes: super::body_deadline::MIN_BYTES,
                    window: super::body_deadline::WINDOW,
                }),
                Vec::new(),
            ),
            ApiError::UnsupportedMediaType { sent, expected } => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                said(Refusal::UnsupportedMediaType { sent, expected }),
                Vec::new(),
            ),
            ApiError::UriTooLong { limit } => (
                StatusCode::URI_TOO_LONG,
                "uri_too_long",
                said(Refusal::UriTooLong { limit }),
                Vec::new(),
            ),
            ApiError::HeadersTooLarge { limit, count } => (
                StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
                "headers_too_large",
                said(Refusal::HeadersTooLarge { limit, count }),
                Vec::new(),
            ),
        };
        (status, code, message, details, 5)
    }
}

pub(crate) use crate::i18n::shorten;

impl IntoResponse for ApiError {
    /// The JSON error body in the language of the request being served.
    fn into_response(self) -> Response {
        let (status, code, message, details, retry_after) = self.parts(i18n::current());
        let body = ErrorBody {
            error: ErrorDetail {
                code,
                message,
                details,
            },
        };
        let mut resp = (status, axum::Json(body)).into_response();
        if status == StatusCode::SERVICE_UNAVAILABLE || status == StatusCode::TOO_MANY_REQUESTS {
            resp.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
        }
        resp
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound(r) => ApiError::NotFound(r),
            StoreError::Conflict(r) => ApiError::Conflict(r),
            StoreError::Invalid(r) => ApiError::Invalid(Box::new((r, Vec::new()))),
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
                let counts = problems.counts();
                ApiError::Invalid(Box::new((
                    Refusal::InvalidInput(counts),
                    problems.into_listed(),
                )))
            }
            ImportError::TooLarge { limit, .. } => {
                ApiError::Invalid(Box::new((Refusal::ExpandsTooMuch { limit }, Vec::new())))
            }
            ImportError::UnknownFormat(path) => ApiError::BadRequest(Refusal::UnknownInputFormat {
                path: path.display().to_string(),
            }),
            ImportError::Io { .. } => ApiError::Internal(e.render(Lang::En)),
            ImportError::InputTooLarge { limit, .. } => ApiError::PayloadTooLarge { limit },
        }
    }
}

/// A parameter refused by its constructor ([`crate::params`]): 400 with its sentence.
impl From<Refusal> for ApiError {
    fn from(r: Refusal) -> Self {
        ApiError::BadRequest(r)
    }
}

impl From<JsonRejection> for ApiError {
    fn from(e: JsonRejection) -> Self {
        ApiError::BadRequest(Refusal::UnreadableBody {
            detail: e.body_text(),
        })
    }
}

impl From<crate::analyses::AnalysisFailure> for ApiError {
    fn from(e: crate::analyses::AnalysisFailure) -> Self {
        match e {
            crate::analyses::AnalysisFailure::Store(e) => e.into(),
            crate::analyses::AnalysisFailure::Invalid(r) => ApiError::BadRequest(r),
            crate::analyses::AnalysisFailure::Task(cause) => ApiError::Internal(cause),
            crate::analyses::AnalysisFailure::Busy {
                reason,
                retry_after,
            } => {
                tracing::warn!(?reason, "analysis refused: busy");
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
/// the parameter's documented schema (`limit = "abc": expected a whole number from 1 to
/// 10000`), in the request's language.
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
            .map_err(|_| ApiError::BadRequest(Refusal::MalformedQuery))?;
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
        // Each parses alone, so together they clash: a parameter given twice.
        let repeated = kept
            .iter()
            .enumerate()
            .find(|(i, (k, _))| kept[..*i].iter().any(|(earlier, _)| earlier == k));
        Err(ApiError::BadRequest(match repeated {
            Some((_, (name, _))) => Refusal::RepeatedParameter {
                name: shorten(name),
            },
            None => Refusal::QueryParameters {
                detail: e.to_string(),
            },
        }))
    }
}

/// `pairs` as `T`: the outer error when they cannot even be encoded again, the inner one when
/// they do not make a `T`.
fn parse<T: serde::de::DeserializeOwned>(
    pairs: &[(String, String)],
) -> Result<Result<T, serde_urlencoded::de::Error>, ApiError> {
    let encoded = serde_urlencoded::to_string(pairs)
        .map_err(|_| ApiError::BadRequest(Refusal::MalformedQuery))?;
    Ok(serde_urlencoded::from_str(&encoded))
}

/// The refusal of a `key=value` that does not parse as a parameter of `T`: an unknown
/// parameter names the known ones; a documented one says what its schema allows.
fn refusal<T: utoipa::IntoParams>(
    key: &str,
    value: &str,
    e: &serde_urlencoded::de::Error,
) -> Refusal {
    let params = T::into_params(|| Some(utoipa::openapi::path::ParameterIn::Query));
    let Some(param) = params.iter().find(|p| p.name == key) else {
        return Refusal::UnknownParameter {
            name: shorten(key),
            known: params.iter().map(|p| p.name.clone()).collect(),
        };
    };
    let schema = serde_json::to_value(&param.schema).unwrap_or_default();
    let expected = allowed_by(&schema).or_else(|| variants_named(&e.to_string()));
    match expected {
        Some(expected) => Refusal::BadValue {
            name: key.to_owned(),
            value: shorten(value),
            expected,
        },
        None => Refusal::BadParameter {
            name: key.to_owned(),
            value: shorten(value),
            detail: e.to_string(),
        },
    }
}

/// The variants serde names when a value is none of an enum's (`unknown variant `x`,
/// expected one of `a`, `b``, or `expected `a` or `b``): what the parameter allows.
fn variants_named(serde_message: &str) -> Option<Expected> {
    let (_, expected) = serde_message.split_once("expected")?;
    let names: Vec<String> = expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect();
    (!names.is_empty()).then_some(Expected::OneOf(names))
}

/// What a documented parameter schema allows (`a whole number from 1 to 50`); `None` for
/// schemas that say nothing checkable (references to enums, free text).
fn allowed_by(schema: &serde_json::Value) -> Option<Expected> {
    let number = |key: &str| schema.get(key)?.as_f64();
    let ty = match &schema["type"] {
        serde_json::Value::String(t) => t.clone(),
        serde_json::Value::Array(types) => types
            .iter()
            .filter_map(serde_json::Value::as_str)
            .find(|t| *t != "null")?
            .to_owned(),
        _ => return None,
    };
    let (min, above, max) = (
        number("minimum"),
        number("exclusiveMinimum"),
        number("maximum"),
    );
    match ty.as_str() {
        "boolean" => Some(Expected::TrueOrFalse),
        "string" => {
            let names: Vec<String> = schema["enum"]
                .as_array()?
                .iter()
                .filter_map(serde_json::Value::as_str)
                .map(str::to_owned)
                .collect();
            Some(Expected::OneOf(names))
        }
        "integer" => Some(Expected::Whole { min, above, max }),
        "number" => Some(Expected::Number { min, above, max }),
        _ => None,
    }
}

/// The one path parameter of a route (`/api/v1/organizations/{id}`), refused with
/// [`ApiError`] when it does not decode (`%ff` is not UTF-8), so that answer has the JSON
/// error body too (axum's own `Path` answers in plain text).
#[derive(Debug)]
pub struct PathId(pub String);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for PathId {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, ApiError> {
        axum::extract::Path::<String>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(id)| PathId(id))
            .map_err(|_| ApiError::BadRequest(Refusal::MalformedPath))
    }
}

/// Parameters of a route that takes none (besides `lang`): any other is a 400.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct NoParams {}
