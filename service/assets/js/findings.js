// The findings toggled on (isolated and peripheral organizations, cut points and bridges,
// organizations lacking a service, suggested ties): which drawn organizations each one
// highlights, read from the map payload's flags, GET /api/v1/gaps and GET /api/v1/suggestions.

import { api } from './api.js';
import { $, el } from './dom.js';
import { page, state } from './state.js';

/** Goals of the suggested ties drawn. */
const GOALS = ['bridge', 'services'];

/** Highlight classes of each drawn organization under the findings toggled on (`hl`: id →
 *  ' hl-…' classes), the notes under the toggles, and the number of bridges. Fills the
 *  service menu of the gaps toggle and `page.current.suggested`. */
export async function findings() {
  const current = page.current;
  const words = page.words;
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
    // Service gaps: one item per service, so a page of as many items holds them all.
    const gaps = await api.gaps(words.ids('services').length, state.lang);
    const items = gaps.service_gaps.items;
    if (!state.gap || !items.some((g) => g.service === state.gap)) state.gap = items.length ? items[0].service : '';
    gapSelect.replaceChildren(...items.map((g) => el('option', { value: g.service, text: `${words.service(g.service)} (${words.int(g.lacking)})` })));
    gapSelect.value = state.gap;
    const item = items.find((g) => g.service === state.gap);
    if (on('gaps')) {
      if (!item) notes.gaps = words.t('none_found');
      else {
        for (const o of item.organizations) add(o.id, 'hl-gap');
        if (item.organizations.length < item.lacking) {
          notes.gaps = words.fill('page_gaps_listed', { shown: words.int(item.organizations.length), total: words.int(item.lacking) });
        }
      }
    }
  }
  gapSelect.hidden = !on('gaps');
  current.suggested = [];
  if (on('suggestions')) {
    let total = 0;
    for (const goal of GOALS) {
      const s = await api.suggestions(goal, state.lang);
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
    notes.suggestions = words.fill('page_suggestions_shown', { shown: words.int(current.suggested.length), total: words.int(total) });
  }
  return { hl, notes, bridges };
}
