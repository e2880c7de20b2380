//! How names are typed: the noise kinds, each checked to keep its name's meaning clear, and the
//! invented organizations outside the network.

use super::names::{fold, fold_char, key, key_tokens, keys, levenshtein, NameIndex};
use super::Noise;
use puentes_analysis::model::Organization;
use rand::seq::{IndexedRandom, SliceRandom};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use std::collections::{HashMap, HashSet};

/// Weights of the noise kinds, in per mille (the table in `generate`'s module documentation).
const NOISE_MIX: [(Noise, u32); 10] = [
    (Noise::Exact, 400),
    (Noise::Case, 80),
    (Noise::Accents, 120),
    (Noise::Punctuation, 50),
    (Noise::LegalSuffix, 80),
    (Noise::Abbreviation, 60),
    (Noise::CityQualifier, 50),
    (Noise::Typo, 120),
    (Noise::Acronym, 15),
    (Noise::Combined, 25),
];

const SUFFIXES: [&str; 6] = [
    ", A.C.",
    " A.C.",
    " AC",
    " I.A.P.",
    " S.C.",
    " Asociación Civil",
];
const US_SUFFIXES: [&str; 2] = [" Inc.", " LLC"];
const ABBREVIATIONS: [(&str, &str); 3] = [
    ("Asociación", "Asoc."),
    ("Fundación", "Fund."),
    ("Casa del Migrante", "Casa del migrante"),
];

fn draw_noise(rng: &mut ChaCha8Rng) -> Noise {
    let mut r = rng.random_range(0..1000u32);
    for (noise, weight) in NOISE_MIX {
        if r < weight {
            return noise;
        }
        r -= weight;
    }
    Noise::Exact
}

fn case_change(name: &str, rng: &mut ChaCha8Rng) -> String {
    match rng.random_range(0..3) {
        0 => name.to_lowercase(),
        1 => name.to_uppercase(),
        _ => {
            let lower = name.to_lowercase();
            let mut chars = lower.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        }
    }
}

fn punctuation_change(name: &str, rng: &mut ChaCha8Rng) -> String {
    let spaces: Vec<usize> = name.match_indices(' ').map(|(i, _)| i).collect();
    match (rng.random_range(0..3), spaces.choose(rng)) {
        (0, Some(&i)) => format!("{}  {}", &name[..i], &name[i + 1..]),
        (1, Some(&i)) if !name.ends_with(')') => format!("{}-{}", &name[..i], &name[i + 1..]),
        _ if !name.ends_with('.') && !name.ends_with(')') => format!("{name}."),
        _ => name.to_owned(),
    }
}

fn legal_suffix_change(name: &str, country: &str, rng: &mut ChaCha8Rng) -> String {
    for s in SUFFIXES.iter().chain(US_SUFFIXES.iter()) {
        if let Some(base) = name.strip_suffix(s) {
            return base.to_owned();
        }
    }
    if name.ends_with(')') {
        return name.to_owned();
    }
    let suffix = if country == "US" {
        US_SUFFIXES.choose(rng)
    } else {
        SUFFIXES.choose(rng)
    };
    format!("{name}{}", suffix.copied().unwrap_or(" A.C."))
}

pub(super) fn abbreviate(name: &str) -> String {
    for (long, short) in ABBREVIATIONS {
        if name.contains(long) {
            return name.replacen(long, short, 1);
        }
    }
    name.to_owned()
}

/// One typo in one word of at least 6 letters (never its first letter); `None` when no word
/// qualifies.
pub(super) fn typo(name: &str, rng: &mut ChaCha8Rng) -> Option<String> {
    let words: Vec<&str> = name.split(' ').collect();
    let long: Vec<usize> = (0..words.len())
        .filter(|&i| words[i].chars().count() >= 6 && words[i].chars().all(char::is_alphabetic))
        .collect();
    let &w = long.choose(rng)?;
    let mut chars: Vec<char> = words[w].chars().collect();
    let at = rng.random_range(1..chars.len() - 1);
    match rng.random_range(0..3) {
        0 if chars[at] != chars[at + 1] => chars.swap(at, at + 1),
        1 => {
            chars.remove(at);
        }
        _ => {
            let letters: Vec<char> = "aeiourlnstcdm"
                .chars()
                .filter(|&c| c != chars[at])
                .collect();
            let c = *letters.choose(rng)?;
            chars[at] = if chars[at].is_uppercase() {
                c.to_ascii_uppercase()
            } else {
                c
            };
        }
    }
    let mut words: Vec<String> = words.iter().map(|w| (*w).to_owned()).collect();
    words[w] = chars.into_iter().collect();
    Some(words.join(" "))
}

pub(super) fn acronym(name: &str) -> String {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3 && w.chars().next().is_some_and(char::is_uppercase))
        .filter_map(|w| w.chars().next())
        .map(fold_char)
        .collect()
}

