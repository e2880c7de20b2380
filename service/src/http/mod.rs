//! The HTTP API (`/api/v1`), built with axum and documented with utoipa.
//!
//! One module per resource, each with `router() -> OpenApiRouter<AppState>`; [`app`] merges
//! them, so every route is in the OpenAPI document by construction (utoipa-axum collects
//! the paths from the same `routes!` calls that register the handlers).

mod analysis;
pub mod auth;
pub mod error;
mod health;
mod import;
pub mod lang;
mod limits;
mod map;
pub mod organizations;
mod planning;
mod suggest;
mod ties;

use crate::analyses::Analyses;
use crate::paging::Window;
use crate::store::{GraphStore, Neo4jStore};
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::Router;
pub use error::ApiError;
use serde::Serialize;
use std::sync::Arc;
use std::time::Duration;
use tower_http::timeout::TimeoutLayer;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_swagger_ui::SwaggerUi;

/// Server settings that handlers need.
#[derive(Debug, Clone)]
pub struct Config {
    /// Token allowing writes and restricted fields (`PUENTES_ADMIN_TOKEN`). `None`: read-only.
    pub admin_token: Option<String>,
    /// Token allowing restricted fields only (`PUENTES_RESTRICTED_TOKEN`).
    pub restricted_token: Option<String>,
    /// Largest accepted request body, in bytes.
    pub body_limit: usize,
    /// Longest a request may take.
    pub request_timeout: Duration,
    /// Longest accepted request target (path and query), in bytes; longer is 414.
    pub max_uri_bytes: usize,
    /// Largest accepted total size of the request headers (names and values), in bytes;
    /// larger is 431.
    pub max_header_bytes: usize,
    /// Most request headers accepted; more is 431.
    pub max_headers: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            admin_token: None,
            restricted_token: None,
            body_limit: 256 << 20,
            request_timeout: Duration::from_secs(300),
            max_uri_bytes: 8 << 10,
            max_header_bytes: 32 << 10,
            max_headers: 100,
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
            analyses: Analyses::new(Arc::clone(&store)),
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
        .merge(analysis::router())
        .merge(planning::router())
        .merge(lang::router())
        .merge(suggest::router())
        .merge(map::router())
}

/// The OpenAPI document (what `/api/v1/openapi.json` serves).
pub fn openapi() -> utoipa::openapi::OpenApi {
    api().split_for_parts().1
}

/// The overview page for planners (embedded; it only calls this API).
async fn index() -> axum::response::Html<&'static str> {
    axum::response::Html(include_str!("../../assets/index.html"))
}

/// The whole application: API, OpenAPI document and explorer, limits.
///
/// The outermost layer (`limits::edge`) refuses a request target, headers or declared
/// body over the limits of [`Config`] before anything else runs, and gives the error
/// answers that axum and tower-http produce without a body (405, 408, 413) the JSON error
/// body of [`ApiError`].
pub fn app(state: AppState) -> Router {
    let (router, doc) = api().split_for_parts();
    let config = Arc::clone(&state.config);
    let edge = limits::Edge::new(Arc::clone(&config), &doc);
    router
        .merge(SwaggerUi::new("/api/v1/docs").url("/api/v1/openapi.json", doc))
        .route("/", axum::routing::get(index))
        .fallback(|| async { ApiError::NotFound("no such route; see /api/v1/docs".into()) })
        .layer(DefaultBodyLimit::max(config.body_limit))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            config.request_timeout,
        ))
        .layer(axum::middleware::from_fn_with_state(edge, limits::edge))
        .with_state(state)
}
