//! The synthetic HIP-like network: a seeded generator shaped like the funder's portfolio.
//!
//! Every name, tie and figure is invented. The generator reproduces the published shape of the
//! portfolio — 87 partner organizations, 59 of them (68%) in Mexico and the United States,
//! 561,062 people served in total, every partner collaborating with someone — and the survey's
//! directions (a larger budget goes with more social-media use and more donation sources; more
//! staff or budget with less frequent review of team agreements and of feedback to the
//! population served). External allies (government offices, international agencies, legal
//! clinics, shelter networks) complete the network. Communities follow migration corridors,
//! and a few organizations alone link a corridor to the rest. Same seed → byte-identical files.

use puentes_analysis::model::{
    Frequency, NetworkData, Organization, Population, ReportedBy, Service, Tie, TieKind,
};
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::HashSet;

/// The seed of the committed fixture (`fixtures/hip`).
pub const DEFAULT_SEED: u64 = 20_241_126;
/// Partner organizations in the portfolio.
pub const PARTNERS: usize = 87;
/// People served by all partners together.
pub const POPULATION_SERVED: u64 = 561_062;

/// (region, city, latitude, longitude) of a place organizations work in.
type Place = (&'static str, &'static str, f64, f64);

/// A migration corridor: where a group of organizations works.
struct Corridor {
    slug: &'static str,
    /// (country, partner count, regions with (city, lat, lon)).
    places: &'static [(&'static str, usize, &'static [Place])],
    allies: usize,
}

const CORRIDORS: &[Corridor] = &[
    Corridor {
        slug: "mx_southern_border",
        places: &[(
            "MX",
            12,
            &[
                ("Chiapas", "Tapachula", 14.90, -92.26),
                ("Tabasco", "Tenosique", 17.47, -91.42),
            ],
        )],
        allies: 5,
    },
    Corridor {
        slug: "mx_central_route",
        places: &[(
            "MX",
            10,
            &[
                ("Ciudad de México", "Ciudad de México", 19.43, -99.13),
                ("Veracruz", "Coatzacoalcos", 18.13, -94.45),
                ("Oaxaca", "Ixtepec", 16.56, -95.10),
            ],
        )],
        allies: 3,
    },
    Corridor {
        slug: "mx_northern_border",
        places: &[(
            "MX",
            15,
            &[
                ("Baja California", "Tijuana", 32.51, -117.04),
                ("Chihuahua", "Ciudad Juárez", 31.69, -106.42),
                ("Tamaulipas", "Reynosa", 26.09, -98.28),
                ("Sonora", "Nogales", 31.31, -110.94),
            ],
        )],
        allies: 5,
    },
    Corridor {
        slug: "us_border_states",
        places: &[(
            "US",
            12,
            &[
                ("Texas", "El Paso", 31.76, -106.49),
                ("Arizona", "Tucson", 32.22, -110.97),
                ("California", "San Diego", 32.72, -117.16),
                ("Texas", "Brownsville", 25.90, -97.50),
            ],
        )],
        allies: 5,
    },
    Corridor {
        slug: "us_interior",
        places: &[(
            "US",
            10,
            &[
                ("New York", "New York", 40.71, -74.01),
                ("Illinois", "Chicago", 41.88, -87.63),
                ("Colorado", "Denver", 39.74, -104.99),
            ],
        )],
        allies: 3,
    },
    Corridor {
        slug: "guatemala",
        places: &[(
            "GT",
            7,
            &[
                ("Guatemala", "Ciudad de Guatemala", 14.63, -90.51),
                ("Quetzaltenango", "Quetzaltenango", 14.83, -91.52),
            ],
        )],
        allies: 3,
    },
    Corridor {
        slug: "honduras_el_salvador",
        places: &[
            (
                "HN",
                5,
                &[
                    ("Cortés", "San Pedro Sula", 15.50, -88.03),
                    ("Francisco Morazán", "Tegucigalpa", 14.07, -87.19),
                ],
            ),
            ("SV", 4, &[("San Salvador", "San Salvador", 13.69, -89.22)]),
        ],
        allies: 3,
    },
    Corridor {
        slug: "darien_costa_rica",
        places: &[
            ("CR", 2, &[("San José", "San José", 9.93, -84.08)]),
            ("PA", 1, &[("Darién", "Metetí", 8.50, -77.98)]),
        ],
        allies: 2,
    },
    Corridor {
        slug: "colombia_venezuela",
        places: &[
            (
                "CO",
                4,
                &[
                    ("Norte de Santander", "Cúcuta", 7.89, -72.50),
                    ("Antioquia", "Necoclí", 8.43, -76.78),
                ],
            ),
            ("VE", 2, &[("Táchira", "San Cristóbal", 7.77, -72.22)]),
        ],
        allies: 3,
    },
    Corridor {
        slug: "andean_south",
        places: &[
            ("EC", 2, &[("Pichincha", "Quito", -0.18, -78.47)]),
            ("CL", 1, &[("Tarapacá", "Iquique", -20.21, -70.15)]),
        ],
        allies: 1,
    },
];

