// The network over time on the page: the year whose network is drawn (the map's `as_of`; every
// organization keeps its place from year to year), the earlier year it is compared with (ties
// formed since then drawn in one style, ties that ended in another, organizations whose
// findings changed ringed, and the sentences of GET /api/v1/changes beside them), and the
// small charts of the whole-network figures year by year (GET /api/v1/timeline), whose points
// choose the year. The pure parts are changes.js.

import { api } from './api.js';
import { $, el, svgEl } from './dom.js';
import {
  compareChoices, compareMarks, comparedTo, lineChart, organizationChanges, pairKey, yearsOf,
} from './changes.js';
import { showView } from './navigate.js';
import { restyle } from './style.js';
import { page, state, writeUrl } from './state.js';

/** Size of one small chart (CSS pixels). */
const CHART = { w: 220, h: 44 };

/** The years of the data (the map's `years`), or null. */
function dataYears() {
  return page.current && page.current.map.years ? page.current.map.years : null;
}

function options(select, values, label, first) {
  select.replaceChildren(el('option', { value: '', text: first }), ...values.map((v) => el('option', { value: v, text: label(v) })));
}

/** Fills the year controls from the map drawn (hidden when no tie carries a year). */
export function fillTime() {
  const years = dataYears();
  $('time').hidden = !years;
  if (!years) return;
  const words = page.words;
  options($('year'), yearsOf(years), (y) => y, words.t('page_every_year'));
  $('year').value = state.year;
  const to = comparedTo(state.year, years);
  const choices = compareChoices(years, to);
  if (state.compare && !choices.includes(state.compare)) {
    state.compare = '';
    writeUrl();
  }
  options($('compare'), choices, (y) => y, words.t('page_no_comparison'));
  $('compare').value = state.compare;
  if ($('timeline-box').open) drawTimeline();
}

/** Draws the network of `year` ('' the whole network), keeping a comparison that still
 *  starts before it. */
function chooseYear(year) {
  state.year = year;
  const to = comparedTo(year, dataYears());
  if (state.compare && Number(state.compare) >= Number(to)) state.compare = '';
  writeUrl(true);
  showView();
}

export function bindTime() {
  $('year').addEventListener('change', (ev) => chooseYear(ev.target.value));
  $('compare').addEventListener('change', (ev) => {
    state.compare = ev.target.value;
    writeUrl();
    restyle();
  });
  $('timeline-box').addEventListener('toggle', () => { if ($('timeline-box').open) drawTimeline(); });
}

/** The comparison on screen: its `changes` answer and marks, or null (none asked, no years,
 *  or the answer failed: the failure is said in the time section). */
export async function comparison() {
  const years = dataYears();
  if (!state.compare || !years) return null;
  const to = comparedTo(state.year, years);
  try {
    const answer = await api.changes(state.compare, to, state.lang);
    return { answer, marks: compareMarks(answer) };
  } catch (e) {
    $('changes').replaceChildren(el('p', { class: 'muted', text: `${page.words.t('load_failed')} ${e.message}` }));
    return null;
  }
}

/** A line of the comparison's key: a short line drawn as on the map, and its words. */
function keyRow(cls, text) {
  const s = svgEl('svg', { width: 26, height: 10, viewBox: '0 0 26 10', class: 'swatch', 'aria-hidden': 'true' });
  s.append(svgEl('line', { x1: 1, y1: 5, x2: 25, y2: 5, class: cls }));
  return el('div', { class: 'legend-row' }, s, el('span', { text }));
}

/**
 * Shows comparison `c` (from `comparison()`) on the drawing: classes on the ties formed and
 * the organizations whose findings changed are set by style.js from `c.marks`; here the ties
 * that ended are drawn between their two organizations (where both are drawn), and the key and
 * the sentences are written in the time section.
 */
