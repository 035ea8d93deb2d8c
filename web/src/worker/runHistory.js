// The playground's run history: float16 snapshots of every weight at whole epochs, so a slider can show the
// model at any earlier moment of the run. Bounded: at most MAX_SNAPSHOTS; when full, every other snapshot goes
// and the spacing doubles (1, 2, 4, ... epochs apart), so a long run keeps its whole span at coarser steps.
// Memory: MAX_SNAPSHOTS x 2 bytes x parameters: 142 KB for a 2-16-16-2 network (354 parameters), 12.1 MB for
// the largest the playground builds (11 features, 8 x 64 hidden, 5 outputs: 30,213 parameters).
import { fromHalfArray, toHalfArray } from '../lib/float16.js';

export const MAX_SNAPSHOTS = 200;

export class RunHistory {
  constructor(max = MAX_SNAPSHOTS) {
    this.max = max;
    this.clear();
  }

  clear() {
    this.snapshots = []; // { epoch, weights: Uint16Array (float16 bits), stats: { trainLoss, testLoss, trainAcc, testAcc } }
    this.every = 1;      // epochs between snapshots
    this.layout = null;  // [{ name, shape, size }] of the flattened weights
  }

  /** The next whole epoch after `epoch` at which a snapshot is due. */
  nextEpoch(epoch) {
    return (Math.floor(epoch / this.every) + 1) * this.every;
  }

  /** Whether a snapshot belongs at this whole epoch (a multiple of the spacing, not taken yet). */
  due(epoch) {
    return epoch % this.every === 0 && (this.snapshots.length === 0 || epoch > this.snapshots.at(-1).epoch);
  }

  /** Stores the weights `state` (Map name -> { shape, data }) as float16, with the stats of that moment. */
  add(epoch, state, stats) {
    const entries = [...state];
    this.layout ??= entries.map(([name, v]) => ({ name, shape: v.shape, size: v.data.length }));
    const flat = new Float32Array(this.layout.reduce((a, l) => a + l.size, 0));
    let at = 0;
    for (const [, v] of entries) {
      flat.set(v.data, at);
      at += v.data.length;
    }
    this.snapshots.push({ epoch, weights: toHalfArray(flat), stats });
    if (this.snapshots.length > this.max) {
      this.every *= 2;
      this.snapshots = this.snapshots.filter((s) => s.epoch % this.every === 0);
    }
  }

  /** Snapshot i's weights as a Map name -> { shape, data } (what Module.loadStateDict takes). */
  weightsAt(i) {
    const s = this.snapshots[i];
    if (!s) throw new Error(`run history: no snapshot ${i} (it holds ${this.snapshots.length})`);
    const values = fromHalfArray(s.weights);
    const out = new Map();
    let at = 0;
    for (const l of this.layout) {
      out.set(l.name, { shape: l.shape, data: values.subarray(at, at + l.size) });
      at += l.size;
    }
    return out;
  }

  /** [{ epoch, trainLoss, testLoss }] for the page's slider and the replay check. */
  summary() {
    return this.snapshots.map((s) => ({ epoch: s.epoch, trainLoss: s.stats.trainLoss, testLoss: s.stats.testLoss }));
  }

  bytes() {
    return this.snapshots.reduce((a, s) => a + s.weights.byteLength, 0);
  }
}
