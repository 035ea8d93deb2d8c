// The playground's settings and their URL form: copying the address reproduces the same dataset,
// network, hyper-parameters and seed (and, for small networks, the trained weights).
import { DATASETS } from './toyData.js';
import { FEATURE_IDS } from './features.js';
import { fromHalfArray, toHalfArray } from '../float16.js';
import { DEFAULT_CURVE, compileCurve } from './curve.js';
import { OPTIMIZER_CHOICES } from '../optimizers.js';

export const ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'leaky', 'gelu', 'linear'];
export const LOSSES = ['xent', 'mse', 'hinge'];
export const OPTIMIZERS = OPTIMIZER_CHOICES;
export const REGS = ['none', 'l1', 'l2'];
/** The learning-rate schedules the menu offers (the engine's --schedule text; stepped at each epoch's end). */
export const SCHEDULES = ['constant', 'step:100,0.5', 'step:50,0.1', 'cosine:200', 'cosine:1000', 'warmup:20',
  'warmup:20,0.1+cosine:300'];
export const MAX_LAYERS = 8;
export const MAX_UNITS = 64;
export const MAX_CLASSES = 5;
/** Networks with at most this many parameters carry their trained weights in a shared link. */
export const MAX_URL_PARAMS = 2000;
/** Controls a teacher can hide with hide=a,b,... (ids of the control groups in the page). */
export const HIDEABLE = ['data', 'features', 'layers', 'loss', 'optimizer', 'lr', 'batch', 'reg', 'dropout', 'io', 'ab'];

export function defaultState() {
  return {
    dataset: 'moons', classes: 3, noise: 0.15, points: 400, trainPct: 70, seed: 1,
    features: ['x', 'y'],
    layers: [{ units: 16, activation: 'tanh' }, { units: 16, activation: 'tanh' }],
    loss: 'xent', optimizer: 'adam', lr: 0.03, schedule: 'constant', batch: 16, reg: 'none', regRate: 0.001, dropout: 0,
    hide: [], custom: null, weights: null, stopEpoch: 0,
    curve: DEFAULT_CURVE, discretize: false, showTest: true, autoplay: false,
  };
}

const ACT_CODE = { relu: 'r', tanh: 't', sigmoid: 's', leaky: 'l', gelu: 'g', linear: 'n' };
const CODE_ACT = Object.fromEntries(Object.entries(ACT_CODE).map(([a, c]) => [c, a]));

// The settings that are one URL parameter each, in the link's order: [key, state field, { options } or
// { min, max, integer }]. The data's come before the features and the network, the training's after.
const DATA_PARAMS = [
  ['data', 'dataset', { options: Object.keys(DATASETS) }],
  ['k', 'classes', { min: 2, max: MAX_CLASSES, integer: true }],
  ['noise', 'noise', { min: 0, max: 1 }],
  ['n', 'points', { min: 10, max: 2000, integer: true }],
  ['train', 'trainPct', { min: 10, max: 90, integer: true }],
  ['seed', 'seed', { min: 0, max: 2 ** 31 - 1, integer: true }],
];
const TRAINING_PARAMS = [
  ['loss', 'loss', { options: LOSSES }],
  ['opt', 'optimizer', { options: OPTIMIZERS }],
  ['lr', 'lr', { min: 1e-6, max: 10 }],
  ['batch', 'batch', { min: 1, max: 2000, integer: true }],
  ['reg', 'reg', { options: REGS }],
  ['rr', 'regRate', { min: 0, max: 10 }],
  ['drop', 'dropout', { min: 0, max: 0.9 }],
];

/** State -> URL hash string (without '#'). */
export function encodeState(s) {
  const p = new URLSearchParams();
  for (const [key, field] of DATA_PARAMS) p.set(key, s[field]);
  p.set('f', s.features.join(','));
  // a user op (graph page) goes by name: 16:swish
  p.set('net', s.layers.map((l) => `${l.units}${Object.hasOwn(ACT_CODE, l.activation) ? ACT_CODE[l.activation] : `:${l.activation}`}`).join(','));
  for (const [key, field] of TRAINING_PARAMS) p.set(key, s[field]);
  if (s.schedule !== 'constant') p.set('sched', s.schedule);
  if (s.stopEpoch) p.set('stop', s.stopEpoch);
  if (s.dataset === 'curve') p.set('fx', s.curve);
  if (s.discretize) p.set('disc', '1');
  if (!s.showTest) p.set('test', '0');
  if (s.autoplay) p.set('play', '1');
  if (s.hide.length) p.set('hide', s.hide.join(','));
  if (s.custom) {
    const regress = DATASETS[s.dataset]?.kind === 'regress';
    p.set(regress ? 'rpts' : 'pts', regress ? encodeTargets(s.custom) : encodePoints(s.custom));
  }
  if (s.weights) p.set('w', s.weights);
  return p.toString().replace(/%2C/g, ",");
}

