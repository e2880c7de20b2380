// The network map page: plain ES2020, no framework, no bundler, no network beyond this
// origin. It draws GET /api/v1/map as SVG and reads the planner's findings from the same API:
// /api/v1/messages (every word of the page), /api/v1/organizations/{id}/profile (the side
// panel), /api/v1/gaps (service gaps), /api/v1/suggestions (suggested ties) and
// /api/v1/metrics (colour and size by a metric). Restricted fields never reach it: those
// APIs leave them out for callers without a token, and the page sends none.
//
// The whole state of the view lives in the URL (see readUrl/writeUrl), so a link restores it.
// For tests and timings, <body> carries data-state (loading, drawn, error), data-pending
// (requests in flight), data-drawn-ms (navigation start to the first map drawn) and
// data-view-ms (from the page asking for the last view to that view drawn).
'use strict';

const SVGNS = 'http://www.w3.org/2000/svg';
/** Colours of countries and corridors, most frequent first; the rest are OTHER. */
const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948',
  '#b07aa1', '#ff9da7', '#9c755f', '#499894', '#d37295', '#a0cbe8'];
const OTHER = '#c9ced4';
/** Viridis, for colour by a metric (low to high). */
const VIRIDIS = ['#440154', '#482878', '#3e4989', '#31688e', '#26828e', '#1f9e89',
  '#35b779', '#6ece58', '#b5de2b', '#fde725'];
const METRICS = ['degree', 'betweenness', 'pagerank'];
const COLOURS = ['community', 'country', 'corridor', ...METRICS];
const TOGGLES = ['peripheral', 'cuts', 'gaps', 'suggestions'];
const FILTERS = ['country', 'corridor', 'service', 'partner', 'community'];
const SERVICES = ['legal_accompaniment', 'shelter', 'humanitarian_aid', 'health', 'mental_health',
  'human_rights_monitoring', 'advocacy', 'return_reintegration', 'education', 'livelihoods',
  'child_protection', 'gender_violence'];
const PROFILE_METRICS = ['degree', 'strength', 'betweenness', 'closeness', 'harmonic',
  'eigenvector', 'pagerank', 'core_number', 'clustering'];
const HOLES = ['constraint', 'effective_size', 'efficiency', 'hierarchy'];
const ROLES = ['coordinator', 'gatekeeper', 'representative', 'liaison', 'itinerant'];
/** The geometry `puentes render` placed the `labelled` labels in (service/src/map/draw.rs):
 *  a map area of 1172 × 952 pixels, labels of 11 px (organizations) and 12 px (communities).
 *  Labels drawn at the same size relative to the layout keep its no-overlap guarantee at
 *  every zoom. */
const RENDER = { width: 1172, height: 952, font: { organization: 11, community: 12 }, chars: 36 };
/** Suggestions fetched per goal (the API's largest page). */
const SUGGESTION_PAGE = 1000;
/** Bridges read from the gap report to word a clicked bridge. */
const BRIDGE_PAGE = 1000;

const $ = (id) => document.getElementById(id);
const mapEl = $('map');

const state = {
  view: 'overview', radius: 1, lang: 'en', colour: 'community', size: 'degree',
  filters: {}, toggles: new Set(), gap: '', org: '',
};
/** Data of the current view: the payload, nodes by id, drawing. */
let current = null;
/** The viewBox: the part of the layout on screen. */
let vb = { x: 0, y: 0, w: 1000, h: 1000 };
let messages = { labels: {}, thousands_separator: ',', decimal_separator: '.' };
const cache = { revision: null, maps: new Map(), gaps: new Map(), suggestions: new Map(),
  profiles: new Map(), metrics: null, orgNames: null };
let hovered = null;
let firstDrawn = false;

// ---------------------------------------------------------------------------------------
// Words and numbers

const t = (key) => (messages.labels && messages.labels[key]) || '';
const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_, k) => (k in values ? values[k] : ''));

function group(digits) {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, messages.thousands_separator);
}
function int(n) {
  return (n < 0 ? '-' : '') + group(String(Math.round(Math.abs(n))));
}
/** A metric value: integers grouped, small values in scientific notation, else 3 decimals. */
function num(x) {
  if (x === null || x === undefined || Number.isNaN(x)) return '–';
  if (Number.isInteger(x)) return int(x);
  const a = Math.abs(x);
  if (a !== 0 && a < 0.001) return x.toExponential(2).replace('.', messages.decimal_separator);
  const [whole, frac] = Math.abs(x).toFixed(3).split('.');
  return (x < 0 ? '-' : '') + group(whole) + messages.decimal_separator + frac;
}
const serviceName = (s) => t('service_' + s) || s;
const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}
function svgEl(tag, attrs = {}) {
  const e = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}
/** A small coloured disc for legends (an SVG fill attribute, not an inline style). */
function swatch(color, stroke = '#8c959f') {
  const s = svgEl('svg', { width: 14, height: 14, viewBox: '0 0 14 14', class: 'swatch' });
  s.append(svgEl('circle', { cx: 7, cy: 7, r: 6, fill: color, stroke, 'stroke-width': 1 }));
  return s;
}

// ---------------------------------------------------------------------------------------
// The API

let pending = 0;
function busy(delta) {
  pending += delta;
  document.body.dataset.pending = String(pending);
}

async function api(path, params = {}) {
  const url = new URL(path, location.origin);
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, String(v));
  }
  busy(1);
  try {
    const r = await fetch(url, { headers: { Accept: 'application/json' } });
    if (!r.ok) {
      let message = 'HTTP ' + r.status;
      try { message = (await r.json()).error.message || message; } catch (_) { /* not JSON */ }
      throw new Error(url.pathname + ': ' + message);
    }
    return await r.json();
  } finally {
    busy(-1);
  }
}

/** Forgets what was read at another store revision. */
function seeRevision(revision) {
  if (cache.revision === revision) return;
  cache.revision = revision;
  for (const m of [cache.maps, cache.gaps, cache.suggestions, cache.profiles]) m.clear();
  cache.metrics = null;
  cache.orgNames = null;
}

async function remember(map, key, load) {
  if (!map.has(key)) {
    map.set(key, load().catch((e) => { map.delete(key); throw e; }));
  }
  return map.get(key);
}

async function getMap() {
  const params = { view: state.view, lang: state.lang };
  if (state.view.startsWith('ego/')) params.radius = state.radius;
  const key = JSON.stringify(params);
  const map = await remember(cache.maps, key, () => api('/api/v1/map', params));
  seeRevision(map.revision);
  cache.maps.set(key, Promise.resolve(map));
  return map;
}
const getGaps = () => remember(cache.gaps, state.lang,
  // Service gaps: one item per service, so a page of as many items holds them all.
  () => api('/api/v1/gaps', { limit: SERVICES.length, lang: state.lang }));
