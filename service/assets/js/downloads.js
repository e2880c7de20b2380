// What leaves the page: the view as SVG (with the map's own style sheet inside) or PNG
// (drawn through a canvas), and the link to the view.

import { $, SVGNS, el, setStatus, svgEl } from './dom.js';
import { visible } from './draw.js';
import { page, state } from './state.js';

/** The rules of map.css (the drawing's own style sheet). */
function mapCss() {
  const sheet = $('map-css').sheet;
  return sheet ? [...sheet.cssRules].map((r) => r.cssText).join('\n') : '';
}

/** The drawing as shown (what is on screen, with its styles), as a standalone SVG. */
function svgText() {
  const mapEl = $('map');
  const current = page.current;
  const v = visible();
  const w = Math.round(mapEl.clientWidth); const h = Math.round(mapEl.clientHeight);
  const svg = mapEl.cloneNode(true);
  svg.setAttribute('xmlns', SVGNS);
  svg.setAttribute('width', w);
  svg.setAttribute('height', h);
  svg.setAttribute('viewBox', `${v.x} ${v.y} ${v.w} ${v.h}`);
  svg.removeAttribute('class');
  if (mapEl.classList.contains('highlighting')) svg.setAttribute('class', 'highlighting');
  const style = svgEl('style');
  style.textContent = mapCss();
  const bg = svgEl('rect', { x: v.x, y: v.y, width: v.w, height: v.h, fill: '#ffffff' });
  const title = svgEl('text', { x: v.x + 12 / v.scale, y: v.y + 24 / v.scale, 'font-size': 16 / v.scale, 'font-weight': 'bold', fill: '#1d2733' });
  title.textContent = current.map.view.title;
  const sub = svgEl('text', { x: v.x + 12 / v.scale, y: v.y + 42 / v.scale, 'font-size': 12 / v.scale, fill: '#57606a' });
  sub.textContent = `${current.map.view.subtitle} · ${current.map.legend.positions}`;
  svg.insertBefore(bg, svg.firstChild.nextSibling);
  svg.insertBefore(style, svg.firstChild);
  svg.append(title, sub);
  return { text: '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(svg), w, h };
}

/** The file name of a download of view `view`: puentes-community-3.svg. */
export function fileName(view, ext) {
  return 'puentes-' + view.replace(/[^a-z0-9_-]+/gi, '-') + '.' + ext;
}

function download(blob, name) {
  const a = el('a', { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

/** Downloads what is on screen as SVG. */
export function downloadSvg() {
  download(new Blob([svgText().text], { type: 'image/svg+xml' }), fileName(state.view, 'svg'));
}

/** Downloads what is on screen as PNG, at twice the pixels. */
export function downloadPng() {
  const { text, w, h } = svgText();
  const img = new Image();
  img.onload = () => {
    const k = 2;
    const canvas = el('canvas', { width: w * k, height: h * k });
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    canvas.toBlob((blob) => { if (blob) download(blob, fileName(state.view, 'png')); }, 'image/png');
  };
  img.onerror = () => setStatus(page.words.t('load_failed'), true);
  img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(text);
}

/** Copies the link to the view (or shows it, where there is no clipboard). */
export async function copyLink() {
  const out = $('copied');
  try {
    await navigator.clipboard.writeText(location.href);
    out.textContent = page.words.t('page_link_copied');
  } catch (_) {
    // No clipboard (plain http off localhost): show the link to copy by hand.
    out.replaceChildren(el('a', { href: location.href, text: location.href }));
  }
}
