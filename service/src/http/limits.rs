//! The limits of the HTTP edge, and error answers that always have the JSON error body.
//!
//! [`edge`] is the outermost layer of [`super::app`]. Before a handler runs it answers a
//! request on a health-check connection ([`HealthOnly`]) only on `/health` and `/ready`
//! (503 otherwise), refuses a client over its request rate (429, see `super::fairness`), a request target longer than [`Config::max_uri_bytes`] (414), headers larger than
//! [`Config::max_header_bytes`] or more than [`Config::max_headers`] (431), and a declared
//! `Content-Length` over [`Config::body_limit`] (413, without reading the body), and gives
//! the body its read deadline ([`Config::body_read_timeout`]: 408 `body_timeout` when it does
//! not arrive whole in time; see `super::body_deadline`). After, it
//! gives the error answers that axum and tower-http produce with an empty body (405 from
//! the router, 408 from the timeout, 413 from the body limit) the [`ApiError`] body. A 405
//! also gets the `Allow` header, from the OpenAPI document's methods for the path (axum
//! leaves it out when the router has layers).
//!
//! These limits sit below the ones of the listening loop (`crate::server`: hyper reads a
//! request head of up to about 400 KB and a target of up to 65,534 bytes), so in practice
//! every 414 and 431 comes from here, with a body. A head beyond hyper's own limits is
//! answered by hyper itself before any request exists, and that answer has no body.

use super::body_deadline::{Deadline, Expired};
use super::fairness::{self, Limiter};
use super::{ApiError, Config};
use crate::i18n::Refusal;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{ALLOW, AUTHORIZATION, CONNECTION, CONTENT_LENGTH, CONTENT_TYPE};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// Marks a request that came on a connection accepted beyond `--max-connections` for
/// health checks (`crate::server`): the app's edge answers it only on `/health` and
/// `/ready`, and anything else with 503 `busy` (`Retry-After: 1`), before it costs any work.
#[derive(Debug, Clone, Copy)]
pub struct HealthOnly {
    /// The connection limit every slot of which was taken.
    pub max_connections: usize,
}

/// What [`edge`] needs: the limits, and the methods of every documented route.
#[derive(Debug, Clone)]
pub(super) struct Edge {
    config: Arc<Config>,
    /// Path templates (`/api/v1/organizations/{id}`) and their methods (`GET, HEAD`).
    routes: Arc<Vec<(String, String)>>,
    /// Each client's request rate, when limited.
    rate: Option<Arc<Limiter>>,
}

impl Edge {
    /// The edge of an app with `config` whose routes are documented in `doc`.
    pub(super) fn new(config: Arc<Config>, doc: &utoipa::openapi::OpenApi) -> Self {
        let routes = doc
            .paths
            .paths
            .iter()
            .map(|(template, item)| {
                let mut methods: Vec<&str> = [
                    ("GET", &item.get),
                    ("HEAD", &item.head),
                    ("POST", &item.post),
                    ("PUT", &item.put),
                    ("PATCH", &item.patch),
                    ("DELETE", &item.delete),
                    ("OPTIONS", &item.options),
                ]
                .into_iter()
                .filter_map(|(name, op)| op.as_ref().map(|_| name))
                .collect();
                // axum answers HEAD wherever it answers GET.
                if item.get.is_some() && item.head.is_none() {
                    methods.insert(1, "HEAD");
                }
                (template.clone(), methods.join(", "))
            })
            .collect();
        Edge {
            rate: config.client_rate.map(|r| Arc::new(Limiter::new(r))),
            config,
            routes: Arc::new(routes),
        }
    }

    /// The methods of the documented route matching `path`, if any.
    fn allowed(&self, path: &str) -> Option<&str> {
        self.routes
            .iter()
            .find(|(template, _)| {
                let mut given = path.split('/');
                let mut wanted = template.split('/');
                loop {
                    match (given.next(), wanted.next()) {
                        (None, None) => return true,
                        (Some(g), Some(w)) if g == w || (w.starts_with('{') && !g.is_empty()) => {}
                        _ => return false,
                    }
                }
            })
            .map(|(_, methods)| methods.as_str())
    }
}