/** The gap report with longer lists, for a bridge's sentence (asked only on a click). */
const getBridges = () => remember(cache.gaps, 'bridges/' + state.lang,
  () => api('/api/v1/gaps', { limit: BRIDGE_PAGE, lang: state.lang }));
const getSuggestions = (goal) => remember(cache.suggestions, goal + '/' + state.lang,
  () => api('/api/v1/suggestions', { goal, limit: SUGGESTION_PAGE, lang: state.lang }));
const getProfile = (id) => remember(cache.profiles, id + '/' + state.lang,
  () => api('/api/v1/organizations/' + encodeURIComponent(id) + '/profile', { lang: state.lang }));
async function getMetrics() {
  if (!cache.metrics) {
    cache.metrics = api('/api/v1/metrics', { metrics: METRICS.join(',') }).then((m) => {
      const byId = new Map();
      for (const row of m.items) byId.set(row.id, row);
      return byId;
    }).catch((e) => { cache.metrics = null; throw e; });
  }
  return cache.metrics;
}
/** Every organization's id and name, for search beyond the drawn view. */
async function getOrgNames() {
  if (!cache.orgNames) {
    cache.orgNames = (async () => {
      const names = [];
      for (let offset = 0; ; offset += 10000) {
        const page = await api('/api/v1/organizations', { limit: 10000, offset });
        for (const o of page.items) names.push({ id: o.id, name: o.name });
        if (offset + page.items.length >= page.total || page.items.length === 0) break;
      }
      return names;
    })().catch((e) => { cache.orgNames = null; throw e; });
  }
  return cache.orgNames;
}

// ---------------------------------------------------------------------------------------
// The URL: the view's whole state

function browserLang() {
  return (navigator.language || 'en').toLowerCase().startsWith('es') ? 'es' : 'en';
}

function readUrl() {
  const q = new URLSearchParams(location.search);
  const pick = (value, allowed, fallback) => (allowed.includes(value) ? value : fallback);
  state.view = q.get('view') || 'overview';
  state.radius = q.get('radius') === '2' ? 2 : 1;
  state.lang = pick(q.get('lang'), ['es', 'en'], browserLang());
  state.colour = pick(q.get('colour'), COLOURS, 'community');
  state.size = pick(q.get('size'), METRICS, 'degree');
  state.filters = {};
  for (const f of FILTERS) state.filters[f] = q.get(f) || '';
  state.toggles = new Set((q.get('show') || '').split(',').filter((x) => TOGGLES.includes(x)));
  state.gap = q.get('gap') || '';
  state.org = q.get('org') || '';
}

function urlOf() {
  const parts = [['view', state.view]];
  if (state.view.startsWith('ego/') && state.radius === 2) parts.push(['radius', '2']);
  parts.push(['lang', state.lang]);
  if (state.colour !== 'community') parts.push(['colour', state.colour]);
  if (state.size !== 'degree') parts.push(['size', state.size]);
  for (const f of FILTERS) if (state.filters[f]) parts.push([f, state.filters[f]]);
  if (state.toggles.size) parts.push(['show', TOGGLES.filter((x) => state.toggles.has(x)).join(',')]);
  if (state.gap) parts.push(['gap', state.gap]);
  if (state.org) parts.push(['org', state.org]);
  // Slashes stay readable in view=community/3.
  return '?' + parts.map(([k, v]) => k + '=' + encodeURIComponent(v).replace(/%2F/g, '/')).join('&');
}

function writeUrl(push = false) {
  const url = urlOf();
  if (url === location.search) return;
  if (push) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}

// ---------------------------------------------------------------------------------------
// Labels of the page

async function loadMessages() {
  messages = await api('/api/v1/messages', { lang: state.lang });
  document.documentElement.lang = state.lang;
  for (const e of document.querySelectorAll('[data-msg]')) e.textContent = t(e.dataset.msg);
  for (const e of document.querySelectorAll('[data-msg-placeholder]')) e.placeholder = t(e.dataset.msgPlaceholder);
  for (const e of document.querySelectorAll('[data-msg-title]')) {
    e.title = t(e.dataset.msgTitle);
    e.setAttribute('aria-label', e.title);
  }
  for (const e of document.querySelectorAll('[data-msg-label]')) e.setAttribute('aria-label', t(e.dataset.msgLabel));
  for (const b of document.querySelectorAll('[data-lang]')) b.setAttribute('aria-pressed', String(b.dataset.lang === state.lang));
}

function setStatus(text, error = false) {
  const s = $('status');
  s.textContent = text;
  s.classList.toggle('error', error);
}

// ---------------------------------------------------------------------------------------
// Drawing

/** The layout frame (an empty network has none: a square then). */
function frame(map) {
  return map.width > 0 && map.height > 0 ? { width: map.width, height: map.height } : { width: 1000, height: 1000 };
}

/** Pixels of the picture `puentes render` draws per layout unit (map/draw.rs Geometry). */
function renderScale(map) {
  const { width, height } = frame(map);
  return Math.min(RENDER.width / width, RENDER.height / height);
}

function cut(label) {
  return label.length <= RENDER.chars ? label : label.slice(0, RENDER.chars - 1) + '…';
}

/** Places text `e` beside node `n`'s disc of radius `r` (layout units), on `side`, `font`
 *  units high, as `puentes render` places it, with `px` layout units per picture pixel. */
function placeLabel(e, n, r, side, font, px) {
  const halfH = 0.5 * font + px;
  let x = n.x; let y = n.y + 0.36 * font; let anchor = 'start';
  if (side === 'right') x = n.x + r + 4 * px;
  else if (side === 'left') { x = n.x - r - 4 * px; anchor = 'end'; }
  else if (side === 'above') { y = n.y - r - 2 * px - halfH + 0.36 * font; anchor = 'middle'; }
  else { y = n.y + r + 2 * px + halfH + 0.36 * font; anchor = 'middle'; }
  e.setAttribute('x', x.toFixed(2));
  e.setAttribute('y', y.toFixed(2));
  e.setAttribute('font-size', font.toFixed(2));
  e.setAttribute('stroke-width', (font * 0.28).toFixed(2));
  e.setAttribute('text-anchor', anchor);
}

function labelAt(n, r, side, font, px, text, cls) {
  const e = svgEl('text', { class: cls });
  e.textContent = text;
  placeLabel(e, n, r, side, font, px);
  return e;
}

/** The `labelled` labels at the current zoom: the size `puentes render` placed them at
 *  (relative to the layout, so they never overlap), but at most 12 pixels on screen when
 *  zoomed in (smaller boxes at the same anchors cannot overlap either); hidden below 5. */
