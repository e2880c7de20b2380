// Numbers, placeholders, folding and labels of words.js, in both languages' formats.
import test from 'node:test';
import assert from 'node:assert/strict';
import { Words, fill, fold, formatInt, formatNumber, groupDigits, termOf, wrapWords } from '../js/words.js';

const EN = { thousands: ',', decimal: '.' };
const ES = { thousands: '.', decimal: ',' };

test('integers are grouped by three with the language separator', () => {
  assert.equal(groupDigits('1234567', '.'), '1.234.567');
  assert.equal(groupDigits('999', ','), '999');
  assert.equal(formatInt(1000, ','), '1,000');
  assert.equal(formatInt(-12345.6, ','), '-12,346');
  assert.equal(formatInt(1000000, '.'), '1.000.000');
});

test('metric values: integers grouped, three decimals, small ones in scientific notation', () => {
  assert.equal(formatNumber(1234567, EN), '1,234,567');
  assert.equal(formatNumber(0, EN), '0');
  assert.equal(formatNumber(0.5, EN), '0.500');
  assert.equal(formatNumber(1234.5678, EN), '1,234.568');
  assert.equal(formatNumber(1234.5678, ES), '1.234,568');
  assert.equal(formatNumber(-0.25, ES), '-0,250');
  assert.equal(formatNumber(0.0001234, EN), '1.23e-4');
  assert.equal(formatNumber(0.0001234, ES), '1,23e-4');
  assert.equal(formatNumber(null, EN), '–');
  assert.equal(formatNumber(undefined, EN), '–');
  assert.equal(formatNumber(NaN, EN), '–');
});

test('placeholders are filled, unknown ones left empty', () => {
  assert.equal(fill('{shown} of {total}', { shown: 3, total: '1,200' }), '3 of 1,200');
  assert.equal(fill('{n} more{x}', { n: 2 }), '2 more');
});

test('names fold without case or accents, and wrap whole onto lines (never cut)', () => {
  assert.equal(fold('Árbol de la Niñez'), 'arbol de la ninez');
  // "Defensoría Comunitaria" is 22 characters; with " Colibrí" 30 (fits 30); "(Ciudad" next.
  assert.deepEqual(wrapWords('Defensoría Comunitaria Colibrí (Ciudad Juárez)', 30),
    ['Defensoría Comunitaria Colibrí', '(Ciudad Juárez)']);
  assert.deepEqual(wrapWords('Supercalifragilístico', 5), ['Supercalifragilístico']);
  assert.deepEqual(wrapWords('', 5), []);
});

test('Words speaks one language: labels, numbers, "N more" and vocabulary terms', () => {
  const words = new Words(
    { labels: { page_more: 'y {n} más', page_all: 'Todas' }, thousands_separator: '.', decimal_separator: ',' },
    { services: [{ id: 'shelter', label: 'albergue' }, { id: 'health', label: 'atención de salud' }] },
  );
  assert.equal(words.t('page_all'), 'Todas');
  assert.equal(words.t('missing'), '');
  assert.equal(words.fill('page_more', { n: '7' }), 'y 7 más');
  assert.equal(words.int(1234), '1.234');
  assert.equal(words.num(0.5), '0,500');
  assert.equal(words.more(3, 1237), 'y 1.234 más');
  assert.equal(words.more(3, 3), '');
  assert.equal(words.service('health'), 'atención de salud');
  assert.equal(words.service('education'), 'education');
  assert.deepEqual(words.ids('services'), ['shelter', 'health']);
  assert.deepEqual(words.ids('metrics'), []);
  assert.equal(termOf([{ id: 'a', label: 'A' }], 'a'), 'A');
  assert.equal(termOf(undefined, 'a'), 'a');
});

test('before the catalogue arrives, Words says nothing and writes English numbers', () => {
  const words = new Words();
  assert.equal(words.t('loading'), '');
  assert.equal(words.int(12345), '12,345');
  assert.equal(words.num(2.5), '2.500');
});

test('a corridor or a country in words, the id when the map has none', async () => {
  const { placeName } = await import('../js/words.js');
  const places = {
    countries: [{ id: 'MX', label: 'México' }],
    corridors: [{ id: 'mx_southern_border', label: 'Frontera sur de México' }],
  };
  assert.equal(placeName(places, 'country', 'MX'), 'México');
  assert.equal(placeName(places, 'corridor', 'mx_southern_border'), 'Frontera sur de México');
  assert.equal(placeName(places, 'corridor', 'MX'), 'MX');
  assert.equal(placeName(undefined, 'country', 'GT'), 'GT');
});
