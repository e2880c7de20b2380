// Words and numbers of the page, with no DOM: labels looked up in the catalogue the API sends
// (GET /api/v1/messages), `{name}` placeholders filled, numbers written with the language's
// separators, names folded for search and wrapped for labels. Importable by `node --test`.

/** Digits with `sep` between groups of three: groupDigits('1234567', '.') = '1.234.567'. */
export function groupDigits(digits, sep) {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

/** An integer (rounded), grouped: formatInt(-12345.6, ',') = '-12,346'. */
export function formatInt(n, thousands) {
  return (n < 0 ? '-' : '') + groupDigits(String(Math.round(Math.abs(n))), thousands);
}

/** A metric value: integers grouped, small values (below 0.001) in scientific notation,
 *  else three decimals; '–' when there is none. */
export function formatNumber(x, { thousands, decimal }) {
  if (x === null || x === undefined || Number.isNaN(x)) return '–';
  if (Number.isInteger(x)) return formatInt(x, thousands);
  const a = Math.abs(x);
  if (a !== 0 && a < 0.001) return x.toExponential(2).replace('.', decimal);
  const [whole, frac] = a.toFixed(3).split('.');
  return (x < 0 ? '-' : '') + groupDigits(whole, thousands) + decimal + frac;
}

/** `text` with each `{key}` replaced by `values[key]` (unknown keys by nothing). */
export function fill(text, values) {
  return text.replace(/\{(\w+)\}/g, (_, k) => (k in values ? values[k] : ''));
}

/** Lower case without accents, for matching names as people type them. */
export function fold(s) {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** `text` split at spaces into lines of at most `chars` characters (a longer word alone). */
export function wrapWords(text, chars) {
  const lines = [];
  let line = '';
  for (const word of String(text).split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > chars) { lines.push(line); line = ''; }
    line = line ? line + ' ' + word : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** The label of `id` in a vocabulary list ([{id, label}]); the id itself when it has none. */
export function termOf(list, id) {
  const term = (list || []).find((x) => x.id === id);
  return (term && term.label) || id;
}

/** The words of a corridor or a country (`kind`: 'corridor' or 'country') among the places of
 *  a map (`GET /api/v1/map`'s `places`, `{corridors: [{id, label}], countries: [...]}`); the
 *  id itself when it has none. */
export function placeName(places, kind, id) {
  return termOf((places || {})[kind === 'country' ? 'countries' : 'corridors'], id);
}

/** The words of one language: the page's labels, how numbers are written, and the
 *  vocabularies (services, metrics, structural holes, brokerage roles, …) with their labels. */
export class Words {
  /** `messages` is the answer of GET /api/v1/messages, `vocabulary` of GET
   *  /api/v1/vocabulary, both in the same language. */
  constructor(messages = { labels: {}, thousands_separator: ',', decimal_separator: '.' }, vocabulary = {}) {
    this.labels = messages.labels || {};
    this.separators = { thousands: messages.thousands_separator, decimal: messages.decimal_separator };
    this.vocabulary = vocabulary;
  }

  /** The ids of vocabulary `name` (services, metrics, …), in the API's order. */
  ids(name) {
    return (this.vocabulary[name] || []).map((x) => x.id);
  }

  /** The label of `id` in vocabulary `name`. */
  term(name, id) {
    return termOf(this.vocabulary[name], id);
  }

  /** The label `key` ('' when the catalogue has none). */
  t(key) {
    return this.labels[key] || '';
  }

  /** The label `key` with its placeholders filled. */
  fill(key, values) {
    return fill(this.t(key), values);
  }

  /** An integer, grouped. */
  int(n) {
    return formatInt(n, this.separators.thousands);
  }

  /** A metric value (see formatNumber). */
  num(x) {
    return formatNumber(x, this.separators);
  }

  /** A service of the vocabulary, in words. */
  service(id) {
    return this.term('services', id);
  }

  /** "… and N more" when a list of `total` shows `shown`; '' when it shows them all. */
  more(shown, total) {
    return total > shown ? this.fill('page_more', { n: this.int(total - shown) }) : '';
  }
}
