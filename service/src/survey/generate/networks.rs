//! Networks for tests at scale: invented names, a network named by them, and the next wave of a
//! network.

use puentes_analysis::model::{Frequency, NetworkData, Organization, ReportedBy, Tie, TieKind};
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::BTreeSet;

const NAME_PREFIXES: [&str; 24] = [
    "Casa",
    "Centro",
    "Colectivo",
    "Red",
    "Albergue",
    "Fundación",
    "Alianza",
    "Comité",
    "Proyecto",
    "Iniciativa",
    "Asociación",
    "Brigada",
    "Casa del Migrante",
    "Servicio",
    "Programa",
    "Coordinadora",
    "Consejo",
    "Misión",
    "Pastoral",
    "Instituto",
    "Frente",
    "Movimiento",
    "Observatorio",
    "Clínica",
];
/// (noun, feminine)
pub(super) const NAME_NOUNS: [(&str, bool); 60] = [
    ("Faro", false),
    ("Sendero", false),
    ("Horizonte", false),
    ("Puerto", false),
    ("Colibrí", false),
    ("Jacarandá", false),
    ("Cenzontle", false),
    ("Quetzal", false),
    ("Maguey", false),
    ("Tulipán", false),
    ("Manantial", false),
    ("Tejido", false),
    ("Mezquite", false),
    ("Roble", false),
    ("Ocote", false),
    ("Volcán", false),
    ("Girasol", false),
    ("Nopal", false),
    ("Ahuehuete", false),
    ("Caracol", false),
    ("Tucán", false),
    ("Jaguar", false),
    ("Cedro", false),
    ("Arroyo", false),
    ("Telar", false),
    ("Copal", false),
    ("Laurel", false),
    ("Ciprés", false),
    ("Mirador", false),
    ("Huizache", false),
    ("Semilla", true),
    ("Ceiba", true),
    ("Brújula", true),
    ("Cañada", true),
    ("Alba", true),
    ("Vereda", true),
    ("Milpa", true),
    ("Montaña", true),
    ("Palmera", true),
    ("Ventana", true),
    ("Lumbre", true),
    ("Orilla", true),
    ("Estrella", true),
    ("Pradera", true),
    ("Acequia", true),
    ("Higuera", true),
    ("Almendra", true),
    ("Golondrina", true),
    ("Mariposa", true),
    ("Luciérnaga", true),
    ("Candela", true),
    ("Marea", true),
    ("Ribera", true),
    ("Trenza", true),
    ("Raíz", true),
    ("Cosecha", true),
    ("Jarana", true),
    ("Parota", true),
    ("Guayaba", true),
    ("Tortuga", true),
];
/// (masculine, feminine)
const NAME_ADJECTIVES: [(&str, &str); 40] = [
    ("Abierto", "Abierta"),
    ("Compartido", "Compartida"),
    ("Sereno", "Serena"),
    ("Claro", "Clara"),
    ("Nuevo", "Nueva"),
    ("Vivo", "Viva"),
    ("Común", "Común"),
    ("Hermano", "Hermana"),
    ("Lejano", "Lejana"),
    ("Paciente", "Paciente"),
    ("Índigo", "Índigo"),
    ("Andante", "Andante"),
    ("Profundo", "Profunda"),
    ("Tranquilo", "Tranquila"),
    ("Florido", "Florida"),
    ("Antiguo", "Antigua"),
    ("Sencillo", "Sencilla"),
    ("Luminoso", "Luminosa"),
    ("Tenaz", "Tenaz"),
    ("Alegre", "Alegre"),
    ("Fértil", "Fértil"),
    ("Valiente", "Valiente"),
    ("Cercano", "Cercana"),
    ("Despierto", "Despierta"),
    ("Dorado", "Dorada"),
    ("Verde", "Verde"),
    ("Humilde", "Humilde"),
    ("Firme", "Firme"),
    ("Amable", "Amable"),
    ("Constante", "Constante"),
    ("Templado", "Templada"),
    ("Callado", "Callada"),
    ("Ligero", "Ligera"),
    ("Sabio", "Sabia"),
    ("Fresco", "Fresca"),
    ("Quieto", "Quieta"),
    ("Tibio", "Tibia"),
    ("Rústico", "Rústica"),
    ("Blanco", "Blanca"),
    ("Azul", "Azul"),
];
const NAME_PLACES: [&str; 25] = [
    "Tapachula",
    "Tenosique",
    "Ixtepec",
    "Coatzacoalcos",
    "Tijuana",
    "Reynosa",
    "Nogales",
    "Mexicali",
    "Saltillo",
    "Oaxaca",
    "Puebla",
    "Querétaro",
    "Monterrey",
    "Guadalajara",
    "Chiapas",
    "Tabasco",
    "Veracruz",
    "Sonora",
    "Quetzaltenango",
    "Tegucigalpa",
    "San Pedro Sula",
    "Cúcuta",
    "Necoclí",
    "Iquique",
    "Metetí",
];
const NAME_SUFFIXES: [&str; 4] = [", A.C.", " A.C.", " I.A.P.", " S.C."];

