// What goes in and out of the playground: CSV points, share links (the setup, or the run to replay), the model
// as safetensors and the run as a PyTorch script.
import { formatPointsCsv, formatTableCsv, parseTableCsv } from '../../lib/playground/csv.js';
import { MAX_CLASSES, MAX_URL_PARAMS, encodeState, encodeWeights, parameterCount } from '../../lib/playground/state.js';

const $ = (id) => document.getElementById(id);

export function download(blob, name) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

function flash(button, text) {
  const old = button.textContent;
  button.textContent = text;
  setTimeout(() => { button.textContent = old; }, 1500);
}

async function copyLink(link, button) {
  try {
    await navigator.clipboard.writeText(link);
    flash(button, 'Link copied');
  } catch {
    window.prompt('Copy this link:', link); // clipboard needs a secure context; let the person copy it
  }
}

export function installFiles(app) {
  const { state } = app;

  /** Points from CSV text; on an error the message names the line, and the points on screen stay. */
  function loadCsv(text) {
    const regression = $('csv-kind').value === 'values';
    let table;
    try {
      table = parseTableCsv(text, { maxClasses: MAX_CLASSES, regression });
    } catch (err) {
      app.showError(`${err.message}; the points on screen are kept`);
      return;
    }
    // two feature columns are points of the plane; more are a table the plane shows a slice of
    const plane = table.rows[0].length === 2;
    state.custom = plane ? table.rows.map(([x, y], i) => ({ x, y, label: table.labels[i] })) : null;
    state.table = plane ? null : table;
    state.plane = [0, 1];
    state.dataset = regression ? 'customReg' : 'custom';
    if (!regression) state.classes = Math.max(2, ...table.labels.map((c) => c + 1));
    app.changed('data');
  }
  $('csv-load').onclick = () => loadCsv($('csv-text').value);
  $('csv-file').onchange = async (e) => {
    const file = e.target.files[0];
    if (file) loadCsv(await file.text());
    e.target.value = '';
  };
  $('csv-export').onclick = () => download(new Blob([state.table ? formatTableCsv(state.table) : formatPointsCsv(app.pointsOnScreen())],
    { type: 'text/csv' }), `${state.dataset}.csv`);

  $('model-export').onclick = () => app.worker.postMessage({ type: 'export' });
  // The script trains for "Stop at epoch" epochs, or as many as this run has trained (at least one).
  $('pytorch-export').onclick = () => app.worker.postMessage({
    type: 'exportPytorch', epochs: state.stopEpoch || Math.max(1, Math.ceil(app.lastFrame?.stats.epoch ?? 0)),
    origin: `The nabla playground run at ${location.href}`,
  });
  $('model-import').onchange = async (e) => {
    const file = e.target.files[0];
    if (!file) return;
    const bytes = await file.arrayBuffer();
    app.worker.postMessage({ type: 'import', bytes }, [bytes]);
    e.target.value = '';
  };

  /** The link to this setup; with the trained weights when the network is small enough. */
  function shareLink() {
    const withWeights = $('share-weights').checked && app.lastFrame &&
      parameterCount(state.features.length, state.layers, app.outputs()) <= MAX_URL_PARAMS;
    const hash = encodeState({ ...state, weights: withWeights ? encodeWeights(app.lastFrame.params) : null });
    return `${location.href.split('#')[0]}#${hash}`;
  }
  /** The link that replays this run: the setup and seed, without weights, stopping at the epoch reached. */
  function runLink() {
    const epochs = Math.max(1, Math.ceil(app.lastFrame?.stats.epoch ?? 0));
    return `${location.href.split('#')[0]}#${encodeState({ ...state, weights: null, stopEpoch: epochs, autoplay: true })}`;
  }
  // links hold x,y points (a few bytes each), not a table's rows: its CSV is the way to pass it on
  const noTable = () => state.table && !app.showError(`Links do not carry a table of ${state.table.names.length} columns; ` +
    'download it (Download points) and share the CSV.');
  $('share-run').onclick = () => noTable() || copyLink(runLink(), $('share-run'));
  $('share').onclick = () => noTable() || copyLink(shareLink(), $('share'));
}
