//! Synthetic survey exports with known truth, for the survey import's tests and the worked
//! example in `fixtures/survey/`.
//!
//! [`generate`] takes a truth network (any [`NetworkData`]) and writes the export its partner
//! organizations would have sent back, as Google Forms, KoboToolbox or SurveyMonkey lay it
//! out, together with the `SURVEY.toml` that describes it and the truth behind every cell:
//! who answered, and for every nominated name the organization it means (or that it names an
//! organization outside the network), how it was mistyped, and the strength, kind and per-tie
//! answers the import must give the tie. Every name and figure is invented; the organizations
//! this is modelled on protect people at risk, so no real organization's name may appear.
//!
//! # What is modelled
//! - **Who answers**: the partner organizations (`partner == true`), less a seeded share
//!   `non_response` of them (`round(partners × non_response)` do not answer).
//! - **Whom they name**: each respondent names each organization it has a *current* tie with in
//!   `year` (any kind, `since ≤ year`, not ended before `year`; the pair's ties collapsed) with
//!   probability `report_probability`; so some ties are reported by both sides and some by one
//!   only, and non-respondents are named by others. Then organizations outside the network
//!   ("outsiders") are named, `outsiders` of all nominations: a pool of invented names, 40 % of
//!   them look-alikes of network names (one word replaced: "Casa Quetzal Norte" for "Casa
//!   Quetzal Nuevo") that must not be merged; several respondents may name the same outsider.
//!   An outsider's [normalised name](#normalised-names) differs from every network name's, and
//!   a look-alike's replaced word is at least 3 edits from the word it replaces and from that
//!   word in every network name that shares the rest.
//! - **How names are typed** ([`Noise`]): one kind is drawn per typed nomination with these
//!   weights; a kind that does not apply to the name (no accents to drop, no "Asociación" to
//!   abbreviate, a typo that would come near another name) types it exactly, so `Exact` ends
//!   above its weight; acronyms are capped at 2 % of the typed names:
//!
//!   | noise | share | example (for "Asociación Quetzal Abierto", city Tapachula) |
//!   |---|---|---|
//!   | `Exact` | 40 % | Asociación Quetzal Abierto |
//!   | `Case` | 8 % | asociación quetzal abierto |
//!   | `Accents` | 12 % | Asociacion Quetzal Abierto |
//!   | `Punctuation` | 5 % | Asociación-Quetzal Abierto |
//!   | `LegalSuffix` | 8 % | Asociación Quetzal Abierto, A.C. (or a suffix removed) |
//!   | `Abbreviation` | 6 % | Asoc. Quetzal Abierto |
//!   | `CityQualifier` | 5 % | Asociación Quetzal Abierto (Tapachula) |
//!   | `Typo` | 12 % | Asociación Quetzal Abeirto |
//!   | `Acronym` | 1.5 % | AQA |
//!   | `Combined` | 2.5 % | asoc quetzal abierto a.c. (two or three of the above) |
//!
//!   Legal suffixes are ", A.C.", " A.C.", " AC", " I.A.P.", " S.C.", " Asociación Civil" (and
//!   " Inc.", " LLC" for organizations in the United States); abbreviations are "Asociación" →
//!   "Asoc.", "Fundación" → "Fund.", "Casa del Migrante" → "Casa del migrante". A typo swaps
//!   two adjacent letters, drops one or replaces one, never the first letter, in one word of
//!   at least 6 letters, and only when the typed word stays closer (by at least 2 edits) to the
//!   true word than to the word in the same place of every other network name that shares
//!   the rest; so a careful resolver can always tell. Outsiders are typed exactly (60 %), in
//!   other case, without accents or with punctuation changes: never with a typo.
//! - **The respondent column**: the respondent's own name, exact (70 %) or with case, accents,
//!   punctuation or a legal suffix changed; always exact for KoboToolbox (chosen from a list).
//! - **The answers**: a collaboration frequency (`[strength_map]`: "Semanal" 5, "Mensual" 4,
//!   "Trimestral" 3, "Semestral" 2, "Anual" 1) from the strongest current tie of the pair (in
//!   the wide and options layouts one answer per respondent: the median over the partners it
//!   names); the kind ("Referencia de casos" … `[kind_map]`) of that tie; trust ("Confianza")
//!   and value ("Valor") of each tie on a 1–4 scale, near `1 + 3·(strength − 1)/4`; and the
//!   organization's own answers taken from the truth network's fields so analytics can be
//!   checked: salaried staff, annual budget (USD, plain digits), how often team agreements are
//!   reviewed and feedback is given to the population (Spanish words, several per value:
//!   "Mensualmente", "Cada mes", …, "Nunca"; `[attribute_values.FIELD]` maps them), social
//!   media use 0–4, donation sources. About 4 % of answers are left blank.
//!
//! # Layouts and flavours
//! - [`Layout::Wide`]: one row per respondent; the named organizations in one cell, joined by
//!   "; " (60 %), a line break (30 %) or ";" (10 %), chosen per respondent.
//! - [`Layout::Long`]: one row per (respondent, named organization): frequency, kind, trust and
//!   value per row; a respondent who named nobody has one row with these cells blank. The
//!   respondent's own answers are repeated on every row for KoboToolbox and written on its
//!   first row only for Google Forms and SurveyMonkey.
//! - [`Layout::Options`]: one column `Q5/<name>` per partner organization, as the funder lists
//!   them (network names, sorted), holding `1`/`0` (KoboToolbox) or `Sí`/empty; a free-text
//!   column `Q5/Otra (especifique)` for everyone else (allies and outsiders, typed with noise);
//!   one frequency answer per respondent; no per-tie answers (the survey import reads a tie
//!   attribute from one column, and here a tie has no row of its own).
//! - [`Flavour`] sets the header style: Google Forms has one header row of question texts and a
//!   "Marca temporal" column first; KoboToolbox has `group/question` headers (`datos/nombre_org`)
//!   with `start`, `end` first and `_id`, `_uuid`, `_submission_time`, `_index` last;
//!   SurveyMonkey has **two** header rows — row 1 the question text (blank over the later
//!   columns of a multi-column question), row 2 "Response", "Open-Ended Response" or an
//!   option's text — and "Respondent ID", "Collector ID", "Start Date", "End Date" first.
//!
//! # The `SURVEY.toml` it writes
//! The format the survey import reads ([`crate::survey::config`]), naming columns by header:
//! - `header_rows = 1 | 2`. With two (SurveyMonkey), a column is named by its row-1 text,
//!   carried right over blank row-1 cells, and that text, `" / "` and the row-2 text when row 2
//!   holds an option (not "Response" or "Open-Ended Response"); so the "other" column of
//!   SurveyMonkey's options layout is `Q5 / Otra (especifique)`.
//! - Long layout: `collaborators` names the column of the one named organization per row.
//! - Options layout: `collaborators = "Q5"`, the question of the option columns (`Q5/<name>`,
//!   or `Q5` over the options in row 2 for SurveyMonkey); `other` the free-text column.
//! - `kind = "referral"` (wide and options) or `kind_column` with `[kind_map]` (long).
//! - `[attribute_values.FIELD]` maps the practice answers to `never` … `weekly`.
//!
//! # Normalised names
//! The tests here compare names by a key: accents folded, lowercase, punctuation as spaces,
//! "asoc" → "asociacion", "fund" → "fundacion", trailing legal suffixes removed, and (for the
//! *bare* key) a trailing "(City)" removed first. The noise kinds `Case`, `Accents`,
//! `Punctuation`, `LegalSuffix`, `Abbreviation` and `CityQualifier` keep the bare key; `Typo`,
//! `Acronym` change it.
//!
//! Same truth and options → byte-identical output: one seeded `ChaCha8Rng` drawn in a fixed
//! order; maps are only looked up, never iterated.
//!
//! # Files
//! This file lays out the export (layouts, flavours, `SURVEY.toml`, the worked example);
//! `names.rs` holds the keys and the look-alike index, `typing.rs` the noise kinds and the
//! outsiders, `networks.rs` [`synthetic_names`], [`synthetic_network`] and [`next_wave`].

