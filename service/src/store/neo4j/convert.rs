//! Conversions between the model and Bolt values.

use super::*;

pub(super) fn int<T: TryInto<i64> + Copy + std::fmt::Display>(
    v: T,
    field: &str,
    id: &str,
) -> Result<BoltType, StoreError> {
    v.try_into().map(BoltType::from).map_err(|_| {
        StoreError::Invalid(Refusal::BadValue {
            name: format!("{id}.{field}"),
            value: v.to_string(),
            expected: Expected::Storable,
        })
    })
}

pub(super) fn opt_int<T: TryInto<i64> + Copy + std::fmt::Display>(
    v: Option<T>,
    field: &str,
    id: &str,
) -> Result<BoltType, StoreError> {
    match v {
        Some(v) => int(v, field, id),
        None => Ok(BoltType::from(None::<i64>)),
    }
}

pub(super) fn names<T: Copy>(v: &[T], name: fn(T) -> &'static str) -> BoltType {
    v.iter().map(|x| name(*x)).collect()
}

/// Null, `""`, `[]` or `false`.
fn is_empty(v: &BoltType) -> bool {
    match v {
        BoltType::Null(_) => true,
        BoltType::String(s) => s.value.is_empty(),
        BoltType::List(l) => l.value.is_empty(),
        BoltType::Boolean(b) => !b.value,
        _ => false,
    }
}

/// The property map of an organization node of `generation`.
pub(super) fn org_props(
    o: &Organization,
    seq: i64,
    generation: i64,
) -> Result<BoltType, StoreError> {
    let id = o.id.as_str();
    let props: HashMap<&str, BoltType> = HashMap::from([
        ("id", o.id.as_str().into()),
        ("name", o.name.as_str().into()),
        ("country", o.country.as_str().into()),
        ("region", o.region.as_str().into()),
        ("city", o.city.as_str().into()),
        ("corridor", o.corridor.clone().into()),
        ("latitude", o.latitude.into()),
        ("longitude", o.longitude.into()),
        ("contact", o.contact.clone().into()),
        ("services", names(&o.services, Service::as_str)),
        ("populations", names(&o.populations, Population::as_str)),
        (
            "aliases",
            o.aliases.iter().map(String::as_str).collect::<BoltType>(),
        ),
        (
            "population_served",
            opt_int(o.population_served, "population_served", id)?,
        ),
        (
            "salaried_staff",
            opt_int(o.salaried_staff, "salaried_staff", id)?,
        ),
        (
            "annual_budget_usd",
            opt_int(o.annual_budget_usd, "annual_budget_usd", id)?,
        ),
        ("founded_year", o.founded_year.into()),
        ("partner", o.partner.into()),
        (
            "agreement_review",
            o.agreement_review.map(Frequency::as_str).into(),
        ),
        (
            "feedback_to_population",
            o.feedback_to_population.map(Frequency::as_str).into(),
        ),
        ("social_media_use", o.social_media_use.map(i64::from).into()),
        (
            "donation_sources",
            opt_int(o.donation_sources, "donation_sources", id)?,
        ),
        ("seq", seq.into()),
        ("generation", generation.into()),
    ]);
    // Absent, empty and false values are not stored (read back as absent, they give the same
    // organization): `SET o = r` stores nothing for a null anyway, and a research network's
    // organizations have mostly empty fields, each of which would cost the import a property.
    let props: HashMap<&str, BoltType> = props
        .into_iter()
        .filter(|(key, v)| *key == "name" || !is_empty(v))
        .collect();
    Ok(props.into())
}

/// The parameter row that creates one tie ([`CREATE_TIES`]):
/// `[source, target, kind, strength, since, until, reported_by, seq, attribute names,
/// attribute values]` (null lists for a tie without attributes: no property is stored).
pub(super) fn tie_row(t: &Tie, seq: i64) -> BoltType {
    tie_row_between(&t.source, &t.target, t, seq)
}

