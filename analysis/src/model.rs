//! The data model: organizations, ties and the controlled vocabularies they use.
//!
//! These are plain values with no I/O. Readers (in the `puentes` service crate) parse files
//! into them and report problems with file, line and column; [`NetworkData::check`] holds the
//! cross-record rules (unique ids, known endpoints, no self-ties) so every reader and every
//! store applies the same ones.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::str::FromStr;

/// Earliest year accepted for `founded_year`, `since` and `until`.
pub const MIN_YEAR: i32 = 1900;
/// Latest year accepted for `founded_year`, `since` and `until`.
pub const MAX_YEAR: i32 = 2100;

/// Declares a closed vocabulary: an enum with snake_case names, parsing that lists the
/// allowed values on error, and `ALL` in declaration order.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vmeta])* #[doc = concat!("`", $text, "`")] $variant),+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The value's name as written in files and the API.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// The allowed names, comma-separated, for error messages.
            pub fn allowed() -> String {
                Self::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", ")
            }
        }

        impl FromStr for $name {
            type Err = Rule;
            /// The value named `s`; otherwise [`Rule::OneOf`] the allowed names.
            fn from_str(s: &str) -> Result<Self, Rule> {
                match s.trim() {
                    $($text => Ok($name::$variant),)+
                    _ => Err(Rule::OneOf(Self::ALL.iter().map(|v| v.as_str()).collect())),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

vocabulary! {
    /// A service an organization offers.
    Service {
        LegalAccompaniment => "legal_accompaniment",
        Shelter => "shelter",
        HumanitarianAid => "humanitarian_aid",
        Health => "health",
        MentalHealth => "mental_health",
        HumanRightsMonitoring => "human_rights_monitoring",
        Advocacy => "advocacy",
        ReturnReintegration => "return_reintegration",
        Education => "education",
        Livelihoods => "livelihoods",
        ChildProtection => "child_protection",
        GenderViolence => "gender_violence",
    }
}

vocabulary! {
    /// A population an organization serves.
    Population {
        Migrants => "migrants",
        Refugees => "refugees",
        Displaced => "displaced",
        Returnees => "returnees",
        Children => "children",
        Indigenous => "indigenous",
        Lgbtq => "lgbtq",
        Women => "women",
    }
}

vocabulary! {
    /// What a tie between two organizations consists of.
    TieKind {
        Referral => "referral",
        JointProject => "joint_project",
        Coalition => "coalition",
        Training => "training",
        Funding => "funding",
        Information => "information",
        SharedResources => "shared_resources",
    }
}

vocabulary! {
    /// How often a practice happens (survey answers). Ordered from never to weekly, so it can
    /// be used as an ordinal attribute (`Frequency::rank`).
    Frequency {
        Never => "never",
        Yearly => "yearly",
        Quarterly => "quarterly",
        Monthly => "monthly",
        Weekly => "weekly",
    }
}

vocabulary! {
    /// Which side of a tie reported it. `Both` means the tie is confirmed.
    ReportedBy {
        Source => "source",
        Target => "target",
        Both => "both",
    }
}

impl Frequency {
    /// Ordinal rank: never = 0 … weekly = 4.
    pub fn rank(self) -> u8 {
        self as u8
    }
}

/// An organization: a node of the network.
///
/// `latitude`, `longitude` and `contact` are *restricted*: they can put people at risk and
/// are only shown to callers holding a token with that scope.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Organization {
    /// Stable slug: lowercase ASCII letters, digits, `-` and `_`, 1 to 64 characters.
    pub id: String,
    /// Display name.
    pub name: String,
    /// ISO 3166-1 alpha-2 country code, uppercase (e.g. `MX`).
    pub country: String,
    /// Region inside the country (state, department, province).
    #[serde(default)]
    pub region: String,
    /// City or municipality.
    #[serde(default)]
    pub city: String,
    /// Migration corridor the organization works in (e.g. `mx_southern_border`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corridor: Option<String>,
    /// Restricted: exact latitude, -90 to 90.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latitude: Option<f64>,
    /// Restricted: exact longitude, -180 to 180.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub longitude: Option<f64>,
    /// Restricted: contact (e-mail or phone).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    /// Services offered.
    #[serde(default)]
    pub services: Vec<Service>,
    /// Populations served.
    #[serde(default)]
    pub populations: Vec<Population>,
    /// People served per year.
    #[serde(default)]
    pub population_served: Option<u64>,
    /// Salaried staff.
    #[serde(default)]
    pub salaried_staff: Option<u32>,
    /// Annual budget in US dollars.
    #[serde(default)]
    pub annual_budget_usd: Option<u64>,
    /// Year founded.
    #[serde(default)]
    pub founded_year: Option<i32>,
    /// Member of the funder's portfolio (`true`) or an external ally (`false`).
    #[serde(default)]
    pub partner: bool,
    /// How often team agreements are reviewed.
    #[serde(default)]
    pub agreement_review: Option<Frequency>,
    /// How often feedback is given to the population served.
    #[serde(default)]
    pub feedback_to_population: Option<Frequency>,
    /// Social-media use, 0 (none) to 4 (intense).
    #[serde(default)]
    pub social_media_use: Option<u8>,
    /// Number of distinct donation sources.
    #[serde(default)]
    pub donation_sources: Option<u32>,
    /// Other spellings of the name that mean this organization (decisions on a survey
    /// import's review list), so later survey waves resolve them by `alias`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

impl Organization {
    /// An organization with only an id (used for plain edge lists): name = id, no attributes.
    pub fn bare(id: &str) -> Self {
        Organization {
            id: id.to_owned(),
            name: id.to_owned(),
            country: String::new(),
            region: String::new(),
            city: String::new(),
            corridor: None,
            latitude: None,
            longitude: None,
            contact: None,
            services: Vec::new(),
            populations: Vec::new(),
            population_served: None,
            salaried_staff: None,
            annual_budget_usd: None,
            founded_year: None,
            partner: false,
            agreement_review: None,
            feedback_to_population: None,
            social_media_use: None,
            donation_sources: None,
            aliases: Vec::new(),
        }
    }

    /// A copy without the restricted fields (coordinates and contact).
    pub fn redacted(&self) -> Self {
        Organization {
            latitude: None,
            longitude: None,
            contact: None,
            ..self.clone()
        }
    }
}

/// A tie: one kind of collaboration between two organizations.
///
/// Ties are identified by `(source, target, kind)`; several kinds may join one pair.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Tie {
    /// Id of one organization (the reporting side when `reported_by = source`).
    pub source: String,
    /// Id of the other organization.
    pub target: String,
    /// What the collaboration consists of.
    pub kind: TieKind,
    /// Strength, 1 (occasional) to 5 (core partnership).
    pub strength: u8,
    /// Year the tie started; `None` when unknown (plain edge lists carry no years).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<i32>,
    /// Year the tie ended, if it has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<i32>,
    /// Which side reported the tie.
    pub reported_by: ReportedBy,
    /// Named numbers about the tie, e.g. the survey's per-partner answers (`trust = 3.5`, the
    /// mean of the answers both sides gave). Names follow [`rules::attribute_name`]; values
    /// are finite. Files carry them as `attr:NAME` columns; `--weight NAME` reads one as the
    /// tie's weight.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, f64>,
}

/// The prefix of a tie attribute's column in tie files and exports: `attr:trust`.
pub const TIE_ATTRIBUTE_PREFIX: &str = "attr:";

/// The most attributes one tie may carry.
pub const MAX_TIE_ATTRIBUTES: usize = 16;

impl Tie {
    /// The tie's identity: `(source, target, kind)`.
    pub fn key(&self) -> (&str, &str, TieKind) {
        (&self.source, &self.target, self.kind)
    }

    /// Whether the tie existed in `year` (`since <= year` and not ended before it).
    /// A tie with an unknown start counts as active.
    pub fn active_in(&self, year: i32) -> bool {
        self.since.is_none_or(|s| s <= year) && self.until.is_none_or(|u| u >= year)
    }
}

/// A whole network as stored: organizations and ties.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct NetworkData {
    /// Organizations, in a stable order (the order of the node index).
    pub organizations: Vec<Organization>,
    /// Ties.
    pub ties: Vec<Tie>,
}

/// Where a problem is, inside a [`NetworkData`] being checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordRef {
    /// `organizations[i]`.
    Organization(usize),
    /// `ties[i]`.
    Tie(usize),
}