/// Links between corridors: (from, to, how many ties, through one broker only).
const LINKS: &[(&str, &str, usize, bool)] = &[
    ("mx_southern_border", "mx_central_route", 4, false),
    ("mx_central_route", "mx_northern_border", 3, false),
    ("mx_northern_border", "us_border_states", 5, false),
    ("us_border_states", "us_interior", 3, false),
    ("guatemala", "mx_southern_border", 3, false),
    ("honduras_el_salvador", "guatemala", 2, true),
    ("darien_costa_rica", "honduras_el_salvador", 1, true),
    ("colombia_venezuela", "darien_costa_rica", 2, true),
    ("andean_south", "colombia_venezuela", 1, true),
    ("us_interior", "honduras_el_salvador", 1, false),
];

const PREFIXES: &[&str] = &[
    "Colectivo",
    "Red",
    "Centro",
    "Albergue",
    "Fundación",
    "Alianza",
    "Comité",
    "Proyecto",
    "Casa",
    "Iniciativa",
    "Asociación",
    "Brigada",
];
const NOUNS: &[&str] = &[
    "Faro",
    "Sendero",
    "Horizonte",
    "Raíces",
    "Semilla",
    "Puerto",
    "Ceiba",
    "Brújula",
    "Colibrí",
    "Jacarandá",
    "Cenzontle",
    "Quetzal",
    "Maguey",
    "Tulipán",
    "Cañada",
    "Alba",
    "Manantial",
    "Vereda",
    "Tejido",
    "Mezquite",
];
const ADJECTIVES: &[&str] = &[
    "Índigo",
    "Abierto",
    "Compartido",
    "Andante",
    "Sereno",
    "Claro",
    "Nuevo",
    "Vivo",
    "Común",
    "Hermano",
    "Lejano",
    "Paciente",
];
const ALLY_TYPES: &[&str] = &[
    "Oficina Municipal de Atención a Personas en Movilidad",
    "Misión Internacional de Protección (oficina de terreno)",
    "Clínica Jurídica Universitaria",
    "Red Regional de Albergues",
    "Defensoría Comunitaria",
];

