// The network map page: plain ES modules, no framework, no bundler, no network beyond this
// origin. It draws GET /api/v1/map as SVG and reads the planner's findings from the same API;
// every word comes from it too (GET /api/v1/messages: the page's labels; GET
// /api/v1/vocabulary: the services, metrics, structural holes and brokerage roles, with their
// labels), so the page keeps no copy of any list of the server.
// This module wires the controls to the state and starts the page; each other module has one
// job (state.js: the state and its URL; api.js: requests; draw.js: the SVG; style.js,
// findings.js, filters.js, legend.js: what the drawing shows; panel.js: the side panel;
// search.js, pointer.js, downloads.js: the other controls; time.js: the year drawn, the
// comparison with an earlier year and the timeline (changes.js: its pure part); admin.js: the Admin panel, where
// an admin decides the names a survey import left in review (review.js: its pure part); words.js, geometry.js,
// colours.js: pure helpers tested with `node --test`).

import { bindAdmin } from './admin.js';
import { api } from './api.js';
import { $, setStatus } from './dom.js';
import { fillFilters } from './filters.js';
import { bindKeys } from './keys.js';
import { bindPointer } from './pointer.js';
import { go, select, showView, titles } from './navigate.js';
import { closePanel } from './panel.js';
import { bindSearch } from './search.js';
import { copyLink, downloadPng, downloadSvg } from './downloads.js';
import { mapMetrics, restyle } from './style.js';
import { bindTime, fillTime } from './time.js';
import { FILTERS, browserLang, page, readUrl, state, writeUrl } from './state.js';
import { Words } from './words.js';

/** What the link may say: the colour and size choices of index.html, the browser's language. */
function urlOptions() {
  return {
    colours: [...$('colour').options].map((o) => o.value),
    sizes: mapMetrics(),
    lang: browserLang(navigator.language),
  };
}

/** Loads the words of `state.lang` (the page's labels and the vocabularies, together) and
 *  writes every fixed word of the page. */
async function loadWords() {
  const [messages, vocabulary] = await Promise.all([api.messages(state.lang), api.vocabulary(state.lang)]);
  const words = new Words(messages, vocabulary);
  page.words = words;
  document.documentElement.lang = state.lang;
  for (const e of document.querySelectorAll('[data-msg]')) e.textContent = words.t(e.dataset.msg);
  for (const e of document.querySelectorAll('[data-msg-placeholder]')) e.placeholder = words.t(e.dataset.msgPlaceholder);
  for (const e of document.querySelectorAll('[data-msg-title]')) {
    e.title = words.t(e.dataset.msgTitle);
    e.setAttribute('aria-label', e.title);
  }
  for (const e of document.querySelectorAll('[data-msg-label]')) e.setAttribute('aria-label', words.t(e.dataset.msgLabel));
  for (const b of document.querySelectorAll('[data-lang]')) b.setAttribute('aria-pressed', String(b.dataset.lang === state.lang));
  document.dispatchEvent(new Event('puentes:words'));
}

/** Redraws after a control changed the state. */
function changed() {
  writeUrl();
  restyle();
}

function bindControls() {
  bindPointer();
  bindKeys();
  bindSearch();
  bindAdmin();
  bindTime();
  $('colour').addEventListener('change', (ev) => { state.colour = ev.target.value; changed(); });
  $('size').addEventListener('change', (ev) => { state.size = ev.target.value; changed(); });
  for (const sel of document.querySelectorAll('[data-filter]')) {
    sel.addEventListener('change', () => { state.filters[sel.dataset.filter] = sel.value; changed(); });
  }
  $('clear-filters').addEventListener('click', () => {
    for (const f of FILTERS) state.filters[f] = '';
    for (const sel of document.querySelectorAll('[data-filter]')) sel.value = '';
    changed();
  });
  for (const box of document.querySelectorAll('[data-toggle]')) {
    box.addEventListener('change', () => {
      if (box.checked) state.toggles.add(box.dataset.toggle); else state.toggles.delete(box.dataset.toggle);
      writeUrl();
      restyle().catch((e) => setStatus(`${page.words.t('load_failed')} ${e.message}`, true));
    });
  }
  $('gap-service').addEventListener('change', (ev) => { state.gap = ev.target.value; changed(); });
  $('panel-close').addEventListener('click', () => closePanel());
  document.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape' && !$('panel').hidden && document.activeElement !== $('search')) closePanel();
  });
  for (const b of document.querySelectorAll('[data-lang]')) b.addEventListener('click', () => switchLang(b.dataset.lang));
  $('download-svg').addEventListener('click', downloadSvg);
  $('download-png').addEventListener('click', downloadPng);
  $('copy-link').addEventListener('click', copyLink);
  $('home').addEventListener('click', (ev) => { ev.preventDefault(); go('overview'); });
  window.addEventListener('popstate', () => {
    const lang = state.lang;
    readUrl(urlOptions());
    if (state.lang !== lang) loadWords().then(showView); else showView();
  });
}

async function switchLang(lang) {
  if (lang === state.lang) return;
  state.lang = lang;
  writeUrl();
  document.body.dataset.lang = 'loading';
  await loadWords();
  const current = page.current;
  if (current) {
    // Positions do not depend on the language: only the words of the view change.
    const map = await api.map(state.view, state.radius, state.lang, state.year);
    current.map.view = map.view;
    current.map.legend = map.legend;
    titles();
    fillFilters();
    fillTime();
    await restyle();
    if (state.org) await select(state.org, { push: false });
  }
  document.body.dataset.lang = lang;
}

async function start() {
  readUrl(urlOptions());
  writeUrl();
  bindControls();
  // The map does not wait for the words: both requests go out together.
  api.map(state.view, state.radius, state.lang, state.year).catch(() => { /* showView asks again and reports the error */ });
  try {
    await loadWords();
  } catch (e) {
    document.body.dataset.state = 'error';
    setStatus(String(e.message), true);
    return;
  }
  document.body.dataset.lang = state.lang;
  await showView();
}

start();
