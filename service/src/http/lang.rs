//! The reader's language at the HTTP edge: the [`Lang`] extractor, its documented query
//! parameter ([`LangParam`]) and `GET /api/v1/messages`, the page's fixed words from the
//! message catalogue.
//!
//! A handler that words findings takes `lang: Lang` and adds `LangParam` to its
//! `params(...)`. The language is chosen by, in order:
//! 1. the `lang` query parameter, `es` or `en` (anything else: 400 naming the value);
//! 2. the `Accept-Language` header: the first supported language by q-weight;
//! 3. English.
//!
//! The extractor reads the raw query string, so it works beside any `Query<T>` of the
//! handler (the `Query` wrapper leaves the `lang` key to it).

use super::error::ErrorBody;
use super::{ApiError, AppState};
use crate::i18n::{Label, Lang};
use axum::extract::FromRequestParts;
use axum::http::header::ACCEPT_LANGUAGE;
use axum::http::request::Parts;
use axum::Json;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa_axum::{router::OpenApiRouter, routes};

/// The `lang` query parameter, for handlers' OpenAPI `params(...)`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LangParam {
    /// Language of the sentences: `es` or `en`. Without it the `Accept-Language` header
    /// decides (the first supported language by q-weight), then English.
    #[param(inline)]
    pub lang: Option<Lang>,
}

impl<S: Send + Sync> FromRequestParts<S> for Lang {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        if let Some(value) = query_value(parts.uri.query().unwrap_or(""), "lang") {
            return Ok(crate::params::lang(value)?);
        }
        Ok(header_lang(&parts.headers))
    }
}

/// The language `Accept-Language` prefers, English without one.
fn header_lang(headers: &axum::http::HeaderMap) -> Lang {
    let header = headers
        .get_all(ACCEPT_LANGUAGE)
        .iter()
        .filter_map(|h| h.to_str().ok())
        .collect::<Vec<_>>()
        .join(",");
    Lang::from_accept_language(&header).unwrap_or_default()
}

/// Middleware, outermost: serves the request with its language as
/// [`crate::i18n::current`], so every error answer (an extractor's, a layer's, a handler's)
/// is worded in it. The language is chosen as for the [`Lang`] extractor; a `lang` value
/// that is neither `es` nor `en` falls back to the header here (the extractor then refuses
/// it, in that language).
pub async fn scope(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let lang = query_value(req.uri().query().unwrap_or(""), "lang")
        .and_then(Lang::parse)
        .unwrap_or_else(|| header_lang(req.headers()));
    crate::i18n::with_lang(lang, next.run(req)).await
}

/// The value of the first `key=value` pair with this key in a raw query string (values of
/// `lang` need no percent-decoding: `es` and `en` are plain ASCII, and anything else is
/// refused with the value as sent).
fn query_value<'q>(query: &'q str, key: &str) -> Option<&'q str> {
    query
        .split('&')
        .map(|pair| pair.split_once('=').unwrap_or((pair, "")))
        .find(|(k, _)| *k == key)
        .map(|(_, v)| v)
}

/// The page's fixed words in one language, with how numbers are written in it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Messages {
    /// The language.
    pub lang: Lang,
    /// Thousands separator (`,` in English, `.` in Spanish).
    pub thousands_separator: String,
    /// Decimal separator (`.` in English, `,` in Spanish).
    pub decimal_separator: String,
    /// Every label of the page, by key.
    pub labels: BTreeMap<&'static str, &'static str>,
}

impl Messages {
    /// The catalogue's labels in `lang`.
    pub fn new(lang: Lang) -> Self {
        Messages {
            lang,
            thousands_separator: lang.thousands_separator().to_string(),
            decimal_separator: lang.decimal_separator().to_string(),
            labels: Label::ALL.iter().map(|l| (l.key(), l.text(lang))).collect(),
        }
    }
}

/// The fixed words of the planners' page in the reader's language (the sentences of the
/// findings come with the findings).
#[utoipa::path(get, path = "/api/v1/messages", tag = "health", params(LangParam),
    responses(
        (status = 200, description = "The page's labels", body = Messages),
        (status = 400, description = "Bad lang", body = ErrorBody)))]
