// Building the page's elements: HTML elements with their attributes, text and listeners, SVG
// elements, legend swatches, and the status line under the map. Nothing runs at import time.

export const SVGNS = 'http://www.w3.org/2000/svg';

/** The element with this id. */
export const $ = (id) => document.getElementById(id);

/** An HTML element: `class`, `text`, `on<event>` listeners and plain attributes. */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

/** An SVG element with these attributes. */
export function svgEl(tag, attrs = {}) {
  const e = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

/** A small coloured disc for legends (an SVG fill attribute, not an inline style). */
export function swatch(color, stroke = '#8c959f') {
  const s = svgEl('svg', { width: 14, height: 14, viewBox: '0 0 14 14', class: 'swatch' });
  s.append(svgEl('circle', { cx: 7, cy: 7, r: 6, fill: color, stroke, 'stroke-width': 1 }));
  return s;
}

/** The line under the map: progress, "nothing found", or an error. */
export function setStatus(text, error = false) {
  const s = $('status');
  s.textContent = text;
  s.classList.toggle('error', error);
}
