//! Normalised names: the keys by which the generator (and its tests) tell whether a typed name
//! still means its organization, and an index of the names that differ in one word only.

use std::collections::HashMap;

use puentes_analysis::model::Organization;

/// Folds accents and `ñ`, keeping case.
pub(super) fn fold_char(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' => 'a',
        'Á' | 'À' | 'Â' | 'Ä' | 'Ã' => 'A',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'É' | 'È' | 'Ê' | 'Ë' => 'E',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'Í' | 'Ì' | 'Î' | 'Ï' => 'I',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
        'Ó' | 'Ò' | 'Ô' | 'Ö' | 'Õ' => 'O',
        'ú' | 'ù' | 'û' | 'ü' => 'u',
        'Ú' | 'Ù' | 'Û' | 'Ü' => 'U',
        'ñ' => 'n',
        'Ñ' => 'N',
        'ç' => 'c',
        'Ç' => 'C',
        c => c,
    }
}

pub(super) fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// Trailing legal suffixes, as key tokens.
const SUFFIX_TOKENS: &[&[&str]] = &[
    &["a", "c"],
    &["ac"],
    &["i", "a", "p"],
    &["iap"],
    &["s", "c"],
    &["sc"],
    &["inc"],
    &["llc"],
    &["asociacion", "civil"],
];

/// The key tokens of a name (`generate`'s "Normalised names"); `bare` drops a trailing "(City)".
pub(super) fn key_tokens(name: &str, bare: bool) -> Vec<String> {
    let mut s = name.trim();
    if bare && s.ends_with(')') {
        if let Some(open) = s.rfind('(') {
            if !s[..open].trim().is_empty() {
                s = &s[..open];
            }
        }
    }
    let mut folded = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        let c = fold_char(c);
        folded.push(if c.is_alphanumeric() { c } else { ' ' });
    }
    let mut tokens: Vec<String> = folded
        .split_whitespace()
        .map(|t| match t {
            "asoc" => "asociacion".to_owned(),
            "fund" => "fundacion".to_owned(),
            t => t.to_owned(),
        })
        .collect();
    loop {
        let before = tokens.len();
        for suffix in SUFFIX_TOKENS {
            if tokens.len() > suffix.len()
                && tokens[tokens.len() - suffix.len()..]
                    .iter()
                    .zip(suffix.iter())
                    .all(|(a, b)| a == b)
            {
                tokens.truncate(tokens.len() - suffix.len());
                break;
            }
        }
        if tokens.len() == before {
            return tokens;
        }
    }
}

/// The key of a name: its key tokens joined by spaces.
pub(super) fn key(name: &str, bare: bool) -> String {
    key_tokens(name, bare).join(" ")
}

/// The full and bare keys of a name whose full key tokens are `tokens` (the bare key is only
/// computed again when the name ends with ")").
pub(super) fn keys(name: &str, tokens: &[String]) -> (String, String) {
    let full = tokens.join(" ");
    let bare = if name.trim_end().ends_with(')') {
        key(name, true)
    } else {
        full.clone()
    };
    (full, bare)
}

/// Edit distance (insertions, deletions, substitutions) between two strings, by characters.
pub(super) fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The network's names by key, and a blocking index to find the names that differ from a
/// given one in a single token.
pub(super) struct NameIndex {
    /// Key (full) → organizations with that key.
    pub(super) full: HashMap<String, Vec<usize>>,
    /// Bare key → organizations with that key.
    pub(super) bare: HashMap<String, Vec<usize>>,
    /// (position, the other tokens) → organizations with those other tokens.
    pub(super) one_off: HashMap<(usize, String), Vec<usize>>,
    /// Full key tokens per organization.
    pub(super) tokens: Vec<Vec<String>>,
}

impl NameIndex {
    pub(super) fn new(orgs: &[Organization]) -> Self {
        let mut index = NameIndex {
            full: HashMap::new(),
            bare: HashMap::new(),
            one_off: HashMap::new(),
            tokens: Vec::with_capacity(orgs.len()),
        };
        for (i, o) in orgs.iter().enumerate() {
            let tokens = key_tokens(&o.name, false);
            let (full, bare) = keys(&o.name, &tokens);
            index.full.entry(full).or_default().push(i);
            index.bare.entry(bare).or_default().push(i);
            for p in 0..tokens.len() {
                index
                    .one_off
                    .entry((p, rest(&tokens, p)))
                    .or_default()
                    .push(i);
            }
            index.tokens.push(tokens);
        }
        index
    }

    /// The organizations whose key tokens equal `tokens` except at position `p`, with their
    /// token there (`org`'s own included when it qualifies).
    pub(super) fn siblings<'s>(
        &'s self,
        tokens: &[String],
        p: usize,
    ) -> impl Iterator<Item = (usize, &'s str)> {
        self.one_off
            .get(&(p, rest(tokens, p)))
            .into_iter()
            .flatten()
            .map(move |&o| (o, self.tokens[o][p].as_str()))
    }

    /// Whether a name's keys belong to no network organization.
    pub(super) fn is_unknown(&self, name: &str) -> bool {
        let (full, bare) = keys(name, &key_tokens(name, false));
        [&full, &bare]
            .iter()
            .all(|k| !self.full.contains_key(*k) && !self.bare.contains_key(*k))
    }

    /// Whether `tokens` differ from organization `org`'s in one position only, and there the
    /// typed token is at least `margin` edits closer to `org`'s token than to the token of
    /// every other organization that shares the rest.
    pub(super) fn clearly_nearest(&self, tokens: &[String], org: usize, margin: usize) -> bool {
        let truth = &self.tokens[org];
        if tokens.len() != truth.len() {
            return false;
        }
        let differing: Vec<usize> = (0..tokens.len())
            .filter(|&p| tokens[p] != truth[p])
            .collect();
        let [p] = differing[..] else {
            return false;
        };
        let own = levenshtein(&tokens[p], &truth[p]);
        self.siblings(tokens, p)
            .filter(|(other, _)| *other != org)
            .all(|(_, t)| levenshtein(&tokens[p], t) >= own + margin)
    }
}

/// The tokens other than position `p`, joined (a blocking key).
pub(super) fn rest(tokens: &[String], p: usize) -> String {
    let mut out = String::new();
    for (i, t) in tokens.iter().enumerate() {
        if i != p {
            out.push_str(t);
            out.push(' ');
        }
    }
    out
}
