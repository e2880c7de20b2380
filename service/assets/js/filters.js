// The filters (country, corridor, service, portfolio partner or ally, community): which
// organizations a filter keeps (pure, tested with `node --test`) and the choices each filter
// offers in the drawn view.

import { $, el } from './dom.js';
import { page, state } from './state.js';

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

/** The values each filter offers for organizations `orgs`: countries and corridors sorted
 *  ('-' for unknown), the services of `services` (in that order) that some offer, partner or
 *  ally, and the communities of `communities` (in that order) that some belong to. */
export function choices(orgs, services, communities) {
  const uniq = (xs) => [...new Set(xs)].sort();
  const offered = new Set(orgs.flatMap((d) => d.services || []));
  const present = new Set(orgs.map((d) => String(d.community)));
  return {
    country: uniq(orgs.map((d) => d.country || '-')),
    corridor: uniq(orgs.map((d) => d.corridor || '-')),
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
    const list = [el('option', { value: '', text: words.t('page_all') })];
    for (const v of values) list.push(el('option', { value: v, text: name(v) }));
    // A value from the link that this view lacks stays selectable.
    if (state.filters[f] && !values.includes(state.filters[f])) list.push(el('option', { value: state.filters[f], text: name(state.filters[f]) }));
    sel.replaceChildren(...list);
    sel.value = state.filters[f];
  };
  const c = choices(orgs, words.ids('services'), current.map.communities);
  const unknown = (v) => (v === '-' ? words.t('page_unknown') : v);
  opts('f-country', c.country, unknown);
  opts('f-corridor', c.corridor, unknown);
  opts('f-service', c.service, (s) => words.service(s));
  opts('f-partner', c.partner, (v) => (v === 'true' ? words.t('page_partner') : words.t('page_ally')));
  const labels = new Map(current.map.communities.map((x) => [String(x.id), x.label]));
  opts('f-community', c.community, (v) => labels.get(v) || v);
}
