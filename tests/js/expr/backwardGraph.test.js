// The backward graph (runBackwardGraph in web/src/widgets/embed/programGraph.js): after backward with
// createGraph, a leaf's gradient is a computation of its own; a backward through it gives the second
// derivatives, checked against central differences of the engine's first derivative.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadNabla } from 'nabla';
import { runBackwardGraph, runProgram } from '../../../web/src/widgets/embed/programGraph.js';
import { MICROGRAD_EXAMPLE } from '../../../web/src/widgets/embed/programEditor.js';

const nb = await loadNabla();
const leafGrad = (model, name) => model.nodes.find((n) => n.op === 'leaf' && n.name === name).grad.head[0];
const withLeaf = (name, v) => MICROGRAD_EXAMPLE.replace(new RegExp(`^${name} = .*$`, 'm'), `${name} = ${v}`);

test('the graph of d g / d a in micrograd\'s example gives d²g/da² and d²g/da db', () => {
  const before = nb.liveTensors();
  const model = runBackwardGraph(nb, MICROGRAD_EXAMPLE, 'a');
  assert.equal(nb.liveTensors(), before);
  assert.ok(model.steps.length > 20, `${model.steps.length} op nodes in the backward graph`);
  assert.ok(model.nodes.some((n) => n.name === 'd/da'));
  const eps = 1e-2;
  const fd = (name, v) => (leafGrad(runProgram(nb, withLeaf(name, v + eps)), 'a') - leafGrad(runProgram(nb, withLeaf(name, v - eps)), 'a')) / (2 * eps);
  const daa = fd('a', -4), dab = fd('b', 2);
  assert.ok(Math.abs(leafGrad(model, 'a') - daa) < 1e-2 * Math.abs(daa), `d²g/da²: ${leafGrad(model, 'a')} vs ${daa}`);
  assert.ok(Math.abs(leafGrad(model, 'b') - dab) < 1e-2 * Math.abs(dab), `d²g/dadb: ${leafGrad(model, 'b')} vs ${dab}`);
});

test('a constant gradient has no graph; an unknown leaf is an error', () => {
  assert.equal(runBackwardGraph(nb, 'a = 2.0\nb = a * 3', 'a'), null);
  assert.throws(() => runBackwardGraph(nb, 'a = 2.0\nb = a * 3', 'z'), /no leaf named 'z'/);
});
