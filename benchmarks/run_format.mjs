// The report's two small rules, shared by its tables (run_report.mjs) and targets (run_targets.mjs): how a
// number is printed, and which way a ratio of two rows runs.
export const HIGHER_IS_BETTER = new Set(['GFLOP/s', 'samples/s']);

export const fmt = (x) => (x == null || Number.isNaN(x) ? '–' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1)
                                                                         : x.toPrecision(3));

/** a ÷ b as a speed ratio (>1: a faster), or null when either side is missing or failed. */
export function ratio(a, b) {
  if (!a || !b || a.error || b.error) return null;
  return HIGHER_IS_BETTER.has(a.unit) ? a.median / b.median : b.median / a.median;
}
