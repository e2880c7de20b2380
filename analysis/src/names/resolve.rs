//! Resolution of a typed name to a known organization, precision first.
//!
//! A survey answer names a collaborator as free text ("Casa del migrante Tapachula", "Asoc.
//! Quetzal A.C."). [`Resolver::resolve`] tries, in this order, and says which one answered:
//!
//! 1. `id`: the text is the id of a known organization;
//! 2. `name`: its [`canonical`] name equals exactly one known organization's (a trailing
//!    "(City)" must agree with that organization's qualifier or city);
//! 3. `alias`: a decision saved earlier for this spelling ([`key`]);
//! 4. `fuzzy`: the best [`similarity`] is at least [`Thresholds::accept`] **and** ahead of the
//!    runner-up (another organization) by at least [`Thresholds::margin`], and both names
//!    have at least [`FUZZY_MIN_CHARS`] characters;
//! 5. `review`: the best similarity is at least [`Thresholds::review`] (or the name matches
//!    several organizations): nothing is guessed, the candidates go to a person;
//! 6. `new`: below that, a new organization.
//!
//! Why these thresholds (the defaults of [`Thresholds`]): the names of these organizations
//! look alike ("Casa Quetzal Nuevo", "Casa Quetzal Norte", "Iniciativa Quetzal Hermano"),
//! and a wrong merge invents a tie between organizations that protect people at risk, while a
//! missed one only costs a person a decision on the review list. Similarity is one minus the
//! Damerau–Levenshtein distance over the longer length, so 0.90 allows one typo (a swap,
//! drop or substitution) per ten characters of the canonical name; look-alikes that differ by
//! a whole word ("nuevo"/"norte": 4 edits in 18 characters, 0.78) fall below it, into review.
//! The margin of 0.05 sends to review a typed name that is nearly as close to a second
//! organization. On the generated surveys of the service's tests these defaults give a
//! precision of at least 0.99 and a recall of at least 0.95 (figures in the README).
//!
//! # Complexity
//! Building: O(total name length). Each [`Resolver::resolve`] looks up hash maps for the
//! first three steps; the fuzzy step scores only the organizations that share the most
//! character trigrams with the name (at most [`SHORTLIST`]), each in O(ℓ²) for names of ℓ
//! characters, so resolving n names against m organizations costs about
//! O(n · (ℓ·p + SHORTLIST·ℓ²)) with p the postings per trigram, not O(n·m·ℓ²).
//!
//! ```
//! use puentes_analysis::names::resolve::{Known, Method, Resolver, Thresholds};
//! let known = vec![
//!     Known::new("casa-quetzal-nuevo", "Casa Quetzal Nuevo", "Tenosique"),
//!     Known::new("casa-quetzal-norte", "Casa Quetzal Norte", "Tijuana"),
//! ];
//! let r = Resolver::new(known, Thresholds::default());
//! assert_eq!(r.resolve("casa quetzal nuevo, A.C.").method, Method::Name);
//! assert_eq!(r.resolve("Casa Quetzal Nuveo").method, Method::Fuzzy);
//! assert_eq!(r.resolve("Casa Quetzal Nueva").method, Method::Review);
//! assert_eq!(r.resolve("Colectivo Brisa del Sur").method, Method::New);
//! ```

use super::{canonical, key, Canonical};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Organizations scored in full by the fuzzy step: those sharing the most trigrams.
pub const SHORTLIST: usize = 24;

/// Names shorter than this (canonical, in characters) are never accepted by the fuzzy step:
/// one edit in a short name is a different name.
pub const FUZZY_MIN_CHARS: usize = 8;

/// How a typed name was resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// The text is a known organization's id.
    Id,
    /// Equal to one known organization's name after normalisation ([`canonical`]).
    Name,
    /// A decision saved earlier for this spelling.
    Alias,
    /// Similar enough, and clearly ahead of the runner-up.
    Fuzzy,
    /// Uncertain: a person decides (nothing is guessed).
    Review,
    /// No known organization is close: a new one.
    New,
}

impl Method {
    /// Every method, in resolution order.
    pub const ALL: [Method; 6] = [
        Method::Id,
        Method::Name,
        Method::Alias,
        Method::Fuzzy,
        Method::Review,
        Method::New,
    ];

    /// The method's name as written in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Id => "id",
            Method::Name => "name",
            Method::Alias => "alias",
            Method::Fuzzy => "fuzzy",
            Method::Review => "review",
            Method::New => "new",
        }
    }
}