/// [`tie_row`] with the ends named otherwise (element ids for [`CREATE_STAGED_TIES`]).
pub(super) fn tie_row_between(source: &str, target: &str, t: &Tie, seq: i64) -> BoltType {
    let row: Vec<BoltType> = vec![
        source.into(),
        target.into(),
        t.kind.as_str().into(),
        i64::from(t.strength).into(),
        t.since.into(),
        t.until.into(),
        t.reported_by.as_str().into(),
        seq.into(),
        attribute_list(t.attributes.keys().map(|k| BoltType::from(k.as_str()))),
        attribute_list(t.attributes.values().map(|v| BoltType::from(*v))),
    ];
    BoltType::from_iter(row)
}

/// A list property of a tie's attributes, or null when it has none (Neo4j stores no property
/// for null).
fn attribute_list(items: impl ExactSizeIterator<Item = BoltType>) -> BoltType {
    if items.len() == 0 {
        BoltType::Null(neo4rs::BoltNull)
    } else {
        BoltType::from_iter(items)
    }
}

/// An organization as read back (every property optional: other tools may write the graph).
#[derive(Debug)]
pub(super) struct OrgRow {
    pub(super) id: Option<String>,
    pub(super) name: Option<String>,
    pub(super) country: Option<String>,
    pub(super) region: Option<String>,
    pub(super) city: Option<String>,
    pub(super) corridor: Option<String>,
    pub(super) latitude: Option<f64>,
    pub(super) longitude: Option<f64>,
    pub(super) contact: Option<String>,
    pub(super) services: Option<Vec<String>>,
    pub(super) populations: Option<Vec<String>>,
    pub(super) aliases: Option<Vec<String>>,
    pub(super) population_served: Option<i64>,
    pub(super) salaried_staff: Option<i64>,
    pub(super) annual_budget_usd: Option<i64>,
    pub(super) founded_year: Option<i64>,
    pub(super) partner: Option<bool>,
    pub(super) agreement_review: Option<String>,
    pub(super) feedback_to_population: Option<String>,
    pub(super) social_media_use: Option<i64>,
    pub(super) donation_sources: Option<i64>,
    pub(super) seq: Option<i64>,
}

/// The first fields of an organization as [`READ_PART`] lists them (column `a`).
pub(super) type OrgColsA = (
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<f64>,
    Option<f64>,
    Option<String>,
    Option<Vec<String>>,
    Option<Vec<String>>,
    Option<Vec<String>>,
);

/// The other fields of an organization as [`READ_PART`] lists them (column `b`).
pub(super) type OrgColsB = (
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<bool>,
    Option<String>,
    Option<String>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
);

impl OrgRow {
    pub(super) fn from_cols(a: OrgColsA, b: OrgColsB) -> OrgRow {
        let (
            id,
            name,
            country,
            region,
            city,
            corridor,
            latitude,
            longitude,
            contact,
            services,
            populations,
            aliases,
        ) = a;
        let (
            population_served,
            salaried_staff,
            annual_budget_usd,
            founded_year,
            partner,
            agreement_review,
            feedback_to_population,
            social_media_use,
            donation_sources,
            seq,
        ) = b;
        OrgRow {
            id,
            name,
            country,
            region,
            city,
            corridor,
            latitude,
            longitude,
            contact,
            services,
            populations,
            aliases,
            population_served,
            salaried_staff,
            annual_budget_usd,
            founded_year,
            partner,
            agreement_review,
            feedback_to_population,
            social_media_use,
            donation_sources,
            seq,
        }
    }
}

/// One element of the `out` list of [`READ_PART`]: `(target, kind, strength, since, until,
/// reported_by, seq, attribute names, attribute values)`; strings borrowed from the received
/// row.
pub(super) type TieCols<'r> = (
    Option<&'r str>,
    Option<&'r str>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<&'r str>,
    Option<i64>,
    Option<Vec<&'r str>>,
    Option<Vec<f64>>,
);