function placeLabels() {
  const scale = visible().scale;
  const screen = RENDER.font.organization * current.px * scale;
  current.gLabels.setAttribute('visibility', screen >= 5 ? 'visible' : 'hidden');
  const shrink = Math.min(1, 12 / screen);
  for (const n of current.byId.values()) {
    if (!n.label) continue;
    const font = RENDER.font[n.d.kind] * current.px * shrink;
    placeLabel(n.label, n.d, n.r, n.d.label_side, font, current.px * shrink);
  }
}

function draw(map) {
  const byId = new Map();
  const px = 1 / renderScale(map);
  const heaviest = map.edges.reduce((m, e) => Math.max(m, e.weight), 0);
  mapEl.replaceChildren();
  mapEl.append(svgEl('title'));
  mapEl.firstChild.textContent = map.view.title;
  const gEdges = svgEl('g', { id: 'edges' });
  const gSuggested = svgEl('g', { id: 'suggested' });
  const gNodes = svgEl('g', { id: 'nodes' });
  const gLabels = svgEl('g', { id: 'labels' });
  const gFocus = svgEl('g', { id: 'focus-labels' });
  for (const d of map.nodes) {
    const circle = svgEl('circle', {
      class: 'node', cx: d.x, cy: d.y, r: d.radius, fill: d.color, 'data-id': d.id, 'data-kind': d.kind,
    });
    byId.set(d.id, { d, el: circle, label: null, edges: [], r: d.radius, fill: d.color });
    gNodes.append(circle);
  }
  const edges = [];
  for (const e of map.edges) {
    const a = byId.get(e.source); const b = byId.get(e.target);
    if (!a || !b) continue;
    const w = heaviest > 0 ? 0.6 + 1.8 * Math.sqrt(e.weight / heaviest) : 0.6;
    const line = svgEl('line', {
      class: 'edge', x1: a.d.x, y1: a.d.y, x2: b.d.x, y2: b.d.y, 'stroke-width': w.toFixed(2),
    });
    const rec = { e, el: line, a, b };
    edges.push(rec);
    a.edges.push(rec); b.edges.push(rec);
    gEdges.append(line);
  }
  for (const n of byId.values()) {
    if (!n.d.labelled || !n.d.label_side) continue;
    const font = RENDER.font[n.d.kind] * px;
    n.label = labelAt(n.d, n.d.radius, n.d.label_side, font, px, cut(n.d.label), 'label');
    gLabels.append(n.label);
  }
  mapEl.append(gEdges, gSuggested, gNodes, gLabels, gFocus);
  const level = map.view.level;
  current = { map, byId, edges, px, level, gSuggested, gFocus, gLabels, suggested: [] };
}

/** The part of the layout on screen (the viewBox with `meet` can show more than vb). */
function visible() {
  const w = mapEl.clientWidth || 1; const h = mapEl.clientHeight || 1;
  const s = Math.min(w / vb.w, h / vb.h);
  const vw = w / s; const vh = h / s;
  return { x: vb.x - (vw - vb.w) / 2, y: vb.y - (vh - vb.h) / 2, w: vw, h: vh, scale: s };
}

function setViewBox(next) {
  vb = next;
  mapEl.setAttribute('viewBox', `${vb.x.toFixed(2)} ${vb.y.toFixed(2)} ${vb.w.toFixed(2)} ${vb.h.toFixed(2)}`);
  if (!current) return;
  placeLabels();
  drawFocusLabels();
}

function fit() {
  const { width, height } = frame(current.map);
  const m = 0.04 * Math.max(width, height);
  setViewBox({ x: -m, y: -m, w: width + 2 * m, h: height + 2 * m });
}

function zoomAt(factor, cx, cy) {
  const { width, height } = frame(current.map);
  const full = Math.max(width, height) * 1.1;
  const w = Math.min(Math.max(vb.w / factor, full / 60), full * 4);
  const f = vb.w / w;
  setViewBox({ x: cx - (cx - vb.x) / f, y: cy - (cy - vb.y) / f, w, h: vb.h / f });
}

/** Centres node `n`, zoomed to show its partners and, for a cut point, what it cuts off. */
function centreOn(n) {
  const { width, height } = frame(current.map);
  const full = Math.max(width, height) * 1.1;
  const around = n.edges.map((r) => (r.a === n ? r.b : r.a));
  const cutPoint = n.d.flags && n.d.flags.cut_point;
  if (cutPoint) {
    for (const o of cutPoint.organizations.flat()) if (current.byId.has(o.id)) around.push(current.byId.get(o.id));
  }
  let dx = 0; let dy = 0;
  for (const m of around) {
    dx = Math.max(dx, Math.abs(m.d.x - n.d.x) + m.r);
    dy = Math.max(dy, Math.abs(m.d.y - n.d.y) + m.r);
  }
  // Both extents fit (the viewBox is drawn with `meet`), with room for labels.
  const w = Math.min(Math.max(2.4 * dx, full / 8), 2 * full);
  const h = Math.min(Math.max(2.4 * dy, full / 8), 2 * full);
  setViewBox({ x: n.d.x - w / 2, y: n.d.y - h / 2, w, h });
}

/** Screen pixel to layout units. */
function toLayout(clientX, clientY) {
  const m = mapEl.getScreenCTM();
  if (!m) return { x: 0, y: 0 };
  const p = new DOMPoint(clientX, clientY).matrixTransform(m.inverse());
  return { x: p.x, y: p.y };
}

// ---------------------------------------------------------------------------------------
// Colour, size, filters, findings

function categories(key) {
  const counts = new Map();
  for (const n of current.byId.values()) {
    const v = n.d[key] || '';
    counts.set(v, (counts.get(v) || 0) + 1);
  }
  const known = [...counts.entries()].filter(([v]) => v !== '')
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const colours = new Map(known.map(([v], i) => [v, PALETTE[i] || OTHER]));
  colours.set('', OTHER);
  return { counts, known, colours };
}

function viridis(tt) {
  const x = Math.max(0, Math.min(1, tt)) * (VIRIDIS.length - 1);
  const i = Math.min(Math.floor(x), VIRIDIS.length - 2);
  const f = x - i;
  const c = (k) => parseInt(VIRIDIS[i].slice(1 + 2 * k, 3 + 2 * k), 16) * (1 - f)
    + parseInt(VIRIDIS[i + 1].slice(1 + 2 * k, 3 + 2 * k), 16) * f;
  return '#' + [0, 1, 2].map((k) => Math.round(c(k)).toString(16).padStart(2, '0')).join('');
}

/** Metric value of each drawn organization (degree is in the payload). */
async function metricValues(metric) {
  const values = new Map();
  if (metric === 'degree' && current.map.size_by === 'degree') {
    for (const n of current.byId.values()) values.set(n.d.id, n.d.size);
    return values;
  }
  const rows = await getMetrics();
  for (const n of current.byId.values()) {
    const row = rows.get(n.d.id);
    values.set(n.d.id, row && typeof row[metric] === 'number' ? row[metric] : 0);
  }
  return values;
}

