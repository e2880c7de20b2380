// Palette by frequency and viridis by rank of colours.js.
import test from 'node:test';
import assert from 'node:assert/strict';
import { OTHER, PALETTE, categories, quantile, viridis } from '../js/colours.js';

test('categories are coloured most frequent first, ties by name, unknown and the rest grey', () => {
  const c = categories(['MX', 'GT', 'MX', '', 'HN', 'GT', 'MX']);
  assert.deepEqual(c.known, [['MX', 3], ['GT', 2], ['HN', 1]]);
  assert.equal(c.counts.get(''), 1);
  assert.deepEqual([...c.colours], [['MX', '#0072b2'], ['GT', '#d55e00'], ['HN', '#009e73'], ['', OTHER]]);
  assert.deepEqual(categories(['b', 'a']).known, [['a', 1], ['b', 1]]);
  const many = categories([...'abcdefghijklm']);
  assert.equal(many.colours.get('l'), PALETTE[11]);
  assert.equal(many.colours.get('m'), OTHER);
});

test('viridis runs from its first to its last stop, interpolated between stops', () => {
  assert.equal(viridis(0), '#440154');
  assert.equal(viridis(1), '#fde725');
  assert.equal(viridis(-3), '#440154');
  assert.equal(viridis(7), '#fde725');
  // 0.5 · 9 = 4.5: halfway from #26828e to #1f9e89 = (34.5, 144, 139.5) → #23908c.
  assert.equal(viridis(0.5), '#23908c');
});

test('quantile is the share of values below, from 0 to 1', () => {
  const sorted = [1, 2, 2, 3];
  assert.equal(quantile(sorted, 1), 0);
  assert.equal(quantile(sorted, 2), 1 / 3);
  assert.equal(quantile(sorted, 3), 1);
  assert.equal(quantile([5], 5), 0.5);
  assert.equal(quantile([], 1), 0.5);
});

test('every palette colour and the grey of the rest stand out 3:1 against white', async () => {
  const { contrast, luminance } = await import('../js/colours.js');
  assert.equal(contrast('#000000', '#ffffff'), 21);
  assert.equal(contrast('#ffffff', '#000000'), 21);
  // #0072b2 by hand: G = 114/255 → ((0.44706 + 0.055) / 1.055)^2.4 = 0.16827, B = 178/255 →
  // 0.44517; L = 0.7152 · 0.16827 + 0.0722 · 0.44517 = 0.15249; 1.05 / 0.20249 = 5.185.
  assert.ok(Math.abs(luminance('#0072b2') - 0.15249) < 1e-4);
  assert.ok(Math.abs(contrast('#0072b2', '#ffffff') - 5.185) < 1e-3);
  const ratios = [...PALETTE, OTHER].map((c) => [c, Math.round(contrast(c, '#ffffff') * 100) / 100]);
  for (const [c, r] of ratios) assert.ok(r >= 3, `${c}: ${r}`);
  assert.equal(new Set(PALETTE).size, 12);
});
