// The geometry of the map, with no DOM: where a label goes beside its disc, how large labels
// are at a zoom, and which part of the layout the viewBox shows after a fit, a zoom or a
// centring. Coordinates are layout units (the payload's x, y and radius). Tested with
// `node --test`.

/** The geometry `puentes render` placed the `labelled` labels in (service/src/map/draw.rs):
 *  a map area of 1172 × 952 pixels, labels of 11 px (organizations) and 12 px (communities),
 *  whole names wrapped at spaces onto lines of at most 30 characters, 1 px apart. Labels
 *  drawn at the same size relative to the layout keep its no-overlap guarantee at every
 *  zoom. */
export const RENDER = { width: 1172, height: 952, font: { organization: 11, community: 12 }, chars: 30 };
/** Screen pixels of the hovered and selected organizations' labels, at any zoom. */
export const FOCUS_FONT = 13;
/** Labels of organizations smaller than this many screen pixels are hidden. */
const SMALLEST_LABEL = 5;
/** Labels are never drawn larger than this many screen pixels. */
const LARGEST_LABEL = 12;

/** The layout frame (an empty network has none: a square then). */
export function frame(map) {
  return map.width > 0 && map.height > 0 ? { width: map.width, height: map.height } : { width: 1000, height: 1000 };
}

/** Pixels of the picture `puentes render` draws per layout unit (map/draw.rs Geometry). */
export function renderScale(map) {
  const { width, height } = frame(map);
  return Math.min(RENDER.width / width, RENDER.height / height);
}

/** The box `[x0, y0, x1, y1]` of a label `width` wide of `lines` lines of `font` beside node
 *  `n`'s disc of radius `r` on `side` (right, left, above, below), with `px` layout units per
 *  picture pixel: map/draw.rs `label_box`, scaled (lines `font + px` apart). */
export function labelBox(n, r, side, font, px, width = 0, lines = 1) {
  const halfH = lines === 1 ? 0.5 * font + px : 0.5 * lines * (font + px) + px;
  const halfW = 0.5 * width + px;
  let mx = n.x; let my = n.y;
  if (side === 'right') mx = n.x + r + 3 * px + halfW;
  else if (side === 'left') mx = n.x - r - 3 * px - halfW;
  else if (side === 'above') my = n.y - r - 2 * px - halfH;
  else my = n.y + r + 2 * px + halfH;
  return [mx - halfW, my - halfH, mx + halfW, my + halfH];
}

/** Whether two label boxes overlap (touching is not overlapping). */
export function overlaps(a, b) {
  return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
}

/** Where the text of a label of `lines` lines goes (as `puentes render` writes it in its
 *  box): the first line's anchor point, `text-anchor`, font size, halo width and the `step`
 *  from one line to the next. */
export function labelPosition(n, r, side, font, px, lines = 1) {
  const box = labelBox(n, r, side, font, px, 0, lines);
  const step = font + px;
  const baseline = lines === 1 ? 0.5 * (box[1] + box[3]) + 0.36 * font : box[1] + px + 0.5 * step + 0.36 * font;
  let x = n.x; let anchor = 'middle';
  if (side === 'right') { x = box[0] + px; anchor = 'start'; }
  else if (side === 'left') { x = box[2] - px; anchor = 'end'; }
  return { x, y: baseline, anchor, font, stroke: font * 0.28, step };
}

/** The `labelled` labels at `scale` screen pixels per layout unit, for a drawing with `px`
 *  layout units per picture pixel: the size `puentes render` placed them at (relative to
 *  the layout, so they never overlap), but at most 12 pixels on screen when zoomed in
 *  (smaller boxes at the same anchors cannot overlap either); hidden below 5.
 *  `shrink` multiplies the font and `px`. */
export function labelZoom(px, scale) {
  const screen = RENDER.font.organization * px * scale;
  return { visible: screen >= SMALLEST_LABEL, shrink: Math.min(1, LARGEST_LABEL / screen) };
}

/** How much the discs shrink at viewBox scale `scale` so that zooming in keeps them the size
 *  they have on screen at the fitted view (scale `fitted`), leaving room between them for
 *  names: `fitted / scale`, never above 1 (zoomed out they keep their layout size). */
export function discShrink(fitted, scale) {
  return scale > fitted && scale > 0 ? fitted / scale : 1;
}

