// Restyles the drawing from the state after any control changed: colour and size of the
// discs (by community, country, corridor or a metric), filters, findings, the selected and
// hovered organizations, the counts beside the controls and the legend.

import { api } from './api.js';
import { categories, quantile, viridis } from './colours.js';
import { $ } from './dom.js';
import { applyRadii, drawFocusLabels, drawSuggested, placeLabels } from './draw.js';
import { matches, tiePasses } from './filters.js';
import { findings } from './findings.js';
import { communityGaps, drawLetters } from './guide.js';
import { legend } from './legend.js';
import { pairKey } from './changes.js';
import { comparison, showComparison } from './time.js';
import { orgTable } from './table.js';
import { FILTERS, TOGGLES, page, state } from './state.js';

/** The metrics the page colours and sizes by: the choices of the size menu (index.html). */
export function mapMetrics() {
  return [...$('size').options].map((o) => o.value);
}

/** Metric value of each drawn organization (degree is in the payload). */
async function metricValues(metric) {
  const current = page.current;
  const values = new Map();
  if (metric === 'degree' && current.map.size_by === 'degree') {
    for (const n of current.byId.values()) values.set(n.d.id, n.d.size);
    return values;
  }
  const rows = await api.metrics(mapMetrics());
  for (const n of current.byId.values()) {
    const row = rows.get(n.d.id);
    values.set(n.d.id, row && typeof row[metric] === 'number' ? row[metric] : 0);
  }
  return values;
}

async function applyColour() {
  const current = page.current;
  const legendOf = { kind: state.colour };
  if (current.level === 'communities' || state.colour === 'community') {
    for (const n of current.byId.values()) n.fill = n.d.color;
    legendOf.kind = 'community';
  } else if (state.colour === 'country' || state.colour === 'corridor') {
    const c = categories([...current.byId.values()].map((n) => n.d[state.colour] || ''));
    for (const n of current.byId.values()) n.fill = c.colours.get(n.d[state.colour] || '');
    legendOf.categories = c;
  } else {
    const values = await metricValues(state.colour);
    // Colour by rank (quantile): heavy-tailed metrics still spread over the scale.
    const sorted = [...values.values()].sort((a, b) => a - b);
    for (const n of current.byId.values()) n.fill = viridis(quantile(sorted, values.get(n.d.id)));
    legendOf.min = sorted[0];
    legendOf.max = sorted[sorted.length - 1];
  }
  for (const n of current.byId.values()) n.el.setAttribute('fill', n.fill);
  current.colourLegend = legendOf;
}

async function applySize() {
  const current = page.current;
  if (current.level === 'communities' || state.size === 'degree') {
    for (const n of current.byId.values()) n.r = n.d.radius;
  } else {
    const values = await metricValues(state.size);
    const radii = [...current.byId.values()].map((n) => n.d.radius);
    const rMin = Math.min(...radii); const rMax = Math.max(...radii);
    const vMax = Math.max(...values.values(), 0);
    for (const n of current.byId.values()) {
      const v = values.get(n.d.id) || 0;
      n.r = vMax > 0 ? rMin + (rMax - rMin) * Math.sqrt(v / vMax) : rMin;
    }
  }
  applyRadii();
  placeLabels();
}

/** Redraws classes, sizes and colours from the state (after any control changed). */
export async function restyle() {
  if (!page.current) return;
  const current = page.current;
  const words = page.words;
  await Promise.all([applyColour(), applySize()]);
  const [f, compared] = await Promise.all([findings(), comparison()]);
  if (current !== page.current) return;
  const marks = compared && compared.marks;
  const orgs = current.level === 'organizations';
  const selected = current.byId.get(state.org);
  const cutOff = new Set();
  if (selected && selected.d.flags && selected.d.flags.cut_point) {
    for (const part of selected.d.flags.cut_point.organizations) for (const o of part) cutOff.add(o.id);
  }
  let shown = 0;
  const out = new Set();
  for (const n of current.byId.values()) {
    const keep = !orgs || matches(n.d, state.filters);
    if (keep) shown += 1; else out.add(n.d.id);
    let cls = 'node ' + n.d.kind;
    if (n.d.flags && n.d.flags.isolated) cls += ' isolated';
    if (!keep) cls += ' out';
    const h = f.hl.get(n.d.id);
    if (h) cls += ' hl' + h;
    if (cutOff.has(n.d.id)) cls += ' cutoff';
    if (marks && orgs && marks.changed.has(n.d.id)) cls += ' changed';
    if (n === selected) cls += ' selected';
    if (n === page.hovered) cls += ' hovered';
    n.el.setAttribute('class', cls);
    if (n.label) n.label.setAttribute('class', 'label' + (keep ? '' : ' out'));
  }
  const cuts = orgs && state.toggles.has('cuts');
  for (const r of current.edges) {
    let cls = 'edge';
    if (r.e.bridge) cls += ' bridge';
    if (cuts && r.e.bridge) cls += ' hl-bridge';
    if (out.has(r.a.d.id) || out.has(r.b.d.id)) cls += ' out';
    if (!tiePasses(r.e, state.filters)) cls += ' tie-out';
    if (marks && orgs && marks.formed.has(pairKey(r.a.d.id, r.b.d.id))) cls += ' formed';
    r.el.setAttribute('class', cls);
  }
  drawSuggested();
  showComparison(compared);
  const highlighting = orgs && [...state.toggles].some((x) => x !== 'suggestions' || current.suggested.length);
  $('map').classList.toggle('highlighting', highlighting);
  // Counts beside the toggles, and notes.
  const count = (cls) => [...f.hl.values()].filter((h) => h.includes(cls)).length;
  // The map's own findings are counted whether shown or not: a planner sees how many before
  // turning them on.
  const flagged = (flag) => [...current.byId.values()].filter((n) => n.d.flags && n.d.flags[flag]).length;
  $('n-peripheral').textContent = orgs ? `(${words.int(flagged('peripheral'))})` : '';
  $('n-cuts').textContent = orgs ? `(${words.fill('page_cuts_count', { cuts: words.int(flagged('cut_point')), bridges: words.int(current.edges.filter((r) => r.e.bridge).length) })})` : '';
  $('n-gaps').textContent = state.toggles.has('gaps') && orgs ? `(${words.int(count('hl-gap'))})` : '';
  $('n-suggestions').textContent = state.toggles.has('suggestions') && orgs ? `(${words.int(current.suggested.length)})` : '';
  $('gaps-note').textContent = f.notes.gaps;
  $('suggestions-note').textContent = f.notes.suggestions;
  $('filter-count').textContent = orgs && FILTERS.some((x) => state.filters[x])
    ? words.fill('page_shown', { shown: words.int(shown), total: words.int(current.byId.size) }) : '';
  for (const x of TOGGLES) $('t-' + x).checked = state.toggles.has(x);
  $('findings-hint').textContent = words.t('page_findings_need_organizations');
  $('findings-hint').hidden = orgs;
  // Communities have no country, corridor or services of their own, and their size is
  // their membership.
  $('filters').hidden = !orgs;
  $('size').closest('label').hidden = !orgs;
  for (const e of document.querySelectorAll('#findings input, #findings select, #filters select, #filters button, #colour option:not([value=community]), #size')) {
    e.disabled = !orgs;
  }
  placeLabels();
  drawFocusLabels();
  drawLetters();
  legend();
  orgTable();
  await communityGaps();
}