/// Types organization `org`'s name with one drawn noise kind, checked to keep its meaning
/// clear (`generate`'s module documentation); a kind that does not apply (no accents to drop, no
/// "Asociación" to abbreviate, a typo that would come near another name) types it exactly, as
/// does an acronym when `acronym_allowed` is false (the writer keeps acronyms ≤ 2 %).
pub(super) fn type_name(
    orgs: &[Organization],
    index: &NameIndex,
    org: usize,
    acronym_allowed: bool,
    rng: &mut ChaCha8Rng,
) -> (String, Noise) {
    let o = &orgs[org];
    let name = o.name.as_str();
    let noise = draw_noise(rng);
    let typed = match noise {
        Noise::Exact => None,
        Noise::Case => Some(case_change(name, rng)),
        Noise::Accents => Some(fold(name)),
        Noise::Punctuation => Some(punctuation_change(name, rng)),
        Noise::LegalSuffix => Some(legal_suffix_change(name, &o.country, rng)),
        Noise::Abbreviation => Some(abbreviate(name)),
        Noise::CityQualifier => {
            (!o.city.is_empty() && !name.ends_with(')')).then(|| format!("{name} ({})", o.city))
        }
        Noise::Typo => typo(name, rng),
        Noise::Acronym => acronym_allowed.then(|| acronym(name)),
        Noise::Combined => combined(o, rng),
    };
    match typed {
        Some(typed) if typed != name && keeps_meaning(index, org, &typed, noise) => (typed, noise),
        _ => (name.to_owned(), Noise::Exact),
    }
}

/// Two or three normalising kinds in their natural order, and a typo half the time (never
/// with a city qualifier); `None` unless at least two of them changed the name.
fn combined(o: &Organization, rng: &mut ChaCha8Rng) -> Option<String> {
    let mut kinds = [
        Noise::Abbreviation,
        Noise::LegalSuffix,
        Noise::Punctuation,
        Noise::CityQualifier,
        Noise::Accents,
        Noise::Case,
    ];
    kinds.shuffle(rng);
    let with_typo = rng.random_bool(0.5);
    let take = if with_typo {
        2
    } else {
        2 + rng.random_range(0..2)
    };
    let mut chosen: Vec<Noise> = kinds[..take].to_vec();
    if with_typo {
        chosen.retain(|&k| k != Noise::CityQualifier);
        chosen.push(Noise::Typo);
    }
    // Natural order: abbreviation, typo, suffix, punctuation, city, accents, case.
    let order = [
        Noise::Abbreviation,
        Noise::Typo,
        Noise::LegalSuffix,
        Noise::Punctuation,
        Noise::CityQualifier,
        Noise::Accents,
        Noise::Case,
    ];
    let mut name = o.name.clone();
    let mut changes = 0;
    for kind in order.into_iter().filter(|k| chosen.contains(k)) {
        let before = name.clone();
        name = match kind {
            Noise::Abbreviation => abbreviate(&name),
            Noise::Typo => typo(&name, rng)?,
            Noise::LegalSuffix => legal_suffix_change(&name, &o.country, rng),
            Noise::Punctuation => punctuation_change(&name, rng),
            Noise::CityQualifier if !o.city.is_empty() && !name.ends_with(')') => {
                format!("{name} ({})", o.city)
            }
            Noise::Accents => fold(&name),
            Noise::Case => case_change(&name, rng),
            _ => name,
        };
        changes += usize::from(name != before);
    }
    (changes >= 2).then_some(name)
}

/// Whether `typed` still means organization `org` and no other: the normalising kinds keep a
/// key no other organization has; a typo (also inside `Combined`) leaves the name clearly
/// nearest to `org`; an acronym is no organization's name.
fn keeps_meaning(index: &NameIndex, org: usize, typed: &str, noise: Noise) -> bool {
    let only = |map: &HashMap<String, Vec<usize>>, k: &str| map.get(k).is_some_and(|v| v == &[org]);
    let nobody_else = |map: &HashMap<String, Vec<usize>>, k: &str| {
        map.get(k).is_none_or(|v| v.iter().all(|&i| i == org))
    };
    let tokens = key_tokens(typed, false);
    let (full, bare) = keys(typed, &tokens);
    let same_key =
        only(&index.full, &full) || (only(&index.bare, &bare) && nobody_else(&index.full, &full));
    let unknown = || {
        [&full, &bare]
            .iter()
            .all(|k| !index.full.contains_key(*k) && !index.bare.contains_key(*k))
    };
    match noise {
        Noise::Acronym => full.chars().count() >= 2 && unknown(),
        Noise::Typo => unknown() && index.clearly_nearest(&tokens, org, 2),
        Noise::Combined if !same_key => unknown() && index.clearly_nearest(&tokens, org, 2),
        _ => same_key,
    }
}