/// A rule broken by one record. Readers turn the record reference into file, line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// The record.
    pub record: RecordRef,
    /// The field name (e.g. `target`).
    pub field: &'static str,
    /// The offending value.
    pub value: String,
    /// What is allowed.
    pub expected: Rule,
}

/// What a field value must be, as data: the service words it in the reader's language (its
/// message catalogue), so this crate holds no sentences.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    /// One of these names (a vocabulary).
    OneOf(Vec<&'static str>),
    /// An id: 1 to 64 characters, lowercase letters `a-z`, digits, `-` or `_`, not starting
    /// with `-` ([`rules::id`]).
    Id,
    /// A country code assigned by ISO 3166-1 alpha-2, in uppercase ([`rules::country`]).
    Country,
    /// A year from [`MIN_YEAR`] to [`MAX_YEAR`] ([`rules::year`]).
    Year,
    /// A tie strength: a whole number from 1 to 5 ([`rules::strength`]).
    Strength,
    /// A tie attribute's name ([`rules::attribute_name`]).
    AttributeName,
    /// A finite number (a tie attribute's value).
    FiniteNumber,
    /// At most [`MAX_TIE_ATTRIBUTES`] attributes on one tie.
    FewAttributes,
    /// Social media use: a whole number from 0 to 4 ([`rules::social_media_use`]).
    SocialMediaUse,
    /// A latitude: a number from -90 to 90 ([`rules::latitude`]).
    Latitude,
    /// A longitude: a number from -180 to 180 ([`rules::longitude`]).
    Longitude,
    /// A name: not empty, at most 200 characters ([`rules::name`]).
    Name,
    /// A name typed where an id could stand: a [`Rule::Name`] without control or
    /// direction-override characters ([`rules::plain_name`]).
    PlainName,
    /// An id no earlier record uses; `first` is the 1-based number of the organization
    /// record that already uses it.
    UniqueId {
        /// The record that uses the id first (1-based).
        first: usize,
    },
    /// The id of an organization in this import or already in the store.
    KnownOrganization,
    /// An organization other than the source: no self-ties.
    NotSelf,
    /// A year not before the tie's `since`.
    NotBeforeSince {
        /// The tie's `since`.
        since: i32,
    },
    /// One tie per pair and kind: this pair already has a tie of `kind` in tie record
    /// `first` (1-based).
    OneTiePerPairAndKind {
        /// The kind's name, e.g. `referral`.
        kind: String,
        /// The tie record that has it first (1-based).
        first: usize,
    },
}

