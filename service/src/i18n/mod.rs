//! Languages of the words Puentes shows: which ones there are, how a request picks one, and
//! how numbers are written in each. The sentences themselves are in [`catalogue`], the one
//! message catalogue.
//!
//! # Choosing the language
//! An API request names it with `?lang=es|en` or, failing that, with its `Accept-Language`
//! header (the first supported language by q-weight); the default is English. The CLI takes
//! `--lang` (or `PUENTES_LANG`) for every command. Analyses never depend on the language: they
//! are computed once per revision and worded per request.
//!
//! The chosen language is also the [`current`] one for the whole request or command (a
//! task-local set at the edge by [`with_lang`]: the HTTP middleware `http::lang::scope`, and
//! the binary's `main`), so that errors built deep inside — an import problem, a refused
//! parameter, a busy queue — are worded in it when they become an answer or a printed line.
//!
//! # Numbers
//! Kept simple and the same in every sentence of a language:
//!
//! | | thousands | decimals | 1234567.5 | percent |
//! |---|---|---|---|---|
//! | English | `,` | `.` | `1,234,567.5` | `10%` |
//! | Spanish | `.` | `,` | `1.234.567,5` | `10 %` |
//!
//! Integers are grouped from 1,000 up in both languages (the RAE would leave four-digit numbers
//! ungrouped and prefers a thin space; Mexico and most of Central America write `1,234.5` as
//! English does). One rule per language keeps the page, the API and the CLI consistent; a
//! regional variant (`es-MX`) would be a new [`Lang`] with its own separators.

pub mod catalogue;

pub use catalogue::{
    BacktestText, BusyReason, Expected, Label, ListName, MapError, Message, MessageKind, Names,
    Notice, ProblemCounts, Refusal, SurveyText,
};

use serde::{Deserialize, Serialize};

/// `r` as an error of the CLI, worded in the [`current`] language.
pub fn refuse(r: &Refusal) -> anyhow::Error {
    anyhow::anyhow!(r.render(current()))
}

/// A value a user sent, as a refusal quotes it: cut to 100 characters, with `…` when cut, so
/// a refused megabyte is not sent back (every edge quotes refused values through this).
pub fn shorten(value: &str) -> String {
    let shown: String = value.chars().take(100).collect();
    if shown.len() < value.len() {
        shown + "…"
    } else {
        shown
    }
}

/// `n` worded in the [`current`] language.
pub fn say(n: &Notice) -> String {
    n.render(current())
}

tokio::task_local! {
    /// The language of the request (or CLI command) being served: set once at the edge
    /// ([`with_lang`]) so that error answers built deep inside are worded in
    /// the reader's language when they become a response.
    static CURRENT: Lang;
}

/// The language of the request or command being served; English outside any (see
/// [`with_lang`]).
pub fn current() -> Lang {
    CURRENT.try_with(|l| *l).unwrap_or_default()
}

/// Runs `fut` with `lang` as the [`current`] language.
pub async fn with_lang<F: std::future::Future>(lang: Lang, fut: F) -> F::Output {
    CURRENT.scope(lang, fut).await
}

/// A language Puentes speaks.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Default,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English (the default).
    #[default]
    En,
    /// Spanish.
    Es,
}

impl Lang {
    /// Every language, in a fixed order.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Es];

    /// The language's code: `en` or `es`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }

    /// The language named by a code, `en` or `es` (ASCII case ignored); `None` otherwise.
    ///
    /// ```
    /// use puentes::i18n::Lang;
    /// assert_eq!(Lang::parse("es"), Some(Lang::Es));
    /// assert_eq!(Lang::parse("EN"), Some(Lang::En));
    /// assert_eq!(Lang::parse("fr"), None);
    /// ```
    pub fn parse(code: &str) -> Option<Lang> {
        Lang::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(code.trim()))
    }

    /// The supported language an `Accept-Language` header prefers: the entry with the highest
    /// q-weight (`q` defaults to 1; ties go to the earlier entry) whose primary subtag is `en`
    /// or `es`. `*` and entries with `q=0` never choose; `None` when nothing supported is
    /// acceptable or the header cannot be read.
    ///
    /// ```
    /// use puentes::i18n::Lang;
    /// assert_eq!(Lang::from_accept_language("es-MX,es;q=0.9,en;q=0.8"), Some(Lang::Es));
    /// assert_eq!(Lang::from_accept_language("fr-CH, fr;q=0.9, en;q=0.8, es;q=0.7"), Some(Lang::En));
    /// assert_eq!(Lang::from_accept_language("de"), None);
    /// ```
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut best: Option<(f64, Lang)> = None;
        for entry in header.split(',') {
            let mut parts = entry.split(';');
            let tag = parts.next().unwrap_or("").trim();
            let primary = tag.split(['-', '_']).next().unwrap_or("");
            let Some(lang) = Lang::parse(primary) else {
                continue;
            };
            let mut q = 1.0;
            for param in parts {
                if let Some((k, v)) = param.split_once('=') {
                    if k.trim().eq_ignore_ascii_case("q") {
                        q = v.trim().parse::<f64>().unwrap_or(0.0);
                    }
                }
            }
            if !(q > 0.0 && q <= 1.0) {
                continue;
            }
            if best.is_none_or(|(bq, _)| q > bq) {
                best = Some((q, lang));
            }
        }
        best.map(|(_, l)| l)
    }

    fn separators(self) -> (char, char) {
        match self {
            Lang::En => (',', '.'),
            Lang::Es => ('.', ','),
        }
    }

    /// The thousands separator.
    pub fn thousands_separator(self) -> char {
        self.separators().0
    }

    /// The decimal separator.
    pub fn decimal_separator(self) -> char {
        self.separators().1
    }

    /// An integer with thousands separators.
    ///
    /// ```
    /// use puentes::i18n::Lang;
    /// assert_eq!(Lang::En.int(561_062), "561,062");
    /// assert_eq!(Lang::Es.int(561_062), "561.062");
    /// assert_eq!(Lang::Es.int(999), "999");
    /// ```
    pub fn int(self, n: u64) -> String {
        group(&n.to_string(), self.thousands_separator())
    }

    /// A count (`usize`) with thousands separators; see [`Lang::int`].
    pub fn count(self, n: usize) -> String {
        self.int(n as u64)
    }

    /// `x` rounded to `places` decimals, with the language's separators. Not-a-number and
    /// infinities are written as `NaN`, `∞` and `-∞`.
    ///
    /// ```
    /// use puentes::i18n::Lang;
    /// assert_eq!(Lang::En.decimal(1234.5, 1), "1,234.5");
    /// assert_eq!(Lang::Es.decimal(1234.5, 1), "1.234,5");
    /// assert_eq!(Lang::Es.decimal(-0.1114, 3), "-0,111");
    /// ```
    pub fn decimal(self, x: f64, places: usize) -> String {
        if x.is_nan() {
            return "NaN".to_owned();
        }
        if x.is_infinite() {
            return if x > 0.0 { "∞" } else { "-∞" }.to_owned();
        }
        let (thousands, point) = self.separators();
        let text = format!("{:.*}", places, x.abs());
        let (whole, frac) = text.split_once('.').unwrap_or((&text, ""));
        let sign = if x < 0.0 && text.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
            "-"
        } else {
            ""
        };
        let mut out = format!("{sign}{}", group(whole, thousands));
        if !frac.is_empty() {
            out.push(point);
            out.push_str(frac);
        }
        out
    }

    /// `x` as written by Rust's shortest round-trip form (`1`, `0.5`), with the language's
    /// decimal separator and no grouping: for parameters the reader typed, such as a
    /// resolution.
    pub fn plain(self, x: f64) -> String {
        let text = x.to_string();
        match self {
            Lang::En => text,
            Lang::Es => text.replace('.', ","),
        }
    }

    /// A share as a whole percentage: `10%` in English, `10 %` in Spanish.
    pub fn percent(self, share: f64) -> String {
        let p = self.decimal(100.0 * share, 0);
        match self {
            Lang::En => format!("{p}%"),
            Lang::Es => format!("{p}\u{a0}%"),
        }
    }

    /// The word for "and" before `next`: English `and`; Spanish `y`, or `e` before a word
    /// that starts with the sound /i/ (`i-`, `hi-` not followed by a vowel), as the RAE asks.
    ///
    /// ```
    /// use puentes::i18n::Lang;
    /// assert_eq!(Lang::Es.and_before("Iniciativa Sendero"), "e");
    /// assert_eq!(Lang::Es.and_before("Hierro Común"), "y");
    /// assert_eq!(Lang::Es.and_before("Casa Alba"), "y");
    /// ```
    pub fn and_before(self, next: &str) -> &'static str {
        match self {
            Lang::En => "and",
            Lang::Es => {
                let lower: Vec<char> = next
                    .trim_start()
                    .chars()
                    .take(3)
                    .flat_map(char::to_lowercase)
                    .collect();
                let is_i = |c: Option<&char>| matches!(c, Some('i' | 'í'));
                let vowel = |c: Option<&char>| {
                    matches!(c, Some('a' | 'e' | 'o' | 'u' | 'á' | 'é' | 'ó' | 'ú'))
                };
                let sound_i = is_i(lower.first())
                    || (lower.first() == Some(&'h') && is_i(lower.get(1)) && !vowel(lower.get(2)));
                if sound_i {
                    "e"
                } else {
                    "y"
                }
            }
        }
    }
}