/// The similarity thresholds of the fuzzy step (see the module docs for why these values).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    /// Lowest similarity accepted without a person (default 0.90).
    pub accept: f64,
    /// How far ahead of the runner-up an accepted match must be (default 0.05).
    pub margin: f64,
    /// Lowest similarity sent to review; below it the name is new (default 0.75).
    pub review: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            accept: 0.90,
            margin: 0.05,
            review: 0.75,
        }
    }
}

/// A known organization, as the resolver sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Known {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its city (a typed "(City)" must agree with it), possibly empty.
    pub city: String,
    /// Spellings decided earlier to mean this organization.
    pub aliases: Vec<String>,
}

impl Known {
    /// A known organization without aliases.
    pub fn new(id: &str, name: &str, city: &str) -> Self {
        Known {
            id: id.to_owned(),
            name: name.to_owned(),
            city: city.to_owned(),
            aliases: Vec::new(),
        }
    }
}

/// A decision saved for one spelling (an alias, or a review list's `decision`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// The spelling means this organization.
    Is(String),
    /// The spelling is a new organization.
    New,
    /// The spelling is ignored (not an organization, or not a collaboration).
    Skip,
}

/// An organization and how similar a typed name is to it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Scored {
    /// The organization's id.
    pub id: String,
    /// Similarity, 0 to 1 ([`similarity`]).
    pub score: f64,
}

/// How one typed name was resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolution {
    /// Which step answered.
    pub method: Method,
    /// The organization, when one was found (never for `review` and `new`; never for an
    /// alias that says skip or new).
    pub id: Option<String>,
    /// The similarity of the match (or of the best candidate), when the fuzzy step ran.
    pub score: Option<f64>,
    /// The best other organization, when the fuzzy step ran.
    pub runner_up: Option<Scored>,
    /// The best candidates, best first (at most three), for a person to choose from.
    pub candidates: Vec<Scored>,
    /// A saved decision answered: skip this name.
    pub skip: bool,
}

impl Resolution {
    fn plain(method: Method, id: Option<String>) -> Self {
        Resolution {
            method,
            id,
            score: None,
            runner_up: None,
            candidates: Vec::new(),
            skip: false,
        }
    }
}

struct Entry {
    id: String,
    canonical: Canonical,
    /// The city as a spelling key, to check a typed "(City)".
    city: String,
    /// The canonical words sorted, joined by spaces (word order does not matter).
    sorted: String,
}

/// Resolves typed names against known organizations ([module docs](self)).
pub struct Resolver {
    thresholds: Thresholds,
    entries: Vec<Entry>,
    by_id: HashMap<String, usize>,
    by_name: HashMap<String, Vec<usize>>,
    saved: HashMap<String, Decision>,
    grams: HashMap<[char; 3], Vec<u32>>,
    /// The shortlist's counter per organization and the organizations it touched.
    scratch: std::cell::RefCell<(Vec<u32>, Vec<u32>)>,
}

impl std::fmt::Debug for Resolver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Resolver")
            .field("organizations", &self.entries.len())
            .field("saved", &self.saved.len())
            .field("thresholds", &self.thresholds)
            .finish()
    }
}

impl Resolver {
    /// A resolver over `known` organizations (their aliases become saved decisions).
    pub fn new(known: Vec<Known>, thresholds: Thresholds) -> Self {
        let mut r = Resolver {
            thresholds,
            entries: Vec::new(),
            by_id: HashMap::new(),
            by_name: HashMap::new(),
            saved: HashMap::new(),
            grams: HashMap::new(),
            scratch: std::cell::RefCell::default(),
        };
        for k in known {
            r.add(k);
        }
        r
    }

    /// Adds an organization (e.g. one created earlier in the same import), so later names
    /// resolve to it. Adding a known id again changes nothing.
    pub fn add(&mut self, known: Known) {
        if self.by_id.contains_key(&known.id) {
            return;
        }
        let Ok(index) = u32::try_from(self.entries.len()) else {
            return;
        };
        for alias in &known.aliases {
            self.saved
                .entry(key(alias))
                .or_insert_with(|| Decision::Is(known.id.clone()));
        }
        let c = canonical(&known.name);
        let mut sorted: Vec<&str> = c.text.split(' ').collect();
        sorted.sort_unstable();
        let sorted = sorted.join(" ");
        for g in trigrams(&c.text) {
            let postings = self.grams.entry(g).or_default();
            if postings.last() != Some(&index) {
                postings.push(index);
            }
        }
        self.by_name
            .entry(c.text.clone())
            .or_default()
            .push(index as usize);
        self.by_id.insert(known.id.clone(), index as usize);
        self.entries.push(Entry {
            id: known.id,
            canonical: c,
            city: key(&known.city),
            sorted,
        });
    }

