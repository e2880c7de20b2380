// The pointer on the map: drag to pan, wheel and buttons to zoom, hover to name an
// organization, click to select it (or a highlighted bridge, or a suggested tie).

import { $ } from './dom.js';
import { drawFocusLabels, fit, setViewBox, toLayout, visible, zoomAt } from './draw.js';
import { select } from './navigate.js';
import { showBridge, showSuggestion } from './panel.js';
import { page } from './state.js';

/** A press that moves less than this many pixels is a click. */
const CLICK_SLOP = 4;

/** Zooms by `factor` about the centre of what is shown. */
function zoomButton(factor) {
  if (!page.current) return;
  const vb = page.vb;
  zoomAt(factor, vb.x + vb.w / 2, vb.y + vb.h / 2);
}

/** Wires the map and the zoom buttons. */
export function bindPointer() {
  const mapEl = $('map');
  let drag = null;
  mapEl.addEventListener('pointerdown', (ev) => {
    if (ev.button !== 0) return;
    drag = { x: ev.clientX, y: ev.clientY, vb: { ...page.vb }, moved: false, id: ev.pointerId };
  });
  mapEl.addEventListener('pointermove', (ev) => {
    if (drag && ev.pointerId === drag.id) {
      const dx = ev.clientX - drag.x; const dy = ev.clientY - drag.y;
      if (!drag.moved && Math.hypot(dx, dy) < CLICK_SLOP) return;
      if (!drag.moved) { drag.moved = true; mapEl.setPointerCapture(ev.pointerId); mapEl.classList.add('dragging'); }
      const s = visible().scale;
      setViewBox({ ...drag.vb, x: drag.vb.x - dx / s, y: drag.vb.y - dy / s });
    }
  });
  const end = (ev) => {
    if (!drag || ev.pointerId !== drag.id) return;
    const moved = drag.moved;
    drag = null;
    mapEl.classList.remove('dragging');
    if (moved) return;
    const target = ev.target;
    if (target.classList.contains('node')) select(target.dataset.id, { push: true });
    else if (target.classList.contains('hl-bridge')) {
      const r = page.current.edges.find((x) => x.el === target);
      if (r) showBridge(r);
    } else if (target.classList.contains('suggested')) {
      const s = page.current.suggested.find((x) => x.el === target);
      if (s) showSuggestion(s);
    }
  };
  mapEl.addEventListener('pointerup', end);
  mapEl.addEventListener('pointercancel', () => { drag = null; mapEl.classList.remove('dragging'); });
  mapEl.addEventListener('wheel', (ev) => {
    if (!page.current) return;
    ev.preventDefault();
    const p = toLayout(ev.clientX, ev.clientY);
    zoomAt(Math.exp(-ev.deltaY * (ev.deltaMode === 1 ? 0.05 : 0.0015)), p.x, p.y);
  }, { passive: false });
  mapEl.addEventListener('pointerover', (ev) => {
    const current = page.current;
    if (!current || !ev.target.classList.contains('node')) return;
    const n = current.byId.get(ev.target.dataset.id);
    if (!n || n === page.hovered) return;
    page.hovered = n;
    n.el.classList.add('hovered');
    drawFocusLabels();
  });
  mapEl.addEventListener('pointerout', (ev) => {
    const hovered = page.hovered;
    if (!page.current || !hovered || ev.target !== hovered.el) return;
    hovered.el.classList.remove('hovered');
    page.hovered = null;
    drawFocusLabels();
  });
  $('zoom-in').addEventListener('click', () => zoomButton(1.5));
  $('zoom-out').addEventListener('click', () => zoomButton(1 / 1.5));
  $('zoom-fit').addEventListener('click', () => page.current && fit());
  let resize = 0;
  window.addEventListener('resize', () => { clearTimeout(resize); resize = setTimeout(() => page.current && setViewBox(page.vb), 100); });
}
