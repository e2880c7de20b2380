// The Admin panel's pure part (review.js): choices, the decisions payload, the requests (the
// token in the Authorization header only), refusals in lines; and no module of the page keeps
// anything in browser storage or cookies.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { REVIEW_PATH, choicesFor, decisionsPayload, refusalLines, reviewRequest } from '../js/review.js';
import { Words } from '../js/words.js';

const words = new Words({
  labels: {
    admin_undecided: 'Decidir después',
    admin_candidate: 'Es {name} ({id}), similitud {score}',
    admin_new: 'Es una organización nueva',
    admin_skip: 'Omitirlo',
  },
  thousands_separator: '.',
  decimal_separator: ',',
});

const nueva = {
  raw: 'Casa Quetzal Nueva',
  written_by: [{ id: 'iniciativa-raices-comun', name: 'Iniciativa Raíces Común' }],
  lines: [4],
  candidates: [
    { id: 'casa-quetzal-nuevo', name: 'Casa Quetzal Nuevo', score: 0.9444 },
    { id: 'casa-quetzal-abierto', name: 'Casa Quetzal Abierto', score: 0.81 },
  ],
};
const fm4 = { raw: 'FM4', written_by: [], lines: [7], candidates: [] };

test('each name offers later, its candidates with their similarity, new and skip', () => {
  assert.deepEqual(choicesFor(nueva, words), [
    { value: '', label: 'Decidir después' },
    { value: 'casa-quetzal-nuevo', label: 'Es Casa Quetzal Nuevo (casa-quetzal-nuevo), similitud 0,944' },
    { value: 'casa-quetzal-abierto', label: 'Es Casa Quetzal Abierto (casa-quetzal-abierto), similitud 0,810' },
    { value: 'new', label: 'Es una organización nueva' },
    { value: 'skip', label: 'Omitirlo' },
  ]);
  assert.deepEqual(choicesFor(fm4, words).map((c) => c.value), ['', 'new', 'skip']);
});

test('the payload has one decision per decided name, in the list order; later is left out', () => {
  const third = { raw: 'Asoc. Quetzal', candidates: [] };
  assert.deepEqual(decisionsPayload([nueva, fm4, third], ['casa-quetzal-nuevo', '', 'new']), {
    decisions: [
      { raw: 'Casa Quetzal Nueva', decision: 'casa-quetzal-nuevo' },
      { raw: 'Asoc. Quetzal', decision: 'new' },
    ],
  });
  assert.deepEqual(decisionsPayload([nueva, fm4], ['', 'skip']), {
    decisions: [{ raw: 'FM4', decision: 'skip' }],
  });
  assert.deepEqual(decisionsPayload([nueva], []), { decisions: [] });
});

test('the token goes in the Authorization header, never in the URL', () => {
  const token = 's3cret-token';
  const list = reviewRequest('http://127.0.0.1:8080', token, 'es');
  assert.equal(list.url, 'http://127.0.0.1:8080' + REVIEW_PATH + '?lang=es');
  assert.equal(list.init.method, 'GET');
  assert.equal(list.init.headers.Authorization, 'Bearer s3cret-token');
  assert.equal(list.init.body, undefined);
  assert.equal(list.init.credentials, 'omit');
  const body = { decisions: [{ raw: 'FM4', decision: 'skip' }] };
  const post = reviewRequest('http://127.0.0.1:8080', token, 'en', body);
  assert.equal(post.url, 'http://127.0.0.1:8080/api/v1/import/review?lang=en');
  assert.equal(post.init.method, 'POST');
  assert.equal(post.init.headers['Content-Type'], 'application/json');
  assert.equal(post.init.body, '{"decisions":[{"raw":"FM4","decision":"skip"}]}');
  for (const r of [list, post]) assert.ok(!r.url.includes(token), r.url);
});

test('a refusal in lines: the message, then each located problem', () => {
  const answer = {
    error: {
      code: 'invalid_input',
      message: 'la entrada tiene 1 problema; no se escribió nada',
      details: [{ file: 'cuerpo de la petición', field: '/decisions/0/decision', value: 'no-such-org', expected: 'el id de una organización de la red' }],
    },
  };
  assert.deepEqual(refusalLines(answer, 422), [
    'la entrada tiene 1 problema; no se escribió nada',
    '/decisions/0/decision = "no-such-org": el id de una organización de la red',
  ]);
  assert.deepEqual(refusalLines(null, 502), ['HTTP 502']);
});

test('no module keeps anything in browser storage or cookies, and the token stays out of the state', () => {
  const dir = new URL('../js/', import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith('.js'));
  assert.ok(files.includes('admin.js') && files.includes('review.js'), files.join(' '));
  for (const f of files) {
    const text = readFileSync(new URL(f, dir), 'utf8').replace(/^\s*\/\/.*$/gm, '');
    for (const store of ['localStorage', 'sessionStorage', 'document.cookie', 'indexedDB', 'caches.open']) {
      assert.ok(!text.includes(store), `${f} uses ${store}`);
    }
  }
  // The URL is written from state.js's state only: the token is never part of it.
  const stateJs = readFileSync(new URL('state.js', dir), 'utf8');
  assert.ok(!/\btoken\b/i.test(stateJs), 'state.js mentions a token');
  const admin = readFileSync(new URL('admin.js', dir), 'utf8').replace(/^\s*\/\/.*$/gm, '');
  assert.ok(!/state\.\w+\s*=/.test(admin), 'admin.js writes the page state');
  assert.ok(!/history\.|location\.(hash|search|href)\s*=/.test(admin), 'admin.js writes the URL');
});