/**
 * URL hash -> { state, errors }. A value that cannot be read keeps its default and adds a message
 * to `errors` naming the parameter, so a mistyped link says what is wrong instead of guessing.
 */
export function decodeState(hash) {
  const s = defaultState();
  const errors = [];
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const num = (key, field, { min, max, integer = false }) => {
    if (!p.has(key)) return;
    const v = Number(p.get(key));
    if (!Number.isFinite(v) || (integer && !Number.isInteger(v)) || v < min || v > max) {
      errors.push(`${key}=${p.get(key)}: expected ${integer ? 'an integer' : 'a number'} in [${min}, ${max}]`);
    } else s[field] = v;
  };
  const pick = (key, field, options) => {
    if (!p.has(key)) return;
    const v = p.get(key);
    if (!options.includes(v)) errors.push(`${key}=${v}: expected one of ${options.join(', ')}`);
    else s[field] = v;
  };
  const param = ([key, field, check]) => (check.options ? pick(key, field, check.options) : num(key, field, check));
  DATA_PARAMS.forEach(param);
  if (p.has('f')) {
    const f = p.get('f').split(',').filter(Boolean);
    const bad = f.filter((id) => !FEATURE_IDS.includes(id));
    if (bad.length || !f.length) errors.push(`f=${p.get('f')}: features are a non-empty list of ${FEATURE_IDS.join(', ')}`);
    else s.features = FEATURE_IDS.filter((id) => f.includes(id));
  }
  if (p.has('net')) {
    const raw = p.get('net');
    const layers = raw === '' ? [] : raw.split(',').map((t) => {
      const m = /^(\d+)(?:([a-z])|:([A-Za-z_][A-Za-z0-9_]*))$/.exec(t);
      const units = m && Number(m[1]);
      const activation = m && (m[3] ?? CODE_ACT[m[2]]);
      return activation && units >= 1 && units <= MAX_UNITS ? { units, activation } : null;
    });
    if (layers.includes(null) || layers.length > MAX_LAYERS) {
      errors.push(`net=${raw}: expected up to ${MAX_LAYERS} layers like 16t,8r (1-${MAX_UNITS} units; r t s l g n = relu tanh sigmoid leaky gelu linear; :name a user op)`);
    } else s.layers = layers;
  }
  TRAINING_PARAMS.forEach(param);
  pick('sched', 'schedule', SCHEDULES);
  num('stop', 'stopEpoch', { min: 0, max: 100000, integer: true });
  if (p.has('fx')) {
    try {
      compileCurve(p.get('fx'));
      s.curve = p.get('fx');
    } catch (err) {
      errors.push(`fx=${p.get('fx')}: ${err.message}`);
    }
  }
  const flag = (key, field) => {
    if (!p.has(key)) return;
    if (p.get(key) === '1' || p.get(key) === '0') s[field] = p.get(key) === '1';
    else errors.push(`${key}=${p.get(key)}: expected 0 or 1`);
  };
  flag('disc', 'discretize');
  flag('test', 'showTest');
  flag('play', 'autoplay');
  if (p.has('hide')) {
    const h = p.get('hide').split(',').filter(Boolean);
    const bad = h.filter((id) => !HIDEABLE.includes(id));
    if (bad.length) errors.push(`hide=${p.get('hide')}: unknown control ${bad.join(', ')}; hideable: ${HIDEABLE.join(', ')}`);
    s.hide = h.filter((id) => HIDEABLE.includes(id));
  }
  if (p.has('pts')) {
    try {
      s.custom = decodePoints(p.get('pts'));
    } catch (err) {
      errors.push(`pts: ${err.message}`);
    }
  }
  if (p.has('rpts')) {
    try {
      s.custom = decodeTargets(p.get('rpts'));
    } catch (err) {
      errors.push(`rpts: ${err.message}`);
    }
  }
  // points belong to a custom set of their kind: pts (classes) to custom, rpts (targets) to customReg
  const own = DATASETS[s.dataset].engine ? null : DATASETS[s.dataset].kind === 'regress' ? 'rpts' : 'pts';
  const other = own === 'pts' ? 'rpts' : 'pts';
  if (!own) s.custom = null; // a generated set ignores points
  else if (!p.has(own) && p.has(other)) {
    errors.push(`data=${s.dataset}: takes ${own}=, but the link holds ${other}=`);
    s.custom = null;
  }
  if (own && !s.custom && (p.has('pts') || p.has('rpts'))) s.dataset = defaultState().dataset; // unreadable points
  if (p.has('w')) s.weights = p.get('w');
  return { state: s, errors };
}

