// What changed between two years, as the map draws it, with no DOM: the marks of a
// GET /api/v1/changes answer (ties formed and ended by pair, organizations whose findings
// changed), one organization's changes for its panel, the years a comparison may start from,
// and the small line charts of the timeline (GET /api/v1/timeline). Importable by `node --test`.

/** One key per unordered pair of organizations. */
export function pairKey(a, b) {
  return a < b ? a + '\u0000' + b : b + '\u0000' + a;
}

/** The kinds of finding change a `changes` answer lists per organization, in the order the
 *  panel names them. */
export const CHANGE_KINDS = [
  'joined', 'newly_isolated', 'no_longer_isolated', 'newly_peripheral', 'no_longer_peripheral',
  'cut_points_gained', 'cut_points_lost',
];

/** The marks of a `changes` answer: `formed` (set of pair keys), `ended` (pairs [a, b]),
 *  `changed` (organization id → the kinds of CHANGE_KINDS it appears in). */
export function compareMarks(answer) {
  const c = answer.changes;
  const formed = new Set(c.ties_formed.map(([a, b]) => pairKey(a, b)));
  const ended = c.ties_ended.map(([a, b]) => [a, b]);
  const changed = new Map();
  for (const kind of CHANGE_KINDS) {
    for (const item of c[kind] || []) {
      // cut_points_gained lists [id, organizations cut off]; the others list ids.
      const id = Array.isArray(item) ? item[0] : item;
      if (!changed.has(id)) changed.set(id, []);
      changed.get(id).push(kind);
    }
  }
  return { from: answer.from, to: answer.to, formed, ended, changed, counts: answer.counts };
}

/** The organizations `id` formed and ended ties with, by the answer's lists (ids, sorted). */
export function organizationChanges(answer, id) {
  const others = (pairs) => pairs.filter(([a, b]) => a === id || b === id)
    .map(([a, b]) => (a === id ? b : a)).sort();
  return { formed: others(answer.changes.ties_formed), ended: others(answer.changes.ties_ended) };
}

/** Every year from `years[0]` to `years[1]` as four-digit strings ([] without years). */
export function yearsOf(years) {
  if (!years) return [];
  const out = [];
  for (let y = years[0]; y <= years[1]; y += 1) out.push(String(y));
  return out;
}

/** The year a comparison ends in: the year drawn, or the last year of the data. */
export function comparedTo(year, years) {
  return year || (years ? String(years[1]) : '');
}

/** The years a comparison may start from: those before `to`. */
export function compareChoices(years, to) {
  return yearsOf(years).filter((y) => Number(y) < Number(to));
}

/**
 * A small line chart of `values` (numbers, or null where the figure has none) in a box of
 * `w` × `h` with `pad` around: `points` ({x, y, value} per value, y null where the value is
 * null) and `d`, the SVG path through the points with a value (a gap where one is missing).
 * The vertical scale runs from the smallest to the largest value (a flat line in the middle
 * when they are equal).
 */
export function lineChart(values, w, h, pad = 4) {
  const known = values.filter((v) => v !== null && v !== undefined && Number.isFinite(v));
  const lo = known.length ? Math.min(...known) : 0;
  const hi = known.length ? Math.max(...known) : 0;
  const step = values.length > 1 ? (w - 2 * pad) / (values.length - 1) : 0;
  const points = values.map((v, i) => {
    const x = values.length > 1 ? pad + i * step : w / 2;
    if (v === null || v === undefined || !Number.isFinite(v)) return { x, y: null, value: null };
    const y = hi > lo ? h - pad - ((v - lo) / (hi - lo)) * (h - 2 * pad) : h / 2;
    return { x, y, value: v };
  });
  let d = '';
  let pen = false;
  for (const p of points) {
    if (p.y === null) { pen = false; continue; }
    d += `${pen ? 'L' : 'M'}${p.x.toFixed(1)} ${p.y.toFixed(1)}`;
    pen = true;
  }
  return { points, d, lo, hi };
}
