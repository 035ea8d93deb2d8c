// Draw-a-digit with a saved MNIST model: the MNIST page's drawing pad and pre-processing, and a model loaded
// from a safetensors file (default: the bundled 784-128-10 MLP) classified on the page's shared engine
// (one small forward pass per stroke, well under a millisecond of work).
import { DigitPad } from '../digitPad.js';
import { toMnistInput } from '../../lib/mnist/preprocess.js';
import { presetOfSafetensors, MODELS } from '../../worker/mnistProtocol.js';
import { h } from '../../lib/dom.js';
import { getNabla } from './shared.js';

export const DEFAULT_DIGIT_MODEL = new URL('../../../public/models/mnist-mlp128.safetensors', import.meta.url);

export class DigitWidget {
  constructor(root, { model } = {}) {
    this.root = root;
    this.modelUrl = model ? new URL(model, document.baseURI) : DEFAULT_DIGIT_MODEL;
    const canvas = h('canvas', { width: '280', height: '280', 'aria-label': 'draw a digit here' });
    this.bars = h('div', { class: 'nabla-bars', 'aria-live': 'polite' });
    this.status = h('p', { class: 'nabla-muted' }, 'Loading the model…');
    const clear = h('button', { type: 'button', onclick: () => this.pad.clear() }, 'Clear');
    root.append(h('div', { class: 'nabla-digit' }, h('div', {}, canvas, h('div', { class: 'nabla-tools' }, clear)), this.bars), this.status);
    this.pad = new DigitPad(canvas, (ink, w, hgt) => this.classify(toMnistInput(ink, w, hgt)));
    this.ready = this.load();
  }

  async load() {
    const nb = await getNabla();
    const res = await fetch(this.modelUrl);
    if (!res.ok) throw new Error(`model ${this.modelUrl}: HTTP ${res.status}`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const preset = presetOfSafetensors(bytes);
    this.model = preset === 'convnet' ? nb.nn.fromSpec('convnet', 784, 10)
      : nb.nn.mlp({ inputs: 784, hidden: MODELS[preset].hidden, outputs: 10, activation: 'relu' });
    this.model.loadSafetensors(bytes);
    this.model.eval();
    this.nb = nb;
    this.status.textContent = `${MODELS[preset].label}, ${this.model.parameterCount().toLocaleString('en')} parameters. Draw a digit.`;
    this.root.dataset.ready = 'true';
  }

  /** Probabilities of the 10 digits for a 784-pixel input (null: no ink) drawn as bars. */
  classify(input) {
    if (!this.model || !input) { this.bars.replaceChildren(); return null; }
    const probs = this.nb.tidy(() => this.nb.noGrad(() => this.model.forward(this.nb.tensor(input, [1, 784])).softmax(-1).data()));
    const best = probs.indexOf(Math.max(...probs));
    this.bars.replaceChildren(...[...probs].flatMap((p, d) => [
      h('span', { class: d === best ? 'top' : '' }, String(d)),
      h('div', { class: 'bar', style: `width:${(p * 100).toFixed(1)}%` }),
      h('span', { class: d === best ? 'top' : '' }, `${(p * 100).toFixed(1)}%`)]));
    this.root.dataset.prediction = String(best);
    return probs;
  }

  dispose() { this.model?.dispose(); }
}