async function applyColour() {
  const legend = { kind: state.colour };
  if (current.level === 'communities' || state.colour === 'community') {
    for (const n of current.byId.values()) n.fill = n.d.color;
    legend.kind = 'community';
  } else if (state.colour === 'country' || state.colour === 'corridor') {
    const c = categories(state.colour);
    for (const n of current.byId.values()) n.fill = c.colours.get(n.d[state.colour] || '');
    legend.categories = c;
  } else {
    const values = await metricValues(state.colour);
    const sorted = [...values.values()].sort((a, b) => a - b);
    const rank = (v) => {
      // Colour by rank (quantile): heavy-tailed metrics still spread over the scale.
      let lo = 0; let hi = sorted.length;
      while (lo < hi) { const mid = (lo + hi) >> 1; if (sorted[mid] < v) lo = mid + 1; else hi = mid; }
      return sorted.length > 1 ? lo / (sorted.length - 1) : 0.5;
    };
    for (const n of current.byId.values()) n.fill = viridis(rank(values.get(n.d.id)));
    legend.min = sorted[0];
    legend.max = sorted[sorted.length - 1];
  }
  for (const n of current.byId.values()) n.el.setAttribute('fill', n.fill);
  current.colourLegend = legend;
}

async function applySize() {
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
  for (const n of current.byId.values()) n.el.setAttribute('r', n.r.toFixed(2));
  placeLabels();
}

function matches(d) {
  const f = state.filters;
  if (f.country && (d.country || '') !== (f.country === '-' ? '' : f.country)) return false;
  if (f.corridor && (d.corridor || '') !== (f.corridor === '-' ? '' : f.corridor)) return false;
  if (f.service && !(d.services || []).includes(f.service)) return false;
  if (f.partner && String(d.partner) !== f.partner) return false;
  if (f.community && String(d.community) !== f.community) return false;
  return true;
}

/** Highlight classes of each organization under the findings toggled on. */
async function findings() {
  const hl = new Map();
  const add = (id, cls) => { if (current.byId.has(id)) hl.set(id, (hl.get(id) || '') + ' ' + cls); };
  const notes = { peripheral: '', cuts: '', gaps: '', suggestions: '' };
  const orgs = current.level === 'organizations';
  const on = (x) => orgs && state.toggles.has(x);
  let bridges = 0;
  if (on('peripheral')) {
    for (const n of current.byId.values()) if (n.d.flags && n.d.flags.peripheral) add(n.d.id, 'hl-peripheral');
  }
  if (on('cuts')) {
    for (const n of current.byId.values()) if (n.d.flags && n.d.flags.cut_point) add(n.d.id, 'hl-cut');
    bridges = current.edges.filter((r) => r.e.bridge).length;
  }
  const gapSelect = $('gap-service');
  if (on('gaps') || state.gap) {
    const gaps = await getGaps();
    const items = gaps.service_gaps.items;
    if (!state.gap || !items.some((g) => g.service === state.gap)) state.gap = items.length ? items[0].service : '';
    gapSelect.replaceChildren(...items.map((g) => el('option', { value: g.service, text: `${serviceName(g.service)} (${int(g.lacking)})` })));
    gapSelect.value = state.gap;
    const item = items.find((g) => g.service === state.gap);
    if (on('gaps')) {
      if (!item) notes.gaps = t('none_found');
      else {
        for (const o of item.organizations) add(o.id, 'hl-gap');
        if (item.organizations.length < item.lacking) {
          notes.gaps = fill(t('page_gaps_listed'), { shown: int(item.organizations.length), total: int(item.lacking) });
        }
      }
    }
  }
  gapSelect.hidden = !on('gaps');
  current.suggested = [];
  if (on('suggestions')) {
    let total = 0;
    for (const goal of ['bridge', 'services']) {
      const s = await getSuggestions(goal);
      total += s.total;
      for (const item of s.items) {
        const a = current.byId.get(item.organization.id);
        const b = current.byId.get(item.suggestion.organization.id);
        if (!a || !b) continue;
        current.suggested.push({ goal, item, a, b });
        add(a.d.id, 'hl-suggested');
        add(b.d.id, 'hl-suggested');
      }
    }
    notes.suggestions = fill(t('page_suggestions_shown'), { shown: int(current.suggested.length), total: int(total) });
  }
  return { hl, notes, bridges };
}

/** Redraws classes, sizes and colours from the state (after any control changed). */
async function restyle() {
  if (!current) return;
  const mine = current;
  await Promise.all([applyColour(), applySize()]);
  const f = await findings();
  if (mine !== current) return;
  const orgs = current.level === 'organizations';
  const selected = current.byId.get(state.org);
  const cutOff = new Set();
  if (selected && selected.d.flags && selected.d.flags.cut_point) {
    for (const part of selected.d.flags.cut_point.organizations) for (const o of part) cutOff.add(o.id);
  }
  let shown = 0;
  const out = new Set();
  for (const n of current.byId.values()) {
    const keep = !orgs || matches(n.d);
    if (keep) shown += 1; else out.add(n.d.id);
    let cls = 'node ' + n.d.kind;
    if (n.d.flags && n.d.flags.isolated) cls += ' isolated';
    if (!keep) cls += ' out';
    const h = f.hl.get(n.d.id);
    if (h) cls += ' hl' + h;
    if (cutOff.has(n.d.id)) cls += ' cutoff';
    if (n === selected) cls += ' selected';
    if (n === hovered) cls += ' hovered';
    n.el.setAttribute('class', cls);
    if (n.label) n.label.setAttribute('class', 'label' + (keep ? '' : ' out'));
  }
  const cuts = orgs && state.toggles.has('cuts');
  for (const r of current.edges) {
    let cls = 'edge';
    if (r.e.bridge) cls += ' bridge';
    if (cuts && r.e.bridge) cls += ' hl-bridge';
    if (out.has(r.a.d.id) || out.has(r.b.d.id)) cls += ' out';
    r.el.setAttribute('class', cls);
  }
  current.gSuggested.replaceChildren(...current.suggested.map((s) => {
    const line = svgEl('line', {
      class: 'suggested goal-' + s.goal, x1: s.a.d.x, y1: s.a.d.y, x2: s.b.d.x, y2: s.b.d.y,
      'data-from': s.a.d.id, 'data-to': s.b.d.id, 'data-goal': s.goal,
    });
    s.el = line;
    return line;
  }));
  const highlighting = orgs && [...state.toggles].some((x) => x !== 'suggestions' || current.suggested.length);
  mapEl.classList.toggle('highlighting', highlighting);
  // Counts beside the toggles, and notes.
  const count = (cls) => [...f.hl.values()].filter((h) => h.includes(cls)).length;
  $('n-peripheral').textContent = state.toggles.has('peripheral') && orgs ? `(${int(count('hl-peripheral'))})` : '';
  $('n-cuts').textContent = state.toggles.has('cuts') && orgs ? `(${int(count('hl-cut'))} · ${int(f.bridges)})` : '';
  $('n-gaps').textContent = state.toggles.has('gaps') && orgs ? `(${int(count('hl-gap'))})` : '';
  $('n-suggestions').textContent = state.toggles.has('suggestions') && orgs ? `(${int(current.suggested.length)})` : '';
  $('gaps-note').textContent = f.notes.gaps;
  $('suggestions-note').textContent = f.notes.suggestions;
  $('filter-count').textContent = orgs && FILTERS.some((x) => state.filters[x])
    ? fill(t('page_shown'), { shown: int(shown), total: int(current.byId.size) }) : '';
  for (const x of TOGGLES) $('t-' + x).checked = state.toggles.has(x);
  $('findings-hint').textContent = t('page_findings_need_organizations');
  $('findings-hint').hidden = orgs;
  // Communities have no country, corridor or services of their own, and their size is
  // their membership.
  $('filters').hidden = !orgs;
  $('size').closest('label').hidden = !orgs;
  for (const e of document.querySelectorAll('#findings input, #findings select, #filters select, #filters button, #colour option:not([value=community]), #size')) {
    e.disabled = !orgs;
  }
  drawFocusLabels();
  legend();
}

