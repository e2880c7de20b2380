// The report link's address: the page's language and year, nothing else.
import test from 'node:test';
import assert from 'node:assert/strict';
import { reportHref } from '../js/report.js';

test('the report opens in the page language and year', () => {
  assert.equal(reportHref('es', ''), '/api/v1/report?lang=es');
  assert.equal(reportHref('en', '2020'), '/api/v1/report?lang=en&as_of=2020');
  assert.equal(reportHref('es', null), '/api/v1/report?lang=es');
  // Anything else is not passed on.
  assert.equal(reportHref('fr', '20x0'), '/api/v1/report?lang=en');
});
