// A/B: the setup above (A) and a variant (B), side by side, as two <nabla-playground> elements with the
// same dataset, seed and points (each in its own worker).
import { ACTIVATIONS } from '../../lib/playground/state.js';
import { LR_CHOICES, fillSelect, withChoice } from './controls.js';

const $ = (id) => document.getElementById(id);
// defined (as true) by vite.single.config.js only
const SINGLE_FILE = typeof __NABLA_SINGLE_FILE__ !== 'undefined';

/** Wires the A/B panel; returns renderAb, which keeps B a copy of the setup until a comparison runs. */
export function installAb(app) {
  const { state } = app;
  if (SINGLE_FILE) { // out of the page, where no control may show it again
    $('ab-panel').removeAttribute('data-hide');
    $('ab-panel').hidden = true;
  }
  fillSelect($('ab-lr'), LR_CHOICES);
  fillSelect($('ab-opt'), ['sgd', 'momentum', 'adam', 'rmsprop']);
  fillSelect($('ab-act'), ACTIVATIONS);
  function setupAttributes() {
    return {
      dataset: state.dataset, classes: state.classes, noise: state.noise, points: state.points, seed: state.seed,
      layers: state.layers.map((l) => l.units).join(','), activation: state.layers[0]?.activation ?? 'tanh',
      optimizer: state.optimizer, lr: state.lr, batch: state.batch, loss: app.lossUsed(), curve: state.curve,
    };
  }
  $('ab-compare').onclick = async () => {
    if (app.isCustom(state.dataset)) return app.showError('A/B compares the generated datasets; choose one (custom points stay with the main view).');
    if (!state.layers.length) return app.showError('A/B compares networks with at least one hidden layer.');
    if (new Set(state.layers.map((l) => l.activation)).size > 1) return app.showError('A/B takes one activation for every hidden layer; the setup above mixes them.');
    if (SINGLE_FILE) return undefined; // the single-file build leaves the course elements (and their workers) out
    const { defineElements } = await import('../../widgets/embed/elements.js');
    defineElements();
    const a = setupAttributes();
    const b = { ...a, lr: Number($('ab-lr').value), optimizer: $('ab-opt').value, activation: $('ab-act').value };
    const pane = (name, attrs) => {
      const el = document.createElement('nabla-playground');
      for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
      const box = document.createElement('div');
      const title = document.createElement('h3');
      title.textContent = `${name}: ${attrs.optimizer}, lr ${attrs.lr}, ${attrs.activation}`;
      box.append(title, el);
      return box;
    };
    $('ab-pair').replaceChildren(pane('A', a), pane('B', b));
    $('ab-play').disabled = false;
  };
  $('ab-play').onclick = () => {
    for (const el of $('ab-pair').querySelectorAll('nabla-playground')) {
      [...el.shadowRoot.querySelectorAll('button')].find((x) => x.textContent === 'Play')?.click();
    }
  };
  return function renderAb() {
    if ($('ab-pair').childElementCount) return;
    withChoice($('ab-lr'), LR_CHOICES, state.lr);
    $('ab-opt').value = state.optimizer;
    $('ab-act').value = state.layers[0]?.activation ?? 'tanh';
  };
}
