// Search by name: organizations whose folded name contains what was typed (names starting
// with it first, then words starting with it, then the rest; drawn ones before others, then
// by name), from the drawn overview or from every organization (GET /api/v1/organizations).
// `rank` is pure, tested with `node --test`.

import { api } from './api.js';
import { $, el, setStatus } from './dom.js';
import { select } from './navigate.js';
import { page, state } from './state.js';
import { fold } from './words.js';

/** Results shown at most. */
const SHOWN = 12;

/** The organizations of `source` ({id, name}) matching `query` (already folded), best first:
 *  the name starts with it, then a word of the name does, then it is inside; among equals,
 *  those `drawn(id)` first, then by name; at most `limit`. */
export function rank(source, query, drawn, limit = SHOWN) {
  const scored = [];
  for (const o of source) {
    const name = fold(o.name); const i = name.indexOf(query);
    if (i >= 0) scored.push([i === 0 ? 0 : name.includes(' ' + query) ? 1 : 2, o]);
  }
  const away = (o) => (drawn(o.id) ? 0 : 1);
  scored.sort((a, b) => a[0] - b[0] || away(a[1]) - away(b[1]) || a[1].name.localeCompare(b[1].name));
  return scored.slice(0, limit).map((x) => x[1]);
}

async function searchSource() {
  const current = page.current;
  if (current && current.level === 'organizations' && state.view === 'overview') {
    return [...current.byId.values()].map((n) => ({ id: n.d.id, name: n.d.label }));
  }
  return api.names();
}

/** Wires the search box and its list of results. */
export function bindSearch() {
  const input = $('search');
  const list = $('search-results');
  let results = [];
  let active = 0;

  /** Shows or hides the list, saying so to assistive technology (combobox pattern). */
  const open = (shown) => {
    list.hidden = !shown;
    input.setAttribute('aria-expanded', String(shown));
    if (!shown) input.removeAttribute('aria-activedescendant');
  };
  /** Marks result `i` active: highlighted, selected and announced. */
  const activate = (i) => {
    active = i;
    [...list.children].forEach((li, k) => {
      li.classList.toggle('active', k === i);
      li.setAttribute('aria-selected', String(k === i));
    });
    if (results[i]) input.setAttribute('aria-activedescendant', `search-option-${i}`);
  };

  const choose = (o) => {
    open(false);
    input.value = o.name;
    select(o.id, { centre: true, push: true });
  };

  const search = async () => {
    const q = fold(input.value.trim());
    if (!q) { open(false); results = []; $('search-count').textContent = ''; return; }
    const source = await searchSource();
    if (fold(input.value.trim()) !== q) return;
    const current = page.current;
    results = rank(source, q, (id) => Boolean(current && current.byId.has(id)));
    active = 0;
    list.replaceChildren(...(results.length
      ? results.map((o, i) => el('li', { role: 'option', id: `search-option-${i}`, 'data-id': o.id, text: o.name, onmousedown: (ev) => { ev.preventDefault(); choose(o); } }))
      : [el('li', { class: 'none', role: 'option', 'aria-disabled': 'true', text: page.words.t('page_search_none') })]));
    open(true);
    activate(0);
    $('search-count').textContent = results.length
      ? page.words.fill('page_search_results', { n: page.words.int(results.length) }) : page.words.t('page_search_none');
  };

  input.addEventListener('input', () => { search().catch((e) => setStatus(e.message, true)); });
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      if (!results.length) return;
      activate((active + (ev.key === 'ArrowDown' ? 1 : results.length - 1)) % results.length);
      ev.preventDefault();
    } else if (ev.key === 'Enter') {
      if (results[active]) choose(results[active]);
      ev.preventDefault();
    } else if (ev.key === 'Escape') {
      open(false);
    }
  });
  input.addEventListener('blur', () => { setTimeout(() => open(false), 150); });
}