/// The middleware; see the module docs.
pub(super) async fn edge(State(edge): State<Edge>, req: Request, next: Next) -> Response {
    if let Some(only) = req.extensions().get::<HealthOnly>() {
        if !matches!(req.uri().path(), "/health" | "/ready") {
            return ApiError::ConnectionsFull {
                limit: only.max_connections,
            }
            .into_response();
        }
    }
    let counted =
        req.method() != axum::http::Method::GET || !super::page::is_page_file(req.uri().path());
    if let (Some(rate), Some(client), true) = (&edge.rate, fairness::client(&req), counted) {
        if let Some(retry_after) = rate.take(client, std::time::Instant::now()) {
            return ApiError::TooManyRequests { retry_after }.into_response();
        }
    }
    if let Some(refused) = over_a_limit(&edge.config, &req) {
        return refused.into_response();
    }
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let expired = Expired::default();
    let limit = edge.config.body_read_timeout;
    let req = req.map(|body| Body::new(Deadline::new(body, limit, expired.clone())));
    let resp = next.run(req).await;
    if expired.happened() {
        // Whatever the handler made of the failed read, the answer is that the body was
        // too slow; the rest of it is never read, so the connection cannot be reused.
        let mut answer = ApiError::BodyTooSlow { limit }.into_response();
        answer
            .headers_mut()
            .insert(CONNECTION, HeaderValue::from_static("close"));
        return answer;
    }
    with_error_body(resp, &method, &path, &edge)
}

/// The limit `req` breaks, if any.
fn over_a_limit(config: &Config, req: &Request) -> Option<ApiError> {
    let target = req.uri().path_and_query().map_or(0, |pq| pq.as_str().len());
    if target > config.max_uri_bytes {
        return Some(ApiError::UriTooLong {
            limit: config.max_uri_bytes,
        });
    }
    let headers = req.headers();
    // Two tokens: which one counts would depend on the reader (a proxy may check the first,
    // this server the other).
    if headers.get_all(AUTHORIZATION).iter().nth(1).is_some() {
        return Some(ApiError::BadRequest(Refusal::RepeatedHeader {
            name: "Authorization",
        }));
    }
    let size: usize = headers
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len())
        .sum();
    if headers.len() > config.max_headers || size > config.max_header_bytes {
        return Some(ApiError::HeadersTooLarge {
            limit: config.max_header_bytes,
            count: config.max_headers,
        });
    }
    let declared = headers
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > config.body_limit as u64) {
        return Some(ApiError::PayloadTooLarge {
            limit: config.body_limit,
        });
    }
    None
}

/// `resp`, or, when it is an error answer without a body type, the same error with the
/// JSON error body (and `Allow` on a 405).
fn with_error_body(resp: Response, method: &Method, path: &str, edge: &Edge) -> Response {
    let config = &edge.config;
    let status = resp.status();
    if !(status.is_client_error() || status.is_server_error())
        || resp.headers().contains_key(CONTENT_TYPE)
    {
        return resp;
    }
    let allow = match resp.headers().get(ALLOW) {
        Some(allow) => Some(allow.clone()),
        None if status == StatusCode::METHOD_NOT_ALLOWED => edge
            .allowed(path)
            .and_then(|methods| HeaderValue::from_str(methods).ok()),
        None => None,
    };
    let error = match status {
        StatusCode::METHOD_NOT_ALLOWED => ApiError::MethodNotAllowed {
            method: method.to_string(),
            allowed: allow
                .as_ref()
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned(),
        },
        // The API explorer's own 404s (`/api/v1/docs/missing`).
        StatusCode::NOT_FOUND => ApiError::NotFound(Refusal::NoSuchRoute),
        StatusCode::REQUEST_TIMEOUT => ApiError::RequestTimeout {
            limit: config.request_timeout,
        },
        StatusCode::PAYLOAD_TOO_LARGE => ApiError::PayloadTooLarge {
            limit: config.body_limit,
        },
        StatusCode::URI_TOO_LONG => ApiError::UriTooLong {
            limit: config.max_uri_bytes,
        },
        StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE => ApiError::HeadersTooLarge {
            limit: config.max_header_bytes,
            count: config.max_headers,
        },
        _ => return resp,
    };
    let mut answer = error.into_response();
    if let Some(allow) = allow {
        answer.headers_mut().insert(ALLOW, allow);
    }
    answer
}
