// The legend beside the map: what the colours and sizes mean, the keys of the findings
// toggled on, and the network's totals.

import { OTHER, VIRIDIS } from './colours.js';
import { communityLetters } from './guide.js';
import { $, el, svgEl, swatch } from './dom.js';
import { page, state } from './state.js';
import { placeName } from './words.js';

function legendRow(key, text) {
  return el('div', { class: 'legend-row' }, key, el('span', { text }));
}

/** The text of the choice `value` of the menu `id`. */
function option(id, value) {
  const o = $(id).querySelector(`option[value="${value}"]`);
  return o ? o.textContent : value;
}

/** Writes the legend of the drawing on screen. */
export function legend() {
  const words = page.words;
  const current = page.current;
  const body = $('legend-body');
  const map = current.map; const l = map.legend; const c = current.colourLegend || {};
  const rows = [];
  if (c.kind === 'community') {
    rows.push(el('p', { text: l.color }));
    const present = new Set([...current.byId.values()].map((n) => n.d.community));
    let other = 0;
    const letters = communityLetters(map.communities);
    for (const com of map.communities) {
      if (current.level === 'organizations' && !present.has(com.id)) continue;
      if (com.color === OTHER) { other += 1; continue; }
      rows.push(legendRow(swatch(com.color), `${letters.get(com.id)} · ${com.label}`));
    }
    if (other) rows.push(legendRow(swatch(OTHER), `${l.other_communities} (${words.int(other)})`));
  } else if (c.categories) {
    rows.push(el('p', { text: `${words.t('page_colour')}: ${option('colour', state.colour)}` }));
    for (const [v, n] of c.categories.known) {
      rows.push(legendRow(swatch(c.categories.colours.get(v)), `${placeName(map.places, state.colour, v)} (${words.int(n)})`));
    }
    if (c.categories.counts.get('')) rows.push(legendRow(swatch(OTHER), `${words.t('page_unknown')} (${words.int(c.categories.counts.get(''))})`));
  } else {
    rows.push(el('p', { text: `${words.t('page_colour')}: ${option('colour', state.colour)}` }));
    const g = svgEl('svg', { width: '100%', height: 10, viewBox: '0 0 100 10', preserveAspectRatio: 'none' });
    const defs = svgEl('defs'); const grad = svgEl('linearGradient', { id: 'viridis-key' });
    VIRIDIS.forEach((col, i) => grad.append(svgEl('stop', { offset: (i / (VIRIDIS.length - 1)).toFixed(3), 'stop-color': col })));
    defs.append(grad); g.append(defs, svgEl('rect', { width: 100, height: 10, fill: 'url(#viridis-key)' }));
    rows.push(g, el('div', { class: 'legend-scale-ends' },
      el('span', { text: `${words.t('page_low')} ${words.num(c.min)}` }), el('span', { text: `${words.t('page_high')} ${words.num(c.max)}` })));
  }
  const sizeText = current.level === 'communities' || state.size === 'degree' ? l.size : `${words.t('page_size')}: ${option('size', state.size)}`;
  rows.push(el('p', { text: sizeText }));
  const orgs = current.level === 'organizations';
  if (orgs && state.toggles.has('peripheral')) {
    rows.push(legendRow(el('span', { class: 'key key-peripheral' }), l.peripheral));
    rows.push(legendRow(swatch('#ffffff', '#b45309'), l.isolated));
  }
  if (orgs && state.toggles.has('cuts')) {
    rows.push(legendRow(el('span', { class: 'key key-cut' }), l.cut_point));
    rows.push(legendRow(el('span', { class: 'key key-bridge' }), l.bridge));
  }
  if (orgs && state.toggles.has('gaps') && state.gap) {
    rows.push(legendRow(el('span', { class: 'key key-gap' }), `${words.t('page_gaps_toggle')}: ${words.service(state.gap)}`));
  }
  if (orgs && state.toggles.has('suggestions')) {
    rows.push(legendRow(el('span', { class: 'key key-suggestion' }), `${words.t('page_suggested_tie')} ${words.t('page_suggest_bridge')}`));
    rows.push(legendRow(el('span', { class: 'key key-suggestion-services' }), `${words.t('page_suggested_tie')} ${words.t('page_suggest_services')}`));
  }
  const tot = map.totals;
  rows.push(el('p', { class: 'muted', text: `${words.int(tot.organizations)} ${l.organizations} · ${words.int(tot.ties)} ${l.ties} · ${words.int(tot.communities)} ${l.communities}` }));
  rows.push(el('p', { class: 'muted', text: l.positions }));
  if (current.level === 'communities') rows.push(el('p', { class: 'muted', text: words.t('page_drill_hint') }));
  body.replaceChildren(...rows);
}
