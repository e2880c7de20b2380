//! Gaps: where the network is thin, fragile or out of reach — the questions network
//! planners ask. One module per family of findings:
//!
//! * [`periphery`]: [`peripheral_organizations`] (isolated, pendant, low-coreness and
//!   low-closeness organizations, most severe first) and [`inward_looking`] (organizations
//!   whose ties all stay inside their own community);
//! * [`cut_points`](mod@cut_points): articulation points and bridges, with what each would
//!   cut off;
//! * [`structural_holes`](mod@structural_holes): Burt's constraint, effective size,
//!   efficiency and hierarchy;
//! * [`brokerage`](mod@brokerage): Gould–Fernandez brokerage roles on the directed view;
//! * [`community_gaps`](mod@community_gaps): the community × community tie-density matrix
//!   against what the community sizes predict;
//! * [`service_reach`](mod@service_reach): who has no path of at most two ties to each
//!   service;
//! * [`findings`]: all of them together ([`gap_analysis`] → [`GapAnalysis`]), with the
//!   Louvain partition they share and what characterises each community
//!   ([`community_themes`]).
//!
//! # Findings are data
//! Every finding is a plain, serializable value: its kind (a type or an enum variant), the
//! organizations it concerns (node indices) and the numbers behind it. Nothing here builds a
//! sentence: the service's report layer names the organizations and words each finding from
//! its message catalogue, in the reader's language.
//!
//! Core numbers, closeness and connected components have one implementation each, in
//! [`crate::centrality`] and [`crate::community`]; this module uses them rather than
//! repeating them.

pub mod brokerage;
pub mod community_gaps;
pub mod cut_points;
pub mod findings;
pub mod periphery;
pub mod service_reach;
pub mod structural_holes;

pub use brokerage::{brokerage, Brokerage, Roles};
pub use community_gaps::{community_gaps, CommunityGaps, CommunityPair};
pub use cut_points::{cut_points, ArticulationPoint, Bridge, CutPoints};
pub use findings::{
    codes, community_themes, community_themes_of, gap_analysis, gap_analysis_with, BrokerageGroups,
    CommunityTheme, Dominant, GapAnalysis, Place, PlaceCodes,
};
pub use periphery::{
    inward_looking, peripheral_organizations, peripheral_organizations_with, InwardLooking,
    PeripheralOrganization, PeripheryReason,
};
pub use service_reach::{service_reach, Reach, RegionGap, ServiceGap, ServiceReach};
pub use structural_holes::{constraint, structural_holes, StructuralHoles};

/// "No node" in per-node index arrays.
const NONE: u32 = u32::MAX;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::Network;

    #[test]
    fn parallel_results_do_not_depend_on_thread_count() {
        let mut e = Vec::new();
        for a in 0..200u32 {
            for k in 1..6u32 {
                let b = (a * 7 + k * 13) % 200;
                e.push((a, b, f64::from(1 + (a + k) % 5)));
            }
        }
        let net = Network::from_edges(200, &e);
        let groups: Vec<u32> = (0..200).map(|v| v % 4).collect();
        let run = |threads: usize| {
            crate::on_threads(threads, || {
                (
                    structural_holes(&net, true),
                    peripheral_organizations(&net),
                    brokerage(&net, &groups).raw,
                )
            })
        };
        assert_eq!(run(1), run(2));
    }
}