    /// Saves a decision for a spelling (it wins over an organization's own alias).
    pub fn decide(&mut self, spelling: &str, decision: Decision) {
        self.saved.insert(key(spelling), decision);
    }

    /// Whether `id` is a known organization.
    pub fn knows(&self, id: &str) -> bool {
        self.by_id.contains_key(id)
    }

    /// Resolves one typed name ([module docs](self)).
    pub fn resolve(&self, raw: &str) -> Resolution {
        let raw = raw.trim();
        if self.by_id.contains_key(raw) {
            return Resolution::plain(Method::Id, Some(raw.to_owned()));
        }
        let typed = canonical(raw);
        if let Some(found) = self.by_name.get(&typed.text) {
            let agree: Vec<usize> = found
                .iter()
                .copied()
                .filter(|&i| self.qualifier_agrees(&typed, i))
                .collect();
            match agree.as_slice() {
                [one] => {
                    return Resolution::plain(Method::Name, Some(self.entries[*one].id.clone()))
                }
                [] => {}
                several => {
                    // One name, several organizations: a person tells which.
                    let mut r = Resolution::plain(Method::Review, None);
                    r.score = Some(1.0);
                    r.candidates = several
                        .iter()
                        .take(3)
                        .map(|&i| Scored {
                            id: self.entries[i].id.clone(),
                            score: 1.0,
                        })
                        .collect();
                    return r;
                }
            }
        }
        match self.saved.get(&key(raw)) {
            Some(Decision::Is(id)) if self.by_id.contains_key(id) => {
                return Resolution::plain(Method::Alias, Some(id.clone()))
            }
            Some(Decision::New) => return Resolution::plain(Method::New, None),
            Some(Decision::Skip) => {
                let mut r = Resolution::plain(Method::Alias, None);
                r.skip = true;
                return r;
            }
            _ => {}
        }
        self.fuzzy(&typed)
    }

    /// Whether a typed "(City)" agrees with organization `i` (no qualifier always agrees).
    fn qualifier_agrees(&self, typed: &Canonical, i: usize) -> bool {
        let e = &self.entries[i];
        match &typed.qualifier {
            None => true,
            Some(q) => e.canonical.qualifier.as_ref() == Some(q) || e.city == *q,
        }
    }

    fn fuzzy(&self, typed: &Canonical) -> Resolution {
        let t = self.thresholds;
        let mut sorted: Vec<&str> = typed.text.split(' ').collect();
        sorted.sort_unstable();
        let typed_sorted = sorted.join(" ");
        let mut scored: Vec<Scored> = self
            .shortlist(&typed.text)
            .into_iter()
            .map(|i| {
                let e = &self.entries[i];
                let s = similarity(&typed.text, &e.canonical.text)
                    .max(similarity(&typed_sorted, &e.sorted));
                // A typed city that contradicts the organization's weighs against it.
                let s = if self.qualifier_agrees(typed, i) {
                    s
                } else {
                    s - 0.1
                };
                Scored {
                    id: e.id.clone(),
                    score: s.max(0.0),
                }
            })
            .collect();
        scored.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
        let best = scored.first().cloned();
        let runner_up = scored.get(1).cloned();
        let mut r = Resolution::plain(Method::New, None);
        r.score = best.as_ref().map(|b| b.score);
        r.runner_up = runner_up.clone();
        r.candidates = scored.into_iter().take(3).collect();
        let Some(best) = best else {
            return r;
        };
        let second = runner_up.map_or(0.0, |s| s.score);
        let long_enough = typed.text.chars().count() >= FUZZY_MIN_CHARS
            && self.entries[self.by_id[&best.id]]
                .canonical
                .text
                .chars()
                .count()
                >= FUZZY_MIN_CHARS;
        let variant = word_variant(
            &typed.text,
            &self.entries[self.by_id[&best.id]].canonical.text,
        );
        if best.score >= t.accept && best.score - second >= t.margin && long_enough && !variant {
            r.method = Method::Fuzzy;
            r.id = Some(best.id);
        } else if best.score >= t.review {
            r.method = Method::Review;
        }
        r
    }