mod names;
mod networks;
mod typing;

pub use networks::{next_wave, synthetic_names, synthetic_network};

use names::{key, NameIndex};
use puentes_analysis::model::{Frequency, NetworkData, Organization, TieKind};
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use typing::{outsider_pool, type_name, type_outsider, type_respondent};

/// How the export arranges nominations (issue 21 §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Layout {
    /// One row per respondent, the named organizations in one cell.
    Wide,
    /// One row per (respondent, named organization).
    Long,
    /// One 0/1 (or Sí/empty) column per listed organization, plus a free-text "other" column.
    Options,
}

impl Layout {
    /// Every layout.
    pub const ALL: [Layout; 3] = [Layout::Wide, Layout::Long, Layout::Options];

    /// The layout's name in `SURVEY.toml` (`wide`, `long`, `options`).
    pub fn as_str(self) -> &'static str {
        match self {
            Layout::Wide => "wide",
            Layout::Long => "long",
            Layout::Options => "options",
        }
    }
}

/// Which survey tool's header style the export has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Flavour {
    /// One header row of question texts, "Marca temporal" first.
    GoogleForms,
    /// `group/question` headers (`datos/nombre_org`), `_uuid` and `_submission_time` columns;
    /// the respondent chosen from a list (exact name); options as `1`/`0`.
    Kobo,
    /// Two header rows (question text; "Response", "Open-Ended Response" or the option's text),
    /// "Respondent ID" and "Collector ID" first.
    SurveyMonkey,
}

impl Flavour {
    /// Every flavour.
    pub const ALL: [Flavour; 3] = [Flavour::GoogleForms, Flavour::Kobo, Flavour::SurveyMonkey];

    /// The tool's name, for the `SURVEY.toml` comment.
    pub fn label(self) -> &'static str {
        match self {
            Flavour::GoogleForms => "Google Forms",
            Flavour::Kobo => "KoboToolbox",
            Flavour::SurveyMonkey => "SurveyMonkey",
        }
    }
}

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SurveyOptions {
    /// Seed of the one random generator: same truth and options, same bytes.
    pub seed: u64,
    /// How nominations are arranged.
    pub layout: Layout,
    /// Header style.
    pub flavour: Flavour,
    /// The wave: ties current in this year are reported; the `SURVEY.toml`'s `year`.
    pub year: i32,
    /// Share of partner organizations that do not answer (0.2).
    pub non_response: f64,
    /// Chance that a respondent names an organization it has a current tie with (0.85).
    pub report_probability: f64,
    /// Share of all nominations that name organizations outside the network (0.05).
    pub outsiders: f64,
}

impl Default for SurveyOptions {
    /// The worked example's options: wide, Google Forms, 2025, 20 % non-response, 85 % of
    /// ties reported, 5 % outsiders.
    fn default() -> Self {
        SurveyOptions {
            seed: WORKED_EXAMPLE_SEED,
            layout: Layout::Wide,
            flavour: Flavour::GoogleForms,
            year: 2025,
            non_response: 0.2,
            report_probability: 0.85,
            outsiders: 0.05,
        }
    }
}

/// A generated export and the truth behind it.
#[derive(Debug, Clone, PartialEq)]
pub struct GeneratedSurvey {
    /// Header rows: one, or two for SurveyMonkey.
    pub header: Vec<Vec<String>>,
    /// Data rows, every cell as text, as wide as the header.
    pub rows: Vec<Vec<String>>,
    /// The `SURVEY.toml` that describes this export.
    pub survey_toml: String,
    /// Ids of the organizations that answered, in row order (wide and options: row `i` is
    /// `respondents[i]`'s; long: their rows follow one another in this order).
    pub respondents: Vec<String>,
    /// Every nomination in the export, in row order (within a wide cell, in cell order; in the
    /// options layout, listed columns first, then the "other" cell).
    pub nominations: Vec<TrueNomination>,
}

impl GeneratedSurvey {
    /// The directed pairs (respondent id, named organization id) of the nominations of network
    /// organizations: a pair and its reverse both present is a reciprocated tie.
    pub fn named_pairs(&self) -> BTreeSet<(&str, &str)> {
        self.nominations
            .iter()
            .filter_map(|n| match &n.truth {
                Truth::Existing(id) => Some((n.respondent.as_str(), id.as_str())),
                Truth::Outsider(_) => None,
            })
            .collect()
    }
}

/// One nominated name and what it truly means.
#[derive(Debug, Clone, PartialEq)]
pub struct TrueNomination {
    /// Id of the respondent that wrote it.
    pub respondent: String,
    /// The name as typed (in the options layout, the listed name of a ticked column).
    pub raw: String,
    /// The organization it means.
    pub truth: Truth,
    /// How it was typed.
    pub noise: Noise,
    /// The strength its frequency answer maps to, if answered.
    pub strength: Option<u8>,
    /// The kind the import must give the tie: the answer's kind (long layout) or the
    /// `SURVEY.toml`'s fixed `kind` (wide and options: referral). Added to the brief's fields.
    pub kind: TieKind,
    /// Per-tie answers: `("trust", 1..4)`, `("value", 1..4)` when answered (long: both;
    /// wide and options: none).
    pub tie_attributes: Vec<(String, f64)>,
}