/// Checks one field value of an organization or tie. Each returns `Err(rule)` on failure.
pub mod rules {
    use super::{Rule, MAX_YEAR, MIN_YEAR};

    /// Ids: 1-64 chars of `[a-z0-9_-]`, not starting with `-`.
    pub fn id(s: &str) -> Result<(), Rule> {
        let ok = !s.is_empty()
            && s.len() <= 64
            && !s.starts_with('-')
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
        ok.then_some(()).ok_or(Rule::Id)
    }

    /// The 249 codes assigned by ISO 3166-1 alpha-2 (as of 2024), sorted. Reserved and
    /// user-assigned codes are not in it: `UK` (the code is `GB`), `EU`, `XK`, `XX`, `ZZ`.
    pub const COUNTRY_CODES: [&str; 249] = [
        "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX",
        "AZ", "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ",
        "BR", "BS", "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK",
        "CL", "CM", "CN", "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM",
        "DO", "DZ", "EC", "EE", "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR",
        "GA", "GB", "GD", "GE", "GF", "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS",
        "GT", "GU", "GW", "GY", "HK", "HM", "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN",
        "IO", "IQ", "IR", "IS", "IT", "JE", "JM", "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN",
        "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC", "LI", "LK", "LR", "LS", "LT", "LU", "LV",
        "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK", "ML", "MM", "MN", "MO", "MP", "MQ",
        "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA", "NC", "NE", "NF", "NG", "NI",
        "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG", "PH", "PK", "PL", "PM",
        "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW", "SA", "SB", "SC",
        "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS", "ST", "SV",
        "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO", "TR",
        "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
        "VN", "VU", "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW",
    ];

