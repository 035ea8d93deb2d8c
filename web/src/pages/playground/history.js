// The run history: the slider over the worker's float16 snapshots (its last position is the live model).
const $ = (id) => document.getElementById(id);

/** Wires the slider; returns { showHistory(msg), endScrub() } for the worker's messages. */
export function installHistory(app) {
  let snapshots = [];
  function showHistory({ snapshots: list, bytes, every }) {
    snapshots = list;
    const slider = $('scrub');
    const live = Number(slider.value) >= Number(slider.max);
    slider.max = String(list.length);
    if (live) slider.value = slider.max;
    slider.title = `${list.length} snapshots, ${every} epoch${every === 1 ? '' : 's'} apart (${(bytes / 1024).toFixed(0)} KB of float16 weights)`;
    document.body.dataset.snapshots = JSON.stringify(list); // the replay test compares these
    if (!app.scrubbing) $('scrub-out').textContent = 'live';
  }
  $('scrub').oninput = (e) => {
    const i = Number(e.target.value);
    if (app.playing) {
      app.showError('Pause training to look back through the run; the slider shows the live model while it trains.');
      e.target.value = e.target.max;
      return;
    }
    if (i >= snapshots.length) {
      app.worker.postMessage({ type: 'pause' }); // answers with a frame of the live model
      return;
    }
    app.scrubbing = true;
    $('scrub-out').textContent = `epoch ${snapshots[i].epoch}`;
    app.chart.showUntil(snapshots[i].epoch);
    app.worker.postMessage({ type: 'scrub', index: i });
  };
  function endScrub() {
    app.scrubbing = false;
    $('scrub').value = $('scrub').max;
    $('scrub-out').textContent = 'live';
    app.chart.showUntil(null);
  }
  return { showHistory, endScrub };
}