/// What a nominated name truly refers to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Truth {
    /// An organization of the network, by id.
    Existing(String),
    /// An organization outside the network, by its clean name.
    Outsider(String),
}

/// How a name was typed (see the module documentation for the mix and examples).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Noise {
    /// As the network names it.
    Exact,
    /// Lowercase, uppercase or only the first letter capital.
    Case,
    /// Accents dropped.
    Accents,
    /// Two spaces, a hyphen for a space, or a trailing period.
    Punctuation,
    /// A legal suffix added (A.C., I.A.P., S.C., Asociación Civil, Inc., LLC) or removed.
    LegalSuffix,
    /// "Asociación" → "Asoc.", "Fundación" → "Fund.", "Casa del Migrante" → "Casa del migrante".
    Abbreviation,
    /// A trailing "(City)" with the organization's city.
    CityQualifier,
    /// One letter swapped, dropped or replaced in one word of at least 6 letters.
    Typo,
    /// The initials of the significant words ("Casa Quetzal Nuevo" → "CQN").
    Acronym,
    /// Two or three of the normalising kinds, sometimes with a typo.
    Combined,
}

impl Noise {
    /// Every kind, in declaration order.
    pub const ALL: [Noise; 10] = [
        Noise::Exact,
        Noise::Case,
        Noise::Accents,
        Noise::Punctuation,
        Noise::LegalSuffix,
        Noise::Abbreviation,
        Noise::CityQualifier,
        Noise::Typo,
        Noise::Acronym,
        Noise::Combined,
    ];
}

/// The seed of the worked example in `fixtures/survey/`.
pub const WORKED_EXAMPLE_SEED: u64 = 20_250_315;

/// Collaboration frequency answers and the strength each maps to (`[strength_map]`).
pub const STRENGTH_ANSWERS: [(&str, u8); 5] = [
    ("Semanal", 5),
    ("Mensual", 4),
    ("Trimestral", 3),
    ("Semestral", 2),
    ("Anual", 1),
];

/// Kinds of collaboration as the long layout's answers say them (`[kind_map]`).
pub const KIND_ANSWERS: [(&str, TieKind); 7] = [
    ("Referencia de casos", TieKind::Referral),
    ("Proyecto conjunto", TieKind::JointProject),
    ("Coalición o red", TieKind::Coalition),
    ("Capacitación", TieKind::Training),
    ("Financiamiento", TieKind::Funding),
    ("Intercambio de información", TieKind::Information),
    ("Recursos compartidos", TieKind::SharedResources),
];

/// Answer texts for the practice frequencies (`[attribute_values.FIELD]`).
const FREQUENCY_WORDS: [(Frequency, &[&str]); 5] = [
    (Frequency::Weekly, &["Semanalmente", "Cada semana"]),
    (Frequency::Monthly, &["Mensualmente", "Cada mes"]),
    (
        Frequency::Quarterly,
        &["Trimestralmente", "Cada tres meses"],
    ),
    (Frequency::Yearly, &["Anualmente", "Una vez al año"]),
    (Frequency::Never, &["Nunca"]),
];

/// The fixed kind of the wide and options layouts.
const FIXED_KIND: TieKind = TieKind::Referral;
/// Share of answers left blank.
const BLANK: f64 = 0.04;

// ---------------------------------------------------------------------------------------------
// Generation
// ---------------------------------------------------------------------------------------------

/// The strongest current tie of a pair.
#[derive(Debug, Clone, Copy)]
struct PairTie {
    strength: u8,
    kind: TieKind,
}

/// Who a nomination names, before it is typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Named {
    Org(usize),
    Outsider(usize),
}

/// Per-respondent answers shared by its rows.
#[derive(Debug)]
struct Respondent {
    org: usize,
    typed: String,
    named: Vec<Named>,
    meta: Vec<String>,
    attributes: Vec<String>,
    /// The one frequency answer (wide and options).
    frequency: Option<&'static str>,
    separator: &'static str,
}