/// The respondent's own name, lightly varied (case, accents, punctuation, legal suffix), so
/// that its key stays its own.
pub(super) fn type_respondent(
    orgs: &[Organization],
    index: &NameIndex,
    org: usize,
    rng: &mut ChaCha8Rng,
) -> String {
    let o = &orgs[org];
    let typed = match rng.random_range(0..10) {
        0..=6 => return o.name.clone(),
        7 => case_change(&o.name, rng),
        8 => fold(&o.name),
        _ if rng.random_bool(0.5) => punctuation_change(&o.name, rng),
        _ => legal_suffix_change(&o.name, &o.country, rng),
    };
    if keeps_meaning(index, org, &typed, Noise::Case) {
        typed
    } else {
        o.name.clone()
    }
}

/// Words for outsiders: none is a word of [`synthetic_names`] or of the HIP-like fixture.
pub(super) const OUTSIDER_WORDS: [&str; 24] = [
    "Norte",
    "Sur",
    "Unido",
    "Digno",
    "Libre",
    "Fraterno",
    "Solidario",
    "Granito",
    "Azahar",
    "Camino",
    "Pinar",
    "Vaivén",
    "Travesía",
    "Peregrino",
    "Andares",
    "Huella",
    "Abrazo",
    "Mosaico",
    "Cobijo",
    "Candil",
    "Tierra",
    "Océano",
    "Trigal",
    "Bahía",
];
const OUTSIDER_PREFIXES: [&str; 8] = [
    "Hogar",
    "Comedor",
    "Parroquia",
    "Grupo",
    "Voluntariado",
    "Escuela",
    "Cooperativa",
    "Despensa",
];

/// `count` invented names outside the network, distinct from each other and from every
/// network name by key; 40 % are look-alikes of partner names (one word replaced).
pub(super) fn outsider_pool(
    count: usize,
    orgs: &[Organization],
    index: &NameIndex,
    rng: &mut ChaCha8Rng,
) -> Vec<String> {
    let partners: Vec<usize> = (0..orgs.len()).filter(|&i| orgs[i].partner).collect();
    let mut pool: Vec<String> = Vec::with_capacity(count);
    let mut keys: HashSet<String> = HashSet::new();
    let mut attempts = 0;
    while pool.len() < count && attempts < count * 200 + 200 {
        attempts += 1;
        let look_alike = rng.random_bool(0.4);
        let candidate = match partners.choose(rng) {
            Some(&p) if look_alike => {
                let original = &orgs[p].name;
                let words: Vec<&str> = original.split(' ').collect();
                // Not the first word: it says what the organization is ("Casa", "Red").
                let spots: Vec<usize> = (1..words.len())
                    .filter(|&i| words[i].chars().count() >= 4)
                    .collect();
                let (Some(&w), Some(&new)) = (spots.choose(rng), OUTSIDER_WORDS.choose(rng)) else {
                    continue;
                };
                if levenshtein(&fold(&words[w].to_lowercase()), &fold(&new.to_lowercase())) < 3 {
                    continue;
                }
                let mut words: Vec<&str> = words.clone();
                words[w] = new;
                let candidate = words.join(" ");
                let tokens = key_tokens(&candidate, false);
                // Clearly apart from every name that shares the other words.
                let apart = (0..tokens.len()).all(|q| {
                    index
                        .siblings(&tokens, q)
                        .all(|(_, t)| levenshtein(&tokens[q], t) >= 3)
                });
                if !apart {
                    continue;
                }
                candidate
            }
            _ => {
                let prefix = OUTSIDER_PREFIXES.choose(rng).copied().unwrap_or("Hogar");
                let a = OUTSIDER_WORDS.choose(rng).copied().unwrap_or("Norte");
                let b = OUTSIDER_WORDS.choose(rng).copied().unwrap_or("Sur");
                if a == b {
                    continue;
                }
                format!("{prefix} {a} {b}")
            }
        };
        let k = key(&candidate, true);
        if index.is_unknown(&candidate) && keys.insert(k) {
            keys.insert(key(&candidate, false));
            pool.push(candidate);
        }
    }
    pool
}

/// An outsider's name as typed: exact (60 %), other case, no accents, or punctuation.
pub(super) fn type_outsider(name: &str, rng: &mut ChaCha8Rng) -> (String, Noise) {
    let (typed, noise) = match rng.random_range(0..10) {
        0..=5 => return (name.to_owned(), Noise::Exact),
        6 => (case_change(name, rng), Noise::Case),
        7 | 8 => (fold(name), Noise::Accents),
        _ => (punctuation_change(name, rng), Noise::Punctuation),
    };
    if typed == name {
        (typed, Noise::Exact)
    } else {
        (typed, noise)
    }
}