/// A tie as read back: its source's id and the columns of [`TieCols`].
pub(super) fn tie_from_cols(source: &str, cols: TieCols) -> Result<(Tie, Option<i64>), StoreError> {
    let (target, kind, strength, since, until, reported_by, seq, names, values) = cols;
    let Some(target) = target else {
        return Err(StoreError::Backend(
            "a COLLABORATES_WITH relationship in Neo4j joins a node without id".into(),
        ));
    };
    let what = || format!("the tie {source} -> {target}");
    let w: What = &what;
    let tie = Tie {
        kind: parse::<TieKind>(w, "kind", required(w, "kind", kind, "a tie kind")?)?,
        reported_by: parse::<ReportedBy>(
            w,
            "reported_by",
            required(w, "reported_by", reported_by, "source, target or both")?,
        )?,
        strength: required(w, "strength", num(w, "strength", strength)?, "1 to 5")?,
        since: num(w, "since", since)?,
        until: num(w, "until", until)?,
        source: source.to_owned(),
        target: target.to_owned(),
        attributes: match (names, values) {
            (Some(n), Some(v)) if n.len() == v.len() => {
                n.into_iter().map(str::to_owned).zip(v).collect()
            }
            (None, None) => Default::default(),
            (n, v) => {
                return Err(bad(
                    &what(),
                    "attr_names/attr_values",
                    (n, v),
                    "two lists of one length",
                ))
            }
        },
    };
    Ok((tie, seq))
}

pub(super) fn bad(
    what: &str,
    field: &str,
    value: impl std::fmt::Debug,
    expected: &str,
) -> StoreError {
    StoreError::Backend(format!(
        "{what} in Neo4j has {field} = {value:?}; expected {expected}"
    ))
}

/// Names the record in an error message; called only when there is an error (a snapshot
/// converts half a million ties, so the name is not formatted for each).
type What<'a> = &'a dyn Fn() -> String;

pub(super) fn parse<T: std::str::FromStr<Err = puentes_analysis::model::Rule>>(
    what: What,
    field: &str,
    v: &str,
) -> Result<T, StoreError> {
    v.parse()
        .map_err(|rule| bad(&what(), field, v, &format!("{rule:?}")))
}

pub(super) fn num<T: TryFrom<i64>>(
    what: What,
    field: &str,
    v: Option<i64>,
) -> Result<Option<T>, StoreError> {
    v.map(|x| T::try_from(x).map_err(|_| bad(&what(), field, x, "a number in range")))
        .transpose()
}

fn required<T>(what: What, field: &str, v: Option<T>, expected: &str) -> Result<T, StoreError> {
    v.ok_or_else(|| bad(&what(), field, "null", expected))
}

impl OrgRow {
    pub(super) fn into_model(self) -> Result<(Organization, Option<i64>), StoreError> {
        let id = required(&|| "an Organization node".into(), "id", self.id, "an id")?;
        let what = || format!("organization {id}");
        let w: What = &what;
        let services = self
            .services
            .unwrap_or_default()
            .iter()
            .map(|s| parse::<Service>(w, "services", s))
            .collect::<Result<_, _>>()?;
        let populations = self
            .populations
            .unwrap_or_default()
            .iter()
            .map(|s| parse::<Population>(w, "populations", s))
            .collect::<Result<_, _>>()?;
        let freq = |field: &str, v: Option<String>| {
            v.map(|s| parse::<Frequency>(w, field, &s)).transpose()
        };
        let mut org = Organization {
            name: required(w, "name", self.name, "a name")?,
            country: self.country.unwrap_or_default(),
            region: self.region.unwrap_or_default(),
            city: self.city.unwrap_or_default(),
            corridor: self.corridor,
            latitude: self.latitude,
            longitude: self.longitude,
            contact: self.contact,
            services,
            populations,
            population_served: num(w, "population_served", self.population_served)?,
            salaried_staff: num(w, "salaried_staff", self.salaried_staff)?,
            annual_budget_usd: num(w, "annual_budget_usd", self.annual_budget_usd)?,
            founded_year: num(w, "founded_year", self.founded_year)?,
            partner: self.partner.unwrap_or(false),
            agreement_review: freq("agreement_review", self.agreement_review)?,
            feedback_to_population: freq("feedback_to_population", self.feedback_to_population)?,
            social_media_use: num(w, "social_media_use", self.social_media_use)?,
            donation_sources: num(w, "donation_sources", self.donation_sources)?,
            aliases: self.aliases.unwrap_or_default(),
            id: String::new(),
        };
        org.id = id;
        Ok((org, self.seq))
    }
}
