// Label layout and the viewBox of geometry.js, on hand-placed discs.
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  RENDER, centreBox, discShrink, fitBox, frame, labelBox, labelPosition, labelZoom, overlaps, renderScale, visibleBox, zoomBox,
} from '../js/geometry.js';

/** Asserts every number of `actual` is within 1e-9 of `expected` (same keys or indices). */
function close(actual, expected) {
  for (const k of Object.keys(expected)) {
    if (typeof expected[k] === 'number') {
      assert.ok(Math.abs(actual[k] - expected[k]) < 1e-9, `${k}: ${actual[k]} vs ${expected[k]}`);
    } else {
      assert.equal(actual[k], expected[k], k);
    }
  }
}

// A disc of radius 5 at (100, 50), organization labels (11 px) drawn at half a layout unit per
// picture pixel: font 5.5, half height 0.5 · 5.5 + 0.5 = 3.25, baseline 0.36 · 5.5 = 1.98 below
// the box's middle.
const n = { x: 100, y: 50 };

test('a label sits beside its disc as `puentes render` writes it, on each side', () => {
  close(labelPosition(n, 5, 'right', 5.5, 0.5), { x: 107, y: 51.98, anchor: 'start', font: 5.5, stroke: 1.54 });
  close(labelPosition(n, 5, 'left', 5.5, 0.5), { x: 93, y: 51.98, anchor: 'end' });
  close(labelPosition(n, 5, 'above', 5.5, 0.5), { x: 100, y: 42.73, anchor: 'middle' });
  close(labelPosition(n, 5, 'below', 5.5, 0.5), { x: 100, y: 61.23, anchor: 'middle' });
});

test('a label box is map/draw.rs label_box scaled to layout units', () => {
  // 20 units wide on the right: half width 10.5, middle at 100 + 5 + 1.5 + 10.5 = 117.
  close(labelBox(n, 5, 'right', 5.5, 0.5, 20), [106.5, 46.75, 127.5, 53.25]);
  close(labelBox(n, 5, 'above', 5.5, 0.5, 20), [89.5, 37.5, 110.5, 44]);
});

test('boxes overlap only when they share area', () => {
  assert.ok(overlaps([0, 0, 10, 10], [5, 5, 15, 15]));
  assert.ok(!overlaps([0, 0, 10, 10], [10, 0, 20, 10]), 'touching');
  assert.ok(!overlaps([0, 0, 10, 10], [0, 11, 10, 20]));
});

test('labels apart at the drawn size stay apart when zooming shrinks them at the same anchors', () => {
  // Facing labels: A's on its right, B's on its left, 12 units wide at shrink 1:
  // A [3.5, 16.5], B [23.5, 36.5]; at any smaller size each moves towards its own disc.
  const a = { x: 0, y: 0 }; const b = { x: 40, y: 0 };
  // Stacked labels: C's below it, D's above it.
  const c = { x: 0, y: 0 }; const d = { x: 0, y: 20 };
  for (const shrink of [1, 0.75, 0.5, 0.2]) {
    const [font, px, w] = [5.5 * shrink, 0.5 * shrink, 12 * shrink];
    assert.ok(!overlaps(labelBox(a, 2, 'right', font, px, w), labelBox(b, 2, 'left', font, px, w)), `shrink ${shrink}`);
    assert.ok(!overlaps(labelBox(c, 2, 'below', font, px, w), labelBox(d, 2, 'above', font, px, w)), `shrink ${shrink}`);
  }
  // Wider labels than the gap do overlap: the check is not vacuous.
  assert.ok(overlaps(labelBox(a, 2, 'right', 5.5, 0.5, 30), labelBox(b, 2, 'left', 5.5, 0.5, 12)));
});

test('labels are hidden below 5 screen pixels and never drawn above 12', () => {
  // 11 px · 0.5 units per pixel · scale: 5.5 on screen at scale 1.
  assert.deepEqual(labelZoom(0.5, 1), { visible: true, shrink: 1 });
  assert.equal(labelZoom(0.5, 0.8).visible, false); // 4.4 px
  const zoomed = labelZoom(0.5, 4); // 22 px → 12
  assert.equal(zoomed.visible, true);
  assert.ok(Math.abs(zoomed.shrink - 12 / 22) < 1e-12);
  assert.equal(RENDER.font.organization * 0.5 * 4 * zoomed.shrink, 12);
});

test('the render scale fits the layout frame in the picture; an empty network is a square', () => {
  assert.equal(renderScale({ width: 1000, height: 1000 }), 0.952);
  assert.equal(renderScale({ width: 2344, height: 100 }), 0.5);
  assert.deepEqual(frame({ width: 0, height: 0 }), { width: 1000, height: 1000 });
});