    /// The organizations sharing the most trigrams with `text`, at most [`SHORTLIST`].
    fn shortlist(&self, text: &str) -> Vec<usize> {
        // A dense counter (reused between calls) and the organizations it touched: cheaper
        // than a hash map when common words give long posting lists.
        let mut scratch = self.scratch.borrow_mut();
        let (counts, touched) = &mut *scratch;
        counts.resize(self.entries.len(), 0);
        touched.clear();
        let grams = trigrams(text);
        for g in &grams {
            if let Some(postings) = self.grams.get(g) {
                for &i in postings {
                    let c = &mut counts[i as usize];
                    if *c == 0 {
                        touched.push(i);
                    }
                    *c += 1;
                }
            }
        }
        // A candidate must share at least a quarter of the trigrams: below that the
        // similarity cannot reach the review threshold.
        let floor = (grams.len() / 4).max(1) as u32;
        let mut ranked: Vec<(u32, u32)> = touched
            .iter()
            .map(|&i| (i, counts[i as usize]))
            .filter(|&(_, c)| c >= floor)
            .collect();
        for &i in touched.iter() {
            counts[i as usize] = 0;
        }
        let keep = SHORTLIST.min(ranked.len());
        if keep < ranked.len() {
            ranked.select_nth_unstable_by(keep, |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            ranked.truncate(keep);
        }
        ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.into_iter().map(|(i, _)| i as usize).collect()
    }
}

/// Whether two names differ only in the final vowel of some words ("Nuevo"/"Nueva",
/// "Hermano"/"Hermana", "Norte"/"Norta"): in Spanish that is usually another word, so another
/// organization, not a typo — never accepted by the fuzzy step.
fn word_variant(a: &str, b: &str) -> bool {
    let (wa, wb): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
    if wa.len() != wb.len() || a == b {
        return false;
    }
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'o');
    wa.iter().zip(&wb).all(|(x, y)| {
        if x == y {
            return true;
        }
        let (mut cx, mut cy) = (x.chars(), y.chars());
        let (lx, ly) = (cx.next_back(), cy.next_back());
        cx.as_str() == cy.as_str() && lx.is_some_and(vowel) && ly.is_some_and(vowel)
    })
}