/// Generates the export that `truth`'s partners would send back (module documentation).
///
/// # Arguments
/// * `truth` — any network; its `partner` organizations are surveyed, its current ties in
///   `options.year` are what they report.
/// * `options` — layout, flavour, wave and the rates of non-response, reporting and outsiders.
///
/// # Returns
/// Header and rows (cells as text), the `SURVEY.toml` describing them, and the truth.
///
/// # Complexity
/// O(n + m + k·(L + s)) for n organizations, m ties, k nominations of names of L characters
/// and s names sharing all but one word; the options layout adds O(respondents × partners)
/// cells.
///
/// # Examples
/// ```
/// use puentes::survey::generate::{generate, SurveyOptions};
/// let truth = puentes::fixtures::generate(puentes::fixtures::DEFAULT_SEED);
/// let survey = generate(&truth, &SurveyOptions::default());
/// assert_eq!(survey.respondents.len(), 70); // 87 partners, round(87 × 0.2) = 17 silent
/// assert_eq!(survey.rows.len(), 70); // wide: one row per respondent
/// ```
pub fn generate(truth: &NetworkData, options: &SurveyOptions) -> GeneratedSurvey {
    let mut rng = ChaCha8Rng::seed_from_u64(options.seed);
    let orgs = &truth.organizations;
    let index = NameIndex::new(orgs);
    let position: HashMap<&str, usize> = orgs
        .iter()
        .enumerate()
        .map(|(i, o)| (o.id.as_str(), i))
        .collect();

    // The current ties, pairs collapsed: the strongest tie's strength and kind.
    let mut pairs: BTreeMap<(usize, usize), PairTie> = BTreeMap::new();
    for t in &truth.ties {
        let current =
            t.since.is_none_or(|s| s <= options.year) && t.until.is_none_or(|u| u >= options.year);
        let (Some(&a), Some(&b)) = (
            position.get(t.source.as_str()),
            position.get(t.target.as_str()),
        ) else {
            continue;
        };
        if !current || a == b {
            continue;
        }
        let pair = pairs.entry((a.min(b), a.max(b))).or_insert(PairTie {
            strength: t.strength,
            kind: t.kind,
        });
        if t.strength > pair.strength {
            *pair = PairTie {
                strength: t.strength,
                kind: t.kind,
            };
        }
    }
    let mut neighbours: Vec<Vec<usize>> = vec![Vec::new(); orgs.len()];
    for &(a, b) in pairs.keys() {
        neighbours[a].push(b);
        neighbours[b].push(a);
    }
    let pair_of = |a: usize, b: usize| pairs.get(&(a.min(b), a.max(b))).copied();

    // Who answers, in the order their answers arrived.
    let mut partners: Vec<usize> = (0..orgs.len()).filter(|&i| orgs[i].partner).collect();
    partners.shuffle(&mut rng);
    let silent = ((partners.len() as f64) * options.non_response.clamp(0.0, 1.0)).round() as usize;
    let answering: Vec<usize> = partners[silent.min(partners.len())..].to_vec();

    // Whom each names among its current partners.
    let mut named: Vec<Vec<Named>> = answering
        .iter()
        .map(|&r| {
            neighbours[r]
                .iter()
                .filter(|_| rng.random_bool(options.report_probability.clamp(0.0, 1.0)))
                .map(|&o| Named::Org(o))
                .collect()
        })
        .collect();
    let existing: usize = named.iter().map(Vec::len).sum();
    let share = options.outsiders.clamp(0.0, 0.9);
    let outsider_count = ((existing as f64) * share / (1.0 - share)).round() as usize;
    let pool = outsider_pool(outsider_count.div_ceil(5) * 3, orgs, &index, &mut rng);
    if !answering.is_empty() && !pool.is_empty() {
        for _ in 0..outsider_count {
            for _ in 0..10 {
                let r = rng.random_range(0..answering.len());
                let o = Named::Outsider(rng.random_range(0..pool.len()));
                if !named[r].contains(&o) {
                    named[r].push(o);
                    break;
                }
            }
        }
    }

    let listed: Vec<usize> = if options.layout == Layout::Options {
        let mut listed: Vec<usize> = (0..orgs.len()).filter(|&i| orgs[i].partner).collect();
        listed.sort_by_cached_key(|&i| (key(&orgs[i].name, false), orgs[i].name.clone()));
        listed
    } else {
        Vec::new()
    };

    // Per-respondent answers.
    let mut times = submission_times(answering.len(), &mut rng);
    times.sort_unstable();
    let collector = rng.random_range(400_000_000..500_000_000u64);
    let mut respondent_id = rng.random_range(114_000_000_000..115_000_000_000u64);
    let mut respondents: Vec<Respondent> = Vec::with_capacity(answering.len());
    for (k, (&org, list)) in answering.iter().zip(named.iter_mut()).enumerate() {
        list.shuffle(&mut rng);
        let typed = if options.flavour == Flavour::Kobo {
            orgs[org].name.clone()
        } else {
            type_respondent(orgs, &index, org, &mut rng)
        };
        respondent_id += rng.random_range(1_000..90_000);
        let meta = meta_cells(options, times[k], k, collector, respondent_id, &mut rng);
        let attributes = attribute_cells(&orgs[org], &mut rng);
        let mut strengths: Vec<u8> = list
            .iter()
            .filter_map(|n| match n {
                Named::Org(o) => pair_of(org, *o).map(|p| p.strength),
                Named::Outsider(_) => None,
            })
            .collect();
        strengths.sort_unstable();
        let median = strengths
            .get(strengths.len() / 2)
            .copied()
            .unwrap_or_else(|| rng.random_range(1..=5));
        let frequency = (!rng.random_bool(BLANK)).then(|| strength_answer(median));
        let separator = match rng.random_range(0..10) {
            0..=5 => "; ",
            6..=8 => "\n",
            _ => ";",
        };
        respondents.push(Respondent {
            org,
            typed,
            named: std::mem::take(list),
            meta,
            attributes,
            frequency,
            separator,
        });
    }

    let mut out = Writer {
        orgs,
        index: &index,
        pool: &pool,
        options,
        header: Header::new(options.flavour),
        rows: Vec::new(),
        nominations: Vec::new(),
        rng,
        typed_names: 0,
        acronyms: 0,
    };
    let survey_toml = match options.layout {
        Layout::Wide => out.wide(&respondents),
        Layout::Long => out.long(&respondents, &pair_of),
        Layout::Options => out.options(&respondents, &listed),
    };
    GeneratedSurvey {
        header: out.header.rows(),
        rows: out.rows,
        survey_toml,
        respondents: answering.iter().map(|&i| orgs[i].id.clone()).collect(),
        nominations: out.nominations,
    }
}

fn strength_answer(strength: u8) -> &'static str {
    STRENGTH_ANSWERS
        .iter()
        .find(|(_, s)| *s == strength)
        .map_or("Trimestral", |(a, _)| a)
}

fn kind_answer(kind: TieKind) -> &'static str {
    KIND_ANSWERS
        .iter()
        .find(|(_, k)| *k == kind)
        .map_or("Referencia de casos", |(a, _)| a)
}

/// A 1–4 answer near `1 + 3·(strength − 1)/4`.
fn scale_answer(strength: u8, rng: &mut ChaCha8Rng) -> u8 {
    let base = 1.0 + 3.0 * f64::from(strength.saturating_sub(1)) / 4.0;
    let jitter = match rng.random_range(0..10) {
        0 | 1 => -1.0,
        2 | 3 => 1.0,
        _ => 0.0,
    };
    (base + jitter).round().clamp(1.0, 4.0) as u8
}

/// Seconds since 1 March of the wave's year, 8:00–16:59 on one of 61 days, one per respondent.
fn submission_times(n: usize, rng: &mut ChaCha8Rng) -> Vec<u32> {
    (0..n)
        .map(|_| rng.random_range(0..61u32) * 86_400 + rng.random_range(8 * 3600..17 * 3600u32))
        .collect()
}

/// (month, day, hour, minute, second) of a submission time.
fn clock(t: u32) -> (u32, u32, u32, u32, u32) {
    let day = t / 86_400;
    let (month, day) = if day < 31 {
        (3, day + 1)
    } else {
        (4, day - 30)
    };
    let s = t % 86_400;
    (month, day, s / 3600, s / 60 % 60, s % 60)
}

