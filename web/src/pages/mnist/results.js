// The MNIST page's test-set results and first-layer weights: the confusion matrix, the gallery of
// misclassified digits, and each first layer's weights (an MLP's rows as 28x28 images, conv kernels).
import { drawDigit, drawWeights, weightRange } from '../../widgets/digitImages.js';

const $ = (id) => document.getElementById(id);
export const pct = (v) => `${(v * 100).toFixed(2)}%`;

export function showConfusion(confusion) {
  const table = $('confusion');
  const head = document.createElement('tr');
  head.append(document.createElement('th'));
  for (let c = 0; c < 10; c++) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = c;
    head.append(th);
  }
  const rows = [head];
  let max = 0;
  for (let r = 0; r < 10; r++) for (let c = 0; c < 10; c++) if (r !== c) max = Math.max(max, confusion[r * 10 + c]);
  for (let r = 0; r < 10; r++) {
    const tr = document.createElement('tr');
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = r;
    tr.append(th);
    for (let c = 0; c < 10; c++) {
      const td = document.createElement('td');
      const v = confusion[r * 10 + c];
      td.textContent = v;
      if (r === c) td.className = 'diag';
      else if (v > 0) td.style.background = `rgba(208, 69, 43, ${(0.12 + 0.7 * (v / max)).toFixed(3)})`;
      td.title = `true ${r}, predicted ${c}: ${v}`;
      tr.append(td);
    }
    rows.push(tr);
  }
  table.replaceChildren(...rows);
}

export function showGallery(wrong, wrongTotal) {
  $('wrong-count').textContent = `(${wrong.length} of ${wrongTotal})`;
  $('gallery').replaceChildren(...wrong.map((w) => {
    const fig = document.createElement('figure');
    const canvas = document.createElement('canvas');
    drawDigit(canvas, w.pixels);
    canvas.setAttribute('aria-label', `test digit ${w.index}: true ${w.label}, predicted ${w.pred}`);
    const cap = document.createElement('figcaption');
    cap.innerHTML = `<b>${w.pred}</b> <s>${w.label}</s>`;
    cap.title = `predicted ${w.pred}, true ${w.label} (test image ${w.index})`;
    fig.append(canvas, cap);
    return fig;
  }));
}

export function showWeights(filters) {
  const groups = filters.map(({ name, shape, data }) => {
    const wrap = document.createElement('div');
    const h = document.createElement('h3');
    const grid = document.createElement('div');
    grid.className = 'filters';
    const range = weightRange(data);
    if (shape.length === 2) {
      const [units, inputs] = shape;
      h.textContent = `Layer ${name}: each of the ${units} hidden units' ${inputs} input weights as a 28×28 image`;
      for (let u = 0; u < units; u++) {
        const c = document.createElement('canvas');
        drawWeights(c, data.subarray(u * inputs, (u + 1) * inputs), 28, 28, range);
        grid.append(c);
      }
    } else {
      const [out, inCh, kh, kw] = shape;
      h.textContent = `Conv ${name}: ${out} filters (columns) × ${inCh} input channel${inCh > 1 ? 's (rows)' : ''}, ${kh}×${kw} each`;
      // One row per input channel, one column per filter: a filter's kernels stack in its column.
      grid.classList.add('conv');
      if (inCh === 1) grid.classList.add('first');
      grid.style.setProperty('--cols', out);
      for (let i = 0; i < inCh; i++) {
        for (let o = 0; o < out; o++) {
          const c = document.createElement('canvas');
          const at = (o * inCh + i) * kh * kw;
          drawWeights(c, data.subarray(at, at + kh * kw), kw, kh, range);
          c.title = `filter ${o}, input channel ${i}`;
          grid.append(c);
        }
      }
    }
    wrap.append(h, grid);
    return wrap;
  });
  $('weights').replaceChildren(...groups);
  $('weights-info').textContent = 'Blue: positive weight, red: negative, white: zero (one colour scale per layer, full colour at its 99th percentile of |w|).';
}
