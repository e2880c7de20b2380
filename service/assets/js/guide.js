// The first things a planner reads: how to read the map (in index.html, worded by the
// catalogue), the communities that do not talk to each other (GET /api/v1/gaps), and a letter
// per coloured community drawn inside its discs, so communities are told apart by more than
// colour. `communityLetters` is pure, tested with `node --test`.

import { api } from './api.js';
import { $, el, svgEl } from './dom.js';
import { OTHER } from './colours.js';
import { shown } from './draw.js';
import { page, state } from './state.js';

/** Letters A, B, C… for the communities of `communities` (largest first, as the map sends
 *  them) that have a colour of their own (not `other`): community id → letter. */
export function communityLetters(communities, other = OTHER) {
  const letters = new Map();
  for (const c of communities) {
    if (c.color === other || letters.size >= 26) continue;
    letters.set(c.id, String.fromCharCode(65 + letters.size));
  }
  return letters;
}

/** Draws each coloured community's letter inside its discs large enough to hold it, when the
 *  discs are coloured by community. */
export function drawLetters() {
  const current = page.current;
  if (!current) return;
  let g = current.gLetters;
  if (!g) {
    g = svgEl('g', { id: 'letters', 'aria-hidden': 'true' });
    current.gLetters = g;
    $('map').insertBefore(g, current.gLabels);
  }
  const letters = communityLetters(current.map.communities);
  current.letters = letters;
  const show = current.level === 'communities' || state.colour === 'community';
  g.replaceChildren(...(show ? [...current.byId.values()] : [])
    .filter((n) => letters.has(n.d.community) && n.r >= 3 * current.px)
    .map((n) => {
      const r = shown(n);
      const t = svgEl('text', { class: 'letter', x: n.d.x, y: n.d.y + 0.36 * r, 'font-size': r.toFixed(2), 'text-anchor': 'middle' });
      t.textContent = letters.get(n.d.community);
      return t;
    }));
}

/** Lists the least connected community pairs, each pair in words. */
export async function communityGaps() {
  const words = page.words;
  const list = $('community-gaps-list');
  if (!words || !list) return;
  const gaps = await api.gaps(words.ids('services').length, state.lang);
  const items = gaps.least_connected_communities.items.slice(0, 5);
  list.replaceChildren(...(items.length
    ? items.map((p) => el('li', { text: p.explanation }))
    : [el('li', { class: 'muted', text: words.t('page_community_pairs_none') })]));
}
