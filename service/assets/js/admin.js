// The Admin panel: an admin types the token, sees the names the last survey import left in
// review (each with who wrote it and its candidates), decides each one (a candidate, a new
// organization, skip, or later) and saves; the decisions become aliases exactly as
// `puentes import --aliases` makes them (POST /api/v1/import/review). The token lives in one
// variable of this panel's closure while the page is open: never in the URL, the state, the
// link, localStorage, sessionStorage or a cookie. The pure parts are in review.js.

import { api } from './api.js';
import { $, el } from './dom.js';
import { page, state } from './state.js';
import { choicesFor, decisionsPayload, refusalLines, reviewRequest } from './review.js';

/** Sends a review request; the answer's JSON, or an Error whose `lines` word the refusal. */
async function send(token, body) {
  const { url, init } = reviewRequest(location.origin, token, state.lang, body);
  api.busy(1);
  try {
    const r = await fetch(url, init);
    let answer = null;
    try { answer = await r.json(); } catch (_) { /* not JSON */ }
    if (!r.ok) {
      const e = new Error(refusalLines(answer, r.status).join('\n'));
      e.lines = refusalLines(answer, r.status);
      throw e;
    }
    return answer;
  } finally {
    api.busy(-1);
  }
}

/** Writes `lines` under the panel's title (an error in red). */
function say(lines, error = false) {
  const s = $('admin-status');
  s.replaceChildren(...lines.map((l) => el('p', { text: l })));
  s.classList.toggle('error', error);
}

/** The form of the pending names of `list` (GET /api/v1/import/review). */
function showList(list) {
  const words = page.words;
  const names = list.names;
  const form = $('admin-names');
  if (list.year === null) {
    say([words.t('admin_none_imported')]);
    form.replaceChildren();
    $('admin-save').hidden = true;
    return;
  }
  const summary = names.length === 0
    ? words.t('admin_nothing_pending')
    : words.fill('admin_wave', { year: String(list.year), file: list.responses, n: words.int(names.length) });
  say([summary]);
  form.replaceChildren(...names.map((item, i) => el('fieldset', { class: 'pending', 'data-raw': item.raw },
    el('legend', { text: item.raw }),
    el('p', { class: 'muted', text: words.fill('admin_written_by', {
      who: item.written_by.map((w) => w.name).join(', '),
      lines: item.lines.join(', '),
    }) }),
    ...choicesFor(item, words).map((c, k) => el('label', { class: 'choice' },
      el('input', Object.assign({ type: 'radio', name: 'decision-' + i, value: c.value }, k === 0 ? { checked: '' } : {})),
      ' ' + c.label)))));
  $('admin-save').hidden = names.length === 0;
}

/** The value picked for each pending name, in the list's order. */
function picked(count) {
  const out = [];
  for (let i = 0; i < count; i += 1) {
    const on = document.querySelector(`input[name="decision-${i}"]:checked`);
    out.push(on ? on.value : '');
  }
  return out;
}

/** Wires the Admin button and panel. */
export function bindAdmin() {
  // The token and the list shown, for this page's life only.
  const session = { token: '', list: null };
  const load = async () => {
    session.token = $('admin-token').value.trim();
    if (!session.token) return;
    say([page.words.t('loading')]);
    try {
      session.list = await send(session.token);
      showList(session.list);
    } catch (e) {
      $('admin-names').replaceChildren();
      $('admin-save').hidden = true;
      say(e.lines || [e.message], true);
    }
  };
  // The page's language changed (main.js's loadWords): the list in the new words, the
  // choices already made kept.
  document.addEventListener('puentes:words', () => {
    if (!session.list || session.list.year === null) return;
    const before = picked(session.list.names.length);
    showList(session.list);
    before.forEach((value, i) => {
      for (const input of document.querySelectorAll(`input[name="decision-${i}"]`)) input.checked = input.value === value;
    });
  });
  $('admin-open').addEventListener('click', () => {
    $('admin').hidden = !$('admin').hidden;
    if (!$('admin').hidden) $('admin-token').focus();
  });
  $('admin-close').addEventListener('click', () => { $('admin').hidden = true; });
  $('admin-load').addEventListener('click', load);
  $('admin-token').addEventListener('keydown', (ev) => { if (ev.key === 'Enter') load(); });
  $('admin-save').addEventListener('click', async () => {
    const list = session.list;
    if (!list || !session.token) return;
    const payload = decisionsPayload(list.names, picked(list.names.length));
    if (payload.decisions.length === 0) {
      say([page.words.t('admin_no_decision')], true);
      return;
    }
    let result;
    try {
      result = await send(session.token, payload);
    } catch (e) {
      say([page.words.t('admin_refused'), ...(e.lines || [e.message])], true);
      return;
    }
    const saved = page.words.fill('admin_saved', {
      n: page.words.int(payload.decisions.length),
      review: page.words.int(result.report.counts.review),
    });
    try {
      session.list = await send(session.token);
      showList(session.list);
      say([saved]);
    } catch (e) {
      say([saved, ...(e.lines || [e.message])], true);
    }
  });
}