// ---------------------------------------------------------------------------------------
// Labels of the hovered and selected organizations

function drawFocusLabels() {
  if (!current) return;
  const focus = [current.byId.get(state.org), hovered].filter(Boolean);
  const scale = visible().scale;
  current.gFocus.replaceChildren();
  for (const n of current.byId.values()) if (n.label) n.label.removeAttribute('visibility');
  for (const n of new Set(focus)) {
    // Readable at any zoom: 13 pixels on screen.
    const font = 13 / scale;
    const side = n.d.label_side || 'right';
    current.gFocus.append(labelAt(n.d, n.r, side, font, font / RENDER.font[n.d.kind], n.d.label, 'label focus'));
    if (n.label) n.label.setAttribute('visibility', 'hidden');
  }
}

// ---------------------------------------------------------------------------------------
// Legend and filters

function legendRow(key, text) {
  return el('div', { class: 'legend-row' }, key, el('span', { text }));
}

function legend() {
  const body = $('legend-body');
  const map = current.map; const l = map.legend; const c = current.colourLegend || {};
  const rows = [];
  const option = (sel, v) => { const o = $(sel).querySelector(`option[value="${v}"]`); return o ? o.textContent : v; };
  if (c.kind === 'community') {
    rows.push(el('p', { text: l.color }));
    const present = new Set([...current.byId.values()].map((n) => n.d.community));
    let other = 0;
    for (const com of map.communities) {
      if (current.level === 'organizations' && !present.has(com.id)) continue;
      if (com.color === '#bab0ac') { other += 1; continue; }
      rows.push(legendRow(swatch(com.color), `${com.label}`));
    }
    if (other) rows.push(legendRow(swatch('#bab0ac'), `${l.other_communities} (${int(other)})`));
  } else if (c.categories) {
    rows.push(el('p', { text: `${t('page_colour')}: ${option('colour', state.colour)}` }));
    for (const [v, n] of c.categories.known) {
      rows.push(legendRow(swatch(c.categories.colours.get(v)), `${v} (${int(n)})`));
    }
    if (c.categories.counts.get('')) rows.push(legendRow(swatch(OTHER), `${t('page_unknown')} (${int(c.categories.counts.get(''))})`));
  } else {
    rows.push(el('p', { text: `${t('page_colour')}: ${option('colour', state.colour)}` }));
    const g = svgEl('svg', { width: '100%', height: 10, viewBox: '0 0 100 10', preserveAspectRatio: 'none' });
    const defs = svgEl('defs'); const grad = svgEl('linearGradient', { id: 'viridis-key' });
    VIRIDIS.forEach((col, i) => grad.append(svgEl('stop', { offset: (i / (VIRIDIS.length - 1)).toFixed(3), 'stop-color': col })));
    defs.append(grad); g.append(defs, svgEl('rect', { width: 100, height: 10, fill: 'url(#viridis-key)' }));
    rows.push(g, el('div', { class: 'legend-scale-ends' },
      el('span', { text: `${t('page_low')} ${num(c.min)}` }), el('span', { text: `${t('page_high')} ${num(c.max)}` })));
  }
  const sizeText = current.level === 'communities' || state.size === 'degree' ? l.size : `${t('page_size')}: ${option('size', state.size)}`;
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
    rows.push(legendRow(el('span', { class: 'key key-gap' }), `${t('page_gaps_toggle')}: ${serviceName(state.gap)}`));
  }
  if (orgs && state.toggles.has('suggestions')) {
    rows.push(legendRow(el('span', { class: 'key key-suggestion' }), `${t('page_suggested_tie')} ${t('page_suggest_bridge')}`));
    rows.push(legendRow(el('span', { class: 'key key-suggestion-services' }), `${t('page_suggested_tie')} ${t('page_suggest_services')}`));
  }
  const tot = map.totals;
  rows.push(el('p', { class: 'muted', text: `${int(tot.organizations)} ${l.organizations} · ${int(tot.ties)} ${l.ties} · ${int(tot.communities)} ${l.communities}` }));
  rows.push(el('p', { class: 'muted', text: l.positions }));
  if (current.level === 'communities') rows.push(el('p', { class: 'muted', text: t('page_drill_hint') }));
  body.replaceChildren(...rows);
}

function fillFilters() {
  const orgs = [...current.byId.values()].map((n) => n.d);
  const opts = (id, values, name) => {
    const sel = $(id);
    const f = sel.dataset.filter;
    const list = [el('option', { value: '', text: t('page_all') })];
    for (const v of values) list.push(el('option', { value: v, text: name(v) }));
    // A value from the link that this view lacks stays selectable.
    if (state.filters[f] && !values.includes(state.filters[f])) list.push(el('option', { value: state.filters[f], text: name(state.filters[f]) }));
    sel.replaceChildren(...list);
    sel.value = state.filters[f];
  };
  const uniq = (xs) => [...new Set(xs)].sort();
  const countries = uniq(orgs.map((d) => d.country || '-').filter((x) => x !== undefined));
  const corridors = uniq(orgs.map((d) => d.corridor || '-'));
  const unknown = (v) => (v === '-' ? t('page_unknown') : v);
  opts('f-country', countries, unknown);
  opts('f-corridor', corridors, unknown);
  const services = new Set(orgs.flatMap((d) => d.services || []));
  opts('f-service', SERVICES.filter((s) => services.has(s)), serviceName);
  opts('f-partner', ['true', 'false'], (v) => (v === 'true' ? t('page_partner') : t('page_ally')));
  const present = new Set(orgs.map((d) => String(d.community)));
  const labels = new Map(current.map.communities.map((c) => [String(c.id), c.label]));
  opts('f-community', current.map.communities.map((c) => String(c.id)).filter((c) => present.has(c)), (v) => labels.get(v) || v);
}