async fn get_messages(
    lang: Lang,
    _none: super::error::Query<super::error::NoParams>,
) -> Json<Messages> {
    Json(Messages::new(lang))
}

/// Routes of this module.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_messages))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::Request;

    async fn lang_of(uri: &str, accept: Option<&str>) -> Result<Lang, String> {
        let mut req = Request::builder().uri(uri);
        if let Some(a) = accept {
            req = req.header(ACCEPT_LANGUAGE, a);
        }
        let (mut parts, ()) = req.body(()).expect("request").into_parts();
        Lang::from_request_parts(&mut parts, &())
            .await
            .map_err(|e| match e {
                ApiError::BadRequest(m) => m.render(Lang::En),
                other => format!("{other:?}"),
            })
    }

    #[tokio::test]
    async fn query_then_header_then_english() {
        assert_eq!(lang_of("/api/v1/gaps", None).await, Ok(Lang::En));
        assert_eq!(lang_of("/api/v1/gaps?lang=es", None).await, Ok(Lang::Es));
        assert_eq!(
            lang_of("/api/v1/gaps?limit=5&lang=en", Some("es-MX,es;q=0.9")).await,
            Ok(Lang::En)
        );
        assert_eq!(
            lang_of(
                "/api/v1/gaps?limit=5",
                Some("fr;q=0.9, es-GT;q=0.8, en;q=0.5")
            )
            .await,
            Ok(Lang::Es)
        );
        assert_eq!(lang_of("/api/v1/gaps", Some("de")).await, Ok(Lang::En));
        // A key that merely contains "lang" is not it.
        assert_eq!(lang_of("/api/v1/gaps?slang=es", None).await, Ok(Lang::En));
    }

    #[tokio::test]
    async fn a_bad_lang_is_refused_with_its_value() {
        assert_eq!(
            lang_of("/api/v1/gaps?lang=fr", Some("es")).await,
            Err("lang: expected es or en, not \"fr\"".to_owned())
        );
        assert_eq!(
            lang_of("/api/v1/gaps?lang=", None).await,
            Err("lang: expected es or en, not \"\"".to_owned())
        );
    }

    use super::super::get_fixture_json as get_json;

    #[tokio::test]
    async fn the_gap_report_and_profile_answer_in_the_asked_language() {
        let (status, es) = get_json("/api/v1/gaps?limit=2&lang=es", None).await;
        assert_eq!(status, 200, "{es}");
        let cut = es["cut_points"]["items"][0]["explanation"]
            .as_str()
            .unwrap_or("");
        assert!(cut.starts_with("Sin "), "{cut}");
        assert_eq!(es["peripheral"]["items"][0]["reasons"][0], "pendant");
        let (_, by_header) = get_json("/api/v1/gaps?limit=2", Some("es-MX,es;q=0.9")).await;
        assert_eq!(by_header["cut_points"], es["cut_points"]);
        let (_, en) = get_json("/api/v1/gaps?limit=2", None).await;
        let cut = en["cut_points"]["items"][0]["explanation"]
            .as_str()
            .unwrap_or("");
        assert!(cut.starts_with("Without "), "{cut}");
        let (status, p) = get_json(
            "/api/v1/organizations/casa-quetzal-nuevo/profile?lang=es",
            None,
        )
        .await;
        assert_eq!(status, 200, "{p}");
        let first = p["summary"][0].as_str().unwrap_or("");
        assert!(
            first.starts_with("Casa Quetzal Nuevo tiene vínculos con 7 organizaciones"),
            "{first}"
        );
        let (status, err) = get_json("/api/v1/gaps?lang=fr", None).await;
        assert_eq!(status, 400);
        assert_eq!(
            err["error"]["message"],
            "lang: expected es or en, not \"fr\""
        );
    }

    #[test]
    fn messages_carry_every_label_and_the_separators() {
        let es = Messages::new(Lang::Es);
        assert_eq!(es.labels.len(), Label::ALL.len());
        assert_eq!(es.labels["card_cut_points"], "puntos de corte");
        assert_eq!(
            (
                es.thousands_separator.as_str(),
                es.decimal_separator.as_str()
            ),
            (".", ",")
        );
    }
}
