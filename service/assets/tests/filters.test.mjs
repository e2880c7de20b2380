// What the filters keep and offer (filters.js), and how search ranks names (search.js).
import test from 'node:test';
import assert from 'node:assert/strict';
import { choices, matches } from '../js/filters.js';
import { rank } from '../js/search.js';

const NONE = { country: '', corridor: '', service: '', partner: '', community: '' };
const casa = { country: 'MX', corridor: 'mx_southern_border', services: ['shelter'], partner: true, community: 3 };

test('a filter keeps the organizations with that value; "-" keeps those without one', () => {
  assert.ok(matches(casa, NONE));
  assert.ok(matches(casa, { ...NONE, country: 'MX', service: 'shelter', partner: 'true', community: '3' }));
  assert.ok(!matches(casa, { ...NONE, country: '-' }));
  assert.ok(matches({ ...casa, country: undefined }, { ...NONE, country: '-' }));
  assert.ok(!matches(casa, { ...NONE, corridor: 'guatemala' }));
  assert.ok(!matches(casa, { ...NONE, service: 'health' }));
  assert.ok(!matches(casa, { ...NONE, partner: 'false' }));
  assert.ok(!matches(casa, { ...NONE, community: '4' }));
  assert.ok(!matches({ country: 'MX' }, { ...NONE, service: 'shelter' }));
});

test('each filter offers the values of the drawn organizations, in the vocabulary order', () => {
  const orgs = [
    { country: 'MX', corridor: 'a', services: ['shelter', 'health'], community: 0 },
    { country: '', services: ['health'], community: 2 },
    { country: 'GT', corridor: 'a', community: 0 },
  ];
  const services = ['legal_accompaniment', 'shelter', 'health'];
  assert.deepEqual(choices(orgs, services, [{ id: 0 }, { id: 1 }, { id: 2 }]), {
    country: ['-', 'GT', 'MX'],
    corridor: ['-', 'a'],
    service: ['shelter', 'health'],
    partner: ['true', 'false'],
    community: ['0', '2'],
  });
});

test('search: names starting with the query, then words, then inside; drawn first, then by name', () => {
  const source = [
    { id: '1', name: 'Casa Alba' },
    { id: '2', name: 'Albergue Sendero' },
    { id: '3', name: 'Red Albatros' },
    { id: '4', name: 'Centro Salba' },
    { id: '5', name: 'Álbum Comunitario' },
    { id: '6', name: 'Red Maguey' },
  ];
  const drawn = (id) => id === '3';
  assert.deepEqual(rank(source, 'alb', drawn).map((o) => o.id), ['2', '5', '3', '1', '4']);
  assert.deepEqual(rank(source, 'alb', drawn, 2).map((o) => o.id), ['2', '5']);
  assert.deepEqual(rank(source, 'xyz', drawn), []);
});

test('countries and corridors are offered in the order of their words; "All" agrees with the noun', async () => {
  const { ALL_LABEL } = await import('../js/filters.js');
  const places = {
    countries: [{ id: 'MX', label: 'México' }, { id: 'US', label: 'Estados Unidos' }, { id: 'GT', label: 'Guatemala' }],
    corridors: [{ id: 'mx_southern_border', label: 'Frontera sur de México' }, { id: 'andean_south', label: 'Sur andino' }],
  };
  const orgs = [
    { country: 'MX', corridor: 'mx_southern_border' },
    { country: 'US', corridor: 'andean_south' },
    { country: 'GT' },
  ];
  const c = choices(orgs, [], [], places);
  assert.deepEqual(c.country, ['US', 'GT', 'MX']);
  assert.deepEqual(c.corridor, ['-', 'mx_southern_border', 'andean_south']);
  assert.deepEqual(ALL_LABEL, {
    country: 'page_all_masculine', corridor: 'page_all_masculine', service: 'page_all_masculine',
    partner: 'page_all', community: 'page_all',
    // Tipo de vínculo, año: masculine; intensidad: feminine.
    tie_kind: 'page_all_masculine', strength: 'page_all', tie_year: 'page_all_masculine',
  });
});

test('a tie filter keeps a pair when one of its ties passes every tie filter', async () => {
  const { tiePasses, tieYears } = await import('../js/filters.js');
  const none = { tie_kind: '', strength: '', tie_year: '' };
  // A referral of strength 2 since 2019, and a coalition of strength 4 from 2015 to 2018.
  const e = { detail: [
    { kind: 'referral', strength: 2, since: 2019 },
    { kind: 'coalition', strength: 4, since: 2015, until: 2018 },
  ] };
  assert.ok(tiePasses(e, none));
  assert.ok(tiePasses(e, { ...none, tie_kind: 'referral' }));
  assert.ok(!tiePasses(e, { ...none, tie_kind: 'funding' }));
  assert.ok(tiePasses(e, { ...none, strength: '4' }));
  assert.ok(!tiePasses(e, { ...none, strength: '5' }));
  // Strength 4 is the coalition, which is not a referral.
  assert.ok(!tiePasses(e, { ...none, tie_kind: 'referral', strength: '4' }));
  assert.ok(tiePasses(e, { ...none, tie_year: '2016' }));
  assert.ok(!tiePasses(e, { ...none, tie_year: '2014' }));
  assert.ok(tiePasses(e, { ...none, tie_year: '2030' }), 'the referral has no end');
  assert.ok(!tiePasses(e, { ...none, tie_year: '2016', tie_kind: 'referral' }));
  // Between communities: no detail, always drawn.
  assert.ok(tiePasses({ weight: 3 }, { ...none, tie_kind: 'funding' }));
  // Years: 2015 … 2018 from the coalition, 2019 to the last known (2019) from the referral.
  assert.deepEqual(tieYears([e, { detail: [{ kind: 'training', strength: 1 }] }]), [2015, 2016, 2017, 2018, 2019]);
  assert.deepEqual(tieYears([{ detail: [{ kind: 'training', strength: 1 }] }]), []);
});