/// Standard normal draw (Box-Muller), from the seeded generator.
fn normal(rng: &mut ChaCha8Rng) -> f64 {
    let u1: f64 = rng.random::<f64>().max(f64::MIN_POSITIVE);
    let u2: f64 = rng.random();
    (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
}

fn frequency(rank: f64) -> Frequency {
    let r = rank.round().clamp(0.0, 4.0) as usize;
    Frequency::ALL[r]
}

fn slug(name: &str) -> String {
    let mut s = String::new();
    for c in name.chars() {
        let c = match c {
            'á' | 'Á' => 'a',
            'é' | 'É' => 'e',
            'í' | 'Í' => 'i',
            'ó' | 'Ó' => 'o',
            'ú' | 'Ú' | 'ü' => 'u',
            'ñ' | 'Ñ' => 'n',
            c => c.to_ascii_lowercase(),
        };
        if c.is_ascii_alphanumeric() {
            s.push(c);
        } else if !s.ends_with('-') {
            s.push('-');
        }
    }
    s.trim_matches('-').chars().take(56).collect()
}

/// Generates the network for `seed`. Deterministic: same seed, same network.
pub fn generate(seed: u64) -> NetworkData {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut orgs: Vec<Organization> = Vec::new();
    let mut corridor_of: Vec<usize> = Vec::new();
    let mut names = HashSet::new();
    let mut budget_z: Vec<f64> = Vec::new();
    for (ci, corridor) in CORRIDORS.iter().enumerate() {
        let mut members: Vec<(bool, &str, Place)> = Vec::new();
        for (country, partners, regions) in corridor.places {
            for k in 0..*partners {
                members.push((true, country, regions[k % regions.len()]));
            }
        }
        let (country0, _, regions0) = corridor.places[0];
        for k in 0..corridor.allies {
            members.push((false, country0, regions0[k % regions0.len()]));
        }
        for (partner, country, (region, city, lat, lon)) in members {
            let name = loop {
                let name = if partner {
                    format!(
                        "{} {} {}",
                        PREFIXES.choose(&mut rng).copied().unwrap_or("Red"),
                        NOUNS.choose(&mut rng).copied().unwrap_or("Faro"),
                        ADJECTIVES.choose(&mut rng).copied().unwrap_or("Claro")
                    )
                } else {
                    format!(
                        "{} {} ({city})",
                        ALLY_TYPES
                            .choose(&mut rng)
                            .copied()
                            .unwrap_or(ALLY_TYPES[0]),
                        NOUNS.choose(&mut rng).copied().unwrap_or("Faro"),
                    )
                };
                // Names and ids (truncated slugs) must both be unique.
                if !names.contains(&name) && !names.contains(&slug(&name)) {
                    names.insert(slug(&name));
                    names.insert(name.clone());
                    break name;
                }
            };
            let z = normal(&mut rng);
            let budget = (11.5 + 1.1 * z).exp().round() as u64; // median ≈ 99k USD
            let staff =
                ((budget as f64 / 45_000.0) * (0.3 * normal(&mut rng)).exp()).round() as u32;
            let mut services: Vec<Service> = Service::ALL
                .iter()
                .copied()
                .filter(|_| rng.random_bool(0.28))
                .collect();
            if services.is_empty() {
                services.push(
                    *Service::ALL
                        .choose(&mut rng)
                        .unwrap_or(&Service::HumanitarianAid),
                );
            }
            let mut populations: Vec<Population> = vec![Population::Migrants];
            populations.extend(
                Population::ALL[1..]
                    .iter()
                    .copied()
                    .filter(|_| rng.random_bool(0.3)),
            );
            let jitter = |rng: &mut ChaCha8Rng| (rng.random::<f64>() - 0.5) * 0.08;
            let mut o = Organization {
                id: slug(&name),
                name,
                country: country.to_string(),
                region: region.to_string(),
                city: city.to_string(),
                corridor: Some(corridor.slug.to_string()),
                latitude: Some(((lat + jitter(&mut rng)) * 1e4).round() / 1e4),
                longitude: Some(((lon + jitter(&mut rng)) * 1e4).round() / 1e4),
                contact: None,
                services,
                populations,
                partner,
                founded_year: Some(rng.random_range(1985..=2021)),
                ..Organization::bare("x")
            };
            o.contact = Some(format!("contacto@{}.example.org", o.id));
            if partner {
                // The survey's directions, with noise.
                o.annual_budget_usd = Some(budget);
                o.salaried_staff = Some(staff);
                o.social_media_use = Some(
                    (2.0 + 0.9 * z + 0.6 * normal(&mut rng))
                        .round()
                        .clamp(0.0, 4.0) as u8,
                );
                o.donation_sources =
                    Some((3.0 + 1.6 * z + 1.0 * normal(&mut rng)).round().max(1.0) as u32);
                o.agreement_review = Some(frequency(2.4 - 0.8 * z + 0.6 * normal(&mut rng)));
                o.feedback_to_population = Some(frequency(2.8 - 0.7 * z + 0.6 * normal(&mut rng)));
            }
            budget_z.push(z);
            corridor_of.push(ci);
            orgs.push(o);
        }
    }
    assign_population_served(&mut orgs, &budget_z, &mut rng);
    let ties = generate_ties(&orgs, &corridor_of, &mut rng);
    NetworkData {
        organizations: orgs,
        ties,
    }
}

/// Gives partners `population_served` proportional to a noisy function of budget, summing
/// to exactly [`POPULATION_SERVED`].
fn assign_population_served(orgs: &mut [Organization], budget_z: &[f64], rng: &mut ChaCha8Rng) {
    let weights: Vec<f64> = budget_z
        .iter()
        .map(|z| (0.7 * z + 0.8 * normal(rng)).exp())
        .collect();
    let partners: Vec<usize> = (0..orgs.len()).filter(|&i| orgs[i].partner).collect();
    let total: f64 = partners.iter().map(|&i| weights[i]).sum();
    let mut assigned = 0u64;
    for &i in &partners {
        let v = ((weights[i] / total) * POPULATION_SERVED as f64)
            .floor()
            .max(20.0) as u64;
        orgs[i].population_served = Some(v);
        assigned += v;
    }
    // Put the rounding remainder on the largest partner (never negative: floor undershoots
    // by less than one person per partner, the max(20) overshoots by at most 20 per partner).
    let largest = partners
        .iter()
        .copied()
        .max_by_key(|&i| orgs[i].population_served.unwrap_or(0))
        .expect("there are partners");
    let v = orgs[largest].population_served.unwrap_or(0);
    orgs[largest].population_served = Some(v + POPULATION_SERVED - assigned);
}

fn generate_ties(orgs: &[Organization], corridor_of: &[usize], rng: &mut ChaCha8Rng) -> Vec<Tie> {
    let mut ties = Vec::new();
    let mut pairs: HashSet<(usize, usize)> = HashSet::new();
    let mut add = |a: usize, b: usize, rng: &mut ChaCha8Rng, ties: &mut Vec<Tie>| {
        if a == b || !pairs.insert((a.min(b), a.max(b))) {
            return false;
        }
        let kinds = 1 + usize::from(rng.random_bool(0.25));
        let mut chosen: Vec<TieKind> = TieKind::ALL.to_vec();
        chosen.shuffle(rng);
        for kind in chosen.into_iter().take(kinds) {
            let since = rng.random_range(2015..=2024);
            let until =
                (rng.random_bool(0.08) && since < 2024).then(|| rng.random_range(since + 1..=2024));
            let reported_by = match rng.random_range(0..10) {
                0..=3 => ReportedBy::Both,
                4..=7 => ReportedBy::Source,
                _ => ReportedBy::Target,
            };
            ties.push(Tie {
                source: orgs[a].id.clone(),
                target: orgs[b].id.clone(),
                kind,
                strength: rng.random_range(1..=5),
                since: Some(since),
                until,
                reported_by,
                attributes: Default::default(),
            });
        }
        true
    };
    let members =
        |c: usize| -> Vec<usize> { (0..orgs.len()).filter(|&i| corridor_of[i] == c).collect() };
    // Inside each corridor: a sparse core around the allies and a few hubs; some partners
    // keep a single tie (pendants).
    for c in 0..CORRIDORS.len() {
        let m = members(c);
        let hubs: Vec<usize> = m
            .iter()
            .copied()
            .filter(|&i| !orgs[i].partner)
            .chain(m.iter().copied().take(2))
            .collect();
        for (k, &i) in m.iter().enumerate() {
            if k == 0 {
                continue;
            }
            // Each organization ties to an earlier one (a tree keeps the corridor connected).
            let j = m[rng.random_range(0..k)];
            add(i, j, rng, &mut ties);
            let pendant = orgs[i].partner && rng.random_bool(0.18);
            if pendant {
                continue;
            }
            let extra = rng.random_range(0..=3);
            for _ in 0..extra {
                let j = if rng.random_bool(0.5) {
                    *hubs.choose(rng).unwrap_or(&m[0])
                } else {
                    m[rng.random_range(0..m.len())]
                };
                add(i, j, rng, &mut ties);
            }
        }
    }
    // Between corridors: along the route; where `single` is set, one broker organization on
    // the first corridor holds every link (it alone joins the two regions).
    for &(from, to, count, single) in LINKS {
        let (Some(cf), Some(ct)) = (
            CORRIDORS.iter().position(|c| c.slug == from),
            CORRIDORS.iter().position(|c| c.slug == to),
        ) else {
            continue;
        };
        let (mf, mt) = (members(cf), members(ct));
        let broker = mf[rng.random_range(0..mf.len())];
        let mut made = 0;
        while made < count {
            let a = if single {
                broker
            } else {
                mf[rng.random_range(0..mf.len())]
            };
            let b = mt[rng.random_range(0..mt.len())];
            if add(a, b, rng, &mut ties) {
                made += 1;
            }
        }
    }
    ties
}

/// Writes `data` as `organizations.csv` and `ties.csv` (the project format) into `dir`.
pub fn write_csv(data: &NetworkData, dir: &std::path::Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    crate::export::write_project_csv(data, &dir.join("organizations.csv"), &dir.join("ties.csv"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn reproduces_the_published_figures() {
        let data = generate(DEFAULT_SEED);
        let partners: Vec<&Organization> =
            data.organizations.iter().filter(|o| o.partner).collect();
        assert_eq!(partners.len(), PARTNERS);
        let mx_us = partners
            .iter()
            .filter(|o| o.country == "MX" || o.country == "US")
            .count();
        assert_eq!(mx_us, 59); // 68% of 87
        let served: u64 = partners
            .iter()
            .map(|o| o.population_served.unwrap_or(0))
            .sum();
        assert_eq!(served, POPULATION_SERVED);
        let mut degree: HashMap<&str, usize> = HashMap::new();
        for t in &data.ties {
            *degree.entry(&t.source).or_default() += 1;
            *degree.entry(&t.target).or_default() += 1;
        }
        assert!(partners
            .iter()
            .all(|o| degree.get(o.id.as_str()).is_some_and(|d| *d >= 1)));
        let pendants = partners
            .iter()
            .filter(|o| degree.get(o.id.as_str()) == Some(&1))
            .count();
        assert!(
            pendants >= 3,
            "some partners have a single tie ({pendants})"
        );
        let problems = data.check(true, &HashSet::new());
        assert!(problems.is_empty(), "fixture is valid: {problems:?}");
        assert!(data
            .ties
            .iter()
            .all(|t| t.since.is_some_and(|y| (2015..=2024).contains(&y))));
        assert!(data.organizations.len() > PARTNERS, "allies present");
    }

    #[test]
    fn same_seed_same_network() {
        assert_eq!(generate(7), generate(7));
        assert_ne!(generate(7), generate(8));
    }
}
