//! Service reach: for each service, who has no organization offering it within two ties.

use crate::model::Service;
use crate::network::{node, Network, Node};
use serde::Serialize;
use std::collections::BTreeMap;

/// How close an organization is to a service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reach {
    /// It offers the service itself.
    Offers,
    /// A direct partner offers it.
    OneTie,
    /// A partner of a partner offers it.
    TwoTies,
    /// No organization within two ties offers it.
    Unreachable,
}

/// A region's organizations lacking a service within two ties.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegionGap {
    /// Country code.
    pub country: String,
    /// Region (may be empty).
    pub region: String,
    /// Organizations of the region with no path of ≤ 2 ties to the service.
    pub lacking: usize,
    /// Organizations in the region.
    pub total: usize,
}

/// Who lacks one service within two ties.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceGap {
    /// The service.
    pub service: Service,
    /// Number of organizations offering it.
    pub offered_by: usize,
    /// Organizations with no path of ≤ 2 ties to an organization offering it, ascending.
    pub organizations: Vec<Node>,
    /// Regions with at least one such organization, most lacking first.
    pub regions: Vec<RegionGap>,
}

/// Service reachability for every organization and service.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceReach {
    /// The services, in vocabulary order ([`Service::ALL`]); columns of `reach`.
    pub services: Vec<Service>,
    /// `reach[v][s]`: how close node v is to `services[s]`.
    pub reach: Vec<Vec<Reach>>,
    /// One entry per service that some organization cannot reach within two ties.
    pub gaps: Vec<ServiceGap>,
}

