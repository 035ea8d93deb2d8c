// The custom elements a course page embeds, configured by attributes (the iframe page embed.html maps its
// URL query onto the same attributes):
//   <nabla-graph expr="a = 2; b = tanh(a * 3)">           program -> graph, Backward / Step backward, DOT/SVG
//   <nabla-graph mlp="2-4-1" activation="tanh" collapse>  a small MLP's forward and backward pass
//   <nabla-derivatives fn="tanh(x)" from="-7" to="7" orders="6">   f and its derivatives by repeated grad
//   <nabla-playground dataset="spiral" layers="8,8" activation="tanh" lr="0.03">   train in a worker
//   <nabla-digit model="models/mnist-mlp128.safetensors">  draw a digit, a saved model classifies it
//   <nabla-activation fn="gelu" x="0.5">        an activation and its derivative; drag x and read both
//   <nabla-loss loss="hinge" x="0.5">            a loss of one logit or margin and the gradient it sends back
//   <nabla-optimizer-race surface="rosenbrock">  SGD, momentum, Nesterov, RMSProp, Adam, AdamW racing on a surface
//   <nabla-init-histograms init="he" activation="relu">  each layer's activations in a deep MLP under an init
//   <nabla-regularization regularizer="l1" rate="0.003">  decision boundary and weights with and without a penalty
//   <nabla-exercise seed="3" difficulty="2">      predict a leaf's gradient; posts { type: 'nabla-score', ... }
//   <nabla-batchnorm>                            each hidden layer's values before and after BatchNorm while training
//   <nabla-dropout mode="dropconnect" p="0.2">   the masks on a small network; training curves with and without
// Every widget renders into its own shadow root; a bad attribute shows a message in the widget (and a
// `nabla-error` event), never an exception on the page.
import { ProgramEditor, MICROGRAD_EXAMPLE } from './programEditor.js';
import { h } from '../../lib/dom.js';
import { GraphPanel } from './graphPanel.js';
import { mlpModel, parseSizes } from './mlpGraph.js';
import { DerivativePlot } from './derivativePlot.js';
import { PlaygroundWidget } from './playgroundWidget.js';
import { DigitWidget } from './digitWidget.js';
import { CurveFigure } from './curveFigure.js';
import { ACTIVATION_CURVES } from './activationCurves.js';
import { LOSS_CURVES } from './lossCurves.js';
import { OptimizerRace } from './optimizerRace.js';
import { InitHistograms } from './initHistograms.js';
import { RegularizationFigure } from './regularizationFigure.js';
import { BatchNormFigure } from './batchNormFigure.js';
import { DropoutFigure } from './dropoutFigure.js';
import { adoptStyles } from './styles.js';
import { getNabla } from './shared.js';
import { ExerciseWidget } from './exerciseWidget.js';

const attrs = (el) => Object.fromEntries([...el.attributes].map((a) => [a.name, a.value]));
const isOff = (v) => v === 'false' || v === '0' || v === 'no';

/**
 * The base of every element: a shadow root, an error box, and start(attributes) run on connection and again
 * whenever an observed attribute changes afterwards (several changes in one task restart the widget once).
 */
class NablaWidget extends HTMLElement {
  /** Each element lists the attributes it reads in `static ATTRIBUTES`. */
  static get observedAttributes() { return this.ATTRIBUTES ?? []; }

  connectedCallback() {
    if (this.shadowRoot) return; // moved in the DOM: keep the running widget
    const shadow = this.attachShadow({ mode: 'open' });
    adoptStyles(shadow);
    this.body = h('div', { part: 'body' });
    this.errorBox = h('pre', { class: 'nabla-error', role: 'alert' });
    this.errorBox.hidden = true;
    shadow.append(this.errorBox, this.body);
    this.addEventListener('nabla-error', (e) => this.showError(e.detail));
    this.run();
  }

  attributeChangedCallback(name, old, value) {
    if (!this.shadowRoot || old === value || this.restartQueued) return; // before connection start() reads them all
    this.restartQueued = true;
    queueMicrotask(() => {
      this.restartQueued = false;
      this.widget?.dispose?.();
      this.widget = null;
      this.body.replaceChildren();
      this.errorBox.hidden = true;
      this.run();
    });
  }

  run() {
    const generation = this.generation = (this.generation ?? 0) + 1; // a restart supersedes a start under way
    this.dataset.state = 'loading';
    Promise.resolve().then(() => this.start(attrs(this))).then(
      () => { if (generation === this.generation && this.dataset.state === 'loading') this.dataset.state = 'ready'; },
      (err) => { if (generation === this.generation) this.showError(err?.message ?? String(err)); });
  }

  showError(message) {
    this.errorBox.textContent = `${this.localName}: ${message}`;
    this.errorBox.hidden = false;
    this.dataset.state = 'error';
  }

  disconnectedCallback() {
    if (!this.isConnected) this.widget?.dispose?.();
  }
}

export class NablaGraphElement extends NablaWidget {
  static ATTRIBUTES = ['expr', 'mlp', 'activation', 'collapse', 'editable', 'backward', 'seed'];

