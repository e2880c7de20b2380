//! Export: the network (and later its metrics) in the formats researchers' tools read.

use crate::import::fields::{ORGANIZATION_FIELDS, TIE_FIELDS};
use puentes_analysis::model::{NetworkData, Organization, Tie};
use std::io::Write;
use std::path::Path;

fn join<T: std::fmt::Display>(items: &[T]) -> String {
    items.iter().map(ToString::to_string).collect::<Vec<_>>().join(";")
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// The cells of one organization, in [`ORGANIZATION_FIELDS`] order.
pub fn organization_row(o: &Organization) -> Vec<String> {
    vec![
        o.id.clone(),
        o.name.clone(),
        o.country.clone(),
        o.region.clone(),
        o.city.clone(),
        o.corridor.clone().unwrap_or_default(),
        opt(o.latitude),
        opt(o.longitude),
        o.contact.clone().unwrap_or_default(),
        join(&o.services),
        join(&o.populations),
        opt(o.population_served),
        opt(o.salaried_staff),
        opt(o.annual_budget_usd),
        opt(o.founded_year),
        o.partner.to_string(),
        opt(o.agreement_review),
        opt(o.feedback_to_population),
        opt(o.social_media_use),
        opt(o.donation_sources),
    ]
}

/// The cells of one tie, in [`TIE_FIELDS`] order.
pub fn tie_row(t: &Tie) -> Vec<String> {
    vec![
        t.source.clone(),
        t.target.clone(),
        t.kind.to_string(),
        t.strength.to_string(),
        opt(t.since),
        opt(t.until),
        t.reported_by.to_string(),
    ]
}

/// Writes organizations as CSV (project format) to `w`.
pub fn organizations_csv<W: Write>(orgs: &[Organization], w: W) -> csv::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record(ORGANIZATION_FIELDS)?;
    for o in orgs {
        out.write_record(organization_row(o))?;
    }
    out.flush()?;
    Ok(())
}

/// Writes ties as CSV (project format) to `w`.
pub fn ties_csv<W: Write>(ties: &[Tie], w: W) -> csv::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record(TIE_FIELDS)?;
    for t in ties {
        out.write_record(tie_row(t))?;
    }
    out.flush()?;
    Ok(())
}

/// Writes the project CSV pair.
pub fn write_project_csv(data: &NetworkData, orgs: &Path, ties: &Path) -> std::io::Result<()> {
    let io = |e: csv::Error| std::io::Error::other(e.to_string());
    organizations_csv(&data.organizations, std::fs::File::create(orgs)?).map_err(io)?;
    ties_csv(&data.ties, std::fs::File::create(ties)?).map_err(io)?;
    Ok(())
}
