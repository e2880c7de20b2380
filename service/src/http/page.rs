//! The network map page for planners, embedded in the binary: `index.html` at `/`, its ES
//! modules under `/js/` (`main.js` imports the others) and its two style sheets. The page
//! only calls this API; its script and styles are separate files, so it needs no inline
//! script or style and runs under the strict Content-Security-Policy of
//! [`super::security`].

use super::AppState;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::Router;

/// Content type of the page's modules (a module script must be served as JavaScript).
const JAVASCRIPT: &str = "text/javascript; charset=utf-8";
/// Content type of the page's style sheets.
const CSS: &str = "text/css; charset=utf-8";

/// `[("/js/<name>", body)]` for each named file of `service/assets/js/`.
macro_rules! modules {
    ($($name:literal),+ $(,)?) => {
        [$((concat!("/js/", $name), include_str!(concat!("../../assets/js/", $name)))),+]
    };
}

/// The page's ES modules, path and body; a test checks that every file of
/// `service/assets/js/` is here.
const MODULES: [(&str, &str); 25] = modules![
    "admin.js",
    "api.js",
    "changes.js",
    "colours.js",
    "dom.js",
    "downloads.js",
    "draw.js",
    "filters.js",
    "findings.js",
    "geometry.js",
    "guide.js",
    "keys.js",
    "legend.js",
    "main.js",
    "navigate.js",
    "panel.js",
    "pointer.js",
    "report.js",
    "review.js",
    "search.js",
    "state.js",
    "style.js",
    "table.js",
    "time.js",
    "words.js",
];

/// The page's style sheets: path and body.
const STYLES: [(&str, &str); 2] = [
    ("/app.css", include_str!("../../assets/app.css")),
    ("/map.css", include_str!("../../assets/map.css")),
];

/// Whether `path` is one of the page's own files (`/`, a module, a style sheet): served from
/// memory, so not counted in a client's request rate ([`super::fairness`]) — one page load
/// asks for about 30 of them, and an office sharing one address reloads the page often.
pub(super) fn is_page_file(path: &str) -> bool {
    path == "/" || MODULES.iter().any(|(p, _)| *p == path) || STYLES.iter().any(|(p, _)| *p == path)
}

/// The page itself.
async fn index() -> axum::response::Html<&'static str> {
    axum::response::Html(include_str!("../../assets/index.html"))
}

/// `/`, the modules and the style sheets (revalidated on every load, so a new binary's page
/// is never mixed with an old module).
pub(super) fn router() -> Router<AppState> {
    let files = MODULES
        .into_iter()
        .map(|(path, body)| (path, JAVASCRIPT, body))
        .chain(STYLES.into_iter().map(|(path, body)| (path, CSS, body)));
    files.fold(
        Router::new().route("/", axum::routing::get(index)),
        |router, (path, content_type, body)| {
            router.route(
                path,
                axum::routing::get(move || async move {
                    (
                        [(CONTENT_TYPE, content_type), (CACHE_CONTROL, "no-cache")],
                        body,
                    )
                }),
            )
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_module_file_is_served() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/js");
        let on_disk: BTreeSet<String> = std::fs::read_dir(&dir)
            .expect("service/assets/js")
            .map(|e| e.expect("a directory entry").file_name())
            .map(|name| format!("/js/{}", name.to_string_lossy()))
            .collect();
        let served: BTreeSet<String> = MODULES.iter().map(|(p, _)| (*p).to_owned()).collect();
        assert_eq!(served, on_disk);
    }

    #[test]
    fn the_page_loads_main_as_a_module_and_modules_import_only_served_files() {
        let html = include_str!("../../assets/index.html");
        assert!(html.contains(r#"<script type="module" src="/js/main.js"></script>"#));
        assert!(!html.contains("<script>") && !html.contains("style="));
        let served: BTreeSet<&str> = MODULES.iter().map(|(p, _)| *p).collect();
        for (path, body) in MODULES {
            for (_, rest) in body
                .match_indices("} from '")
                .map(|(i, _)| body.split_at(i + 8))
            {
                let target = rest.split_once('\'').map(|(t, _)| t).unwrap_or(rest);
                let name = target
                    .strip_prefix("./")
                    .unwrap_or_else(|| panic!("{path} imports {target}: not a module of the page"));
                assert!(
                    served.contains(format!("/js/{name}").as_str()),
                    "{path} imports {target}"
                );
            }
        }
    }

    #[tokio::test]
    async fn modules_are_served_as_javascript_and_styles_as_css() {
        use axum::http::{header, Request};
        use tower::ServiceExt;
        let store = crate::store::MemoryStore::ephemeral();
        let app = super::super::app(AppState::new(
            std::sync::Arc::new(store),
            super::super::Config::default(),
        ));
        let cases = [
            (
                "/js/main.js",
                JAVASCRIPT,
                include_str!("../../assets/js/main.js"),
            ),
            (
                "/js/state.js",
                JAVASCRIPT,
                include_str!("../../assets/js/state.js"),
            ),
            ("/map.css", CSS, include_str!("../../assets/map.css")),
            (
                "/",
                "text/html; charset=utf-8",
                include_str!("../../assets/index.html"),
            ),
        ];
        for (path, content_type, file) in cases {
            let resp = app
                .clone()
                .oneshot(
                    Request::get(path)
                        .body(axum::body::Body::empty())
                        .expect("request"),
                )
                .await
                .expect("infallible");
            assert_eq!(resp.status(), 200, "{path}");
            assert_eq!(resp.headers()[header::CONTENT_TYPE], content_type, "{path}");
            let body = axum::body::to_bytes(resp.into_body(), usize::MAX)
                .await
                .expect("body");
            assert_eq!(body, file.as_bytes(), "{path}");
        }
        assert_eq!(JAVASCRIPT, "text/javascript; charset=utf-8");
    }
}