/// For each organization and service: does it offer the service, or can it reach an
/// organization that does through one or two ties?
///
/// With S(v) the services v offers: reach(v, s) = offers if s ∈ S(v); one tie if
/// s ∈ S(u) for a neighbour u; two ties if s ∈ S(x) for a neighbour x of a neighbour;
/// unreachable otherwise.
///
/// # Arguments
/// * `net` — the network with its organizations' `services`.
///
/// # Returns
/// A [`ServiceReach`]: the per-organization table and, per service, the organizations and
/// regions (country, region) with no path of ≤ 2 ties to it.
///
/// # Complexity
/// O(n + m) time with one bit mask per node (services ≤ 32), O(n · |services|) output.
///
/// # Reference
/// Two-step reach: S. P. Borgatti, "Identifying sets of key players in a social network",
/// Comput. Math. Organ. Theory 12 (2006) — distance-2 reach per service.
///
/// # Examples
/// ```
/// use puentes_analysis::gaps::{service_reach, Reach};
/// use puentes_analysis::model::*;
/// use puentes_analysis::network::Network;
/// let mut a = Organization::bare("a");
/// a.services = vec![Service::Shelter];
/// let tie = |s: &str, t: &str| Tie { source: s.into(), target: t.into(),
///     kind: TieKind::Referral, strength: 1, since: Some(2020), until: None,
///     reported_by: ReportedBy::Both,
///     attributes: Default::default() };
/// let data = NetworkData {
///     organizations: vec![a, Organization::bare("b"), Organization::bare("c"),
///                         Organization::bare("d")],
///     ties: vec![tie("a", "b"), tie("b", "c"), tie("c", "d")],
/// };
/// let r = service_reach(&Network::new(&data));
/// let shelter = 1; // index of Service::Shelter in Service::ALL
/// assert_eq!(r.reach[2][shelter], Reach::TwoTies);
/// assert_eq!(r.reach[3][shelter], Reach::Unreachable);
/// ```
pub fn service_reach(net: &Network) -> ServiceReach {
    let services: Vec<Service> = Service::ALL.to_vec();
    assert!(services.len() <= 32, "service masks are 32 bits");
    let n = net.node_count();
    let bit = |s: Service| {
        1u32 << services
            .iter()
            .position(|&x| x == s)
            .expect("every service is in Service::ALL")
    };
    let own: Vec<u32> = net
        .organizations()
        .iter()
        .map(|o| o.services.iter().fold(0, |m, &s| m | bit(s)))
        .collect();
    let one: Vec<u32> = (0..n)
        .map(|v| {
            net.neighbors(node(v))
                .iter()
                .fold(0, |m, &u| m | own[u as usize])
        })
        .collect();
    let two: Vec<u32> = (0..n)
        .map(|v| {
            net.neighbors(node(v))
                .iter()
                .fold(0, |m, &u| m | one[u as usize])
        })
        .collect();
    let reach: Vec<Vec<Reach>> = (0..n)
        .map(|v| {
            (0..services.len())
                .map(|i| {
                    let b = 1u32 << i;
                    if own[v] & b != 0 {
                        Reach::Offers
                    } else if one[v] & b != 0 {
                        Reach::OneTie
                    } else if two[v] & b != 0 {
                        Reach::TwoTies
                    } else {
                        Reach::Unreachable
                    }
                })
                .collect()
        })
        .collect();
    let mut region_total: BTreeMap<(String, String), usize> = BTreeMap::new();
    for o in net.organizations() {
        *region_total
            .entry((o.country.clone(), o.region.clone()))
            .or_insert(0) += 1;
    }
    let mut gaps = Vec::new();
    for (i, &service) in services.iter().enumerate() {
        let lacking: Vec<Node> = (0..n)
            .filter(|&v| reach[v][i] == Reach::Unreachable)
            .map(node)
            .collect();
        if lacking.is_empty() {
            continue;
        }
        let offered_by = (0..n).filter(|&v| own[v] & (1 << i) != 0).count();
        let mut per_region: BTreeMap<(String, String), usize> = BTreeMap::new();
        for &v in &lacking {
            let o = net.organization(v);
            *per_region
                .entry((o.country.clone(), o.region.clone()))
                .or_insert(0) += 1;
        }
        let mut regions: Vec<RegionGap> = per_region
            .into_iter()
            .map(|((country, region), lacking)| RegionGap {
                total: region_total
                    .get(&(country.clone(), region.clone()))
                    .copied()
                    .unwrap_or(lacking),
                country,
                region,
                lacking,
            })
            .collect();
        regions.sort_by_key(|r| std::cmp::Reverse(r.lacking));
        gaps.push(ServiceGap {
            service,
            offered_by,
            organizations: lacking,
            regions,
        });
    }
    ServiceReach {
        services,
        reach,
        gaps,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_reach_regions() {
        use crate::model::*;
        let mut orgs: Vec<Organization> = ["a", "b", "c", "d", "e"]
            .iter()
            .map(|id| Organization::bare(id))
            .collect();
        orgs[0].services = vec![Service::Health];
        for (o, (c, r)) in orgs.iter_mut().zip([
            ("MX", "CHIS"),
            ("MX", "CHIS"),
            ("MX", "CHIS"),
            ("GT", "PET"),
            ("GT", "PET"),
        ]) {
            o.country = c.into();
            o.region = r.into();
        }
        let tie = |s: &str, t: &str| Tie {
            source: s.into(),
            target: t.into(),
            kind: TieKind::Referral,
            strength: 1,
            since: Some(2020),
            until: None,
            reported_by: ReportedBy::Both,
            attributes: Default::default(),
        };
        let data = NetworkData {
            organizations: orgs,
            ties: vec![tie("a", "b"), tie("b", "c"), tie("c", "d")],
        };
        let net = Network::new(&data);
        let r = service_reach(&net);
        let h = Service::ALL
            .iter()
            .position(|&s| s == Service::Health)
            .unwrap_or(0);
        let got: Vec<Reach> = (0..5).map(|v| r.reach[v][h]).collect();
        assert_eq!(
            got,
            vec![
                Reach::Offers,
                Reach::OneTie,
                Reach::TwoTies,
                Reach::Unreachable,
                Reach::Unreachable
            ]
        );
        let gap = r.gaps.iter().find(|g| g.service == Service::Health);
        let gap = gap.expect("health has a gap");
        assert_eq!(gap.organizations, vec![3, 4]);
        assert_eq!(gap.offered_by, 1);
        assert_eq!(
            gap.regions,
            vec![RegionGap {
                country: "GT".into(),
                region: "PET".into(),
                lacking: 2,
                total: 2
            }]
        );
        // Shelter is offered by nobody: everyone lacks it.
        let shelter = r.gaps.iter().find(|g| g.service == Service::Shelter);
        assert_eq!(shelter.map(|g| g.organizations.len()), Some(5));
    }
}
