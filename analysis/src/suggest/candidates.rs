//! Candidate generation and the one-pass scan that scores every candidate of one asking
//! organization.

use super::index::{Pool, SuggestIndex, NO_GROUP};
use super::scores::{constraint_after, ConstraintSums};
use super::{Component, SuggestError, SuggestOptions, COMPONENTS};
use crate::network::{node, Network, Node};
use serde::Serialize;

/// "Not a partner" in the scratch position array.
const NONE: u32 = u32::MAX;
/// The asking organization itself in the scratch position array.
const SELF: u32 = u32::MAX - 1;
/// Entries of one attribute pool read at most per request (pools are sorted best first).
const POOL_SCAN: usize = 1024;

/// Why an organization is a candidate (several may hold).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Sources {
    /// At distance 2: shares at least one partner with the asking organization.
    pub two_hop: bool,
    /// Offers a service that the asking organization and its partners lack.
    pub service: bool,
    /// Among the best-tied organizations of the same corridor or country.
    pub proximity: bool,
}

const TWO_HOP: u8 = 1;
const SERVICE: u8 = 2;
const PROXIMITY: u8 = 4;

impl Sources {
    fn from_bits(b: u8) -> Sources {
        Sources {
            two_hop: b & TWO_HOP != 0,
            service: b & SERVICE != 0,
            proximity: b & PROXIMITY != 0,
        }
    }
}

/// One candidate and its raw (not normalized) components.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    /// The candidate organization.
    pub node: Node,
    /// Raw value of each component, in [`Component::ALL`] order.
    pub raw: [f64; COMPONENTS],
    /// The asking organization's constraint if this tie were added.
    pub constraint_after: f64,
    /// Why it is a candidate.
    pub sources: Sources,
}

impl Candidate {
    /// The raw value of one component.
    pub fn raw(&self, c: Component) -> f64 {
        self.raw[c.index()]
    }
}

/// How many candidates came from where, and whether the scan was cut short.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct CandidateCounts {
    /// Candidates at distance 2 (with the scan budget: those reached by the scanned
    /// partners).
    pub two_hop: usize,
    /// Candidates offering a lacking service (some are also at distance 2).
    pub service: usize,
    /// Candidates added as best-tied organizations nearby (none of them at distance 2 or a
    /// service candidate).
    pub proximity: usize,
    /// All candidates.
    pub total: usize,
    /// Two-step paths v → z → c read by the scan.
    pub paths_scanned: usize,
    /// Partners z of v whose own partners were not scanned because the budget
    /// [`SuggestOptions::max_scan`] ran out (the best-tied partners are skipped first).
    pub partners_skipped: usize,
}

/// All candidates of one asking organization with their raw components.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CandidateSet {
    /// The asking organization.
    pub node: Node,
    /// The candidates, in no particular order.
    pub candidates: Vec<Candidate>,
    /// Counts by source.
    pub counts: CandidateCounts,
    /// True when the scan budget was reached: distance-2 candidates reached only through
    /// the skipped partners are missing and their sums are partial.
    pub capped: bool,
    /// The asking organization's Burt constraint (weighted), `None` for an isolate. When
    /// `capped`, the terms of the skipped partners are missing (a lower bound), and so are
    /// their parts of each candidate's `constraint_after`.
    pub constraint: Option<f64>,
    /// Bit mask (over [`crate::model::Service::ALL`]) of the services it and its partners
    /// lack that some eligible organization offers.
    pub(crate) lacking: u32,
}

/// Per-candidate accumulators of the scan (one cache line).
#[derive(Debug, Clone, Copy, Default)]
struct Acc {
    cn: u32,
    aa: f64,
    ra: f64,
    waa: f64,
    rec: f64,
    d: f64,
    q: f64,
    r: f64,
}

/// Reusable per-thread memory of the scan: dense accumulators over all organizations and
/// the list of those touched, reset after each request in O(touched). Allocate one per thread
/// and pass it to [`candidates_with`] / [`super::suggest_with`] to avoid an O(n) allocation
/// per request.
#[derive(Debug, Clone, Default)]
pub struct Scratch {
    acc: Vec<Acc>,
    flags: Vec<u8>,
    pos: Vec<u32>,
    touched: Vec<Node>,
    order: Vec<u32>,
}

