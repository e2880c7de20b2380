// The view in the URL: decode and encode of state.js.
import test from 'node:test';
import assert from 'node:assert/strict';
import { browserLang, decode, encode } from '../js/state.js';

const OPTIONS = {
  colours: ['community', 'country', 'corridor', 'degree', 'betweenness', 'pagerank'],
  sizes: ['degree', 'betweenness', 'pagerank'],
  lang: 'es',
};
const NO_FILTERS = {
  country: '', corridor: '', service: '', partner: '', community: '', tie_kind: '', strength: '', tie_year: '',
};

test('an empty query is the overview with the defaults, in the fallback language', () => {
  assert.deepEqual(decode('', OPTIONS), {
    view: 'overview', radius: 1, lang: 'es', colour: 'community', size: 'degree',
    filters: NO_FILTERS, toggles: new Set(), gap: '', org: '', year: '', compare: '',
  });
});

test('every part of a link is read', () => {
  const s = decode('?view=ego/casa-alba&radius=2&lang=en&colour=pagerank&size=betweenness'
    + '&country=MX&service=shelter&partner=true&show=cuts,peripheral&gap=health&org=casa-alba&year=2018&compare=2015', OPTIONS);
  assert.deepEqual(s, {
    view: 'ego/casa-alba', radius: 2, lang: 'en', colour: 'pagerank', size: 'betweenness',
    filters: { ...NO_FILTERS, country: 'MX', service: 'shelter', partner: 'true' },
    toggles: new Set(['cuts', 'peripheral']), gap: 'health', org: 'casa-alba', year: '2018', compare: '2015',
  });
});

test('values the page does not offer fall back to the defaults', () => {
  const s = decode('?radius=3&lang=fr&colour=closeness&size=community&show=nope,,gaps', OPTIONS);
  assert.equal(s.radius, 1);
  assert.equal(s.lang, 'es');
  assert.equal(s.colour, 'community');
  assert.equal(s.size, 'degree');
  assert.deepEqual(s.toggles, new Set(['gaps']));
});

test('encode leaves defaults out, lists toggles in page order and keeps slashes readable (commas are escaped)', () => {
  const s = decode('', { ...OPTIONS, lang: 'en' });
  assert.equal(encode(s), '?view=overview&lang=en');
  s.view = 'community/3';
  s.radius = 2; // only a neighbourhood has a radius
  s.toggles = new Set(['suggestions', 'peripheral']);
  s.filters.country = 'El Salvador';
  s.org = 'casa ñ';
  assert.equal(encode(s),
    '?view=community/3&lang=en&country=El%20Salvador&show=peripheral%2Csuggestions&org=casa%20%C3%B1');
});

test('a decoded link encodes to itself', () => {
  const link = '?view=ego/casa-alba&radius=2&lang=es&colour=country&size=pagerank&corridor=-'
    + '&community=4&show=peripheral%2Ccuts%2Cgaps%2Csuggestions&gap=shelter&org=casa-alba';
  assert.equal(encode(decode(link, OPTIONS)), link);
  const s = decode(link, OPTIONS);
  assert.deepEqual(decode(encode(s), OPTIONS), s);
});

test('the browser language picks Spanish or English', () => {
  assert.equal(browserLang('es-MX'), 'es');
  assert.equal(browserLang('ES'), 'es');
  assert.equal(browserLang('en-US'), 'en');
  assert.equal(browserLang('pt-BR'), 'en');
  assert.equal(browserLang(undefined), 'en');
});

test('the year of the map is kept in the link, and only a year is read', () => {
  const s = decode('?view=overview&lang=en&year=2018', OPTIONS);
  assert.equal(s.year, '2018');
  assert.equal(encode(s), '?view=overview&lang=en&year=2018');
  assert.equal(decode('?year=20x8', OPTIONS).year, '');
  assert.equal(decode('?year=201', OPTIONS).year, '');
});

test('"Copy link" keeps both years of a comparison', () => {
  const s = decode('?view=overview&lang=es&year=2024&compare=2020', OPTIONS);
  assert.equal(s.compare, '2020');
  assert.equal(encode(s), '?view=overview&lang=es&year=2024&compare=2020');
  assert.equal(decode('?compare=2020x', OPTIONS).compare, '');
});

test('the tie filters travel in the link', () => {
  const s = decode('?tie_kind=referral&strength=3&tie_year=2021', OPTIONS);
  assert.deepEqual(s.filters, { ...NO_FILTERS, tie_kind: 'referral', strength: '3', tie_year: '2021' });
  assert.ok(encode(s).includes('tie_kind=referral&strength=3&tie_year=2021'), encode(s));
});
