// The SVG drawing of a map payload (GET /api/v1/map) in <svg id="map">: edges, discs, the
// `labelled` labels, the suggested ties and the labels of the hovered and selected
// organizations; and the viewBox (fit, zoom, centre). The drawing of the view on screen is
// `page.current`: { map, byId (id → node record), edges, px, level, SVG groups, suggested }.

import { $, svgEl } from './dom.js';
import { wrapWords } from './words.js';
import {
  FOCUS_FONT, RENDER, ZOOM_FONT, centreBox, discShrink, fitBox, frame, labelPosition, labelZoom, renderScale,
  visibleBox, zoomBox, zoomLabels,
} from './geometry.js';
import { drawLetters } from './guide.js';
import { page, state } from './state.js';

/** Writes a label's position into text element `e` (its lines are its `tspan`s). */
function placeLabel(e, n, r, side, font, px) {
  const spans = e.children;
  const p = labelPosition(n, r, side, font, px, spans.length || 1);
  e.setAttribute('x', p.x.toFixed(2));
  e.setAttribute('y', p.y.toFixed(2));
  e.setAttribute('font-size', p.font.toFixed(2));
  e.setAttribute('stroke-width', p.stroke.toFixed(2));
  e.setAttribute('text-anchor', p.anchor);
  for (let i = 0; i < spans.length; i += 1) {
    spans[i].setAttribute('x', p.x.toFixed(2));
    spans[i].setAttribute('dy', i === 0 ? '0' : p.step.toFixed(2));
  }
}

/** A label: `text` on one line, or `lines` as `tspan`s. */
function labelAt(n, r, side, font, px, text, cls, lines = null) {
  const e = svgEl('text', { class: cls });
  if (lines && lines.length > 1) {
    for (const l of lines) { const t = svgEl('tspan'); t.textContent = l; e.append(t); }
  } else {
    e.textContent = text;
  }
  placeLabel(e, n, r, side, font, px);
  return e;
}

/** Screen pixels below which the `labelled` labels give way to labels chosen for the part
 *  on screen. */
const READABLE = 8;

/** The labels at the current zoom: at the fitted view the `labelled` ones (geometry.js
 *  labelZoom); zoomed in, or where those would be smaller than READABLE pixels (an ego view,
 *  a cut point's surroundings), labels chosen for the part on screen at ZOOM_FONT pixels
 *  (geometry.js zoomLabels), the selected organization and its partners first. */
export function placeLabels() {
  const current = page.current;
  const v = visible();
  const zoom = labelZoom(current.px, v.scale);
  const fitted = fittedScale();
  const zoomed = v.scale > fitted * 1.15 || RENDER.font.organization * current.px * v.scale < READABLE;
  current.gLabels.setAttribute('visibility', zoom.visible && !zoomed ? 'visible' : 'hidden');
  for (const n of current.byId.values()) {
    if (!n.label) continue;
    const font = RENDER.font[n.d.kind] * current.px * zoom.shrink;
    placeLabel(n.label, n.d, shown(n), n.d.label_side, font, current.px * zoom.shrink);
  }
  if (!zoomed) { current.gZoom.replaceChildren(); return; }
  const selected = current.byId.get(state.org);
  const first = selected ? [selected.d.id, ...selected.edges.map((r) => (r.a === selected ? r.b : r.a).d.id)] : [];
  const focus = new Set([state.org, page.hovered && page.hovered.d.id]);
  const nodes = [...current.byId.values()].filter((n) => !n.el.classList.contains('out'))
    .map((n) => ({ id: n.d.id, x: n.d.x, y: n.d.y, r: shown(n), size: n.d.size, label: n.d.label }));
  const chosen = zoomLabels(nodes, v, v.scale, { first }).filter((c) => !focus.has(c.id));
  current.gZoom.replaceChildren(...chosen.map((c) => {
    const n = current.byId.get(c.id);
    return labelAt(n.d, shown(n), c.side, ZOOM_FONT / v.scale, 1 / v.scale, n.d.label, 'label');
  }));
}

/** The viewBox scale of the whole drawing fitted to the map element. */
function fittedScale() {
  const mapEl = $('map');
  return visibleBox(fitBox(frame(page.current.map)), mapEl.clientWidth, mapEl.clientHeight).scale;
}

/** The radius node record `n` is drawn with at the current zoom (layout units): its radius
 *  `n.r`, shrunk as the view zooms in so the disc keeps its size on screen. */
export function shown(n) {
  return n.r * (page.current.shrink || 1);
}

/** Draws every disc at its radius for the current zoom ([`shown`]), the letters inside them
 *  with it. */
export function applyRadii() {
  const current = page.current;
  current.shrink = discShrink(fittedScale(), visible().scale);
  for (const n of current.byId.values()) n.el.setAttribute('r', shown(n).toFixed(2));
  drawLetters();
}