impl Scratch {
    /// Scratch for a network of `n` organizations.
    pub fn new(n: usize) -> Scratch {
        Scratch {
            acc: vec![Acc::default(); n],
            flags: vec![0; n],
            pos: vec![NONE; n],
            touched: Vec::new(),
            order: Vec::new(),
        }
    }

    fn fit(&mut self, n: usize) {
        if self.acc.len() != n {
            *self = Scratch::new(n);
        }
    }
}

/// Checks the options that bound or shape the candidate scan.
pub(crate) fn check_options(opts: &SuggestOptions) -> Result<(), SuggestError> {
    if !(opts.new_tie_weight.is_finite() && opts.new_tie_weight > 0.0) {
        return Err(SuggestError::InvalidOption {
            field: "new_tie_weight",
            value: opts.new_tie_weight.to_string(),
            allowed: super::Allowed::PositiveNumber,
        });
    }
    Ok(())
}

/// Every candidate of `v` with its raw components. Allocates a [`Scratch`]; see
/// [`candidates_with`].
///
/// # Errors
/// [`SuggestError::UnknownNode`], [`SuggestError::IndexMismatch`] or
/// [`SuggestError::InvalidOption`].
///
/// # Examples
/// ```
/// use puentes_analysis::network::Network;
/// use puentes_analysis::suggest::{candidates, Component, IndexOptions, SuggestIndex,
///                                 SuggestOptions};
/// // A star: centre 0, leaves 1, 2, 3. Leaf 1's candidates are the other leaves, each
/// // through the centre (degree 3): Adamic–Adar 1/ln 3.
/// let net = Network::from_edges(4, &[(0, 1, 1.0), (0, 2, 1.0), (0, 3, 1.0)]);
/// let index = SuggestIndex::new(&net, IndexOptions::default()).unwrap();
/// let set = candidates(&net, &index, 1, &SuggestOptions::default()).unwrap();
/// assert_eq!(set.counts.two_hop, 2);
/// let aa = set.candidates[0].raw(Component::AdamicAdar);
/// assert!((aa - 1.0 / 3f64.ln()).abs() < 1e-15);
/// ```
pub fn candidates(
    net: &Network,
    index: &SuggestIndex,
    v: Node,
    opts: &SuggestOptions,
) -> Result<CandidateSet, SuggestError> {
    candidates_with(net, index, v, opts, &mut Scratch::new(net.node_count()))
}