/// The flavour's metadata cells for one respondent (see [`Header::new`] for the columns).
fn meta_cells(
    options: &SurveyOptions,
    t: u32,
    k: usize,
    collector: u64,
    respondent_id: u64,
    rng: &mut ChaCha8Rng,
) -> Vec<String> {
    let y = options.year;
    let took = rng.random_range(240..1800u32);
    let start = t.saturating_sub(took);
    match options.flavour {
        Flavour::GoogleForms => {
            let (mo, d, h, mi, s) = clock(t);
            vec![format!("{d:02}/{mo:02}/{y} {h:02}:{mi:02}:{s:02}")]
        }
        Flavour::Kobo => {
            let iso = |t: u32, ms: u32| {
                let (mo, d, h, mi, s) = clock(t);
                format!("{y}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{ms:03}-06:00")
            };
            let (mo, d, h, mi, s) = clock(t + rng.random_range(2..40));
            let uuid = format!(
                "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
                rng.random::<u32>(),
                rng.random::<u16>(),
                rng.random_range(0..0x1000u16),
                rng.random_range(0x8000..0xc000u16),
                rng.random_range(0..1u64 << 48)
            );
            vec![
                iso(start, rng.random_range(0..1000)),
                iso(t, rng.random_range(0..1000)),
                (287_000_000 + (k as u64) * 17 + rng.random_range(0..17)).to_string(),
                uuid,
                // UTC, six hours ahead (submissions are 8:00–17:00, so the day stays).
                format!("{y}-{mo:02}-{d:02}T{:02}:{mi:02}:{s:02}", h + 6),
                (k + 1).to_string(),
            ]
        }
        Flavour::SurveyMonkey => {
            let us = |t: u32| {
                let (mo, d, h, mi, s) = clock(t);
                let (h12, half) = match h {
                    0 => (12, "AM"),
                    1..=11 => (h, "AM"),
                    12 => (12, "PM"),
                    _ => (h - 12, "PM"),
                };
                format!("{mo:02}/{d:02}/{y} {h12:02}:{mi:02}:{s:02} {half}")
            };
            vec![
                respondent_id.to_string(),
                collector.to_string(),
                us(start),
                us(t),
            ]
        }
    }
}

/// The organization attributes asked in the survey, in [`ATTRIBUTES`] order.
const ATTRIBUTES: [(&str, &str, &str, bool); 6] = [
    // (field, question text, Kobo header, closed question)
    (
        "salaried_staff",
        "Número de personas empleadas (con salario)",
        "organizacion/personal",
        false,
    ),
    (
        "annual_budget_usd",
        "Presupuesto anual (USD)",
        "organizacion/presupuesto_usd",
        false,
    ),
    (
        "agreement_review",
        "¿Con qué frecuencia revisan sus acuerdos de equipo?",
        "practicas/revision_acuerdos",
        true,
    ),
    (
        "feedback_to_population",
        "¿Con qué frecuencia dan retroalimentación a la población que atienden?",
        "practicas/retroalimentacion",
        true,
    ),
    (
        "social_media_use",
        "Uso de redes sociales (0 = ninguno, 4 = intenso)",
        "practicas/redes_sociales",
        true,
    ),
    (
        "donation_sources",
        "Número de fuentes de donativos",
        "organizacion/fuentes_donativos",
        false,
    ),
];

fn attribute_cells(o: &Organization, rng: &mut ChaCha8Rng) -> Vec<String> {
    let frequency = |f: Option<Frequency>, rng: &mut ChaCha8Rng| {
        f.and_then(|f| FREQUENCY_WORDS.iter().find(|(g, _)| *g == f))
            .and_then(|(_, words)| words.choose(rng))
            .map(|w| (*w).to_owned())
    };
    let values = [
        o.salaried_staff.map(|v| v.to_string()),
        o.annual_budget_usd.map(|v| v.to_string()),
        frequency(o.agreement_review, rng),
        frequency(o.feedback_to_population, rng),
        o.social_media_use.map(|v| v.to_string()),
        o.donation_sources.map(|v| v.to_string()),
    ];
    values
        .into_iter()
        .map(|v| match v {
            Some(v) if !rng.random_bool(BLANK) => v,
            _ => String::new(),
        })
        .collect()
}

/// The questions of the export, as each flavour heads them.
#[derive(Debug, Clone, Copy)]
enum Question {
    Respondent,
    CollaboratorsCell,
    Collaborator,
    Frequency,
    FrequencyPerTie,
    Kind,
    Trust,
    Value,
}

impl Question {
    /// (question text, Kobo header, closed question)
    fn texts(self) -> (&'static str, &'static str, bool) {
        match self {
            Question::Respondent => ("Nombre de su organización", "datos/nombre_org", false),
            Question::CollaboratorsCell => (
                "¿Con qué organizaciones colaboró en el último año? Escriba sus nombres separados por punto y coma.",
                "colaboracion/organizaciones",
                false,
            ),
            Question::Collaborator => (
                "Organización con la que colaboró",
                "colaboracion/organizacion",
                false,
            ),
            Question::Frequency => (
                "¿Con qué frecuencia colaboró con ellas?",
                "colaboracion/frecuencia",
                true,
            ),
            Question::FrequencyPerTie => (
                "¿Con qué frecuencia colaboró con esta organización?",
                "colaboracion/frecuencia",
                true,
            ),
            Question::Kind => ("Tipo de colaboración", "colaboracion/tipo", true),
            Question::Trust => (
                "Confianza en esta organización (1 = poca, 4 = mucha)",
                "colaboracion/confianza",
                true,
            ),
            Question::Value => (
                "Valor de la colaboración para su organización (1 = poco, 4 = mucho)",
                "colaboracion/valor",
                true,
            ),
        }
    }
}

/// Header rows being built, with each column's name as `SURVEY.toml` calls it.
#[derive(Debug)]
struct Header {
    flavour: Flavour,
    row1: Vec<String>,
    row2: Vec<String>,
    /// The last non-blank row-1 text (SurveyMonkey carries it right).
    carried: String,
}

impl Header {
    /// A header with the flavour's leading metadata columns.
    fn new(flavour: Flavour) -> Self {
        let mut h = Header {
            flavour,
            row1: Vec::new(),
            row2: Vec::new(),
            carried: String::new(),
        };
        match flavour {
            Flavour::GoogleForms => {
                h.push("Marca temporal", "");
            }
            Flavour::Kobo => {
                h.push("start", "");
                h.push("end", "");
            }
            Flavour::SurveyMonkey => {
                for c in ["Respondent ID", "Collector ID", "Start Date", "End Date"] {
                    h.push(c, "");
                }
            }
        }
        h
    }

    /// Appends a column; returns its name (module documentation: `header_rows`).
    fn push(&mut self, row1: &str, row2: &str) -> String {
        self.row1.push(row1.to_owned());
        self.row2.push(row2.to_owned());
        if !row1.is_empty() {
            self.carried = row1.to_owned();
        }
        if self.flavour != Flavour::SurveyMonkey
            || row2.is_empty()
            || row2 == "Response"
            || row2 == "Open-Ended Response"
        {
            self.carried.clone()
        } else {
            format!("{} / {row2}", self.carried)
        }
    }