/** The part of the layout on screen in an element `width` × `height` pixels showing the
 *  viewBox `vb` (drawn with `meet`, so it can show more than vb), and the scale. */
export function visibleBox(vb, width, height) {
  const w = width || 1; const h = height || 1;
  const s = Math.min(w / vb.w, h / vb.h);
  const vw = w / s; const vh = h / s;
  return { x: vb.x - (vw - vb.w) / 2, y: vb.y - (vh - vb.h) / 2, w: vw, h: vh, scale: s };
}

/** The viewBox showing the whole frame with a margin of 4 % of its longer side. */
export function fitBox({ width, height }) {
  const m = 0.04 * Math.max(width, height);
  return { x: -m, y: -m, w: width + 2 * m, h: height + 2 * m };
}

/** `vb` zoomed by `factor` about the layout point (cx, cy), between a sixtieth and four
 *  times the frame (with a 10 % margin). */
export function zoomBox(vb, { width, height }, factor, cx, cy) {
  const full = Math.max(width, height) * 1.1;
  const w = Math.min(Math.max(vb.w / factor, full / 60), full * 4);
  const f = vb.w / w;
  return { x: cx - (cx - vb.x) / f, y: cy - (cy - vb.y) / f, w, h: vb.h / f };
}

/** The viewBox centred on node `n` ({x, y}) showing the discs `around` ({x, y, r}) with room
 *  for labels: at least an eighth and at most twice the frame. */
export function centreBox(n, around, { width, height }) {
  const full = Math.max(width, height) * 1.1;
  let dx = 0; let dy = 0;
  for (const m of around) {
    dx = Math.max(dx, Math.abs(m.x - n.x) + m.r);
    dy = Math.max(dy, Math.abs(m.y - n.y) + m.r);
  }
  // Both extents fit (the viewBox is drawn with `meet`).
  const w = Math.min(Math.max(2.4 * dx, full / 8), 2 * full);
  const h = Math.min(Math.max(2.4 * dy, full / 8), 2 * full);
  return { x: n.x - w / 2, y: n.y - h / 2, w, h };
}

/** Screen pixels of the labels chosen for the part of the map on screen once zoomed in. */
export const ZOOM_FONT = 12;
/** At most this many labels chosen for the part on screen. */
export const ZOOM_LABELS = 80;

/** Whether a label box covers part of the disc at (x, y) of radius r. */
function coversDisc(b, x, y, r) {
  const dx = x - Math.min(Math.max(x, b[0]), b[2]);
  const dy = y - Math.min(Math.max(y, b[1]), b[3]);
  return dx * dx + dy * dy < r * r;
}

/** The labels to write for the part `box` ({x, y, w, h}, layout units) of the map shown at
 *  `scale` screen pixels per layout unit: the nodes ({id, x, y, r, size, label}) inside it,
 *  `first` ids before all, then largest first (ties by id); each label (the whole name,
 *  `font` screen pixels, estimated 0.62 em per character) on the first side of its disc
 *  (right, left, above, below) where it stays inside the box, overlaps no label chosen
 *  before and covers no other disc; at most `max`. So zooming in names more organizations,
 *  at a size that stays readable. Returns [{id, side}]. */
export function zoomLabels(nodes, box, scale, { font = ZOOM_FONT, max = ZOOM_LABELS, first = [] } = {}) {
  const inside = nodes.filter((n) => n.x + n.r >= box.x && n.x - n.r <= box.x + box.w
    && n.y + n.r >= box.y && n.y - n.r <= box.y + box.h);
  const front = new Set(first);
  const order = [...inside].sort((a, b) => (front.has(b.id) - front.has(a.id)) || b.size - a.size
    || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const px = 1 / scale;
  const fontL = font * px;
  const kept = []; const chosen = [];
  for (const n of order.slice(0, 400)) {
    if (chosen.length >= max) break;
    const width = 0.62 * fontL * String(n.label).length;
    for (const side of ['right', 'left', 'above', 'below']) {
      const b = labelBox(n, n.r, side, fontL, px, width);
      const clear = b[0] >= box.x && b[2] <= box.x + box.w && b[1] >= box.y && b[3] <= box.y + box.h
        && !kept.some((k) => overlaps(k, b))
        && !inside.some((m) => m !== n && coversDisc(b, m.x, m.y, m.r));
      if (clear) { kept.push(b); chosen.push({ id: n.id, side }); break; }
    }
  }
  return chosen;
}
