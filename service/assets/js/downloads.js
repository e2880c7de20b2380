// What leaves the page: the whole view as SVG (with the map's own style sheet inside) or PNG
// (drawn through a canvas), with its title, legend, date, source and revision, whatever part
// is on screen and whether the panel is open; and the link to the view. `wrapWords` and
// `legendSvg` are pure, tested with `node --test`.

import { $, SVGNS, el, setStatus, svgEl } from './dom.js';
import { fitBox, frame } from './geometry.js';
import { wrapWords } from './words.js';
import { page, state } from './state.js';

/** The rules of map.css (the drawing's own style sheet). */
function mapCss() {
  const sheet = $('map-css').sheet;
  return sheet ? [...sheet.cssRules].map((r) => r.cssText).join('\n') : '';
}

/** Pixels of the map part of a download (its longer side) and of the legend column. */
export const PICTURE = { map: 1200, legend: 380, margin: 24, font: 12, line: 16, chars: 50 };

/** XML text. */
function esc(s) {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The legend column of a download as SVG text, from `x`, and its height: `rows` are
 *  `{ text, heading? , key? }`, a key being `{ fill, stroke, dash, line }` (a disc, or a line
 *  when `line`). Each text wraps at PICTURE.chars; a heading is larger. */
export function legendSvg(rows, x) {
  const P = PICTURE;
  let y = P.margin + P.font;
  const out = [];
  for (const r of rows) {
    const size = r.heading ? 18 : P.font;
    const lines = wrapWords(r.text, r.heading ? 32 : P.chars);
    const tx = r.key ? x + 20 : x;
    if (r.key && r.key.line) {
      out.push(`<line x1="${x}" y1="${y - 4}" x2="${x + 14}" y2="${y - 4}" stroke="${r.key.stroke}" stroke-width="3"${r.key.dash ? ` stroke-dasharray="${r.key.dash}"` : ''}/>`);
    } else if (r.key) {
      out.push(`<rect x="${x}" y="${y - 10}" width="12" height="12" rx="6" fill="${r.key.fill}" stroke="${r.key.stroke}" stroke-width="${r.key.width || 1}"${r.key.dash ? ` stroke-dasharray="${r.key.dash}"` : ''}/>`);
    }
    for (const l of lines) {
      out.push(`<text x="${tx}" y="${y}" font-size="${size}"${r.heading ? ' font-weight="bold"' : ''}${r.muted ? ' fill="#57606a"' : ''}>${esc(l)}</text>`);
      y += r.heading ? 24 : P.line;
    }
    y += r.key ? 2 : 6;
  }
  return { text: `<g class="download-legend" fill="#1d2733" font-family="DejaVu Sans, sans-serif">${out.join('')}</g>`, height: y + P.margin };
}

/** The key drawn for a legend row of the page: its swatch disc or its `.key` class. */
const KEYS = {
  'key-peripheral': { fill: '#ffffff', stroke: '#b45309', width: 3 },
  'key-cut': { fill: '#ffffff', stroke: '#111111', width: 3 },
  'key-gap': { fill: '#ffffff', stroke: '#7c3aed', width: 3 },
  'key-bridge': { stroke: '#c2410c', dash: '6 3', line: true },
  'key-suggestion': { stroke: '#0b63b6', dash: '6 3', line: true },
  'key-suggestion-services': { stroke: '#15803d', dash: '6 3', line: true },
};

/** The legend of the page as rows for `legendSvg`, as shown now. */
function legendRows() {
  const rows = [];
  for (const e of $('legend-body').children) {
    if (e.classList.contains('legend-row')) {
      const disc = e.querySelector('.swatch circle');
      const key = e.querySelector('.key');
      const cls = key && [...key.classList].find((c) => c in KEYS);
      rows.push({
        text: e.textContent,
        key: disc ? { fill: disc.getAttribute('fill'), stroke: disc.getAttribute('stroke') } : KEYS[cls] || { fill: '#ffffff', stroke: '#8c959f' },
      });
    } else if (e.textContent) {
      rows.push({ text: e.textContent, muted: e.classList.contains('muted') });
    }
  }
  return rows;
}

/** The whole view (not only what is on screen), its title, legend and where it comes from,
 *  as a standalone SVG: the map fitted in PICTURE.map pixels, the legend in a column on the
 *  right. */
function svgText() {
  const mapEl = $('map');
  const current = page.current;
  const words = page.words;
  const f = fitBox(frame(current.map));
  const k = PICTURE.map / Math.max(f.w, f.h);
  const mw = Math.round(f.w * k); const mh = Math.round(f.h * k);
  const drawing = mapEl.cloneNode(true);
  drawing.setAttribute('xmlns', SVGNS);
  drawing.setAttribute('x', 0);
  drawing.setAttribute('y', 0);
  drawing.setAttribute('width', mw);
  drawing.setAttribute('height', mh);
  drawing.setAttribute('viewBox', `${f.x} ${f.y} ${f.w} ${f.h}`);
  drawing.removeAttribute('class');
  drawing.removeAttribute('tabindex');
  if (mapEl.classList.contains('highlighting')) drawing.setAttribute('class', 'highlighting');
  drawing.setAttribute('id', 'map');
  const date = new Date().toISOString().slice(0, 10);
  const caption = words.fill('map_drawn_from', { date, source: location.host, revision: words.int(current.map.revision) });
  const rows = [
    { text: current.map.view.title, heading: true },
    { text: current.map.view.subtitle, muted: true },
    ...legendRows(),
    { text: caption, muted: true },
  ];
  const x = mw + PICTURE.margin;
  const legend = legendSvg(rows, x);
  const w = mw + PICTURE.legend + PICTURE.margin;
  const h = Math.max(mh, legend.height);
  const svg = document.createElementNS(SVGNS, 'svg');
  svg.setAttribute('xmlns', SVGNS);
  svg.setAttribute('width', w);
  svg.setAttribute('height', h);
  svg.setAttribute('viewBox', `0 0 ${w} ${h}`);
  const style = svgEl('style');
  style.textContent = mapCss();
  svg.append(style, svgEl('rect', { width: w, height: h, fill: '#ffffff' }),
    svgEl('rect', { x: mw, width: PICTURE.legend + PICTURE.margin, height: h, fill: '#f6f8fa' }), drawing);
  const whole = new XMLSerializer().serializeToString(svg);
  const end = whole.lastIndexOf('</svg>');
  return { text: '<?xml version="1.0" encoding="UTF-8"?>\n' + whole.slice(0, end) + legend.text + '</svg>', w, h };
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

/** Downloads the view as SVG. */
export function downloadSvg() {
  download(new Blob([svgText().text], { type: 'image/svg+xml' }), fileName(state.view, 'svg'));
}

/** Downloads the view as PNG, at twice the pixels. */
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