/// The character trigrams of `text` padded with a space at each end, without repeats.
fn trigrams(text: &str) -> Vec<[char; 3]> {
    let chars: Vec<char> = std::iter::once(' ')
        .chain(text.chars())
        .chain(std::iter::once(' '))
        .collect();
    let mut out: Vec<[char; 3]> = chars.windows(3).map(|w| [w[0], w[1], w[2]]).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// How alike two names are, 0 to 1: `1 − d(a, b) / max(|a|, |b|)` with `d` the
/// Damerau–Levenshtein distance (insertions, deletions, substitutions and transpositions of
/// adjacent characters) and `|·|` the length in characters; 1 for two empty names.
///
/// The resolver applies it to canonical names ([`canonical`]), in their order and with
/// their words sorted, and keeps the larger.
///
/// # Complexity
/// O(|a|·|b|) time and memory.
///
/// # Reference
/// Damerau, F. J. (1964). A technique for computer detection and correction of spelling
/// errors. *Communications of the ACM* 7(3), 171–176. Computed by the `strsim` crate's
/// `normalized_damerau_levenshtein`.
///
/// ```
/// use puentes_analysis::names::resolve::similarity;
/// assert_eq!(similarity("casa quetzal", "casa quetzal"), 1.0);
/// assert!((similarity("casa quetzal nuevo", "casa quetzal nuveo") - (1.0 - 1.0 / 18.0)).abs() < 1e-12);
/// ```
pub fn similarity(a: &str, b: &str) -> f64 {
    strsim::normalized_damerau_levenshtein(a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolver() -> Resolver {
        let mut known = vec![
            Known::new("casa-quetzal-nuevo", "Casa Quetzal Nuevo", "Tenosique"),
            Known::new("casa-quetzal-norte", "Casa Quetzal Norte", "Tijuana"),
            Known::new(
                "iniciativa-raices-comun",
                "Iniciativa Raíces Común",
                "Tapachula",
            ),
            Known::new("cdm-tapachula", "Casa del Migrante", "Tapachula"),
            Known::new("cdm-tijuana", "Casa del Migrante", "Tijuana"),
            Known::new("fm4", "FM4", "Guadalajara"),
        ];
        known[2].aliases.push("IRC Tapachula".into());
        Resolver::new(known, Thresholds::default())
    }

    #[test]
    fn each_method_in_order() {
        let r = resolver();
        let got = |raw: &str| {
            let res = r.resolve(raw);
            (res.method, res.id)
        };
        let id = |s: &str| Some(s.to_owned());
        assert_eq!(
            got("casa-quetzal-nuevo"),
            (Method::Id, id("casa-quetzal-nuevo"))
        );
        assert_eq!(
            got("CASA QUETZAL NUEVO A.C."),
            (Method::Name, id("casa-quetzal-nuevo"))
        );
        assert_eq!(
            got("Iniciativa Raices Comun"),
            (Method::Name, id("iniciativa-raices-comun"))
        );
        assert_eq!(
            got("irc tapachula"),
            (Method::Alias, id("iniciativa-raices-comun"))
        );
        assert_eq!(
            got("Iniciativa Raíces Comnú"),
            (Method::Fuzzy, id("iniciativa-raices-comun"))
        );
        assert_eq!(got("Colectivo Brisa del Sur"), (Method::New, None));
    }

    #[test]
    fn a_city_tells_apart_two_organizations_of_one_name() {
        let r = resolver();
        assert_eq!(
            r.resolve("Casa del migrante (Tijuana)").id.as_deref(),
            Some("cdm-tijuana")
        );
        let both = r.resolve("Casa del Migrante");
        assert_eq!(both.method, Method::Review, "one name, two organizations");
        let ids: Vec<_> = both.candidates.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, vec!["cdm-tapachula", "cdm-tijuana"]);
    }

    #[test]
    fn look_alikes_are_never_accepted() {
        let r = resolver();
        // "Nueva" is one edit from "Nuevo", but another word: review, not a merge.
        let res = r.resolve("Casa Quetzal Nueva");
        assert_eq!(res.method, Method::Review);
        assert_eq!(res.id, None);
        let best = res.candidates.first().expect("a candidate");
        assert_eq!(best.id, "casa-quetzal-nuevo");
        assert!((best.score - (1.0 - 1.0 / 18.0)).abs() < 1e-12);
        // The runner-up "norte": n-u-e-v-a vs n-o-r-t-e is 4 edits in 18 characters.
        let second = res.runner_up.expect("a runner-up");
        assert_eq!(second.id, "casa-quetzal-norte");
        assert!((second.score - (1.0 - 4.0 / 18.0)).abs() < 1e-12);
        // Short names are never fuzzy-matched: one edit is another name.
        assert_ne!(r.resolve("FM5").method, Method::Fuzzy);
    }

    #[test]
    fn saved_decisions_win_over_fuzziness_and_can_skip() {
        let mut r = resolver();
        r.decide(
            "Casa Quetzal Nueva",
            Decision::Is("casa-quetzal-norte".into()),
        );
        r.decide("la parroquia", Decision::Skip);
        r.decide("Colectivo Brisa", Decision::New);
        let a = r.resolve("casa quetzal  nueva");
        assert_eq!(
            (a.method, a.id.as_deref()),
            (Method::Alias, Some("casa-quetzal-norte"))
        );
        let s = r.resolve("La Parroquia");
        assert!(s.skip && s.id.is_none());
        assert_eq!(r.resolve("colectivo brisa").method, Method::New);
    }

    #[test]
    fn organizations_added_later_resolve_by_name() {
        let mut r = resolver();
        assert_eq!(
            r.resolve("Colectivo Brisa del Sur A.C.").method,
            Method::New
        );
        r.add(Known::new(
            "colectivo-brisa-del-sur",
            "Colectivo Brisa del Sur",
            "",
        ));
        let again = r.resolve("colectivo brisa del sur");
        assert_eq!(
            (again.method, again.id.as_deref()),
            (Method::Name, Some("colectivo-brisa-del-sur"))
        );
    }

    #[test]
    fn similarity_by_hand() {
        assert_eq!(similarity("", ""), 1.0);
        assert_eq!(similarity("abcd", "abdc"), 0.75, "one transposition in 4");
        assert_eq!(similarity("abcd", "wxyz"), 0.0);
    }
}
