// The PyTorch -> nabla name table (README.md between the pytorch-names markers, and web/docs/api.html#pytorch-names)
// stays true: both list the same rows, every nabla name resolves on the built module or on a tensor, module or
// optimizer made by it, and every PyTorch name resolves in PyTorch 1.13 (/usr/bin/python3).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadNabla } from 'nabla';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const nb = await loadNabla();

/** [pytorch cell, nabla cell] pairs, as text with the backticks kept. */
function readmeRows() {
  const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const block = readme.slice(readme.indexOf('<!-- pytorch-names:start -->'), readme.indexOf('<!-- pytorch-names:end -->'));
  return block.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| ---') && !l.startsWith('| PyTorch |'))
    .map((l) => l.slice(2, -2).split(' | '));
}

function docsRows() {
  const html = readFileSync(path.join(REPO, 'web/docs/api.html'), 'utf8');
  const table = html.slice(html.indexOf('<table id="pytorch-names">'), html.indexOf('</table>', html.indexOf('<table id="pytorch-names">')));
  const text = (cell) => cell.replace(/<code>(.*?)<\/code>/g, '`$1`').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return [...table.matchAll(/<tr><td>(.*?)<\/td><td>(.*?)<\/td><\/tr>/g)].map((m) => [text(m[1]), text(m[2])]);
}

/** Dotted names at the start of each `code` span ("nb.nn.linear" of `nb.nn.linear(2, 16)`); lone words are skipped. */
const dottedNames = (cell) => [...cell.matchAll(/`([^`]*)`/g)]
  .map((m) => /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+/.exec(m[1])?.[0]).filter(Boolean);

const rows = readmeRows();

test('the README and the API reference list the same PyTorch-to-nabla rows', () => {
  assert.ok(rows.length >= 25, `only ${rows.length} rows`);
  assert.deepEqual(docsRows(), rows);
});

test('every nabla name in the table exists', () => {
  const model = nb.nn.linear(2, 2);
  const roots = {
    nb, model, x: nb.tensor([1, 2], { requiresGrad: true }), loss: nb.scalar(1),
    opt: nb.optim.adam(model.parameters(), { lr: 0.1 }),
  };
  const missing = [];
  for (const [, cell] of rows) {
    for (const name of dottedNames(cell)) {
      const [root, ...parts] = name.split('.');
      let obj = roots[root];
      for (const part of parts) obj = obj != null && part in Object(obj) ? obj[part] : undefined;
      if (obj === undefined) missing.push(name);
    }
  }
  assert.ok(rows.flatMap(([, c]) => dottedNames(c)).length >= 35);
  assert.deepEqual(missing, []);
});

test('every PyTorch name in the table exists in PyTorch 1.13', () => {
  const names = rows.flatMap(([cell]) => dottedNames(cell));
  const script = `
import json, sys, torch
import torch.nn as nn, torch.nn.functional as F
model = nn.Linear(2, 2)
x = torch.zeros(2, requires_grad=True); x.grad = torch.zeros(2)
roots = {'torch': torch, 'nn': nn, 'F': F, 'x': x, 'loss': x.sum(), 'model': model,
         'optimizer': torch.optim.Adam(model.parameters(), lr=0.1)}
missing = []
for name in json.load(sys.stdin):
    root, *parts = name.split('.')
    obj = roots.get(root)
    for part in parts:
        obj = getattr(obj, part, None) if obj is not None else None
    if obj is None: missing.append(name)
print(json.dumps(missing))
`;
  const r = spawnSync('/usr/bin/python3', ['-c', script], { input: JSON.stringify(names), encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(names.length >= 30);
  assert.deepEqual(JSON.parse(r.stdout), []);
});