/// Every candidate of `v` with its raw components, reusing `scratch`.
///
/// Candidates are (never v, never a partner of v, only eligible organizations):
/// 1. **distance 2**: every c with a partner in common, found by scanning Γ(z) for each
///    partner z into dense accumulators (a touched list resets them). When
///    Σ_{z∈Γ(v)} k_z exceeds [`SuggestOptions::max_scan`], partners are scanned in
///    ascending degree until the budget is spent: the skipped best-tied partners would add
///    the smallest Adamic–Adar terms (1/ln k_z) and the most candidates; the set is then
///    `capped`.
/// 2. **services**: for each service that v and its partners lack and someone offers, up to
///    [`SuggestOptions::per_service`] offerers, from v's corridor first, then its country,
///    then anywhere, largest population served first.
/// 3. **proximity**: up to [`SuggestOptions::proximity_candidates`] of the best-tied
///    organizations of v's corridor, then country, not already candidates, so that an
///    isolated organization has candidates even where no services are recorded.
///
/// Each candidate's components are computed in O(1) from the accumulated sums (see the
/// [module docs](super) for the formulas).
///
/// # Complexity
/// O(min(Σ_{z∈Γ(v)} k_z, max_scan) + k_v + |lacking services| · per_service + pool reads)
/// time; O(1) allocation per request besides the output (the scratch is O(n), allocated
/// once).
pub fn candidates_with(
    net: &Network,
    index: &SuggestIndex,
    v: Node,
    opts: &SuggestOptions,
    s: &mut Scratch,
) -> Result<CandidateSet, SuggestError> {
    index.check(net)?;
    check_options(opts)?;
    let n = net.node_count();
    if v as usize >= n {
        return Err(SuggestError::UnknownNode { node: v, nodes: n });
    }
    s.fit(n);
    let ix = index;
    let vu = v as usize;
    let (offsets, targets, weights) = net.csr();
    let (lo, hi) = (offsets[vu], offsets[vu + 1]);
    let ns = &targets[lo..hi];
    let ws = &weights[lo..hi];
    let k = ns.len();
    let sv = ix.strength[vu];
    let deg = |x: Node| offsets[x as usize + 1] - offsets[x as usize];

    for (i, &u) in ns.iter().enumerate() {
        s.pos[u as usize] = node(i);
    }
    s.pos[vu] = SELF;

    // Scan budget: partners in ascending degree until max_scan paths.
    s.order.clear();
    s.order.extend((0..k).map(node));
    let total: usize = ns.iter().map(|&z| deg(z)).sum();
    let mut counts = CandidateCounts::default();
    if total > opts.max_scan {
        s.order
            .sort_by_key(|&i| (deg(ns[i as usize]), ns[i as usize]));
        let mut used = 0usize;
        let mut keep = 0usize;
        for &i in &s.order {
            let d = deg(ns[i as usize]);
            if used + d > opts.max_scan {
                break;
            }
            used += d;
            keep += 1;
        }
        counts.partners_skipped = k - keep;
        s.order.truncate(keep);
    }

    let mut c_v = 0.0;
    for oi in 0..s.order.len() {
        let i = s.order[oi] as usize;
        let z = ns[i];
        let zu = z as usize;
        let w_vz = ws[i];
        let p_vz = w_vz / sv;
        let (zlo, zhi) = (offsets[zu], offsets[zu + 1]);
        // a_z = p_vz + Σ_{q ∈ Γ(v) ∩ Γ(z)} p_vq · w_zq / s_q.
        let mut indirect = 0.0;
        for e in zlo..zhi {
            let q = targets[e] as usize;
            let pq = s.pos[q];
            if pq < SELF {
                indirect += ws[pq as usize] / sv * weights[e] / ix.strength[q];
            }
        }
        let a_z = p_vz + indirect;
        c_v += a_z * a_z;
        let inv_ln = ix.inv_ln_deg[zu];
        let inv_k = ix.inv_deg[zu];
        let inv_ln1p = ix.inv_ln1p_strength[zu];
        let r_vz = ix.recency[lo + i] * inv_ln;
        let w_rel = p_vz / ix.strength[zu];
        counts.paths_scanned += zhi - zlo;
        for e in zlo..zhi {
            let c = targets[e] as usize;
            if s.pos[c] != NONE {
                continue; // v itself or a partner
            }
            let w_zc = weights[e];
            let acc = &mut s.acc[c];
            if acc.cn == 0 {
                s.touched.push(node(c));
            }
            acc.cn += 1;
            acc.aa += inv_ln;
            acc.ra += inv_k;
            acc.waa += (w_vz * w_zc).sqrt() * inv_ln1p;
            acc.rec += r_vz * ix.recency[e];
            acc.d += a_z * w_zc;
            acc.q += w_zc * w_zc;
            acc.r += w_rel * w_zc;
        }
    }
    for &c in &s.touched {
        s.flags[c as usize] = TWO_HOP;
    }
    let capped = counts.partners_skipped > 0;

    // Services v and its partners lack, offered by eligible organizations.
    let lacking = ix.offered & !ix.reach1[vu];
    let own_pools = {
        let mut p = Vec::with_capacity(3);
        if ix.corridor[vu] != NO_GROUP {
            p.push(Pool::Corridor(ix.corridor[vu]));
        }
        if ix.country[vu] != NO_GROUP {
            p.push(Pool::Country(ix.country[vu]));
        }
        p
    };
    if opts.per_service > 0 {
        let mut taken: Vec<Node> = Vec::with_capacity(opts.per_service);
        for bit in 0..32u8 {
            if lacking & (1 << bit) == 0 {
                continue;
            }
            taken.clear();
            let pools = own_pools.iter().copied().chain([Pool::Any]);
            'pools: for pool in pools {
                let Some(list) = ix.offerers.get(&(bit, pool)) else {
                    continue;
                };
                for &c in list.iter().take(POOL_SCAN) {
                    if taken.len() >= opts.per_service {
                        break 'pools;
                    }
                    let cu = c as usize;
                    if s.pos[cu] != NONE || taken.contains(&c) {
                        continue;
                    }
                    taken.push(c);
                    if s.flags[cu] == 0 && s.acc[cu].cn == 0 {
                        s.touched.push(c);
                    }
                    s.flags[cu] |= SERVICE;
                }
            }
        }
    }
    if opts.proximity_candidates > 0 {
        let mut added = 0;
        'hubs: for pool in &own_pools {
            let Some(list) = ix.hubs.get(pool) else {
                continue;
            };
            for &c in list.iter().take(POOL_SCAN) {
                if added >= opts.proximity_candidates {
                    break 'hubs;
                }
                let cu = c as usize;
                if s.pos[cu] != NONE || s.flags[cu] != 0 {
                    continue;
                }
                s.flags[cu] = PROXIMITY;
                s.touched.push(c);
                added += 1;
            }
        }
    }

    // Raw components.
    let constraint = (k > 0).then_some(c_v);
    let lack_count = lacking.count_ones();
    let kv = k as f64;
    let w_new = opts.new_tie_weight;
    let mut out = Vec::with_capacity(s.touched.len());
    for &c in &s.touched {
        let cu = c as usize;
        if !ix.eligible[cu] {
            continue;
        }
        let acc = s.acc[cu];
        let flags = s.flags[cu];
        let kc = deg(c) as f64;
        let cn = f64::from(acc.cn);
        let union = kv + kc - cn;
        let after = constraint_after(
            c_v,
            sv,
            ix.strength[cu],
            w_new,
            ConstraintSums {
                d: acc.d,
                q: acc.q,
                r: acc.r,
            },
        );
        let mut raw = [0.0; COMPONENTS];
        raw[Component::CommonNeighbors.index()] = cn;
        raw[Component::Jaccard.index()] = if union > 0.0 { cn / union } else { 0.0 };
        raw[Component::AdamicAdar.index()] = acc.aa;
        raw[Component::ResourceAllocation.index()] = acc.ra;
        raw[Component::PreferentialAttachment.index()] = kv * kc;
        raw[Component::WeightedAdamicAdar.index()] = acc.waa;
        raw[Component::Recency.index()] = acc.rec;
        raw[Component::Complementarity.index()] =
            complementarity(ix.services[cu] & lacking, lack_count, ix.population[cu]);
        raw[Component::Proximity.index()] = proximity(ix, vu, cu);
        raw[Component::CommunityBridge.index()] = if ix.membership[cu] != ix.membership[vu] {
            1.0
        } else {
            0.0
        };
        raw[Component::ConstraintDrop.index()] = match constraint {
            Some(before) => (before - after).max(0.0),
            None => 0.0,
        };
        counts.two_hop += usize::from(flags & TWO_HOP != 0);
        counts.service += usize::from(flags & SERVICE != 0);
        counts.proximity += usize::from(flags & PROXIMITY != 0);
        out.push(Candidate {
            node: c,
            raw,
            constraint_after: after,
            sources: Sources::from_bits(flags),
        });
    }
    counts.total = out.len();

    // Reset the scratch in O(touched + k).
    for &c in &s.touched {
        s.acc[c as usize] = Acc::default();
        s.flags[c as usize] = 0;
    }
    s.touched.clear();
    for &u in ns {
        s.pos[u as usize] = NONE;
    }
    s.pos[vu] = NONE;

    Ok(CandidateSet {
        node: v,
        candidates: out,
        counts,
        capped,
        constraint,
        lacking,
    })
}

/// Complementarity: (|gained| / |lacking|) · (1 + π_c) / 2, in [0, 1]; 0 when nothing is
/// lacking. `gained` = services c offers that v and its partners lack; π_c the population
/// weight ([`SuggestIndex::new`]), so an offerer with no reported population counts half.
pub(crate) fn complementarity(gained: u32, lack_count: u32, population: f64) -> f64 {
    if lack_count == 0 {
        return 0.0;
    }
    f64::from(gained.count_ones()) / f64::from(lack_count) * (1.0 + population) / 2.0
}

/// Proximity: ([same country] + [same corridor]) / 2, an unknown value never matching.
pub(crate) fn proximity(ix: &SuggestIndex, v: usize, c: usize) -> f64 {
    let same = |g: &[u32]| g[v] != NO_GROUP && g[v] == g[c];
    (f64::from(u8::from(same(&ix.country))) + f64::from(u8::from(same(&ix.corridor)))) / 2.0
}
