//! The HTTP API (`/api/v1`), built with axum and documented with utoipa.
//!
//! One module per resource, each with `router() -> OpenApiRouter<AppState>`; [`app`] merges
//! them, so every route is in the OpenAPI document by construction (utoipa-axum collects
//! the paths from the same `routes!` calls that register the handlers).

mod analysis;
pub mod auth;
mod body_deadline;
pub mod error;
pub mod fairness;
mod health;
mod import;
pub mod lang;
mod limits;
mod map;
pub mod organizations;
mod page;
mod planning;
mod report;
mod review;
pub mod security;
mod suggest;
mod ties;
pub(crate) mod time;
mod vocabulary;

use crate::analyses::{Analyses, AnalysisLimits};
use crate::i18n::Refusal;
use crate::paging::Window;
use crate::store::{GraphStore, Neo4jStore};
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::Router;
pub use error::ApiError;
pub use limits::HealthOnly;
use serde::Serialize;
use std::sync::Arc;
use std::time::Duration;
use tower_http::timeout::TimeoutLayer;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_swagger_ui::SwaggerUi;

/// Server settings that handlers need. Its `Debug` leaves the tokens out.
#[derive(Clone)]
pub struct Config {
    /// Token allowing writes and restricted fields (`PUENTES_ADMIN_TOKEN`). `None`: read-only.
    pub admin_token: Option<String>,
    /// Token allowing restricted fields only (`PUENTES_RESTRICTED_TOKEN`).
    pub restricted_token: Option<String>,
    /// Largest accepted request body, in bytes.
    pub body_limit: usize,
    /// Longest a request may take.
    pub request_timeout: Duration,
    /// Longest a request body may take to arrive, whole, from when its head was read; later
    /// is 408 and the connection is closed (`--body-read-timeout`).
    pub body_read_timeout: Duration,
    /// Longest accepted request target (path and query), in bytes; longer is 414.
    pub max_uri_bytes: usize,
    /// Largest accepted total size of the request headers (names and values), in bytes;
    /// larger is 431.
    pub max_header_bytes: usize,
    /// Most request headers accepted; more is 431.
    pub max_headers: usize,
    /// How many analyses run and wait at once; beyond, 503 `busy` with `Retry-After`.
    pub analysis: AnalysisLimits,
    /// Requests a client address may make (`--client-rate`, `--client-burst`); beyond, 429
    /// with `Retry-After`. `None`: no limit. Only requests that come through the listening
    /// loop (which knows the client's address) are counted.
    pub client_rate: Option<fairness::ClientRate>,
    /// Origins (`https://example.org`) whose pages may call the API from a browser (CORS);
    /// empty (the default): none, no CORS headers are sent. Checked by
    /// [`security::cors_origin`].
    pub cors_origins: Vec<String>,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let secret = |t: &Option<String>| t.as_ref().map(|_| "<redacted>");
        f.debug_struct("Config")
            .field("admin_token", &secret(&self.admin_token))
            .field("restricted_token", &secret(&self.restricted_token))
            .field("body_limit", &self.body_limit)
            .field("request_timeout", &self.request_timeout)
            .field("body_read_timeout", &self.body_read_timeout)
            .field("max_uri_bytes", &self.max_uri_bytes)
            .field("max_header_bytes", &self.max_header_bytes)
            .field("max_headers", &self.max_headers)
            .field("analysis", &self.analysis)
            .field("client_rate", &self.client_rate)
            .field("cors_origins", &self.cors_origins)
            .finish()
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            admin_token: None,
            restricted_token: None,
            body_limit: crate::import::INPUT_LIMIT,
            request_timeout: Duration::from_secs(300),
            body_read_timeout: Duration::from_secs(60),
            max_uri_bytes: 8 << 10,
            max_header_bytes: 32 << 10,
            max_headers: 100,
            analysis: AnalysisLimits::default(),
            client_rate: Some(fairness::ClientRate {
                per_second: 50.0,
                burst: 100.0,
            }),
            cors_origins: Vec::new(),
        }
    }
}

/// Shared state of every handler.
#[derive(Debug, Clone)]
pub struct AppState {
    /// Where the network lives.
    pub store: Arc<dyn GraphStore>,
    /// Settings.
    pub config: Arc<Config>,
    /// The revision context: the current revision's data and analyses, computed once.
    pub analyses: Analyses,
    /// The same store as `store` when it is Neo4j, for metrics write-back.
    pub neo4j: Option<Arc<Neo4jStore>>,
}

impl AppState {
    /// State over `store` with `config`.
    pub fn new(store: Arc<dyn GraphStore>, config: Config) -> Self {
        AppState {
            analyses: Analyses::with_limits(Arc::clone(&store), config.analysis),
            store,
            config: Arc::new(config),
            neo4j: None,
        }
    }

    /// State over a Neo4j store, with metrics write-back enabled.
    pub fn neo4j(store: Arc<Neo4jStore>, config: Config) -> Self {
        AppState {
            neo4j: Some(Arc::clone(&store)),
            ..AppState::new(store, config)
        }
    }
}

