// Views and navigation: which map is drawn (the overview, a community, an organization's
// neighbourhood), going from one to another, and selecting an organization. For tests and
// timings, <body> carries data-state (loading, drawn, error), data-drawn-ms (navigation start
// to the first map drawn), data-view-ms (from the page asking for the last view to that view
// drawn), data-view and data-drawn-nodes.

import { api } from './api.js';
import { $, el, setStatus } from './dom.js';
import { centreOn, draw, fit } from './draw.js';
import { fillFilters } from './filters.js';
import { closePanel, showOrganization } from './panel.js';
import { restyle } from './style.js';
import { fillTime } from './time.js';
import { TOGGLES, page, state, writeUrl } from './state.js';

function crumbs() {
  const nav = $('crumbs');
  const parts = [];
  if (state.view !== 'overview') {
    parts.push(el('button', { type: 'button', class: 'link', text: page.words.t('page_overview'), onclick: () => go('overview') }));
    parts.push(el('span', { class: 'sep', text: '›' }));
    parts.push(el('span', { text: page.current ? page.current.map.view.title : '' }));
  }
  nav.replaceChildren(...parts);
}

/** Writes the view's title and subtitle (and the breadcrumbs). */
export function titles() {
  const view = page.current.map.view;
  $('view-title').textContent = view.title;
  $('view-subtitle').textContent = view.subtitle;
  const mapEl = $('map');
  if (mapEl.firstChild) mapEl.firstChild.textContent = view.title;
  crumbs();
}

/** Draws the view the state names (a view asked later wins over this one). */
export async function showView() {
  const words = page.words;
  const token = ++page.viewToken;
  const started = performance.now();
  document.body.dataset.state = 'loading';
  setStatus(words.t('loading'));
  let map;
  api.atYear(state.year);
  try {
    map = await api.map(state.view, state.radius, state.lang, state.year);
  } catch (e) {
    if (token !== page.viewToken) return;
    document.body.dataset.state = 'error';
    setStatus(`${words.t('load_failed')} ${e.message}`.trim(), true);
    return;
  }
  if (token !== page.viewToken) return;
  page.hovered = null;
  draw(map);
  fit();
  titles();
  fillFilters();
  fillTime();
  $('colour').value = state.colour;
  $('size').value = state.size;
  for (const x of TOGGLES) $('t-' + x).checked = state.toggles.has(x);
  setStatus(map.nodes.length ? '' : words.t('none_found'));
  // The map is on screen at the frame after the one that lays out its nodes (measured
  // without waiting for it: a page in a background tab gets no frames until shown).
  requestAnimationFrame(() => requestAnimationFrame(() => {
    if (token !== page.viewToken) return;
    const now = performance.now();
    if (!page.firstDrawn) {
      page.firstDrawn = true;
      document.body.dataset.drawnMs = String(Math.round(now));
    }
    document.body.dataset.viewMs = String(Math.round(now - started));
    document.body.dataset.drawnNodes = String(page.current.byId.size);
    document.body.dataset.view = map.view.param;
    document.body.dataset.state = 'drawn';
  }));
  try {
    await restyle();
    if (state.org) await select(state.org, { centre: true, push: false });
    else closePanel(false);
  } catch (e) {
    setStatus(`${page.words.t('load_failed')} ${e.message}`.trim(), true);
  }
}

/** Goes to `view` (with `radius` for a neighbourhood), with organization `org` selected. */
export function go(view, { radius = 1, org = '' } = {}) {
  state.view = view;
  state.radius = radius;
  state.org = org;
  // A community filter means nothing inside another view.
  if (view !== 'overview') state.filters.community = '';
  writeUrl(true);
  showView();
}

/** Selects organization `id`: its panel opens (and the map centres on it when `centre`). One
 *  not drawn here opens its neighbourhood; a community opens its organizations. */
export async function select(id, { centre = false, push = false } = {}) {
  const current = page.current;
  const n = current && current.byId.get(id);
  if (!n) {
    // Not drawn here: show its neighbourhood, with the panel open.
    go('ego/' + id, { org: id });
    return;
  }
  if (n.d.kind === 'community') {
    go(n.d.id);
    return;
  }
  state.org = id;
  writeUrl(push);
  if (centre) centreOn(n);
  await restyle();
  await showOrganization(n);
}
