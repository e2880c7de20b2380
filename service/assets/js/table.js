// The drawn view as a table, the map's alternative for screen readers, keyboards and people
// who prefer lists (as Gephi Lite's users expect): each organization (or community) with its
// community, its ties and its findings; sorted by any column; a name opens it as a click on
// the map would. `tableRows` and `sortRows` are pure, tested with `node --test`.

import { $, el } from './dom.js';
import { select } from './navigate.js';
import { page } from './state.js';

/** The rows of the drawn `nodes` (map nodes) not in `out` (ids filtered out): id, name,
 *  community name (from `communities`), size (ties or members) and findings (the legend's
 *  words in `legend`). */
export function tableRows(nodes, communities, legend, out = new Set()) {
  const names = new Map(communities.map((c) => [c.id, c.label]));
  return nodes.filter((d) => !out.has(d.id)).map((d) => {
    const f = d.flags || {};
    const findings = [];
    if (f.isolated) findings.push(legend.isolated); else if (f.peripheral) findings.push(legend.peripheral);
    if (f.cut_point) findings.push(legend.cut_point.split(':')[0]);
    return { id: d.id, name: d.label, community: names.get(d.community) || '', size: d.size, findings: findings.join(', ') };
  });
}

/** `rows` sorted by `key` (numbers by value, text in the language's order), ascending or not;
 *  ties by name. */
export function sortRows(rows, key, ascending = true) {
  const dir = ascending ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = a[key]; const y = b[key];
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return dir * c || a.name.localeCompare(b.name);
  });
}

/** Columns: key and header. */
function columns(words, map) {
  return [
    ['name', words.t('page_column_name')],
    ['community', words.t('map_community')],
    ['size', map.view.level === 'communities' ? words.t('map_size_members') : words.t('metric_degree')],
    ['findings', words.t('page_findings')],
  ];
}

/** Writes the table of the drawn view (sorted as last asked). */
export function orgTable() {
  const current = page.current;
  const words = page.words;
  if (!current || !words) return;
  const sort = page.tableSort || { key: 'size', ascending: false };
  const out = new Set([...current.byId.values()].filter((n) => n.el.classList.contains('out')).map((n) => n.d.id));
  const rows = sortRows(tableRows(current.map.nodes, current.map.communities, current.map.legend, out), sort.key, sort.ascending);
  const head = el('tr', {}, ...columns(words, current.map).map(([key, text]) => {
    const sorted = sort.key === key ? (sort.ascending ? 'ascending' : 'descending') : 'none';
    return el('th', { scope: 'col', 'aria-sort': sorted }, el('button', {
      type: 'button', class: 'link', text,
      onclick: () => { page.tableSort = { key, ascending: sort.key === key ? !sort.ascending : key !== 'size' }; orgTable(); },
    }));
  }));
  const body = rows.map((r) => el('tr', {},
    el('th', { scope: 'row' }, el('button', { type: 'button', class: 'link', text: r.name, onclick: () => select(r.id, { centre: true }) })),
    el('td', { text: r.community }),
    el('td', { class: 'num', text: words.int(r.size) }),
    el('td', { text: r.findings })));
  $('org-table').replaceChildren(el('thead', {}, head), el('tbody', {}, ...body));
}