/// `n` distinct invented Spanish organization names ("Colectivo Semilla Viva", "Casa del
/// Migrante Faro Claro de Tapachula, A.C."), for networks of any size.
///
/// Names are prefix + noun + adjective (agreeing in gender), up to half of those 57,600
/// combinations; beyond that "de" and a place is added (1.44 million more). About 8 % carry a legal
/// suffix. Look-alikes are included by construction: many names share two of their three words
/// ("Casa Quetzal Nuevo", "Red Quetzal Nuevo"). Distinct after normalisation (accents, case,
/// punctuation, legal suffixes). Same `n` and `seed`, same names in the same order.
///
/// # Panics
/// If `n` exceeds the 1,468,800 names there are.
pub fn synthetic_names(n: usize, seed: u64) -> Vec<String> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let base = NAME_PREFIXES.len() * NAME_NOUNS.len() * NAME_ADJECTIVES.len();
    let from_base = n.min(base / 2);
    let mut picks: Vec<(usize, Option<usize>)> =
        rand::seq::index::sample(&mut rng, base, from_base)
            .into_iter()
            .map(|i| (i, None))
            .collect();
    if n > from_base {
        let placed = rand::seq::index::sample(&mut rng, base * NAME_PLACES.len(), n - from_base);
        picks.extend(placed.into_iter().map(|i| (i % base, Some(i / base))));
        picks.shuffle(&mut rng);
    }
    picks
        .into_iter()
        .map(|(i, place)| {
            let prefix = NAME_PREFIXES[i % NAME_PREFIXES.len()];
            let (noun, feminine) = NAME_NOUNS[i / NAME_PREFIXES.len() % NAME_NOUNS.len()];
            let (m, f) = NAME_ADJECTIVES[i / (NAME_PREFIXES.len() * NAME_NOUNS.len())];
            let mut name = format!("{prefix} {noun} {}", if feminine { f } else { m });
            if let Some(p) = place {
                name.push_str(" de ");
                name.push_str(NAME_PLACES[p]);
            }
            if rng.random_bool(0.08) {
                name.push_str(NAME_SUFFIXES.choose(&mut rng).copied().unwrap_or(" A.C."));
            }
            name
        })
        .collect()
}