// ---- compact binary payloads (base64url) ----

export function toBase64Url(bytes) {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url text');
  // atob would throw a DOMException ("not correctly encoded") that names nothing the user can act on.
  if (text.length % 4 === 1) throw new Error(`not base64url text: ${text.length} characters cannot hold whole bytes (cut off?)`);
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/** Custom points: per point int16 x, int16 y (1/1000 units) and one label byte. */
function encodePoints(points) {
  const buf = new DataView(new ArrayBuffer(points.length * 5));
  points.forEach((pt, i) => {
    buf.setInt16(i * 5, Math.round(pt.x * 1000), true);
    buf.setInt16(i * 5 + 2, Math.round(pt.y * 1000), true);
    buf.setUint8(i * 5 + 4, pt.label);
  });
  return toBase64Url(new Uint8Array(buf.buffer));
}

function decodePoints(text) {
  const bytes = fromBase64Url(text);
  if (bytes.length % 5) throw new Error(`${bytes.length} bytes is not a whole number of 5-byte points`);
  const v = new DataView(bytes.buffer);
  return Array.from({ length: bytes.length / 5 }, (_, i) => ({
    x: v.getInt16(i * 5, true) / 1000, y: v.getInt16(i * 5 + 2, true) / 1000, label: v.getUint8(i * 5 + 4),
  }));
}

/** Custom regression points: per point float16 x, y and target. */
function encodeTargets(points) {
  return toBase64Url(new Uint8Array(toHalfArray(points.flatMap((pt) => [pt.x, pt.y, pt.label])).buffer));
}

function decodeTargets(text) {
  const bytes = fromBase64Url(text);
  if (bytes.length % 6) throw new Error(`${bytes.length} bytes is not a whole number of 6-byte points (cut off?)`);
  const v = fromHalfArray(new Uint16Array(bytes.slice().buffer));
  if (v.some((x) => !Number.isFinite(x))) throw new Error('a point holds a value that is not a finite number');
  return Array.from({ length: v.length / 3 }, (_, i) => ({ x: v[3 * i], y: v[3 * i + 1], label: v[3 * i + 2] }));
}

// Weights: float16 values of every parameter, concatenated in the network's parameter order.
// Half precision keeps a 2-16-16-2 network (338 weights) under 1 KB of URL.

/** Encodes parameters { name: { shape, data } } (in order) as float16 base64url. */
export function encodeWeights(params) {
  const out = toHalfArray(Object.values(params).flatMap((p) => Array.from(p.data)));
  return toBase64Url(new Uint8Array(out.buffer));
}

/** Decodes float16 weights into { name: { shape, data } } for the given parameter list [{ name, shape }]. */
export function decodeWeights(text, info) {
  const bytes = fromBase64Url(text);
  const total = info.reduce((a, p) => a + p.shape.reduce((x, y) => x * y, 1), 0);
  if (bytes.length !== total * 2) {
    throw new Error(`the link's weights hold ${bytes.length / 2} values but this network has ${total}`);
  }
  // a copy: the bytes of an odd offset cannot be viewed as 16-bit values in place
  const halves = new Uint16Array(bytes.slice().buffer, 0, total);
  const out = {};
  let at = 0;
  for (const p of info) {
    const size = p.shape.reduce((x, y) => x * y, 1);
    out[p.name] = { shape: p.shape, data: fromHalfArray(halves.subarray(at, at + size)) };
    at += size;
  }
  return out;
}

export function parameterCount(inputs, layers, outputs) {
  let fan = inputs, n = 0;
  for (const l of [...layers, { units: outputs }]) {
    n += (fan + 1) * l.units;
    fan = l.units;
  }
  return n;
}
