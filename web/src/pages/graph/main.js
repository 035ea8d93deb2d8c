// The graph page: the embeddable widgets (web/src/widgets/embed) on one page, plus example programs and a
// form that redraws the MLP. All engine work runs on the main thread: the graphs are tiny (see the
// "engine: … ms" figure under the editor).
import './graph.css';
import { defineElements } from '../../widgets/embed/elements.js';
import { MICROGRAD_EXAMPLE } from '../../widgets/embed/programEditor.js';
import { parseSizes } from '../../widgets/embed/mlpGraph.js';
import { GradcheckPanel } from '../../widgets/embed/gradcheckPanel.js';
import { getNabla } from '../../widgets/embed/shared.js';
import { exerciseFor } from '../../lib/expr/brokenBackward.js';
import { GraphPanel } from '../../widgets/embed/graphPanel.js';
import { adoptStyles } from '../../widgets/embed/styles.js';
import { runBackwardGraph, runProgram } from '../../widgets/embed/programGraph.js';
import { UserOpPanel } from '../../widgets/embed/userOpPanel.js';

export const EXAMPLES = {
  micrograd: MICROGRAD_EXAMPLE,
  neuron: `# a neuron: o = tanh(x1 w1 + x2 w2 + b)
x1 = 2.0; x2 = 0.0
w1 = -3.0; w2 = 1.0
b = 6.8813735870195432
n = x1*w1 + x2*w2 + b
o = tanh(n)`,
  tensor: `W = [[0.5, -1.0], [2.0, 0.25]]
x = [[1.0], [-2.0]]
h = tanh(matmul(W, x))
loss = sum(h ** 2)`,
  softmax: `z = [[2.0, 1.0, 0.1]]
t = [[0.0, 1.0, 0.0]]
loss = -sum(t * log_softmax(z))`,
};

defineElements();
const $ = (id) => document.getElementById(id);

for (const button of document.querySelectorAll('[data-example]')) {
  button.addEventListener('click', () => {
    const editor = $('program').widget;
    if (!editor) return;
    editor.input.value = EXAMPLES[button.dataset.example];
    editor.run();
  });
}

$('mlp-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const old = $('mlp');
  const next = document.createElement('nabla-graph');
  next.id = 'mlp';
  try {
    next.setAttribute('mlp', parseSizes($('mlp-sizes').value).join('-'));
    $('mlp-sizes').setCustomValidity('');
  } catch (err) {
    $('mlp-sizes').setCustomValidity(err.message);
    $('mlp-sizes').reportValidity();
    return;
  }
  next.setAttribute('activation', $('mlp-activation').value);
  if (old.widget?.collapse) next.setAttribute('collapse', '');
  old.replaceWith(next);
});

// User-defined ops: checked as typed, callable in the program once they pass (the program reruns to use them).
const userOps = new UserOpPanel($('userop'), { getNabla, onChange: () => $('program').widget?.run() });
userOps.restore();

// The gradient check: of the program in the editor, or (#exercise=broken&seed=K) of the seeded exercise.
const gradcheck = new GradcheckPanel($('gradcheck'));
$('gradcheck-run').addEventListener('click', async () => {
  const nb = await getNabla();
  history.replaceState(null, '', location.pathname + location.search);
  gradcheck.check(nb, $('program').widget?.input.value ?? MICROGRAD_EXAMPLE);
});

async function showExercise() {
  const params = new URLSearchParams(location.hash.slice(1));
  if (params.get('exercise') !== 'broken') return;
  const seed = Number(params.get('seed') ?? 0);
  const nb = await getNabla();
  try {
    gradcheck.startExercise(nb, exerciseFor(nb, seed));
  } catch (err) {
    gradcheck.status.textContent = `Cannot start the exercise: ${err.message}`;
    $('gradcheck').dataset.state = 'error';
  }
  $('gradcheck-section').scrollIntoView();
}
window.addEventListener('hashchange', showExercise);
showExercise();

// The backward graph: the leaves of the program in the editor, and the graph its gradient was recorded as.
const backwardRoot = document.createElement('div');
const backwardShadow = $('bgraph').attachShadow({ mode: 'open' }); // the widgets' own styles, as <nabla-graph> has
adoptStyles(backwardShadow);
backwardShadow.append(backwardRoot);
const backwardPanel = new GraphPanel(backwardRoot, { fileName: 'nabla-backward-graph' });
const programSource = () => $('program').widget?.input.value ?? MICROGRAD_EXAMPLE;
async function listLeaves() {
  const nb = await getNabla();
  let names = [];
  try {
    names = runProgram(nb, programSource()).nodes.filter((n) => n.op === 'leaf' && n.requiresGrad && n.name).map((n) => n.name);
  } catch { /* the editor shows the program's error */ }
  const select = $('bgraph-leaf'), keep = select.value;
  select.replaceChildren(...names.map((n) => Object.assign(document.createElement('option'), { value: n, textContent: n })));
  if (names.includes(keep)) select.value = keep;
}
$('bgraph-leaf').addEventListener('focus', listLeaves);
$('bgraph-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const nb = await getNabla();
  await listLeaves();
  const leaf = $('bgraph-leaf').value;
  try {
    const model = leaf ? runBackwardGraph(nb, programSource(), leaf) : null;
    $('bgraph-status').textContent = !leaf ? 'The program has no named leaf.'
      : model ? `d(output)/d${leaf}: ${model.steps.length} op nodes recorded by the backward pass.`
        : `d(output)/d${leaf} is a constant: the backward pass recorded no op for it.`;
    $('bgraph').dataset.state = model ? 'ready' : 'empty';
    if (model) await backwardPanel.setModel(model);
  } catch (err) {
    $('bgraph-status').textContent = `Error: ${err.message}`;
    $('bgraph').dataset.state = 'error';
  }
});
listLeaves();
