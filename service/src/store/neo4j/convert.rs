//! Conversions between the model and Bolt values.

use super::*;

pub(super) fn int<T: TryInto<i64> + Copy + std::fmt::Display>(
    v: T,
    field: &str,
    id: &str,
) -> Result<BoltType, StoreError> {
    v.try_into().map(BoltType::from).map_err(|_| {
        StoreError::Invalid(format!(
            "organization {id}: {field} = {v} is too large to store"
        ))
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

/// The property map of an organization node.
pub(super) fn org_props(o: &Organization, seq: i64) -> Result<BoltType, StoreError> {
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
    ]);
    Ok(props.into())
}

/// The parameter row that creates one tie.
pub(super) fn tie_row(t: &Tie, seq: i64) -> BoltType {
    let props: HashMap<&str, BoltType> = HashMap::from([
        ("kind", t.kind.as_str().into()),
        ("strength", i64::from(t.strength).into()),
        ("since", t.since.into()),
        ("until", t.until.into()),
        ("reported_by", t.reported_by.as_str().into()),
        ("seq", seq.into()),
    ]);
    let row: HashMap<&str, BoltType> = HashMap::from([
        ("source", t.source.as_str().into()),
        ("target", t.target.as_str().into()),
        ("props", props.into()),
    ]);
    row.into()
}

/// An organization as read back (every property optional: other tools may write the graph).
#[derive(Debug, Deserialize)]
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

/// A tie as read back.
#[derive(Debug, Deserialize)]
pub(super) struct TieRow {
    pub(super) source: Option<String>,
    pub(super) target: Option<String>,
    pub(super) kind: Option<String>,
    pub(super) strength: Option<i64>,
    pub(super) since: Option<i64>,
    pub(super) until: Option<i64>,
    pub(super) reported_by: Option<String>,
    pub(super) seq: Option<i64>,
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

pub(super) fn parse<T: std::str::FromStr<Err = String>>(
    what: &str,
    field: &str,
    v: &str,
) -> Result<T, StoreError> {
    v.parse()
        .map_err(|expected: String| bad(what, field, v, &expected))
}

pub(super) fn num<T: TryFrom<i64>>(
    what: &str,
    field: &str,
    v: Option<i64>,
) -> Result<Option<T>, StoreError> {
    v.map(|x| T::try_from(x).map_err(|_| bad(what, field, x, "a number in range")))
        .transpose()
}

impl OrgRow {
    pub(super) fn into_model(self) -> Result<(Organization, Option<i64>), StoreError> {
        let id = self
            .id
            .ok_or_else(|| bad("an Organization node", "id", "null", "an id"))?;
        let what = format!("organization {id}");
        let w = what.as_str();
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
        let org = Organization {
            name: self.name.ok_or_else(|| bad(w, "name", "null", "a name"))?,
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
            id,
        };
        Ok((org, self.seq))
    }
}

impl TieRow {
    pub(super) fn into_model(self) -> Result<(Tie, Option<i64>), StoreError> {
        let (Some(source), Some(target)) = (self.source, self.target) else {
            return Err(StoreError::Backend(
                "a COLLABORATES_WITH relationship in Neo4j joins a node without id".into(),
            ));
        };
        let what = format!("the tie {source} -> {target}");
        let w = what.as_str();
        let kind = self
            .kind
            .ok_or_else(|| bad(w, "kind", "null", "a tie kind"))?;
        let reported_by = self
            .reported_by
            .ok_or_else(|| bad(w, "reported_by", "null", "source, target or both"))?;
        let tie = Tie {
            kind: parse::<TieKind>(w, "kind", &kind)?,
            strength: num(w, "strength", self.strength)?
                .ok_or_else(|| bad(w, "strength", "null", "1 to 5"))?,
            since: num(w, "since", self.since)?,
            until: num(w, "until", self.until)?,
            reported_by: parse::<ReportedBy>(w, "reported_by", &reported_by)?,
            source,
            target,
        };
        Ok((tie, self.seq))
    }
}