test('the viewBox: what is visible, fit, zoom (bounded) and centring', () => {
  // A 200 × 100 element showing 100 × 100 units: one pixel per unit, 50 more on each side.
  assert.deepEqual(visibleBox({ x: 0, y: 0, w: 100, h: 100 }, 200, 100), { x: -50, y: 0, w: 200, h: 100, scale: 1 });
  assert.deepEqual(fitBox({ width: 1000, height: 500 }), { x: -40, y: -40, w: 1080, h: 580 });
  const vb = { x: 0, y: 0, w: 100, h: 100 };
  const square = { width: 1000, height: 1000 };
  assert.deepEqual(zoomBox(vb, square, 2, 50, 50), { x: 25, y: 25, w: 50, h: 50 });
  // At most 60 times in (1100 / 60 units wide) and 4 times out (4400).
  assert.ok(Math.abs(zoomBox(vb, square, 1000, 0, 0).w - 1100 / 60) < 1e-9);
  assert.equal(zoomBox(vb, square, 0.001, 0, 0).w, 4400);
  // Partners 22 units right and 16 up (with their radii): at least an eighth of 1100 wide.
  const around = [{ x: 30, y: 20, r: 2 }, { x: 10, y: 5, r: 1 }];
  assert.deepEqual(centreBox({ x: 10, y: 20 }, around, square), { x: -58.75, y: -48.75, w: 137.5, h: 137.5 });
  // A partner 500 units away: 2.4 × 500 wide.
  assert.deepEqual(centreBox({ x: 10, y: 20 }, [{ x: 510, y: 20, r: 0 }], square), { x: -590, y: -48.75, w: 1200, h: 137.5 });
});

test('zooming in names the organizations on screen that have room, largest first', async () => {
  const { zoomLabels } = await import('../js/geometry.js');
  // Three discs of radius 1 in a row 100 apart; at 1 px per unit a 12 px label of 5
  // characters is 0.62 · 12 · 5 = 37.2 wide and 12 high.
  const nodes = [
    { id: 'a', x: 0, y: 0, r: 1, size: 5, label: 'Alba.' },
    { id: 'b', x: 100, y: 0, r: 1, size: 9, label: 'Brisa' },
    { id: 'c', x: 30, y: 0, r: 1, size: 1, label: 'Cielo' },
  ];
  const box = { x: -50, y: -50, w: 200, h: 100 };
  // b first (largest): right. a: right would reach 0 + 1 + 3 + 37.2 + 2 = 43.2 and cover
  // c's disc (at 30): left instead. c: right clear (33 … 72.2).
  assert.deepEqual(zoomLabels(nodes, box, 1), [
    { id: 'b', side: 'right' }, { id: 'a', side: 'left' }, { id: 'c', side: 'right' },
  ]);
  // A box ending at x = 70: b is off screen; c's right label (to 73.2) would leave it, its
  // left one would overlap a's, so above (30 ± 19.6, -17 … -3).
  const narrow = { x: -50, y: -50, w: 120, h: 100 };
  assert.deepEqual(zoomLabels(nodes, narrow, 1), [{ id: 'a', side: 'left' }, { id: 'c', side: 'above' }]);
  // The selected organization first; at most `max`.
  assert.deepEqual(zoomLabels(nodes, narrow, 1, { first: ['c'] }), [{ id: 'c', side: 'above' }, { id: 'a', side: 'left' }]);
  assert.deepEqual(zoomLabels(nodes, box, 1, { max: 1 }), [{ id: 'b', side: 'right' }]);
  // Zoomed in twice as far, the same labels are half as large in layout units.
  assert.equal(zoomLabels(nodes, box, 2).length, 3);
});

test('a label of two lines: its box and first baseline as map/draw.rs writes them', async () => {
  const { labelBox, labelPosition } = await import('../js/geometry.js');
  const n = { x: 0, y: 0 };
  // Half width 40 / 2 + 1 = 21, centre 2 + 3 + 21 = 26: x from 5 to 47. Half height
  // 0.5 · 2 · (11 + 1) + 1 = 13; first baseline −13 + 1 + 6 + 0.36 · 11 = −2.04.
  assert.deepEqual(labelBox(n, 2, 'right', 11, 1, 40, 2), [5, -13, 47, 13]);
  const p = labelPosition(n, 2, 'right', 11, 1, 2);
  assert.ok(Math.abs(p.y - -2.04) < 1e-9, p.y);
  assert.equal(p.step, 12);
  assert.equal(p.anchor, 'start');
});

test('zooming in keeps the discs their size on screen; zooming out does not grow them', () => {
  assert.equal(discShrink(0.8, 0.8), 1);
  assert.equal(discShrink(0.8, 3.2), 0.25);
  assert.equal(discShrink(0.8, 0.4), 1);
  // On screen: radius × shrink × scale stays radius × fitted.
  const r = 12;
  for (const scale of [0.8, 1.2, 5, 40]) assert.ok(Math.abs(r * discShrink(0.8, scale) * scale - r * 0.8) < 1e-9 || scale < 0.8);
});