/// A page of a list.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Page<T> {
    /// Items matching the filter, in all pages.
    pub total: usize,
    /// Page size used.
    pub limit: usize,
    /// Items skipped.
    pub offset: usize,
    /// Store revision the page was read at.
    pub revision: u64,
    /// This page.
    pub items: Vec<T>,
}

impl<T> Page<T> {
    /// Largest page size.
    pub const MAX_LIMIT: usize = 10_000;

    /// Pages `items` (default 1000 per page), checking the limit.
    pub fn of(
        items: impl Iterator<Item = T>,
        limit: Option<usize>,
        offset: Option<usize>,
        revision: u64,
    ) -> Result<Self, ApiError> {
        let window =
            Window::new(limit, offset, 1000, Self::MAX_LIMIT).map_err(ApiError::BadRequest)?;
        let (total, items) = window.apply(items);
        Ok(Page {
            total,
            limit: window.limit,
            offset: window.offset,
            revision,
            items,
        })
    }

    /// The same page with `f` applied to each of its items (only to the page's items: a
    /// list of 80,000 organizations is counted, but only the page is copied).
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            total: self.total,
            limit: self.limit,
            offset: self.offset,
            revision: self.revision,
            items: self.items.into_iter().map(f).collect(),
        }
    }
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Puentes API",
        description = "Collaboration networks of organizations that accompany migrants, refugees \
            and displaced people: organizations, ties, import, analysis. Restricted fields \
            (coordinates, contacts) need a token with that scope; writes need the admin token.",
        version = "1"
    ),
    modifiers(&BearerAuth)
)]
struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// Every API route with its OpenAPI document.
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(health::router())
        .merge(organizations::router())
        .merge(ties::router())
        .merge(import::router())
        .merge(review::router())
        .merge(analysis::router())
        .merge(planning::router())
        .merge(lang::router())
        .merge(suggest::router())
        .merge(map::router())
        .merge(vocabulary::router())
        .merge(time::router())
        .merge(report::router())
}

/// The OpenAPI document (what `/api/v1/openapi.json` serves).
pub fn openapi() -> utoipa::openapi::OpenApi {
    api().split_for_parts().1
}

/// The whole application: API, OpenAPI document and explorer, limits.
///
/// Layers, from the outside in:
/// 1. `security::headers`: the security headers (Content-Security-Policy and friends) on
///    every answer, errors and preflights included;
/// 2. CORS (`security::cors`), only when [`Config::cors_origins`] names origins; outside the
///    edge, so the edge's error answers carry the CORS headers too;
/// 3. `limits::edge`: refuses a client over its request rate ([`Config::client_rate`], 429),
///    a request target, headers or declared body over the limits of
///    [`Config`] before anything else runs, gives the body its read deadline
///    ([`Config::body_read_timeout`], `body_deadline`), and gives the error answers that axum and
///    tower-http produce without a body (405, 408, 413) the JSON error body of [`ApiError`];
/// 4. the request timeout and the body limit.
///
/// Around all of them, `lang::scope` serves each request in its language, so every error
/// answer is worded in the reader's language.
pub fn app(state: AppState) -> Router {
    let (router, doc) = api().split_for_parts();
    let config = Arc::clone(&state.config);
    let edge = limits::Edge::new(Arc::clone(&config), &doc);
    let router = router
        .merge(SwaggerUi::new(security::DOCS_PATH).url("/api/v1/openapi.json", doc))
        .merge(page::router())
        .fallback(|| async { ApiError::NotFound(Refusal::NoSuchRoute) })
        .layer(DefaultBodyLimit::max(config.body_limit))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            config.request_timeout,
        ))
        .layer(axum::middleware::from_fn_with_state(edge, limits::edge));
    let router = match security::cors(&config.cors_origins) {
        Some(cors) => router.layer(cors),
        None => router,
    };
    router
        .layer(axum::middleware::from_fn(security::headers))
        .layer(axum::middleware::from_fn(lang::scope))
        .with_state(state)
}

/// GET `uri` (with `Accept-Language: accept` when given) on the whole app over the built-in
/// fixture: the status and the JSON body (`null` when the body is not JSON). For the
/// `oneshot` tests of the route modules.
#[cfg(test)]
pub(crate) async fn get_fixture_json(uri: &str, accept: Option<&str>) -> (u16, serde_json::Value) {
    use crate::store::{Batch, GraphStore, MemoryStore};
    use axum::http::{header::ACCEPT_LANGUAGE, Request};
    use tower::ServiceExt;
    let store = MemoryStore::ephemeral();
    let data = crate::cli::builtin_fixture().expect("fixture");
    store
        .apply(Batch::replace(data))
        .await
        .expect("load fixture");
    let app = app(AppState::new(Arc::new(store), Config::default()));
    let mut req = Request::builder().uri(uri);
    if let Some(a) = accept {
        req = req.header(ACCEPT_LANGUAGE, a);
    }
    let resp = app
        .oneshot(req.body(axum::body::Body::empty()).expect("request"))
        .await
        .expect("infallible");
    let status = resp.status().as_u16();
    let bytes = axum::body::to_bytes(resp.into_body(), usize::MAX)
        .await
        .expect("body");
    (status, serde_json::from_slice(&bytes).unwrap_or_default())
}
