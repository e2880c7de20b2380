// The filters (country, corridor, service, portfolio partner or ally, community): which
// organizations a filter keeps (pure, tested with `node --test`) and the choices each filter
// offers in the drawn view.

import { $, el } from './dom.js';
import { page, state } from './state.js';
import { placeName } from './words.js';

/** Whether organization `d` (a map node) passes `filters`; '-' stands for "unknown". */
export function matches(d, filters) {
  const f = filters;
  if (f.country && (d.country || '') !== (f.country === '-' ? '' : f.country)) return false;
  if (f.corridor && (d.corridor || '') !== (f.corridor === '-' ? '' : f.corridor)) return false;
  if (f.service && !(d.services || []).includes(f.service)) return false;
  if (f.partner && String(d.partner) !== f.partner) return false;
  if (f.community && String(d.community) !== f.community) return false;
  return true;
}

/** The catalogue label that means "keep everything" for each filter: Spanish agrees it with
 *  the noun (país, corredor, servicio: "Todos"; comunidad, socias y aliadas: "Todas"). */
export const ALL_LABEL = {
  country: 'page_all_masculine',
  corridor: 'page_all_masculine',
  service: 'page_all_masculine',
  partner: 'page_all',
  community: 'page_all',
  tie_kind: 'page_all_masculine',
  strength: 'page_all',
  tie_year: 'page_all_masculine',
};

/** Whether map edge `e` passes the tie filters of `filters` (`tie_kind`, `strength`: at
 *  least, `tie_year`: active that year): some tie of the pair (`e.detail`) passes them all.
 *  Edges without detail (between communities) always pass. */
export function tiePasses(e, filters) {
  const kind = filters.tie_kind; const strength = Number(filters.strength) || 0;
  const year = Number(filters.tie_year) || 0;
  if (!kind && !strength && !year) return true;
  if (!e.detail || !e.detail.length) return true;
  return e.detail.some((t) => (!kind || t.kind === kind) && t.strength >= strength
    && (!year || ((t.since ?? -Infinity) <= year && (t.until ?? Infinity) >= year)));
}

/** The years some tie of `edges` was active in (from its `since`, or the first year known,
 *  to its `until`, or the last year known), ascending. */
export function tieYears(edges) {
  const ties = edges.flatMap((e) => e.detail || []);
  const known = ties.flatMap((t) => [t.since, t.until]).filter((y) => Number.isInteger(y));
  if (!known.length) return [];
  const lo = Math.min(...known); const hi = Math.max(...known);
  const years = new Set();
  for (const t of ties) {
    if (t.since === undefined && t.until === undefined) continue;
    for (let y = t.since ?? lo; y <= (t.until ?? hi); y += 1) years.add(y);
  }
  return [...years].sort((a, b) => a - b);
}

/** The values each filter offers for organizations `orgs`: countries and corridors sorted by
 *  their words in `places` (a map's `places`; '-' for unknown, first), the services of
 *  `services` (in that order) that some offer, partner or ally, and the communities of
 *  `communities` (in that order) that some belong to. */
export function choices(orgs, services, communities, places = {}) {
  const uniq = (kind, xs) => [...new Set(xs)].sort((a, b) => (a === '-' ? -1 : b === '-' ? 1
    : placeName(places, kind, a).localeCompare(placeName(places, kind, b))));
  const offered = new Set(orgs.flatMap((d) => d.services || []));
  const present = new Set(orgs.map((d) => String(d.community)));
  return {
    country: uniq('country', orgs.map((d) => d.country || '-')),
    corridor: uniq('corridor', orgs.map((d) => d.corridor || '-')),
    service: services.filter((s) => offered.has(s)),
    partner: ['true', 'false'],
    community: communities.map((c) => String(c.id)).filter((c) => present.has(c)),
  };
}

/** Fills the filter menus with the choices of the drawn view. */
export function fillFilters() {
  const words = page.words;
  const current = page.current;
  const orgs = [...current.byId.values()].map((n) => n.d);
  const opts = (id, values, name) => {
    const sel = $(id);
    const f = sel.dataset.filter;
    const list = [el('option', { value: '', text: words.t(ALL_LABEL[f]) })];
    for (const v of values) list.push(el('option', { value: v, text: name(v) }));
    // A value from the link that this view lacks stays selectable.
    if (state.filters[f] && !values.includes(state.filters[f])) list.push(el('option', { value: state.filters[f], text: name(state.filters[f]) }));
    sel.replaceChildren(...list);
    sel.value = state.filters[f];
  };
  const places = current.map.places;
  const c = choices(orgs, words.ids('services'), current.map.communities, places);
  const place = (kind) => (v) => (v === '-' ? words.t('page_unknown') : placeName(places, kind, v));
  opts('f-country', c.country, place('country'));
  opts('f-corridor', c.corridor, place('corridor'));
  opts('f-service', c.service, (s) => words.service(s));
  opts('f-partner', c.partner, (v) => (v === 'true' ? words.t('page_partner') : words.t('page_ally')));
  const labels = new Map(current.map.communities.map((x) => [String(x.id), x.label]));
  opts('f-community', c.community, (v) => labels.get(v) || v);
  const kinds = new Set(current.map.edges.flatMap((e) => (e.detail || []).map((t) => t.kind)));
  opts('f-tie-kind', words.ids('tie_kinds').filter((k) => kinds.has(k)), (k) => words.term('tie_kinds', k));
  opts('f-strength', ['2', '3', '4', '5'], (n) => words.fill('page_strength_at_least', { n }));
  opts('f-tie-year', tieYears(current.map.edges).map(String), (y) => y);
}
