// A/B: two full playgrounds side by side, each this page in an iframe at a copy of the setup (the same seed and
// data, so the same initial weights and batches), each with its own worker. Either can then differ in any setting;
// each run is the run that setup makes alone (tests/e2e/playground-ab.test.js checks it).
import { encodeState } from '../../lib/playground/state.js';

const $ = (id) => document.getElementById(id);
// defined (as true) by vite.single.config.js only
const SINGLE_FILE = typeof __NABLA_SINGLE_FILE__ !== 'undefined';
// the settings a link holds that are not the setup (the panes' own controls and view)
const NOT_SETUP = new Set(['hide', 'play', 'disc', 'test', 'w']);

/** The setup of a pane's address (its URL parameters), for the line that says how A and B differ. */
function setupOf(frame) {
  const p = new URLSearchParams(frame.contentWindow?.location.hash.replace(/^#/, '') ?? '');
  return new Map([...p].filter(([k]) => !NOT_SETUP.has(k)));
}

/** Wires the A/B panel: Compare opens the two panes, Train both plays or pauses them together. */
export function installAb(app) {
  const { state } = app;
  if (SINGLE_FILE) { // out of the page, where no control may show it again
    $('ab-panel').removeAttribute('data-hide');
    $('ab-panel').hidden = true;
  }
  const frames = () => [...$('ab-pair').querySelectorAll('iframe')];
  const doc = (f) => f.contentDocument;
  const ready = (f) => doc(f)?.body?.dataset.engine === 'ready';
  const playing = (f) => doc(f).getElementById('play').getAttribute('aria-pressed') === 'true';

  $('ab-compare').onclick = () => {
    if (state.table) return app.showError('A/B copies the setup through its link, which cannot hold a table; compare on x,y data.');
    const hash = encodeState({ ...state, weights: null, autoplay: false, hide: [...new Set([...state.hide, 'ab'])] });
    const pane = (name) => {
      const title = document.createElement('h3');
      title.textContent = name;
      const frame = document.createElement('iframe');
      frame.title = `Playground ${name}`;
      frame.dataset.abPane = name;
      frame.src = `${location.pathname}#${hash}`;
      const box = document.createElement('div');
      box.append(title, frame);
      return box;
    };
    $('ab-pair').replaceChildren(pane('A'), pane('B'));
    $('ab-play').disabled = $('ab-reset').disabled = false;
    $('ab-diff').textContent = 'A and B are the same setup: change either.';
    watchDiff();
    return undefined;
  };
  $('ab-play').onclick = () => {
    const panes = frames();
    if (!panes.every(ready)) return app.showError('A/B: the panes are still starting their engines.');
    const start = !panes.every(playing); // both training: pause both; otherwise start the ones that are not
    for (const f of panes) if (playing(f) !== start) doc(f).getElementById('play').click();
    return undefined;
  };
  $('ab-reset').onclick = () => frames().filter(ready).forEach((f) => doc(f).getElementById('reset').click());

  // how B differs from A, from the two addresses (each pane keeps its setup in its own URL)
  let timer = null;
  function watchDiff() {
    clearInterval(timer);
    timer = setInterval(() => {
      const [a, b] = frames();
      if (!a || !$('ab-panel').open) return;
      const sa = setupOf(a), sb = setupOf(b);
      const keys = [...new Set([...sa.keys(), ...sb.keys()])].filter((k) => sa.get(k) !== sb.get(k));
      $('ab-diff').textContent = keys.length
        ? `B differs from A in ${keys.map((k) => `${k}: ${sa.get(k) ?? '–'} → ${sb.get(k) ?? '–'}`).join('; ')}.`
        : 'A and B are the same setup: change either.';
    }, 500);
  }
}