  async start(a) {
    if (a.mlp !== undefined) {
      const sizes = parseSizes(a.mlp || '2-4-1');
      const panel = new GraphPanel(this.body, { collapsible: true, fileName: 'nabla-mlp' });
      if (a.collapse !== undefined && !isOff(a.collapse)) { panel.collapse = true; panel.collapseBox.checked = true; }
      this.widget = panel;
      await panel.setModel(mlpModel(await getNabla(), { sizes, activation: a.activation ?? 'tanh', seed: Number(a.seed ?? 1) }));
      return;
    }
    const source = (a.expr ?? MICROGRAD_EXAMPLE).replace(/;\s*/g, '\n');
    const editor = new ProgramEditor(this.body, { source, editable: !isOff(a.editable), rows: Math.min(12, source.split('\n').length + 1) });
    this.widget = editor;
    await editor.run();
    if (a.backward !== undefined && !isOff(a.backward)) await editor.panel.backward();
  }
}

export class NablaDerivativesElement extends NablaWidget {
  static ATTRIBUTES = ['fn', 'from', 'to', 'orders', 'editable'];

  async start(a) {
    const plot = new DerivativePlot(this.body, {
      fn: a.fn ?? 'tanh(x)', from: Number(a.from ?? -7), to: Number(a.to ?? 7), orders: Number(a.orders ?? 6), editable: !isOff(a.editable),
    });
    this.widget = plot;
    await plot.run();
  }
}

export class NablaPlaygroundElement extends NablaWidget {
  static ATTRIBUTES = ['dataset', 'layers', 'activation', 'optimizer', 'lr', 'batch', 'noise', 'points', 'seed', 'classes', 'loss', 'curve'];

  async start(a) {
    this.widget = new PlaygroundWidget(this.body, a);
    this.dataset.state = 'ready';
  }
}

export class NablaDigitElement extends NablaWidget {
  static ATTRIBUTES = ['model'];

  async start(a) {
    this.widget = new DigitWidget(this.body, a);
    await this.widget.ready;
  }
}

export class NablaActivationElement extends NablaWidget {
  static ATTRIBUTES = ['fn', 'x'];

  async start(a) {
    this.widget = new CurveFigure(this.body, { curves: ACTIVATION_CURVES, choice: a.fn ?? 'relu', x: Number(a.x ?? 0.5) });
    await this.widget.start();
  }
}

export class NablaLossElement extends NablaWidget {
  static ATTRIBUTES = ['loss', 'x'];

  async start(a) {
    this.widget = new CurveFigure(this.body, { curves: LOSS_CURVES, choice: a.loss ?? 'crossEntropy', x: Number(a.x ?? 0.5) });
    await this.widget.start();
  }
}

export class NablaOptimizerRaceElement extends NablaWidget {
  static ATTRIBUTES = ['surface'];

  async start(a) {
    this.widget = new OptimizerRace(this.body, { surface: a.surface ?? 'rosenbrock' });
    await this.widget.start();
  }
}

export class NablaInitHistogramsElement extends NablaWidget {
  static ATTRIBUTES = ['init', 'activation'];

  async start(a) {
    this.widget = new InitHistograms(this.body, { init: a.init ?? 'xavier', activation: a.activation ?? 'tanh' });
    await this.widget.start();
  }
}

export class NablaRegularizationElement extends NablaWidget {
  static ATTRIBUTES = ['regularizer', 'rate'];

  async start(a) {
    this.widget = new RegularizationFigure(this.body, { regularizer: a.regularizer ?? 'l2', rate: a.rate === undefined ? undefined : Number(a.rate) });
    await this.widget.start();
  }
}

export class NablaBatchNormElement extends NablaWidget {
  async start() {
    this.widget = new BatchNormFigure(this.body);
    await this.widget.start();
  }
}

export class NablaExerciseElement extends NablaWidget {
  static ATTRIBUTES = ['seed', 'difficulty', 'exercise'];

  async start(a) {
    const seed = Number(a.seed ?? 0), difficulty = Number(a.difficulty ?? 1);
    this.widget = new ExerciseWidget(this.body, this, { seed, difficulty, exercise: a.exercise });
    await this.widget.start();
  }
}

export class NablaDropoutElement extends NablaWidget {
  static ATTRIBUTES = ['mode', 'p'];

  async start(a) {
    this.widget = new DropoutFigure(this.body, { mode: a.mode ?? 'dropout', p: Number(a.p ?? 0.2) });
    await this.widget.start();
  }
}

export const ELEMENTS = {
  'nabla-graph': NablaGraphElement,
  'nabla-derivatives': NablaDerivativesElement,
  'nabla-playground': NablaPlaygroundElement,
  'nabla-digit': NablaDigitElement,
  'nabla-activation': NablaActivationElement,
  'nabla-loss': NablaLossElement,
  'nabla-optimizer-race': NablaOptimizerRaceElement,
  'nabla-init-histograms': NablaInitHistogramsElement,
  'nabla-regularization': NablaRegularizationElement,
  'nabla-batchnorm': NablaBatchNormElement,
  'nabla-exercise': NablaExerciseElement,
  'nabla-dropout': NablaDropoutElement,
};

/** Registers every element once (a page may load the script twice). */
export function defineElements() {
  for (const [name, cls] of Object.entries(ELEMENTS)) if (!customElements.get(name)) customElements.define(name, cls);
}
