// Every module of the page loads without a DOM (nothing runs at import time but main.js's
// start), and every name a module imports is exported by the module it names.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';

const dir = new URL('../js/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.js')).sort();

test('every module but main.js loads without a DOM', async () => {
  assert.ok(files.includes('main.js') && files.length > 10, files.join(' '));
  for (const f of files.filter((x) => x !== 'main.js')) {
    await import(new URL(f, dir));
  }
});

test('every imported name is exported by its module', async () => {
  let names = 0;
  for (const f of files) {
    const text = readFileSync(new URL(f, dir), 'utf8');
    for (const m of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*'\.\/([^']+)'/g)) {
      const exported = await import(new URL(m[2], dir));
      for (const name of m[1].split(',').map((x) => x.trim().split(/\s+as\s+/)[0]).filter(Boolean)) {
        assert.ok(name in exported, `${f} imports ${name} from ${m[2]}, which does not export it`);
        names += 1;
      }
    }
    assert.ok(!/\}\s*from\s*'(?!\.\/)/.test(text), `${f} imports from outside the page`);
    assert.ok(!/^import\s+[^{\s]/m.test(text), `${f}: only named imports of the page's modules`);
  }
  assert.ok(names > 50, `${names} imported names`);
});