    /// ISO 3166-1 alpha-2: one of [`COUNTRY_CODES`], in uppercase.
    pub fn country(s: &str) -> Result<(), Rule> {
        COUNTRY_CODES
            .binary_search(&s)
            .map(|_| ())
            .map_err(|_| Rule::Country)
    }

    /// Years between [`MIN_YEAR`] and [`MAX_YEAR`].
    pub fn year(y: i32) -> Result<(), Rule> {
        (MIN_YEAR..=MAX_YEAR)
            .contains(&y)
            .then_some(())
            .ok_or(Rule::Year)
    }

    /// Tie strength 1-5.
    pub fn strength(s: u8) -> Result<(), Rule> {
        (1..=5).contains(&s).then_some(()).ok_or(Rule::Strength)
    }

    /// Tie attribute names: 1-32 characters of `[a-z0-9_]`, starting with a letter.
    pub fn attribute_name(s: &str) -> Result<(), Rule> {
        let ok = s.len() <= 32
            && s.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        ok.then_some(()).ok_or(Rule::AttributeName)
    }

    /// Social media use 0-4.
    pub fn social_media_use(s: u8) -> Result<(), Rule> {
        (s <= 4).then_some(()).ok_or(Rule::SocialMediaUse)
    }

    /// Latitude in degrees.
    pub fn latitude(x: f64) -> Result<(), Rule> {
        (-90.0..=90.0)
            .contains(&x)
            .then_some(())
            .ok_or(Rule::Latitude)
    }

    /// Longitude in degrees.
    pub fn longitude(x: f64) -> Result<(), Rule> {
        (-180.0..=180.0)
            .contains(&x)
            .then_some(())
            .ok_or(Rule::Longitude)
    }

    /// Names: non-empty, at most 200 characters.
    pub fn name(s: &str) -> Result<(), Rule> {
        (!s.trim().is_empty() && s.chars().count() <= 200)
            .then_some(())
            .ok_or(Rule::Name)
    }

    /// Names typed where an id could stand (edge lists, survey answers): a [`name`] without
    /// control characters or bidirectional formatting marks (which change how the text
    /// around them is shown).
    pub fn plain_name(s: &str) -> Result<(), Rule> {
        let hidden = |c: char| {
            c.is_control()
                || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        };
        (name(s).is_ok() && !s.contains(hidden))
            .then_some(())
            .ok_or(Rule::PlainName)
    }
}

impl NetworkData {
    /// The same organizations with only the confirmed ties: those both sides reported
    /// (`reported_by = both`), e.g. nominations reciprocated in a survey.
    ///
    /// ```
    /// use puentes_analysis::model::*;
    /// let tie = |by| Tie { source: "a".into(), target: "b".into(), kind: TieKind::Referral,
    ///     strength: 1, since: None, until: None, reported_by: by,
    ///     attributes: Default::default() };
    /// let data = NetworkData {
    ///     organizations: vec![Organization::bare("a"), Organization::bare("b")],
    ///     ties: vec![tie(ReportedBy::Source), tie(ReportedBy::Both)],
    /// };
    /// assert_eq!(data.confirmed_only().ties.len(), 1);
    /// assert_eq!(data.confirmed_only().organizations.len(), 2);
    /// ```
    pub fn confirmed_only(&self) -> NetworkData {
        NetworkData {
            organizations: self.organizations.clone(),
            ties: self
                .ties
                .iter()
                .filter(|t| t.reported_by == ReportedBy::Both)
                .cloned()
                .collect(),
        }
    }

