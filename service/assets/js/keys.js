// The map from the keyboard: the map is one Tab stop; the arrow keys move a keyboard focus to
// the nearest organization (or community) in that direction, its name shown on the map and
// announced; Enter opens it, as a click would. `nextInDirection` is pure, tested with
// `node --test`.

import { $ } from './dom.js';
import { centreOn, drawFocusLabels } from './draw.js';
import { select } from './navigate.js';
import { page } from './state.js';

/** The unit step of each arrow key, in layout units (y grows downward). */
const STEPS = {
  ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowDown: [0, 1], ArrowUp: [0, -1],
};

/** The point of `points` ({id, x, y}) nearest to `from` in the direction of arrow `key`:
 *  among those within 45° of that direction, the one with the least distance, a point off the
 *  axis counting twice its offset (so a straight neighbour beats a diagonal one); `null` when
 *  there is none. Without `from`, the first point. */
export function nextInDirection(points, from, key) {
  if (!from) return points[0] || null;
  const [ux, uy] = STEPS[key] || [0, 0];
  let best = null; let bestCost = Infinity;
  for (const p of points) {
    if (p.id === from.id) continue;
    const dx = p.x - from.x; const dy = p.y - from.y;
    const along = dx * ux + dy * uy;
    const across = Math.abs(dx * uy - dy * ux);
    if (along <= 0 || across > along) continue;
    const cost = along + 2 * across;
    if (cost < bestCost || (cost === bestCost && p.id < best.id)) { best = p; bestCost = cost; }
  }
  return best;
}

/** What the keyboard focus announces: the name, and its findings in the legend's words. */
function announce(n) {
  const l = page.current.map.legend;
  const f = n.d.flags || {};
  const parts = [n.d.label];
  if (f.isolated) parts.push(l.isolated); else if (f.peripheral) parts.push(l.peripheral);
  if (f.cut_point) parts.push(l.cut_point);
  $('map-focus').textContent = parts.join('. ');
}

/** Wires the keyboard on the map. */
export function bindKeys() {
  const mapEl = $('map');
  mapEl.setAttribute('tabindex', '0');
  mapEl.addEventListener('keydown', (ev) => {
    const current = page.current;
    if (!current) return;
    if (ev.key in STEPS) {
      const shown = [...current.byId.values()].filter((n) => !n.el.classList.contains('out'));
      const points = shown.map((n) => ({ id: n.d.id, x: n.d.x, y: n.d.y }));
      const from = page.hovered ? { id: page.hovered.d.id, x: page.hovered.d.x, y: page.hovered.d.y } : null;
      const next = nextInDirection(points, from, ev.key);
      ev.preventDefault();
      if (!next) return;
      if (page.hovered) page.hovered.el.classList.remove('hovered');
      page.hovered = current.byId.get(next.id);
      page.hovered.el.classList.add('hovered');
      centreOn(page.hovered);
      drawFocusLabels();
      announce(page.hovered);
    } else if (ev.key === 'Enter' && page.hovered) {
      ev.preventDefault();
      select(page.hovered.d.id).catch(() => {});
    }
  });
}