/// The next wave's truth: `truth` a year later. Of the pairs with a tie current in `year − 1`,
/// a share `churn` end (their current ties get `until = year − 1`), and as many new pairs as
/// ended (between a partner and any organization not tied to it before) get a tie with
/// `since = year`, a drawn kind and strength, reported by its source. Feed it to [`generate`](super::generate())
/// with `year` for the second wave's export.
pub fn next_wave(truth: &NetworkData, year: i32, churn: f64, seed: u64) -> NetworkData {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut next = truth.clone();
    let previous = year - 1;
    let pair = |t: &Tie| {
        if t.source <= t.target {
            (t.source.clone(), t.target.clone())
        } else {
            (t.target.clone(), t.source.clone())
        }
    };
    let current =
        |t: &Tie| t.since.is_none_or(|s| s <= previous) && t.until.is_none_or(|u| u >= previous);
    let live: BTreeSet<(String, String)> =
        next.ties.iter().filter(|t| current(t)).map(pair).collect();
    let ended: BTreeSet<(String, String)> = live
        .iter()
        .filter(|_| rng.random_bool(churn.clamp(0.0, 1.0)))
        .cloned()
        .collect();
    for t in &mut next.ties {
        if current(t) && ended.contains(&pair(t)) {
            t.until = Some(previous);
        }
    }
    let mut tied: BTreeSet<(String, String)> = next.ties.iter().map(pair).collect();
    let partners: Vec<usize> = (0..next.organizations.len())
        .filter(|&i| next.organizations[i].partner)
        .collect();
    let n = next.organizations.len();
    let mut added = 0;
    let mut attempts = 0;
    while added < ended.len() && attempts < ended.len() * 100 + 100 && n > 1 {
        attempts += 1;
        let Some(&a) = partners.choose(&mut rng) else {
            break;
        };
        let b = rng.random_range(0..n);
        let (sa, sb) = (&next.organizations[a].id, &next.organizations[b].id);
        if a == b {
            continue;
        }
        let key = if sa <= sb {
            (sa.clone(), sb.clone())
        } else {
            (sb.clone(), sa.clone())
        };
        if !tied.insert(key) {
            continue;
        }
        let tie = Tie {
            source: sa.clone(),
            target: sb.clone(),
            kind: *TieKind::ALL.choose(&mut rng).unwrap_or(&TieKind::Referral),
            strength: rng.random_range(1..=5),
            since: Some(year),
            until: None,
            reported_by: ReportedBy::Source,
            attributes: Default::default(),
        };
        next.ties.push(tie);
        added += 1;
    }
    next
}

/// A network of `organizations` organizations named by [`synthetic_names`], for tests at scale:
/// ids `org-000000`…, 80 % partners (with the survey's attributes: budget, staff, practices),
/// cities in blocks of 50, and about `ties_per_organization` ties from each organization to
/// others nearby in the list (so communities form), years 2015–2024, about 8 % ended.
pub fn synthetic_network(
    organizations: usize,
    ties_per_organization: usize,
    seed: u64,
) -> NetworkData {
    let names = synthetic_names(organizations, seed);
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x5eed);
    let mut data = NetworkData::default();
    for (i, name) in names.into_iter().enumerate() {
        let partner = rng.random_bool(0.8);
        let z: f64 = rng.random_range(-2.0..2.0);
        let frequency = |x: f64| Frequency::ALL[x.round().clamp(0.0, 4.0) as usize];
        let mut o = Organization {
            name,
            country: "MX".to_owned(),
            city: NAME_PLACES[(i / 50) % NAME_PLACES.len()].to_owned(),
            partner,
            ..Organization::bare(&format!("org-{i:06}"))
        };
        if partner {
            let budget = (11.5 + 1.1 * z).exp().round() as u64;
            o.annual_budget_usd = Some(budget);
            o.salaried_staff = Some((budget as f64 / 45_000.0).round() as u32);
            o.social_media_use = Some(
                (2.0 + 0.9 * z + rng.random_range(-0.6..0.6))
                    .round()
                    .clamp(0.0, 4.0) as u8,
            );
            o.donation_sources = Some(
                (3.0 + 1.6 * z + rng.random_range(-1.0..1.0))
                    .round()
                    .max(1.0) as u32,
            );
            o.agreement_review = Some(frequency(2.4 - 0.8 * z + rng.random_range(-0.6..0.6)));
            o.feedback_to_population = Some(frequency(2.8 - 0.7 * z + rng.random_range(-0.6..0.6)));
        }
        data.organizations.push(o);
    }
    let n = data.organizations.len();
    let mut pairs: BTreeSet<(usize, usize)> = BTreeSet::new();
    for i in 0..n {
        for _ in 0..ties_per_organization {
            let j = (i + rng.random_range(1..50usize.min(n).max(2))) % n;
            if i == j || !pairs.insert((i.min(j), i.max(j))) {
                continue;
            }
            let since = rng.random_range(2015..=2024);
            data.ties.push(Tie {
                source: data.organizations[i].id.clone(),
                target: data.organizations[j].id.clone(),
                kind: *TieKind::ALL.choose(&mut rng).unwrap_or(&TieKind::Referral),
                strength: rng.random_range(1..=5),
                since: Some(since),
                until: (rng.random_bool(0.08) && since < 2024)
                    .then(|| rng.random_range(since + 1..=2024)),
                reported_by: if rng.random_bool(0.4) {
                    ReportedBy::Both
                } else {
                    ReportedBy::Source
                },
                attributes: Default::default(),
            });
        }
    }
    data
}
