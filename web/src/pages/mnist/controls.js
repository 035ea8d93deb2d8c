// The MNIST page's training controls: the settings read into the worker's config, and which buttons are
// enabled. A new setting is one entry in SETTINGS (its element id, and how its value goes into the config).
const $ = (id) => document.getElementById(id);

/** Reads a number field, or throws naming its label and range. */
function num(id, min, max, integer) {
  const el = $(id), v = Number(el.value);
  const label = el.closest('label').firstChild.textContent.trim();
  if (!Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) {
    throw new Error(`${label} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}, got "${el.value}"`);
  }
  return v;
}

/** Settings of the training config: id of the control, config key, how to read it. */
export const SETTINGS = [
  { id: 'optimizer', key: 'optimizer', read: () => $('optimizer').value },
  { id: 'lr', key: 'lr', read: () => num('lr', 1e-6, 10, false) },
  { id: 'batch', key: 'batch', read: () => num('batch', 1, 60000, true) },
  { id: 'epochs', key: 'epochs', read: () => num('epochs', 1, 100, true) },
  // nb's schedule text (the CLI's --schedule), stepped at each epoch's end; every option is one the engine takes.
  { id: 'schedule', key: 'schedule', read: () => $('schedule').value },
];

/** The worker's config for the model `spec` (preset id `model`); throws the first bad setting's message. */
export function readConfig(model, spec) {
  const config = { model, spec, seed: 1 };
  for (const s of SETTINGS) config[s.key] = s.read();
  return config;
}

/** Enables what the page's state allows: Train needs the engine, the data, a built model and a sound spec. */
export function updateButtons(state) {
  const ready = state.engine && state.data && state.model;
  $('train').disabled = !ready || state.training || !state.specOk;
  $('stop').disabled = !state.training;
  $('reset').disabled = !ready || state.training || !state.specOk;
  $('save').disabled = !state.model || state.training;
  $('load').disabled = !state.engine || state.training;
  $('load-label').classList.toggle('disabled', $('load').disabled);
  for (const id of ['model', ...SETTINGS.map((s) => s.id)]) $(id).disabled = state.training;
  $('train').title = state.specOk ? '' : 'Fix the architecture first: a layer below says what does not fit';
}
