// File names of the downloads (downloads.js).
import test from 'node:test';
import assert from 'node:assert/strict';
import { fileName } from '../js/downloads.js';

test('a download is named after its view, with anything but letters, digits, _ and - as one dash', () => {
  assert.equal(fileName('overview', 'svg'), 'puentes-overview.svg');
  assert.equal(fileName('community/3', 'png'), 'puentes-community-3.png');
  assert.equal(fileName('ego/casa alba', 'svg'), 'puentes-ego-casa-alba.svg');
  assert.equal(fileName('ego/Ñandú', 'png'), 'puentes-ego-and-.png');
});

test('the legend column of a download: headings, keys and wrapped lines, one below the other', async () => {
  const { PICTURE, legendSvg } = await import('../js/downloads.js');
  const { wrapWords } = await import('../js/words.js');
  // 'Punto de corte:' is 15 characters, and ' otras' would make 21: a new line; and so on.
  assert.deepEqual(wrapWords('Punto de corte: otras dependen de ella para seguir conectadas', 20),
    ['Punto de corte:', 'otras dependen de', 'ella para seguir', 'conectadas']);
  assert.deepEqual(wrapWords('Defensoría Comunitaria Colibrí (Ciudad Juárez)', 200), ['Defensoría Comunitaria Colibrí (Ciudad Juárez)']);
  const { text, height } = legendSvg([
    { text: 'Mapa de la red', heading: true },
    { text: 'A · Frontera sur de México', key: { fill: '#0072b2', stroke: '#8c959f' } },
    { text: 'Puente: el único vínculo entre dos partes', key: { stroke: '#c2410c', dash: '6 3', line: true } },
    { text: 'Dibujado el 2026-12-06 a partir de localhost, revisión 3', muted: true },
  ], 1224);
  // y: 24 + 12 = 36 (heading, +24 +6) → 66 (key, +16 +2) → 84 (line key, +16 +2) → 102
  // (caption, 55 characters: two lines, +32 +6) → 140; height 140 + 24.
  assert.equal(height, 164);
  assert.equal(PICTURE.chars, 50);
  assert.equal((text.match(/<text /g) || []).length, 5);
  assert.ok(text.includes('<text x="1224" y="36" font-size="18" font-weight="bold">Mapa de la red</text>'));
  assert.ok(text.includes('<rect x="1224" y="56" width="12" height="12" rx="6" fill="#0072b2" stroke="#8c959f" stroke-width="1"/>'));
  assert.ok(text.includes('<text x="1244" y="66" font-size="12">A · Frontera sur de México</text>'));
  assert.ok(text.includes('<line x1="1224" y1="80" x2="1238" y2="80" stroke="#c2410c" stroke-width="3" stroke-dasharray="6 3"/>'));
  assert.ok(text.includes('<text x="1224" y="102" font-size="12" fill="#57606a">Dibujado el 2026-12-06 a partir de localhost,</text>'));
  assert.ok(text.includes('<text x="1224" y="118" font-size="12" fill="#57606a">revisión 3</text>'));
});
