// The keyboard on the map (keys.js), the table of the view (table.js) and the community
// letters (guide.js): their pure parts.
import test from 'node:test';
import assert from 'node:assert/strict';
import { nextInDirection } from '../js/keys.js';
import { sortRows, tableRows } from '../js/table.js';
import { communityLetters } from '../js/guide.js';

// A plus sign around o: e 10 to the right, w 10 to the left, n 10 up, s 10 down; d is
// diagonal (8 right, 8 down) and f far right (30).
const pts = [
  { id: 'o', x: 0, y: 0 }, { id: 'e', x: 10, y: 1 }, { id: 'w', x: -10, y: 0 },
  { id: 'n', x: 0, y: -10 }, { id: 's', x: 1, y: 10 }, { id: 'd', x: 8, y: 8 }, { id: 'f', x: 30, y: 0 },
];
const o = pts[0];

test('arrow keys move to the nearest organization in their direction', () => {
  // Right: e costs 10 + 2·1 = 12, d costs 8 + 2·8 = 24 (within 45°), f costs 30.
  assert.equal(nextInDirection(pts, o, 'ArrowRight').id, 'e');
  assert.equal(nextInDirection(pts, o, 'ArrowLeft').id, 'w');
  assert.equal(nextInDirection(pts, o, 'ArrowUp').id, 'n');
  // Down: s costs 10 + 2 = 12, d 24.
  assert.equal(nextInDirection(pts, o, 'ArrowDown').id, 's');
  // From f nothing lies to its right; from w, left is empty too.
  assert.equal(nextInDirection(pts, pts[6], 'ArrowRight'), null);
  assert.equal(nextInDirection(pts, pts[2], 'ArrowLeft'), null);
  // Without a focus, the first; an unknown key finds nothing.
  assert.equal(nextInDirection(pts, null, 'ArrowDown').id, 'o');
  assert.equal(nextInDirection(pts, o, 'Enter'), null);
});

const legend = { isolated: 'Aislada: sin vínculos', peripheral: 'Periférica', cut_point: 'Punto de corte: otras dependen de ella' };
const communities = [{ id: 0, label: 'Frontera sur de México', color: '#0072b2' }, { id: 1, label: 'Guatemala', color: '#d55e00' }, { id: 2, label: 'Comunidad 2', color: '#8c959f' }];
const nodes = [
  { id: 'a', label: 'Casa Alba', community: 0, size: 3, flags: { peripheral: true, isolated: false } },
  { id: 'b', label: 'Red Maguey', community: 1, size: 7, flags: { peripheral: false, cut_point: { total: 2 } } },
  { id: 'c', label: 'Albergue Sendero', community: 0, size: 0, flags: { peripheral: true, isolated: true } },
];

test('the table: one row per drawn organization, with its community and findings in words', () => {
  const rows = tableRows(nodes, communities, legend, new Set(['c']));
  assert.deepEqual(rows, [
    { id: 'a', name: 'Casa Alba', community: 'Frontera sur de México', size: 3, findings: 'Periférica' },
    { id: 'b', name: 'Red Maguey', community: 'Guatemala', size: 7, findings: 'Punto de corte' },
  ]);
  const all = tableRows(nodes, communities, legend);
  assert.equal(all[2].findings, 'Aislada: sin vínculos');
  assert.deepEqual(sortRows(all, 'size', false).map((r) => r.id), ['b', 'a', 'c']);
  assert.deepEqual(sortRows(all, 'name').map((r) => r.id), ['c', 'a', 'b']);
  // Same community: by name.
  assert.deepEqual(sortRows(all, 'community').map((r) => r.id), ['c', 'a', 'b']);
});

test('each coloured community gets a letter, largest first; grey ones none', () => {
  assert.deepEqual([...communityLetters(communities, '#8c959f')], [[0, 'A'], [1, 'B']]);
});
