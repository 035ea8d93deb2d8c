// The README's benchmark block is regenerated from a report's .json (benchmarks/readme_table.mjs): its figures
// are the report's own, and only the text between the markers changes.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { END, START, readmeBlock, replaceBlock } from '../../../benchmarks/readme_table.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const report = 'benchmarks/results/2026-12-02-1716-threads-amd-epyc-2core';
const json = JSON.parse(fs.readFileSync(path.join(root, `${report}.json`), 'utf8'));

test('the block quotes the report: link, command, medians and ratios nabla ÷ peer, 1 and N threads', () => {
  const block = readmeBlock(json, `${report}.md`);
  assert.ok(block.startsWith(START) && block.endsWith(END));
  assert.match(block, new RegExp(`\\]\\(${report}\\.md\\)`));
  assert.ok(block.includes(json.command));
  // native MNIST 74,927 samples/s, 1.53× PyTorch; on 2 threads each 8.66× (the report's ratio tables).
  assert.match(block, /\| MNIST MLP [^|]* \| 74,927 \| 1\.53× \| 8\.66× \|/);
  assert.match(block, /\| GEMM 512×512×512 \(GFLOP\/s\) \| 97\.3 \| 1\.22× \| 1\.40× \|/);
  assert.match(block, /Native convnet step ÷ PyTorch, 1 thread, fair ≥ 1\.2× \| 1\.23× \| met/);
});

test('only the text between the markers is replaced, and a README without them is an error', () => {
  const readme = `intro\n${START}\nold figures\n${END}\noutro\n`;
  assert.equal(replaceBlock(readme, `${START}\nnew\n${END}`), `intro\n${START}\nnew\n${END}\noutro\n`);
  assert.throws(() => replaceBlock('no markers', 'x'), /README\.md has no/);
  const real = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  assert.ok(real.includes(START) && real.indexOf(END) > real.indexOf(START), 'README.md has the bench block markers');
});