// ---------------------------------------------------------------------------------------
// Views and navigation

function crumbs() {
  const nav = $('crumbs');
  const parts = [];
  if (state.view !== 'overview') {
    parts.push(el('button', { type: 'button', class: 'link', text: t('page_overview'), onclick: () => go('overview') }));
    parts.push(el('span', { class: 'sep', text: '›' }));
    parts.push(el('span', { text: current ? current.map.view.title : '' }));
  }
  nav.replaceChildren(...parts);
}

function titles() {
  $('view-title').textContent = current.map.view.title;
  $('view-subtitle').textContent = current.map.view.subtitle;
  if (mapEl.firstChild) mapEl.firstChild.textContent = current.map.view.title;
  crumbs();
}

let viewToken = 0;
async function showView() {
  const token = ++viewToken;
  const started = performance.now();
  document.body.dataset.state = 'loading';
  setStatus(t('loading'));
  let map;
  try {
    map = await getMap();
  } catch (e) {
    if (token !== viewToken) return;
    document.body.dataset.state = 'error';
    setStatus(`${t('load_failed')} ${e.message}`.trim(), true);
    return;
  }
  if (token !== viewToken) return;
  hovered = null;
  draw(map);
  fit();
  titles();
  fillFilters();
  $('colour').value = state.colour;
  $('size').value = state.size;
  for (const x of TOGGLES) $('t-' + x).checked = state.toggles.has(x);
  setStatus(map.nodes.length ? '' : t('none_found'));
  // The map is on screen at the frame after the one that lays out its nodes (measured
  // without waiting for it: a page in a background tab gets no frames until shown).
  requestAnimationFrame(() => requestAnimationFrame(() => {
    if (token !== viewToken) return;
    const now = performance.now();
    if (!firstDrawn) {
      firstDrawn = true;
      document.body.dataset.drawnMs = String(Math.round(now));
    }
    document.body.dataset.viewMs = String(Math.round(now - started));
    document.body.dataset.drawnNodes = String(current.byId.size);
    document.body.dataset.view = map.view.param;
    document.body.dataset.state = 'drawn';
  }));
  try {
    await restyle();
    if (state.org) await select(state.org, { centre: true, push: false });
    else closePanel(false);
  } catch (e) {
    setStatus(`${t('load_failed')} ${e.message}`.trim(), true);
  }
}

function go(view, { radius = 1, org = '' } = {}) {
  state.view = view;
  state.radius = radius;
  state.org = org;
  // A community filter means nothing inside another view.
  if (view !== 'overview') state.filters.community = '';
  writeUrl(true);
  showView();
}

// ---------------------------------------------------------------------------------------
// The side panel

function closePanel(write = true) {
  $('panel').hidden = true;
  $('panel-body').replaceChildren();
  if (state.org) {
    state.org = '';
    if (write) writeUrl();
    restyle();
  }
}

function openPanel(...children) {
  $('panel-body').replaceChildren(...children);
  $('panel').hidden = false;
  $('panel').scrollTop = 0;
}

function orgButton(o) {
  return el('button', { type: 'button', class: 'link', text: o.name, onclick: () => select(o.id, { centre: true }) });
}

/** Who can introduce two organizations: the first three shared partners. */
function introducers(list) {
  return [el('p', { class: 'muted', text: t('page_introducers') }),
    el('ul', {}, ...list.slice(0, 3).map((i) => el('li', {}, orgButton(i.organization))))];
}

function names(list, total) {
  const frag = el('ul');
  for (const o of list) frag.append(el('li', {}, orgButton(o)));
  if (total > list.length) frag.append(el('li', { text: fill(t('page_more'), { n: int(total - list.length) }) }));
  return frag;
}

async function select(id, { centre = false, push = false } = {}) {
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
  const head = el('div', {},
    el('h2', { text: n.d.label }),
    el('div', { class: 'tags' },
      el('span', { class: 'tag', text: n.d.partner ? t('page_partner') : t('page_ally') }),
      n.d.country ? el('span', { class: 'tag', text: `${t('page_country')}: ${n.d.country}` }) : null,
      n.d.corridor ? el('span', { class: 'tag', text: `${t('page_corridor')}: ${n.d.corridor}` }) : null),
    el('div', { class: 'actions' },
      el('button', { type: 'button', text: t('page_ego'), onclick: () => go('ego/' + id, { org: id }) }),
      el('button', { type: 'button', text: t('page_ego_two'), onclick: () => go('ego/' + id, { radius: 2, org: id }) }),
      current.level === 'organizations' && state.view !== 'community/' + n.d.community
        ? el('button', { type: 'button', text: `${t('page_open_community')} (${n.d.community})`, onclick: () => go('community/' + n.d.community, { org: id }) })
        : null));
  openPanel(head, el('p', { class: 'muted', text: t('loading') }));
  document.body.dataset.panel = 'loading';
  let p;
  try {
    p = await getProfile(id);
  } catch (e) {
    openPanel(head, el('p', { class: 'muted', text: `${t('load_failed')} ${e.message}` }));
    document.body.dataset.panel = 'error';
    return;
  }
  if (state.org !== id) return;
  const sections = [head];
  const community = current.map.communities.find((c) => c.id === n.d.community);
  if (community) sections.push(el('p', { class: 'muted', text: `${t('map_community')} ${community.label}` }));
  sections.push(el('h3', { text: t('page_in_plain_words') }), el('ul', {}, ...p.summary.map((s) => el('li', { text: s }))));
  sections.push(el('h3', { text: t('page_suggestions') }));
  if (!p.suggestions.length) sections.push(el('p', { class: 'muted', text: t('none_found') }));
  for (const s of p.suggestions) {
    const box = el('div', { class: 'suggestion' }, el('strong', {}, orgButton(s.organization)), el('p', { text: s.explanation }));
    if (s.introducers.length) box.append(...introducers(s.introducers));
    sections.push(box);
  }
  const cutPoint = n.d.flags && n.d.flags.cut_point;
  if (cutPoint) {
    sections.push(el('h3', { text: t('page_cuts_toggle') }), el('p', { text: t('page_cuts_off') }),
      names(cutPoint.organizations.flat(), cutPoint.total));
  }
  const services = (list) => el('div', { class: 'tags' }, ...list.map((s) => el('span', { class: 'tag', text: serviceName(s) })));
  sections.push(el('h3', { text: t('page_services_offered') }), services(p.organization.services || []));
  sections.push(el('h3', { text: t('heading_services') }),
    p.services_out_of_reach.length ? services(p.services_out_of_reach) : el('p', { class: 'muted', text: t('none_found') }));
  const rows = [];
  for (const k of PROFILE_METRICS) if (k in p.metrics) rows.push([t('metric_' + k), p.metrics[k]]);
  for (const k of HOLES) if (k in p.structural_holes) rows.push([t('metric_' + k), p.structural_holes[k]]);
  sections.push(el('h3', { text: t('page_metrics') }), el('table', {}, ...rows.map(([k, v]) => el('tr', {}, el('td', { text: k }), el('td', { class: 'num', text: num(v) })))));
  sections.push(el('h3', { text: t('page_roles') }), el('table', {}, ...ROLES.map((r) => el('tr', {}, el('td', { text: t('role_' + r) }), el('td', { class: 'num', text: int(p.brokerage[r] || 0) })))));
  openPanel(...sections);
  document.body.dataset.panel = id;
}

