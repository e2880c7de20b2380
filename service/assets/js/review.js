// The names a survey import left in review, decided by an admin — the pure part, with no DOM
// and no network: the choices offered for each name, the decisions payload built from what
// was picked, the requests to /api/v1/import/review, and a refusal in lines. The admin token
// is an argument here, never kept: it goes in the Authorization header of the request it is
// given to, never in the URL. Importable by `node --test`.

/** Path of the review list and of the decisions (GET and POST). */
export const REVIEW_PATH = '/api/v1/import/review';

/** The choices for a pending name `item` ({raw, candidates: [{id, name, score}]}), in order:
 *  decide later (''), each candidate (its id), a new organization ('new'), skip ('skip').
 *  `words` is a Words; a candidate's label has its name, id and similarity. */
export function choicesFor(item, words) {
  return [
    { value: '', label: words.t('admin_undecided') },
    ...item.candidates.map((c) => ({
      value: c.id,
      label: words.fill('admin_candidate', { name: c.name, id: c.id, score: words.num(c.score) }),
    })),
    { value: 'new', label: words.t('admin_new') },
    { value: 'skip', label: words.t('admin_skip') },
  ];
}

/** The body of POST /api/v1/import/review: one decision per name given one; names left at
 *  '' (decide later) are left out. `names` are the list's items, `picked[i]` the value chosen
 *  for `names[i]`. */
export function decisionsPayload(names, picked) {
  const decisions = [];
  names.forEach((item, i) => {
    const decision = (picked[i] || '').trim();
    if (decision) decisions.push({ raw: item.raw, decision });
  });
  return { decisions };
}

/** The request for the review list (`body` undefined) or for decisions (`body` the payload):
 *  `{url, init}` for fetch. The token travels in the Authorization header only; the URL
 *  carries the language and nothing else. */
export function reviewRequest(origin, token, lang, body) {
  const url = new URL(REVIEW_PATH, origin);
  url.searchParams.set('lang', lang);
  const headers = { Accept: 'application/json', Authorization: 'Bearer ' + token };
  const init = { method: body === undefined ? 'GET' : 'POST', headers, cache: 'no-store', credentials: 'omit' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  return { url: url.toString(), init };
}

/** An error answer of the API ({error: {message, details}}) in lines: the message, then each
 *  located problem as `field = "value": expected` (already in the request's language). */
export function refusalLines(answer, status) {
  const error = (answer && answer.error) || {};
  const lines = [error.message || 'HTTP ' + status];
  for (const d of error.details || []) lines.push(`${d.field} = "${d.value}": ${d.expected}`);
  return lines;
}