/// Inserts `sep` every three digits from the right of a string of ASCII digits.
fn group(digits: &str, sep: char) -> String {
    let n = digits.len();
    let mut out = String::with_capacity(n + n / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (n - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_each_language() {
        assert_eq!(Lang::En.int(0u64), "0");
        assert_eq!(Lang::En.int(1_000u64), "1,000");
        assert_eq!(Lang::Es.int(1_234_567u64), "1.234.567");
        assert_eq!(Lang::En.decimal(0.1114, 3), "0.111");
        assert_eq!(Lang::Es.decimal(0.1114, 3), "0,111");
        assert_eq!(Lang::Es.decimal(12.0, 1), "12,0");
        assert_eq!(Lang::En.decimal(1_234_567.25, 2), "1,234,567.25");
        assert_eq!(Lang::Es.decimal(999.96, 1), "1.000,0");
        assert_eq!(Lang::En.decimal(-0.0001, 2), "0.00");
        assert_eq!(Lang::En.decimal(f64::NAN, 2), "NaN");
        assert_eq!(Lang::En.percent(0.1), "10%");
        assert_eq!(Lang::Es.percent(0.1), "10\u{a0}%");
        assert_eq!(Lang::Es.plain(1.5), "1,5");
        assert_eq!(Lang::En.plain(1.0), "1");
    }

    #[test]
    fn accept_language_picks_the_preferred_supported_language() {
        let pick = Lang::from_accept_language;
        assert_eq!(pick("es"), Some(Lang::Es));
        assert_eq!(pick("en-US,en;q=0.9"), Some(Lang::En));
        // q-weights decide, not order.
        assert_eq!(pick("en;q=0.5, es;q=0.8"), Some(Lang::Es));
        // Equal weights: the first.
        assert_eq!(pick("es-GT, en"), Some(Lang::Es));
        // Unsupported, wildcard and refused entries never choose.
        assert_eq!(pick("fr, *;q=0.5"), None);
        assert_eq!(pick("es;q=0, en;q=0.1"), Some(Lang::En));
        assert_eq!(pick("es;q=abc"), None);
        assert_eq!(pick(""), None);
    }

    #[test]
    fn spanish_and_becomes_e_before_the_i_sound() {
        assert_eq!(Lang::Es.and_before("Iniciativa"), "e");
        assert_eq!(Lang::Es.and_before("Índigo"), "e");
        assert_eq!(Lang::Es.and_before("Hidalgo"), "e");
        assert_eq!(Lang::Es.and_before("hielo"), "y");
        assert_eq!(Lang::Es.and_before("Red"), "y");
        assert_eq!(Lang::En.and_before("Iniciativa"), "and");
    }
}
