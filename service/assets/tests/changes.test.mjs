// What changed between two years as the page marks it, and the timeline's small charts.
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  compareChoices, compareMarks, comparedTo, lineChart, organizationChanges, pairKey, yearsOf,
} from '../js/changes.js';

/** A `changes` answer in the shape of GET /api/v1/changes (only the fields the page reads). */
const ANSWER = {
  from: 2020,
  to: 2024,
  counts: { ties_formed: 2, ties_ended: 1 },
  changes: {
    ties_formed: [['a', 'c'], ['c', 'd']],
    ties_ended: [['b', 'e']],
    joined: ['d'],
    newly_isolated: ['e'],
    no_longer_isolated: [],
    newly_peripheral: ['d'],
    no_longer_peripheral: [],
    cut_points_gained: [['c', 1]],
    cut_points_lost: ['b'],
  },
};

test('a pair has one key whichever way round', () => {
  assert.equal(pairKey('a', 'b'), pairKey('b', 'a'));
  assert.notEqual(pairKey('a', 'bc'), pairKey('ab', 'c'));
});

test('the marks of a comparison: ties formed by pair, ties ended, who changed and how', () => {
  const m = compareMarks(ANSWER);
  assert.deepEqual([...m.formed].sort(), [pairKey('a', 'c'), pairKey('c', 'd')]);
  assert.ok(m.formed.has(pairKey('c', 'a')));
  assert.deepEqual(m.ended, [['b', 'e']]);
  assert.deepEqual(Object.fromEntries(m.changed), {
    d: ['joined', 'newly_peripheral'],
    e: ['newly_isolated'],
    c: ['cut_points_gained'],
    b: ['cut_points_lost'],
  });
  assert.equal(m.from, 2020);
  assert.equal(m.to, 2024);
});

test("one organization's ties formed and ended", () => {
  assert.deepEqual(organizationChanges(ANSWER, 'c'), { formed: ['a', 'd'], ended: [] });
  assert.deepEqual(organizationChanges(ANSWER, 'e'), { formed: [], ended: ['b'] });
  assert.deepEqual(organizationChanges(ANSWER, 'z'), { formed: [], ended: [] });
});

test('the years offered: every year of the data; a comparison starts before the year drawn', () => {
  assert.deepEqual(yearsOf([2015, 2018]), ['2015', '2016', '2017', '2018']);
  assert.deepEqual(yearsOf(undefined), []);
  assert.equal(comparedTo('', [2015, 2024]), '2024');
  assert.equal(comparedTo('2019', [2015, 2024]), '2019');
  assert.deepEqual(compareChoices([2015, 2024], '2018'), ['2015', '2016', '2017']);
  assert.deepEqual(compareChoices([2015, 2024], '2015'), []);
});

test('a small line chart: lowest value at the bottom, highest at the top, gaps for none', () => {
  const c = lineChart([1, 3, null, 2], 100, 40, 5);
  assert.deepEqual(c.points.map((p) => p.x), [5, 35, 65, 95]);
  assert.deepEqual(c.points.map((p) => p.y), [35, 5, null, 20]);
  assert.equal(c.d, 'M5.0 35.0L35.0 5.0M95.0 20.0');
  assert.equal(c.lo, 1);
  assert.equal(c.hi, 3);
  const flat = lineChart([7, 7], 100, 40, 5);
  assert.deepEqual(flat.points.map((p) => p.y), [20, 20]);
  assert.equal(lineChart([4], 100, 40).points[0].x, 50);
});
