// The side panel: an organization (what the profile says of it in plain words, its suggested
// partners and who can introduce them, what it cuts off, its services, metrics, structural
// holes and brokerage roles), a clicked bridge, or a clicked suggested tie.

import { api } from './api.js';
import { $, el, setStatus } from './dom.js';
import { go, select } from './navigate.js';
import { restyle } from './style.js';
import { page, state, writeUrl } from './state.js';
import { organizationPart, comparison } from './time.js';
import { placeName } from './words.js';

/** Closes the panel and unselects the organization (writing the URL when `write`). */
export function closePanel(write = true) {
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
  return [el('p', { class: 'muted', text: page.words.t('page_introducers') }),
    el('ul', {}, ...list.slice(0, 3).map((i) => el('li', {}, orgButton(i.organization))))];
}

/** A list of organizations, with "and N more" when it holds `total`. */
function names(list, total) {
  const frag = el('ul');
  for (const o of list) frag.append(el('li', {}, orgButton(o)));
  const more = page.words.more(list.length, total);
  if (more) frag.append(el('li', { text: more }));
  return frag;
}

/** A table of `[label, value]` rows. */
function table(rows) {
  return el('table', {}, ...rows.map(([k, v]) => el('tr', {}, el('td', { text: k }), el('td', { class: 'num', text: v }))));
}

/** The panel of the drawn organization `n`: its name and actions at once, then its profile
 *  (GET /api/v1/organizations/{id}/profile). */
export async function showOrganization(n) {
  const words = page.words;
  const current = page.current;
  const id = n.d.id;
  const places = current.map.places;
  const community = current.map.communities.find((c) => c.id === n.d.community);
  const head = el('div', {},
    el('h2', { text: n.d.label }),
    el('div', { class: 'tags' },
      el('span', { class: 'tag', text: n.d.partner ? words.t('page_partner') : words.t('page_ally') }),
      n.d.country ? el('span', { class: 'tag', text: `${words.t('page_country')}: ${placeName(places, 'country', n.d.country)}` }) : null,
      n.d.corridor ? el('span', { class: 'tag', text: `${words.t('page_corridor')}: ${placeName(places, 'corridor', n.d.corridor)}` }) : null),
    el('div', { class: 'actions' },
      el('button', { type: 'button', text: words.t('page_ego'), onclick: () => go('ego/' + id, { org: id }) }),
      el('button', { type: 'button', text: words.t('page_ego_two'), onclick: () => go('ego/' + id, { radius: 2, org: id }) }),
      current.level === 'organizations' && state.view !== 'community/' + n.d.community
        ? el('button', { type: 'button', text: `${words.t('page_open_community')}: “${community ? community.label : n.d.community}”`, onclick: () => go('community/' + n.d.community, { org: id }) })
        : null));
  openPanel(head, el('p', { class: 'muted', text: words.t('loading') }));
  document.body.dataset.panel = 'loading';
  let p;
  try {
    p = await api.profile(id, state.lang);
  } catch (e) {
    openPanel(head, el('p', { class: 'muted', text: `${words.t('load_failed')} ${e.message}` }));
    document.body.dataset.panel = 'error';
    return;
  }
  if (state.org !== id) return;
  const sections = [head];
  if (community) {
    const about = community.description ? `: ${community.description}` : '';
    sections.push(el('p', { class: 'muted', text: `${words.t('map_community')} “${community.label}”${about}` }));
  }
  sections.push(el('h3', { text: words.t('page_in_plain_words') }), el('ul', {}, ...p.summary.map((s) => el('li', { text: s }))));
  const changed = await organizationPart(await comparison(), id);
  if (state.org !== id) return;
  if (changed) sections.push(changed);
  sections.push(el('h3', { text: words.t('page_suggestions') }));
  if (!p.suggestions.length) sections.push(el('p', { class: 'muted', text: words.t('none_found') }));
  for (const s of p.suggestions) {
    const box = el('div', { class: 'suggestion' }, el('strong', {}, orgButton(s.organization)), el('p', { text: s.explanation }));
    if (s.introducers.length) box.append(...introducers(s.introducers));
    sections.push(box);
  }
  const cutPoint = n.d.flags && n.d.flags.cut_point;
  if (cutPoint) {
    sections.push(el('h3', { text: words.t('page_cuts_toggle') }), el('p', { text: words.t('page_cuts_off') }),
      names(cutPoint.organizations.flat(), cutPoint.total));
  }
  const services = (list) => el('div', { class: 'tags' }, ...list.map((s) => el('span', { class: 'tag', text: words.service(s) })));
  sections.push(el('h3', { text: words.t('page_services_offered') }), services(p.organization.services || []));
  const noData = p.service_data === false;
  sections.push(el('h3', { text: words.t('heading_services') }),
    p.services_out_of_reach.length ? services(p.services_out_of_reach)
      : el('p', { class: 'muted', text: words.t(noData ? 'page_no_service_data' : 'none_found') }));
  const rows = [];
  for (const m of words.vocabulary.metrics || []) if (m.id in p.metrics) rows.push([m.label, words.num(p.metrics[m.id])]);
  for (const h of words.vocabulary.structural_holes || []) if (h.id in p.structural_holes) rows.push([h.label, words.num(p.structural_holes[h.id])]);
  sections.push(el('h3', { text: words.t('page_metrics') }), table(rows));
  sections.push(el('h3', { text: words.t('page_roles') }),
    table((words.vocabulary.brokerage_roles || []).map((r) => [r.label, words.int(p.brokerage[r.id] || 0)])));
  openPanel(...sections);
  document.body.dataset.panel = id;
}

/** The panel of a clicked bridge (`r`: an edge record of the drawing): what it cuts off. */
export async function showBridge(r) {
  const words = page.words;
  const a = r.a.d; const b = r.b.d;
  const head = [el('h2', { text: page.current.map.legend.bridge }),
    el('p', {}, orgButton({ id: a.id, name: a.label }), ' — ', orgButton({ id: b.id, name: b.label }))];
  openPanel(...head, el('p', { class: 'muted', text: words.t('loading') }));
  const said = [];
  try {
    const gaps = await api.bridges(state.lang);
    const item = gaps.bridges.items.find((i) => (i.from.id === a.id && i.to.id === b.id) || (i.from.id === b.id && i.to.id === a.id));
    if (item) said.push(el('p', { text: item.explanation }), el('p', { text: words.t('page_cuts_off') }), names(item.smaller_side, item.smaller_side_size));
  } catch (e) {
    setStatus(`${words.t('load_failed')} ${e.message}`, true);
  }
  if (!said.length && r.e.cuts_off) said.push(el('p', { text: words.fill('page_bridge_side', { n: words.int(r.e.cuts_off) }) }));
  openPanel(...head, ...said);
}

/** The panel of a clicked suggested tie (`s`: one of `page.current.suggested`). */
export function showSuggestion(s) {
  const words = page.words;
  const item = s.item.suggestion;
  for (const x of page.current.suggested) x.el.classList.toggle('selected', x === s);
  const box = el('div', { class: 'suggestion' },
    el('p', {}, words.t('page_best_tie_for') + ' ', orgButton(s.item.organization)),
    el('strong', {}, orgButton(item.organization)),
    el('p', { class: 'muted', text: s.goal === 'bridge' ? words.t('page_suggest_bridge') : words.t('page_suggest_services') }),
    el('p', { text: item.explanation }));
  if (item.introducers.length) box.append(...introducers(item.introducers));
  openPanel(el('h2', { text: words.t('page_suggested_tie') }), box);
}
