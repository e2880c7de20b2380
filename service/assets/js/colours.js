// Colours of the discs, with no DOM: a palette for countries and corridors (most frequent
// first), and viridis by rank for a metric. Tested with `node --test`.

/** Colours of countries and corridors, most frequent first; the rest are OTHER. Okabe–Ito and
 *  Paul Tol colours (told apart with the common colour-vision deficiencies), each at least
 *  3:1 against white (WCAG 2 non-text contrast; see `contrast`). The map's community colours
 *  are the first nine (service/src/map/mod.rs). */
export const PALETTE = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#8c6d00', '#332288',
  '#882255', '#117733', '#999933', '#6f4e37', '#7570b3', '#e7298a'];
export const OTHER = '#8c959f';

/** WCAG 2 relative luminance of `#rrggbb`. */
export function luminance(hex) {
  const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((x) => (x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4));
  return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

/** WCAG 2 contrast ratio of two colours: (L1 + 0.05) / (L2 + 0.05), lighter over darker. */
export function contrast(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
/** Viridis, for colour by a metric (low to high). */
export const VIRIDIS = ['#440154', '#482878', '#3e4989', '#31688e', '#26828e', '#1f9e89',
  '#35b779', '#6ece58', '#b5de2b', '#fde725'];

/** The categories of `values` ('' for unknown): counts, the known ones most frequent first
 *  (ties by name), and a colour each (the unknown and those beyond the palette: OTHER). */
export function categories(values) {
  const counts = new Map();
  for (const v of values) counts.set(v, (counts.get(v) || 0) + 1);
  const known = [...counts.entries()].filter(([v]) => v !== '')
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const colours = new Map(known.map(([v], i) => [v, PALETTE[i] || OTHER]));
  colours.set('', OTHER);
  return { counts, known, colours };
}

/** The viridis colour at `t` in [0, 1] (clamped), interpolated between its ten stops. */
export function viridis(t) {
  const x = Math.max(0, Math.min(1, t)) * (VIRIDIS.length - 1);
  const i = Math.min(Math.floor(x), VIRIDIS.length - 2);
  const f = x - i;
  const c = (k) => parseInt(VIRIDIS[i].slice(1 + 2 * k, 3 + 2 * k), 16) * (1 - f)
    + parseInt(VIRIDIS[i + 1].slice(1 + 2 * k, 3 + 2 * k), 16) * f;
  return '#' + [0, 1, 2].map((k) => Math.round(c(k)).toString(16).padStart(2, '0')).join('');
}

/** The rank of `v` among `sorted` (ascending) in [0, 1]: the share of values below it, so a
 *  heavy-tailed metric still spreads over the scale; 0.5 when there is one value. */
export function quantile(sorted, v) {
  let lo = 0; let hi = sorted.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (sorted[mid] < v) lo = mid + 1; else hi = mid; }
  return sorted.length > 1 ? lo / (sorted.length - 1) : 0.5;
}