    /// Appends a question's column.
    fn question(&mut self, q: Question) -> String {
        let (text, kobo, closed) = q.texts();
        self.named(text, kobo, closed)
    }

    fn named(&mut self, text: &str, kobo: &str, closed: bool) -> String {
        match self.flavour {
            Flavour::GoogleForms => self.push(text, ""),
            Flavour::Kobo => self.push(kobo, ""),
            Flavour::SurveyMonkey => self.push(
                text,
                if closed {
                    "Response"
                } else {
                    "Open-Ended Response"
                },
            ),
        }
    }

    /// Appends one option column `prefix/<option>`: SurveyMonkey writes the prefix in row 1 of
    /// the first option only and the option in row 2.
    fn option(&mut self, prefix: &str, option: &str, first: bool) -> String {
        if self.flavour == Flavour::SurveyMonkey {
            self.push(if first { prefix } else { "" }, option)
        } else {
            self.push(&format!("{prefix}/{option}"), "")
        }
    }

    /// The organization attribute columns; returns `(field, column name)`.
    fn attributes(&mut self) -> Vec<(&'static str, String)> {
        ATTRIBUTES
            .iter()
            .map(|(field, text, kobo, closed)| (*field, self.named(text, kobo, *closed)))
            .collect()
    }

    /// Kobo's trailing metadata columns.
    fn close(&mut self) {
        if self.flavour == Flavour::Kobo {
            for c in ["_id", "_uuid", "_submission_time", "_index"] {
                self.push(c, "");
            }
        }
    }

    fn rows(&self) -> Vec<Vec<String>> {
        if self.flavour == Flavour::SurveyMonkey {
            vec![self.row1.clone(), self.row2.clone()]
        } else {
            vec![self.row1.clone()]
        }
    }
}

/// Builds rows, nominations and the `SURVEY.toml` of one layout.
struct Writer<'a> {
    orgs: &'a [Organization],
    index: &'a NameIndex,
    pool: &'a [String],
    options: &'a SurveyOptions,
    header: Header,
    rows: Vec<Vec<String>>,
    nominations: Vec<TrueNomination>,
    rng: ChaCha8Rng,
    /// Names typed so far, and how many as acronyms (kept ≤ 2 %).
    typed_names: usize,
    acronyms: usize,
}

