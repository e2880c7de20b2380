// The one place the page's state lives.
//
// `state` is the view a link restores: it is read from the URL (`decode`) and written back
// to it (`encode`) whenever a control changes, so "Copy link" gives the whole view. `page`
// holds what is not in the link: the words of the language, the vocabulary, the drawing on
// screen and the part of the layout shown. `decode` and `encode` are pure (no DOM), tested
// with `node --test`.

import { Words } from './words.js';

/** Findings that can be shown, in the order `show=` lists them. */
export const TOGGLES = ['peripheral', 'cuts', 'gaps', 'suggestions'];
/** Filters, in the order the link lists them. */
export const FILTERS = ['country', 'corridor', 'service', 'partner', 'community', 'tie_kind', 'strength', 'tie_year'];
/** Languages of the page. */
export const LANGS = ['es', 'en'];
/** Colour and size when the link names none. */
export const DEFAULT_COLOUR = 'community';
export const DEFAULT_SIZE = 'degree';

/**
 * The view a query string (`location.search`) describes; values it does not allow fall back
 * to the defaults.
 *  - `colours`, `sizes`: the colour and size choices the page offers;
 *  - `lang`: the language when the link names none (the browser's).
 */
export function decode(search, { colours, sizes, lang }) {
  const q = new URLSearchParams(search);
  const pick = (value, allowed, fallback) => (allowed.includes(value) ? value : fallback);
  const filters = {};
  for (const f of FILTERS) filters[f] = q.get(f) || '';
  return {
    view: q.get('view') || 'overview',
    radius: q.get('radius') === '2' ? 2 : 1,
    lang: pick(q.get('lang'), LANGS, lang),
    colour: pick(q.get('colour'), colours, DEFAULT_COLOUR),
    size: pick(q.get('size'), sizes, DEFAULT_SIZE),
    filters,
    toggles: new Set((q.get('show') || '').split(',').filter((x) => TOGGLES.includes(x))),
    gap: q.get('gap') || '',
    org: q.get('org') || '',
    // The network of a year (the map's `as_of`): four digits, or the whole network.
    year: /^\d{4}$/.test(q.get('year') || '') ? q.get('year') : '',
    // The earlier year the drawing is compared with (/api/v1/changes from it to `year`).
    compare: /^\d{4}$/.test(q.get('compare') || '') ? q.get('compare') : '',
  };
}

/** The query string of view `s`: defaults left out, slashes readable (view=community/3). */
export function encode(s) {
  const parts = [['view', s.view]];
  if (s.view.startsWith('ego/') && s.radius === 2) parts.push(['radius', '2']);
  parts.push(['lang', s.lang]);
  if (s.colour !== DEFAULT_COLOUR) parts.push(['colour', s.colour]);
  if (s.size !== DEFAULT_SIZE) parts.push(['size', s.size]);
  for (const f of FILTERS) if (s.filters[f]) parts.push([f, s.filters[f]]);
  if (s.toggles.size) parts.push(['show', TOGGLES.filter((x) => s.toggles.has(x)).join(',')]);
  if (s.gap) parts.push(['gap', s.gap]);
  if (s.org) parts.push(['org', s.org]);
  if (s.year) parts.push(['year', s.year]);
  if (s.compare) parts.push(['compare', s.compare]);
  return '?' + parts.map(([k, v]) => k + '=' + encodeURIComponent(v).replace(/%2F/g, '/')).join('&');
}

/** The language a browser saying `language` (navigator.language) reads: es or en. */
export function browserLang(language) {
  return (language || 'en').toLowerCase().startsWith('es') ? 'es' : 'en';
}

/** The view on screen (what the link says). */
export const state = decode('', { colours: [DEFAULT_COLOUR], sizes: [DEFAULT_SIZE], lang: 'en' });

/** What the link does not hold. */
export const page = {
  /** The labels and number format of `state.lang` (GET /api/v1/messages). */
  words: new Words(),
  /** The drawing of the current view: the payload, nodes by id, SVG groups (draw.js). */
  current: null,
  /** The viewBox: the part of the layout on screen. */
  vb: { x: 0, y: 0, w: 1000, h: 1000 },
  /** The organization under the pointer. */
  hovered: null,
  /** Counts the views asked for; an answer for an older one is dropped. */
  viewToken: 0,
  /** Whether a first map has been drawn (for data-drawn-ms). */
  firstDrawn: false,
};

/** Sets `state` from the address bar. */
export function readUrl(options) {
  Object.assign(state, decode(location.search, options));
}

/** Writes `state` to the address bar (a new history entry when `push`). */
export function writeUrl(push = false) {
  const url = encode(state);
  if (url === location.search) return;
  if (push) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}
