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