export function showComparison(c) {
  const current = page.current;
  const words = page.words;
  const box = $('changes');
  let g = current.gEnded;
  if (!g) {
    g = svgEl('g', { id: 'ended' });
    current.gEnded = g;
    $('map').insertBefore(g, $('suggested'));
  }
  if (!c) {
    g.replaceChildren();
    if (!state.compare) box.replaceChildren();
    return;
  }
  const { answer, marks } = c;
  const orgs = current.level === 'organizations';
  const lines = [];
  if (orgs) {
    for (const [a, b] of marks.ended) {
      const na = current.byId.get(a); const nb = current.byId.get(b);
      if (!na || !nb) continue;
      lines.push(svgEl('line', { class: 'ended', x1: na.d.x, y1: na.d.y, x2: nb.d.x, y2: nb.d.y, 'data-pair': pairKey(a, b) }));
    }
  }
  g.replaceChildren(...lines);
  const span = { from: String(answer.from), to: String(answer.to) };
  const parts = [
    keyRow('formed', words.fill('page_ties_formed', { ...span, n: words.int(answer.counts.ties_formed) })),
    keyRow('ended', words.fill('page_ties_ended', { ...span, n: words.int(answer.counts.ties_ended) })),
    el('div', { class: 'legend-row' }, el('span', { class: 'key key-changed' }),
      el('span', { text: words.fill('page_finding_changed', { n: words.int(marks.changed.size) }) })),
  ];
  if (!orgs) parts.push(el('p', { class: 'muted', text: words.t('page_compare_needs_organizations') }));
  parts.push(el('ul', { class: 'change-sentences' }, ...answer.sentences.map((s) => el('li', { text: s }))));
  box.replaceChildren(...parts);
}

/** The panel's part on organization `id` under comparison `c`: the ties it formed and ended
 *  since the earlier year, by name; null without a comparison. */
export async function organizationPart(c, id) {
  if (!c) return null;
  const words = page.words;
  const mine = organizationChanges(c.answer, id);
  const names = new Map((await api.names().catch(() => [])).map((o) => [o.id, o.name]));
  const listed = (ids) => ids.map((x) => names.get(x) || x).join(', ');
  const part = [el('h3', { text: words.fill('page_organization_changes', { from: String(c.answer.from) }) })];
  if (!mine.formed.length && !mine.ended.length) part.push(el('p', { class: 'muted', text: words.t('page_organization_no_change') }));
  if (mine.formed.length) part.push(el('p', { text: `${words.fill('page_organization_formed', { n: words.int(mine.formed.length) })} ${listed(mine.formed)}` }));
  if (mine.ended.length) part.push(el('p', { text: `${words.fill('page_organization_ended', { n: words.int(mine.ended.length) })} ${listed(mine.ended)}` }));
  return el('div', { class: 'organization-changes' }, ...part);
}

/** Draws one small chart per whole-network figure (the vocabulary's `network_figures`); a
 *  point is a button that draws the network of its year. */
export async function drawTimeline() {
  const words = page.words;
  const box = $('timeline');
  let rows;
  try {
    rows = await api.timeline();
  } catch (e) {
    box.replaceChildren(el('p', { class: 'muted', text: `${words.t('load_failed')} ${e.message}` }));
    return;
  }
  const charts = [el('p', { class: 'muted', text: words.t('page_timeline_hint') })];
  for (const f of words.vocabulary.network_figures || []) {
    const values = rows.map((r) => (typeof r[f.id] === 'number' ? r[f.id] : null));
    const chart = lineChart(values, CHART.w, CHART.h);
    const svg = svgEl('svg', {
      class: 'spark', width: CHART.w, height: CHART.h, viewBox: `0 0 ${CHART.w} ${CHART.h}`, role: 'img', 'aria-label': f.label,
    });
    svg.append(svgEl('path', { d: chart.d, class: 'spark-line' }));
    chart.points.forEach((p, i) => {
      if (p.y === null) return;
      const year = String(rows[i].year);
      const dot = svgEl('circle', {
        cx: p.x, cy: p.y, r: 3.5, class: 'spark-dot' + (year === state.year ? ' chosen' : ''), tabindex: 0, role: 'button',
        'aria-label': `${year}: ${words.num(p.value)}`,
      });
      const title = svgEl('title');
      title.textContent = `${year}: ${words.num(p.value)}`;
      dot.append(title);
      dot.addEventListener('click', () => chooseYear(year));
      dot.addEventListener('keydown', (ev) => { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); chooseYear(year); } });
      svg.append(dot);
    });
    const first = rows.length ? rows[0].year : '';
    const last = rows.length ? rows[rows.length - 1].year : '';
    charts.push(el('figure', { class: 'spark-box' },
      el('figcaption', { text: `${f.label}: ${words.num(chart.points.length ? values[values.length - 1] : null)} (${last})` }),
      svg,
      el('div', { class: 'spark-axis muted' }, el('span', { text: String(first) }), el('span', { text: String(last) }))));
  }
  box.replaceChildren(...charts);
}