impl Writer<'_> {
    /// Types a nominated name; returns (raw, truth, noise).
    fn typed(&mut self, named: Named) -> (String, Truth, Noise) {
        match named {
            Named::Org(o) => {
                self.typed_names += 1;
                let allowed = (self.acronyms + 1) * 50 <= self.typed_names;
                let (raw, noise) = type_name(self.orgs, self.index, o, allowed, &mut self.rng);
                self.acronyms += usize::from(noise == Noise::Acronym);
                (raw, Truth::Existing(self.orgs[o].id.clone()), noise)
            }
            Named::Outsider(k) => {
                let clean = &self.pool[k];
                let (raw, noise) = type_outsider(clean, &mut self.rng);
                (raw, Truth::Outsider(clean.clone()), noise)
            }
        }
    }

    /// A typed nomination of the wide and options layouts: the fixed kind, no per-tie answers.
    fn typed_nomination(
        &mut self,
        respondent: usize,
        n: Named,
        strength: Option<u8>,
    ) -> TrueNomination {
        let (raw, truth, noise) = self.typed(n);
        TrueNomination {
            respondent: self.orgs[respondent].id.clone(),
            raw,
            truth,
            noise,
            strength,
            kind: FIXED_KIND,
            tie_attributes: Vec::new(),
        }
    }

    /// A Kobo row ends with its metadata; other flavours start with it.
    fn row(&self, meta: &[String], cells: Vec<String>) -> Vec<String> {
        let split = if self.options.flavour == Flavour::Kobo {
            2
        } else {
            meta.len()
        };
        let mut row: Vec<String> = meta[..split].to_vec();
        row.extend(cells);
        row.extend(meta[split..].iter().cloned());
        row
    }

    fn toml_head(&self, respondent: &str, collaborators: &str) -> String {
        let o = self.options;
        let mut t = format!(
            "# Synthetic {} export ({} layout) made by puentes' survey generator, seed {}.\n\
             # Every organization and answer in it is invented.\n\
             layout = \"{}\"\nheader_rows = {}\nrespondent = {}\ncollaborators = {}\n",
            o.flavour.label(),
            o.layout.as_str(),
            o.seed,
            o.layout.as_str(),
            self.header.rows().len(),
            toml_string(respondent),
            toml_string(collaborators),
        );
        if o.layout != Layout::Long {
            t.push_str("separators = [\";\", \"\\n\"]\n");
        }
        t.push_str(&format!("year = {}\n", o.year));
        t
    }

    fn toml_tail(t: &mut String, attributes: &[(&str, String)]) {
        t.push_str("\n[strength_map]\n");
        for (answer, s) in STRENGTH_ANSWERS {
            t.push_str(&format!("{} = {s}\n", toml_string(answer)));
        }
        t.push_str("\n[attributes]\n");
        for (field, column) in attributes {
            t.push_str(&format!("{field} = {}\n", toml_string(column)));
        }
        for field in ["agreement_review", "feedback_to_population"] {
            t.push_str(&format!("\n[attribute_values.{field}]\n"));
            for (f, words) in FREQUENCY_WORDS {
                for w in words {
                    t.push_str(&format!("{} = \"{}\"\n", toml_string(w), f.as_str()));
                }
            }
        }
    }

    fn wide(&mut self, respondents: &[Respondent]) -> String {
        let respondent = self.header.question(Question::Respondent);
        let collaborators = self.header.question(Question::CollaboratorsCell);
        let frequency = self.header.question(Question::Frequency);
        let attributes = self.header.attributes();
        self.header.close();
        for r in respondents {
            let strength = r.frequency.map(strength_of);
            let mut typed = Vec::with_capacity(r.named.len());
            for &n in &r.named {
                let nomination = self.typed_nomination(r.org, n, strength);
                typed.push(nomination.raw.clone());
                self.nominations.push(nomination);
            }
            let mut cells = vec![
                r.typed.clone(),
                typed.join(r.separator),
                r.frequency.unwrap_or_default().to_owned(),
            ];
            cells.extend(r.attributes.iter().cloned());
            let row = self.row(&r.meta, cells);
            self.rows.push(row);
        }
        let mut t = self.toml_head(&respondent, &collaborators);
        t.push_str(&format!(
            "kind = \"{}\"\nstrength_column = {}\n",
            FIXED_KIND.as_str(),
            toml_string(&frequency)
        ));
        Self::toml_tail(&mut t, &attributes);
        t
    }

    fn long(
        &mut self,
        respondents: &[Respondent],
        pair_of: &dyn Fn(usize, usize) -> Option<PairTie>,
    ) -> String {
        let respondent = self.header.question(Question::Respondent);
        let collaborator = self.header.question(Question::Collaborator);
        let frequency = self.header.question(Question::FrequencyPerTie);
        let kind = self.header.question(Question::Kind);
        let trust = self.header.question(Question::Trust);
        let value = self.header.question(Question::Value);
        let attributes = self.header.attributes();
        self.header.close();
        let repeat = self.options.flavour == Flavour::Kobo;
        for r in respondents {
            if r.named.is_empty() {
                let mut cells = vec![r.typed.clone()];
                cells.extend(std::iter::repeat_n(String::new(), 5));
                cells.extend(r.attributes.iter().cloned());
                let row = self.row(&r.meta, cells);
                self.rows.push(row);
            }
            for (k, &n) in r.named.iter().enumerate() {
                let (raw, truth, noise) = self.typed(n);
                let tie = match n {
                    Named::Org(o) => pair_of(r.org, o),
                    Named::Outsider(_) => None,
                }
                .unwrap_or_else(|| PairTie {
                    strength: self.rng.random_range(1..=5),
                    kind: *TieKind::ALL
                        .choose(&mut self.rng)
                        .unwrap_or(&TieKind::Referral),
                });
                let answered = !self.rng.random_bool(BLANK);
                let trust_answer = (!self.rng.random_bool(BLANK))
                    .then(|| scale_answer(tie.strength, &mut self.rng));
                let value_answer = (!self.rng.random_bool(BLANK))
                    .then(|| scale_answer(tie.strength, &mut self.rng));
                let mut tie_attributes = Vec::new();
                if let Some(v) = trust_answer {
                    tie_attributes.push(("trust".to_owned(), f64::from(v)));
                }
                if let Some(v) = value_answer {
                    tie_attributes.push(("value".to_owned(), f64::from(v)));
                }
                let show = |v: Option<u8>| v.map(|v| v.to_string()).unwrap_or_default();
                let mut cells = vec![
                    r.typed.clone(),
                    raw.clone(),
                    if answered {
                        strength_answer(tie.strength).to_owned()
                    } else {
                        String::new()
                    },
                    kind_answer(tie.kind).to_owned(),
                    show(trust_answer),
                    show(value_answer),
                ];
                if repeat || k == 0 {
                    cells.extend(r.attributes.iter().cloned());
                } else {
                    cells.extend(std::iter::repeat_n(String::new(), r.attributes.len()));
                }
                let row = self.row(&r.meta, cells);
                self.rows.push(row);
                self.nominations.push(TrueNomination {
                    respondent: self.orgs[r.org].id.clone(),
                    raw,
                    truth,
                    noise,
                    strength: answered.then_some(tie.strength),
                    kind: tie.kind,
                    tie_attributes,
                });
            }
        }
        let mut t = self.toml_head(&respondent, &collaborator);
        t.push_str(&format!(
            "kind_column = {}\nstrength_column = {}\n",
            toml_string(&kind),
            toml_string(&frequency)
        ));
        t.push_str("\n[kind_map]\n");
        for (answer, k) in KIND_ANSWERS {
            t.push_str(&format!("{} = \"{}\"\n", toml_string(answer), k.as_str()));
        }
        t.push_str(&format!(
            "\n[tie_attributes]\ntrust = {}\nvalue = {}\n",
            toml_string(&trust),
            toml_string(&value)
        ));
        Self::toml_tail(&mut t, &attributes);
        t
    }

    fn options(&mut self, respondents: &[Respondent], listed: &[usize]) -> String {
        let respondent = self.header.question(Question::Respondent);
        for (k, &o) in listed.iter().enumerate() {
            self.header.option("Q5", &self.orgs[o].name, k == 0);
        }
        let other = self
            .header
            .option("Q5", "Otra (especifique)", listed.is_empty());
        let frequency = self.header.question(Question::Frequency);
        let attributes = self.header.attributes();
        self.header.close();
        let kobo = self.options.flavour == Flavour::Kobo;
        let (yes, no) = if kobo { ("1", "0") } else { ("Sí", "") };
        let slot: HashMap<usize, usize> = listed.iter().enumerate().map(|(k, &o)| (o, k)).collect();
        for r in respondents {
            let strength = r.frequency.map(strength_of);
            let mut ticks = vec![no.to_owned(); listed.len()];
            let mut others: Vec<String> = Vec::new();
            let mut listed_nominations: Vec<(usize, TrueNomination)> = Vec::new();
            let mut other_nominations: Vec<TrueNomination> = Vec::new();
            for &n in &r.named {
                if let Named::Org(o) = n {
                    if let Some(&k) = slot.get(&o) {
                        ticks[k] = yes.to_owned();
                        listed_nominations.push((
                            k,
                            TrueNomination {
                                respondent: self.orgs[r.org].id.clone(),
                                raw: self.orgs[o].name.clone(),
                                truth: Truth::Existing(self.orgs[o].id.clone()),
                                noise: Noise::Exact,
                                strength,
                                kind: FIXED_KIND,
                                tie_attributes: Vec::new(),
                            },
                        ));
                        continue;
                    }
                }
                let nomination = self.typed_nomination(r.org, n, strength);
                others.push(nomination.raw.clone());
                other_nominations.push(nomination);
            }
            listed_nominations.sort_by_key(|(k, _)| *k);
            self.nominations
                .extend(listed_nominations.into_iter().map(|(_, n)| n));
            self.nominations.extend(other_nominations);
            let mut cells = vec![r.typed.clone()];
            cells.extend(ticks);
            cells.push(others.join(r.separator));
            cells.push(r.frequency.unwrap_or_default().to_owned());
            cells.extend(r.attributes.iter().cloned());
            let row = self.row(&r.meta, cells);
            self.rows.push(row);
        }
        let mut t = self.toml_head(&respondent, "Q5");
        t.push_str(&format!(
            "other = {}\nkind = \"{}\"\nstrength_column = {}\n",
            toml_string(&other),
            FIXED_KIND.as_str(),
            toml_string(&frequency)
        ));
        Self::toml_tail(&mut t, &attributes);
        t
    }
}