async function showBridge(r) {
  const a = r.a.d; const b = r.b.d;
  const head = [el('h2', { text: current.map.legend.bridge }),
    el('p', {}, orgButton({ id: a.id, name: a.label }), ' — ', orgButton({ id: b.id, name: b.label }))];
  openPanel(...head, el('p', { class: 'muted', text: t('loading') }));
  const words = [];
  try {
    const gaps = await getBridges();
    const item = gaps.bridges.items.find((i) => (i.from.id === a.id && i.to.id === b.id) || (i.from.id === b.id && i.to.id === a.id));
    if (item) words.push(el('p', { text: item.explanation }), el('p', { text: t('page_cuts_off') }), names(item.smaller_side, item.smaller_side_size));
  } catch (e) {
    setStatus(`${t('load_failed')} ${e.message}`, true);
  }
  if (!words.length && r.e.cuts_off) words.push(el('p', { text: fill(t('page_bridge_side'), { n: int(r.e.cuts_off) }) }));
  openPanel(...head, ...words);
}

function showSuggestion(s) {
  const item = s.item.suggestion;
  for (const x of current.suggested) x.el.classList.toggle('selected', x === s);
  const box = el('div', { class: 'suggestion' },
    el('p', {}, t('page_best_tie_for') + ' ', orgButton(s.item.organization)),
    el('strong', {}, orgButton(item.organization)),
    el('p', { class: 'muted', text: s.goal === 'bridge' ? t('page_suggest_bridge') : t('page_suggest_services') }),
    el('p', { text: item.explanation }));
  if (item.introducers.length) box.append(...introducers(item.introducers));
  openPanel(el('h2', { text: t('page_suggested_tie') }), box);
}

// ---------------------------------------------------------------------------------------
// Search

let results = [];
let active = 0;
async function searchSource() {
  if (current && current.level === 'organizations' && state.view === 'overview') {
    return [...current.byId.values()].map((n) => ({ id: n.d.id, name: n.d.label }));
  }
  return getOrgNames();
}

async function search() {
  const q = fold($('search').value.trim());
  const list = $('search-results');
  if (!q) { list.hidden = true; results = []; return; }
  const source = await searchSource();
  if (fold($('search').value.trim()) !== q) return;
  const scored = [];
  for (const o of source) {
    const name = fold(o.name); const i = name.indexOf(q);
    if (i >= 0) scored.push([i === 0 ? 0 : name.includes(' ' + q) ? 1 : 2, o]);
  }
  const drawn = (o) => (current && current.byId.has(o.id) ? 0 : 1);
  scored.sort((a, b) => a[0] - b[0] || drawn(a[1]) - drawn(b[1]) || a[1].name.localeCompare(b[1].name));
  results = scored.slice(0, 12).map((x) => x[1]);
  active = 0;
  list.replaceChildren(...(results.length
    ? results.map((o, i) => el('li', { role: 'option', 'data-id': o.id, class: i === 0 ? 'active' : '', text: o.name, onmousedown: (ev) => { ev.preventDefault(); choose(o); } }))
    : [el('li', { class: 'none', text: t('page_search_none') })]));
  list.hidden = false;
}

function choose(o) {
  $('search-results').hidden = true;
  $('search').value = o.name;
  select(o.id, { centre: true, push: true });
}

function searchKeys(ev) {
  const list = $('search-results');
  if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
    if (!results.length) return;
    active = (active + (ev.key === 'ArrowDown' ? 1 : results.length - 1)) % results.length;
    [...list.children].forEach((li, i) => li.classList.toggle('active', i === active));
    ev.preventDefault();
  } else if (ev.key === 'Enter') {
    if (results[active]) choose(results[active]);
    ev.preventDefault();
  } else if (ev.key === 'Escape') {
    list.hidden = true;
  }
}

// ---------------------------------------------------------------------------------------
// Downloads and the link

function mapCss() {
  const sheet = $('map-css').sheet;
  return sheet ? [...sheet.cssRules].map((r) => r.cssText).join('\n') : '';
}