/** Draws `map` in place of what was drawn, and makes it `page.current`. */
export function draw(map) {
  const mapEl = $('map');
  const byId = new Map();
  const px = 1 / renderScale(map);
  const heaviest = map.edges.reduce((m, e) => Math.max(m, e.weight), 0);
  mapEl.replaceChildren();
  mapEl.append(svgEl('title'));
  mapEl.firstChild.textContent = map.view.title;
  const gEdges = svgEl('g', { id: 'edges' });
  const gSuggested = svgEl('g', { id: 'suggested' });
  const gNodes = svgEl('g', { id: 'nodes' });
  const gLabels = svgEl('g', { id: 'labels' });
  const gZoom = svgEl('g', { id: 'zoom-labels' });
  const gFocus = svgEl('g', { id: 'focus-labels' });
  for (const d of map.nodes) {
    const circle = svgEl('circle', {
      class: 'node', cx: d.x, cy: d.y, r: d.radius, fill: d.color, 'data-id': d.id, 'data-kind': d.kind,
    });
    byId.set(d.id, { d, el: circle, label: null, edges: [], r: d.radius, fill: d.color });
    gNodes.append(circle);
  }
  const edges = [];
  for (const e of map.edges) {
    const a = byId.get(e.source); const b = byId.get(e.target);
    if (!a || !b) continue;
    const w = heaviest > 0 ? 0.6 + 1.8 * Math.sqrt(e.weight / heaviest) : 0.6;
    const line = svgEl('line', {
      class: 'edge', x1: a.d.x, y1: a.d.y, x2: b.d.x, y2: b.d.y, 'stroke-width': w.toFixed(2),
    });
    const rec = { e, el: line, a, b };
    edges.push(rec);
    a.edges.push(rec); b.edges.push(rec);
    gEdges.append(line);
  }
  for (const n of byId.values()) {
    if (!n.d.labelled || !n.d.label_side) continue;
    const font = RENDER.font[n.d.kind] * px;
    n.label = labelAt(n.d, n.d.radius, n.d.label_side, font, px, n.d.label, 'label', wrapWords(n.d.label, RENDER.chars));
    gLabels.append(n.label);
  }
  mapEl.append(gEdges, gSuggested, gNodes, gLabels, gZoom, gFocus);
  const level = map.view.level;
  page.current = { map, byId, edges, px, level, gSuggested, gFocus, gLabels, gZoom, suggested: [] };
}

/** Draws the suggested ties of `page.current.suggested` as dashed lines. */
export function drawSuggested() {
  const current = page.current;
  current.gSuggested.replaceChildren(...current.suggested.map((s) => {
    const line = svgEl('line', {
      class: 'suggested goal-' + s.goal, x1: s.a.d.x, y1: s.a.d.y, x2: s.b.d.x, y2: s.b.d.y,
      'data-from': s.a.d.id, 'data-to': s.b.d.id, 'data-goal': s.goal,
    });
    s.el = line;
    return line;
  }));
}

/** The part of the layout on screen, and its scale. */
export function visible() {
  const mapEl = $('map');
  return visibleBox(page.vb, mapEl.clientWidth, mapEl.clientHeight);
}

/** Shows the part `next` of the layout. */
export function setViewBox(next) {
  const vb = next;
  page.vb = vb;
  $('map').setAttribute('viewBox', `${vb.x.toFixed(2)} ${vb.y.toFixed(2)} ${vb.w.toFixed(2)} ${vb.h.toFixed(2)}`);
  if (!page.current) return;
  applyRadii();
  placeLabels();
  drawFocusLabels();
}

/** Shows the whole drawing. */
export function fit() {
  setViewBox(fitBox(frame(page.current.map)));
}

/** Zooms by `factor` about the layout point (cx, cy). */
export function zoomAt(factor, cx, cy) {
  setViewBox(zoomBox(page.vb, frame(page.current.map), factor, cx, cy));
}

/** Centres node `n`, zoomed to show its partners and, for a cut point, what it cuts off. */
export function centreOn(n) {
  const current = page.current;
  const around = n.edges.map((r) => (r.a === n ? r.b : r.a));
  const cutPoint = n.d.flags && n.d.flags.cut_point;
  if (cutPoint) {
    for (const o of cutPoint.organizations.flat()) if (current.byId.has(o.id)) around.push(current.byId.get(o.id));
  }
  setViewBox(centreBox(n.d, around.map((m) => ({ x: m.d.x, y: m.d.y, r: m.r })), frame(current.map)));
}

/** Screen pixel to layout units. */
export function toLayout(clientX, clientY) {
  const m = $('map').getScreenCTM();
  if (!m) return { x: 0, y: 0 };
  const p = new DOMPoint(clientX, clientY).matrixTransform(m.inverse());
  return { x: p.x, y: p.y };
}

/** The full labels of the hovered and selected organizations, readable at any zoom (in
 *  place of their `labelled` labels). */
export function drawFocusLabels() {
  const current = page.current;
  if (!current) return;
  const focus = [current.byId.get(state.org), page.hovered].filter(Boolean);
  const scale = visible().scale;
  current.gFocus.replaceChildren();
  for (const n of current.byId.values()) if (n.label) n.label.removeAttribute('visibility');
  for (const n of new Set(focus)) {
    const font = FOCUS_FONT / scale;
    const side = n.d.label_side || 'right';
    current.gFocus.append(labelAt(n.d, shown(n), side, font, font / RENDER.font[n.d.kind], n.d.label, 'label focus'));
    if (n.label) n.label.setAttribute('visibility', 'hidden');
  }
}