fn strength_of(answer: &str) -> u8 {
    STRENGTH_ANSWERS
        .iter()
        .find(|(a, _)| *a == answer)
        .map_or(3, |(_, s)| *s)
}

/// A TOML basic string.
fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Header rows and data rows as CSV (RFC 4180: comma-separated, quoted where needed, CRLF line
/// ends, UTF-8 without BOM), as Google Forms and SurveyMonkey export it.
pub fn to_csv(header: &[Vec<String>], rows: &[Vec<String>]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for row in header.iter().chain(rows) {
        w.write_record(row)
            .expect("writing CSV to memory cannot fail");
    }
    w.into_inner().expect("flushing CSV to memory cannot fail")
}

/// Where the worked example lives (`fixtures/survey/` at the workspace root).
pub fn worked_example_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/survey")
}

/// The worked example's files: `respuestas.csv`, `SURVEY.toml` and `README.md`, generated from
/// the HIP-like fixture with [`SurveyOptions::default`].
pub fn worked_example() -> Vec<(&'static str, Vec<u8>)> {
    let truth = crate::fixtures::generate(crate::fixtures::DEFAULT_SEED);
    let options = SurveyOptions::default();
    let survey = generate(&truth, &options);
    let readme = worked_example_readme(&truth, &options, &survey);
    vec![
        ("respuestas.csv", to_csv(&survey.header, &survey.rows)),
        ("SURVEY.toml", survey.survey_toml.clone().into_bytes()),
        ("README.md", readme.into_bytes()),
    ]
}

/// The worked example's README, with its figures counted from the survey.
fn worked_example_readme(
    truth: &NetworkData,
    options: &SurveyOptions,
    survey: &GeneratedSurvey,
) -> String {
    let partners = truth.organizations.iter().filter(|o| o.partner).count();
    let respondents = survey.respondents.len();
    let nominations = survey.nominations.len();
    let outsiders = survey
        .nominations
        .iter()
        .filter(|n| matches!(n.truth, Truth::Outsider(_)))
        .count();
    let distinct_outsiders: BTreeSet<&Truth> = survey
        .nominations
        .iter()
        .map(|n| &n.truth)
        .filter(|t| matches!(t, Truth::Outsider(_)))
        .collect();
    let directed = survey.named_pairs();
    let reciprocated = directed
        .iter()
        .filter(|(a, b)| a < b && directed.contains(&(*b, *a)))
        .count();
    let pairs: BTreeSet<(&str, &str)> = directed
        .iter()
        .map(|&(a, b)| if a < b { (a, b) } else { (b, a) })
        .collect();
    let mut noise_rows = String::new();
    for noise in Noise::ALL {
        let count = survey
            .nominations
            .iter()
            .filter(|n| n.noise == noise)
            .count();
        let example = survey
            .nominations
            .iter()
            .find(|n| n.noise == noise && matches!(n.truth, Truth::Existing(_)))
            .map(|n| n.raw.replace('|', "\\|"))
            .unwrap_or_default();
        noise_rows.push_str(&format!("| `{noise:?}` | {count} | {example} |\n"));
    }
    let (frequency_question, _, _) = Question::Frequency.texts();
    let frequency = survey.header[0]
        .iter()
        .position(|h| h == frequency_question);
    let blank_frequency = survey
        .rows
        .iter()
        .filter(|r| frequency.is_some_and(|c| r[c].is_empty()))
        .count();
    format!(
        "# A worked example: the partners' survey\n\
         \n\
         **Everything in this folder is synthetic.** It is the survey export that the partner\n\
         organizations of the synthetic network in `fixtures/hip/` would have sent back; no\n\
         organization, name or answer in it is real.\n\
         \n\
         - `respuestas.csv`: the export, as Google Forms writes it (one header row, \"Marca\n\
         temporal\" first; wide layout: one row per responding organization, the organizations it\n\
         collaborated with typed in one cell, separated by \"; \" or line breaks).\n\
         - `SURVEY.toml`: the description of the questionnaire that `puentes import respuestas.csv\n\
         --survey SURVEY.toml` reads.\n\
         \n\
         ## How it was made\n\
         By the seeded generator in `service/src/survey/generate.rs` (`worked_example()`: the\n\
         fixture network of seed {fixture_seed}, layout {layout}, {flavour}, year {year}, seed {seed},\n\
         {non_response:.0} % non-response, each current tie reported with probability {report:.2},\n\
         {outsider_share:.0} % of nominations naming organizations outside the network). The test\n\
         `survey::generate::tests::worked_example_is_current` regenerates these files and fails if\n\
         they differ; to rewrite them after a deliberate change:\n\
         \n\
         ```\n\
         PUENTES_WRITE_FIXTURES=1 cargo test -p puentes --lib worked_example_is_current\n\
         ```\n\
         \n\
         ## What it contains\n\
         | figure | value |\n\
         |---|---|\n\
         | partner organizations surveyed | {partners} |\n\
         | organizations that answered (rows) | {respondents} |\n\
         | response rate | {rate:.1} % |\n\
         | nominations (names typed) | {nominations} |\n\
         | of which name organizations outside the network | {outsiders} ({distinct} distinct) |\n\
         | pairs of network organizations named | {pairs} |\n\
         | of which named by both sides (reciprocated) | {reciprocated} |\n\
         | of which named by one side only | {one_sided} |\n\
         | rows with the frequency question left blank | {blank_frequency} |\n\
         \n\
         How the names were typed (the generator's truth; an example of each for a network\n\
         organization):\n\
         \n\
         | noise | nominations | example |\n\
         |---|---|---|\n\
         {noise_rows}\
         \n\
         The organization answers (staff, budget, agreement review, feedback to the population,\n\
         social media use, donation sources) are the fixture's own values, a few left blank, so\n\
         the correlations of the seed research can be computed from the survey.\n",
        fixture_seed = crate::fixtures::DEFAULT_SEED,
        layout = options.layout.as_str(),
        flavour = options.flavour.label(),
        year = options.year,
        seed = options.seed,
        non_response = options.non_response * 100.0,
        report = options.report_probability,
        outsider_share = options.outsiders * 100.0,
        rate = 100.0 * respondents as f64 / partners.max(1) as f64,
        distinct = distinct_outsiders.len(),
        pairs = pairs.len(),
        one_sided = pairs.len() - reciprocated,
    )
}

#[cfg(test)]
mod tests;