/** The drawing as shown (what is on screen, with its styles), as a standalone SVG. */
function svgText() {
  const v = visible();
  const w = Math.round(mapEl.clientWidth); const h = Math.round(mapEl.clientHeight);
  const svg = mapEl.cloneNode(true);
  svg.setAttribute('xmlns', SVGNS);
  svg.setAttribute('width', w);
  svg.setAttribute('height', h);
  svg.setAttribute('viewBox', `${v.x} ${v.y} ${v.w} ${v.h}`);
  svg.removeAttribute('class');
  if (mapEl.classList.contains('highlighting')) svg.setAttribute('class', 'highlighting');
  const style = svgEl('style');
  style.textContent = mapCss();
  const bg = svgEl('rect', { x: v.x, y: v.y, width: v.w, height: v.h, fill: '#ffffff' });
  const title = svgEl('text', { x: v.x + 12 / v.scale, y: v.y + 24 / v.scale, 'font-size': 16 / v.scale, 'font-weight': 'bold', fill: '#1d2733' });
  title.textContent = current.map.view.title;
  const sub = svgEl('text', { x: v.x + 12 / v.scale, y: v.y + 42 / v.scale, 'font-size': 12 / v.scale, fill: '#57606a' });
  sub.textContent = `${current.map.view.subtitle} · ${current.map.legend.positions}`;
  svg.insertBefore(bg, svg.firstChild.nextSibling);
  svg.insertBefore(style, svg.firstChild);
  svg.append(title, sub);
  return { text: '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(svg), w, h };
}

function fileName(ext) {
  return 'puentes-' + state.view.replace(/[^a-z0-9_-]+/gi, '-') + '.' + ext;
}

function download(blob, name) {
  const a = el('a', { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

function downloadSvg() {
  download(new Blob([svgText().text], { type: 'image/svg+xml' }), fileName('svg'));
}

function downloadPng() {
  const { text, w, h } = svgText();
  const img = new Image();
  img.onload = () => {
    const k = 2;
    const canvas = el('canvas', { width: w * k, height: h * k });
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    canvas.toBlob((blob) => { if (blob) download(blob, fileName('png')); }, 'image/png');
  };
  img.onerror = () => setStatus(t('load_failed'), true);
  img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(text);
}

async function copyLink() {
  const out = $('copied');
  try {
    await navigator.clipboard.writeText(location.href);
    out.textContent = t('page_link_copied');
  } catch (_) {
    // No clipboard (plain http off localhost): show the link to copy by hand.
    out.replaceChildren(el('a', { href: location.href, text: location.href }));
  }
}

// ---------------------------------------------------------------------------------------
// Pointer: pan, zoom, hover, click

function bindPointer() {
  let drag = null;
  mapEl.addEventListener('pointerdown', (ev) => {
    if (ev.button !== 0) return;
    drag = { x: ev.clientX, y: ev.clientY, vb: { ...vb }, moved: false, id: ev.pointerId };
  });
  mapEl.addEventListener('pointermove', (ev) => {
    if (drag && ev.pointerId === drag.id) {
      const dx = ev.clientX - drag.x; const dy = ev.clientY - drag.y;
      if (!drag.moved && Math.hypot(dx, dy) < 4) return;
      if (!drag.moved) { drag.moved = true; mapEl.setPointerCapture(ev.pointerId); mapEl.classList.add('dragging'); }
      const s = visible().scale;
      setViewBox({ ...drag.vb, x: drag.vb.x - dx / s, y: drag.vb.y - dy / s });
    }
  });
  const end = (ev) => {
    if (!drag || ev.pointerId !== drag.id) return;
    const moved = drag.moved;
    drag = null;
    mapEl.classList.remove('dragging');
    if (moved) return;
    const target = ev.target;
    if (target.classList.contains('node')) select(target.dataset.id, { push: true });
    else if (target.classList.contains('hl-bridge')) {
      const r = current.edges.find((x) => x.el === target);
      if (r) showBridge(r);
    } else if (target.classList.contains('suggested')) {
      const s = current.suggested.find((x) => x.el === target);
      if (s) showSuggestion(s);
    }
  };
  mapEl.addEventListener('pointerup', end);
  mapEl.addEventListener('pointercancel', () => { drag = null; mapEl.classList.remove('dragging'); });
  mapEl.addEventListener('wheel', (ev) => {
    if (!current) return;
    ev.preventDefault();
    const p = toLayout(ev.clientX, ev.clientY);
    zoomAt(Math.exp(-ev.deltaY * (ev.deltaMode === 1 ? 0.05 : 0.0015)), p.x, p.y);
  }, { passive: false });
  mapEl.addEventListener('pointerover', (ev) => {
    if (!current || !ev.target.classList.contains('node')) return;
    const n = current.byId.get(ev.target.dataset.id);
    if (!n || n === hovered) return;
    hovered = n;
    n.el.classList.add('hovered');
    drawFocusLabels();
  });
  mapEl.addEventListener('pointerout', (ev) => {
    if (!current || !hovered || ev.target !== hovered.el) return;
    hovered.el.classList.remove('hovered');
    hovered = null;
    drawFocusLabels();
  });
}

function zoomButton(factor) {
  if (!current) return;
  zoomAt(factor, vb.x + vb.w / 2, vb.y + vb.h / 2);
}

// ---------------------------------------------------------------------------------------
// Controls

function bindControls() {
  bindPointer();
  $('zoom-in').addEventListener('click', () => zoomButton(1.5));
  $('zoom-out').addEventListener('click', () => zoomButton(1 / 1.5));
  $('zoom-fit').addEventListener('click', () => current && fit());
  $('colour').addEventListener('change', (ev) => { state.colour = ev.target.value; writeUrl(); restyle(); });
  $('size').addEventListener('change', (ev) => { state.size = ev.target.value; writeUrl(); restyle(); });
  for (const sel of document.querySelectorAll('[data-filter]')) {
    sel.addEventListener('change', () => { state.filters[sel.dataset.filter] = sel.value; writeUrl(); restyle(); });
  }
  $('clear-filters').addEventListener('click', () => {
    for (const f of FILTERS) state.filters[f] = '';
    for (const sel of document.querySelectorAll('[data-filter]')) sel.value = '';
    writeUrl();
    restyle();
  });
  for (const box of document.querySelectorAll('[data-toggle]')) {
    box.addEventListener('change', () => {
      if (box.checked) state.toggles.add(box.dataset.toggle); else state.toggles.delete(box.dataset.toggle);
      writeUrl();
      restyle().catch((e) => setStatus(`${t('load_failed')} ${e.message}`, true));
    });
  }
  $('gap-service').addEventListener('change', (ev) => { state.gap = ev.target.value; writeUrl(); restyle(); });
  $('panel-close').addEventListener('click', () => closePanel());
  document.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape' && !$('panel').hidden && document.activeElement !== $('search')) closePanel();
  });
  $('search').addEventListener('input', () => { search().catch((e) => setStatus(e.message, true)); });
  $('search').addEventListener('keydown', searchKeys);
  $('search').addEventListener('blur', () => { setTimeout(() => { $('search-results').hidden = true; }, 150); });
  for (const b of document.querySelectorAll('[data-lang]')) b.addEventListener('click', () => switchLang(b.dataset.lang));
  $('download-svg').addEventListener('click', downloadSvg);
  $('download-png').addEventListener('click', downloadPng);
  $('copy-link').addEventListener('click', copyLink);
  $('home').addEventListener('click', (ev) => { ev.preventDefault(); go('overview'); });
  window.addEventListener('popstate', () => {
    const lang = state.lang;
    readUrl();
    if (state.lang !== lang) loadMessages().then(showView); else showView();
  });
  let resize = 0;
  window.addEventListener('resize', () => { clearTimeout(resize); resize = setTimeout(() => current && setViewBox(vb), 100); });
}

async function switchLang(lang) {
  if (lang === state.lang) return;
  state.lang = lang;
  writeUrl();
  document.body.dataset.lang = 'loading';
  await loadMessages();
  if (current) {
    // Positions do not depend on the language: only the words of the view change.
    const map = await getMap();
    current.map.view = map.view;
    current.map.legend = map.legend;
    titles();
    fillFilters();
    await restyle();
    if (state.org) await select(state.org, { push: false });
  }
  document.body.dataset.lang = lang;
}

async function start() {
  readUrl();
  writeUrl();
  bindControls();
  // The map does not wait for the words: both requests go out together.
  getMap().catch(() => { /* showView asks again and reports the error */ });
  try {
    await loadMessages();
  } catch (e) {
    document.body.dataset.state = 'error';
    setStatus(String(e.message), true);
    return;
  }
  document.body.dataset.lang = state.lang;
  await showView();
}

start();