    /// The names of the tie attributes any tie carries, sorted.
    pub fn tie_attribute_names(&self) -> Vec<String> {
        let names: std::collections::BTreeSet<&str> = self
            .ties
            .iter()
            .flat_map(|t| t.attributes.keys().map(String::as_str))
            .collect();
        names.into_iter().map(str::to_owned).collect()
    }

    /// Checks every record and the rules that span records, returning every violation
    /// (never just the first).
    ///
    /// Every id follows [`rules::id`], whatever format it came in. An empty `country` means
    /// unknown (plain edge lists create organizations without one); `require_country` refuses
    /// that too. `known` lists ids that exist outside this data (e.g. already in the store
    /// when merging), so ties may refer to them.
    pub fn check(&self, require_country: bool, known: &HashSet<String>) -> Vec<Violation> {
        let mut out = Vec::new();
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, o) in self.organizations.iter().enumerate() {
            let rec = RecordRef::Organization(i);
            // The value is only formatted when it breaks a rule.
            let mut bad = |field: &'static str, value: &dyn fmt::Display, r: Result<(), Rule>| {
                if let Err(expected) = r {
                    out.push(Violation {
                        record: rec,
                        field,
                        value: value.to_string(),
                        expected,
                    });
                }
            };
            bad("id", &o.id, rules::id(&o.id));
            bad("name", &o.name, rules::name(&o.name));
            if require_country || !o.country.is_empty() {
                bad("country", &o.country, rules::country(&o.country));
            }
            if let Some(y) = o.founded_year {
                bad("founded_year", &y, rules::year(y));
            }
            if let Some(x) = o.latitude {
                bad("latitude", &x, rules::latitude(x));
            }
            if let Some(x) = o.longitude {
                bad("longitude", &x, rules::longitude(x));
            }
            if let Some(s) = o.social_media_use {
                bad("social_media_use", &s, rules::social_media_use(s));
            }
            if let Some(first) = seen.insert(&o.id, i) {
                out.push(Violation {
                    record: rec,
                    field: "id",
                    value: o.id.clone(),
                    expected: Rule::UniqueId { first: first + 1 },
                });
            }
        }
        let mut tie_keys: HashMap<(&str, &str, TieKind), usize> = HashMap::new();
        for (i, t) in self.ties.iter().enumerate() {
            let rec = RecordRef::Tie(i);
            // The value is only formatted when it breaks a rule.
            let mut bad = |field: &'static str, value: &dyn fmt::Display, r: Result<(), Rule>| {
                if let Err(expected) = r {
                    out.push(Violation {
                        record: rec,
                        field,
                        value: value.to_string(),
                        expected,
                    });
                }
            };
            for (field, end) in [("source", &t.source), ("target", &t.target)] {
                let exists = seen.contains_key(end.as_str()) || known.contains(end);
                bad(
                    field,
                    end,
                    exists.then_some(()).ok_or(Rule::KnownOrganization),
                );
            }
            if t.source == t.target {
                bad("target", &t.target, Err(Rule::NotSelf));
            }
            bad("strength", &t.strength, rules::strength(t.strength));
            if t.attributes.len() > MAX_TIE_ATTRIBUTES {
                bad("attributes", &t.attributes.len(), Err(Rule::FewAttributes));
            }
            for (name, value) in &t.attributes {
                bad("attributes", name, rules::attribute_name(name));
                if !value.is_finite() {
                    bad(
                        "attributes",
                        &format!("{name} = {value}"),
                        Err(Rule::FiniteNumber),
                    );
                }
            }
            if let Some(s) = t.since {
                bad("since", &s, rules::year(s));
            }
            if let Some(u) = t.until {
                let r = rules::year(u).and(match t.since {
                    Some(s) if u < s => Err(Rule::NotBeforeSince { since: s }),
                    _ => Ok(()),
                });
                bad("until", &u, r);
            }
            // A tie and its mirror image with the same kind are the same collaboration.
            let (a, b) = if t.source <= t.target {
                (t.source.as_str(), t.target.as_str())
            } else {
                (t.target.as_str(), t.source.as_str())
            };
            if let Some(first) = tie_keys.insert((a, b, t.kind), i) {
                bad(
                    "kind",
                    &t.kind,
                    Err(Rule::OneTiePerPairAndKind {
                        kind: t.kind.to_string(),
                        first: first + 1,
                    }),
                );
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tie(s: &str, t: &str, kind: TieKind) -> Tie {
        Tie {
            source: s.into(),
            target: t.into(),
            kind,
            strength: 3,
            since: Some(2020),
            until: None,
            reported_by: ReportedBy::Both,
            attributes: Default::default(),
        }
    }

    /// Issue 24: only assigned codes pass, in uppercase; the list is sorted (the check is a
    /// binary search) and has no repeats.
    #[test]
    fn country_codes_are_the_assigned_ones() {
        for ok in ["MX", "GT", "US", "GB", "CO", "VE", "ZW", "AD"] {
            assert_eq!(rules::country(ok), Ok(()), "{ok}");
        }
        for bad in [
            "UK", "EU", "XX", "XK", "ZZ", "AA", "mx", "Mx", "MEX", "M", "",
        ] {
            assert_eq!(rules::country(bad), Err(Rule::Country), "{bad:?}");
        }
        assert!(rules::COUNTRY_CODES.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn vocabulary_parses_and_lists_allowed_values() {
        assert_eq!("shelter".parse::<Service>(), Ok(Service::Shelter));
        let err = "shelters"
            .parse::<Service>()
            .expect_err("not in the vocabulary");
        assert!(
            matches!(&err, Rule::OneOf(names) if names.contains(&"legal_accompaniment") && names.contains(&"gender_violence"))
        );
        assert_eq!(Frequency::Weekly.rank(), 4);
        assert_eq!(Frequency::Never.rank(), 0);
    }

    #[test]
    fn check_reports_every_violation() {
        let mut a = Organization::bare("a");
        a.country = "MX".into();
        let mut b = Organization::bare("B!");
        b.country = "mex".into();
        let data = NetworkData {
            organizations: vec![a.clone(), b, a],
            ties: vec![
                tie("a", "zz", TieKind::Referral),
                tie("a", "a", TieKind::Funding),
                tie("zz", "a", TieKind::Referral),
            ],
        };
        let v = data.check(true, &HashSet::new());
        let fields: Vec<_> = v.iter().map(|v| (v.record, v.field)).collect();
        assert!(fields.contains(&(RecordRef::Organization(1), "id")));
        assert!(fields.contains(&(RecordRef::Organization(1), "country")));
        assert!(fields.contains(&(RecordRef::Organization(2), "id"))); // duplicate
        assert!(fields.contains(&(RecordRef::Tie(0), "target")));
        assert!(fields.contains(&(RecordRef::Tie(1), "target"))); // self-tie
        assert!(fields.contains(&(RecordRef::Tie(2), "source")));
        assert!(fields.contains(&(RecordRef::Tie(2), "kind"))); // mirror duplicate of tie 0
        assert_eq!(v.len(), 7, "{v:#?}");
    }

    #[test]
    fn one_id_rule_and_an_empty_country_is_unknown_unless_required() {
        use RecordRef::Organization as Org;
        let mut mex = Organization::bare("b");
        mex.country = "mex".into();
        let data = NetworkData {
            organizations: vec![Organization::bare("a"), mex, Organization::bare("../ZzB")],
            ties: vec![],
        };
        let fields = |require_country| {
            let v = data.check(require_country, &HashSet::new());
            v.iter().map(|v| (v.record, v.field)).collect::<Vec<_>>()
        };
        assert_eq!(fields(false), vec![(Org(1), "country"), (Org(2), "id")]);
        assert_eq!(
            fields(true),
            vec![
                (Org(0), "country"),
                (Org(1), "country"),
                (Org(2), "id"),
                (Org(2), "country")
            ]
        );
    }

    #[test]
    fn known_ids_satisfy_ties() {
        let data = NetworkData {
            organizations: vec![],
            ties: vec![tie("x", "y", TieKind::Coalition)],
        };
        let known: HashSet<String> = ["x".to_string(), "y".to_string()].into();
        assert!(data.check(true, &known).is_empty());
    }
}
