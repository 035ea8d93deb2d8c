// Merges a contender's reports from several rounds of the suite into one: for every row (case, backend,
// parameters) the round with the fastest median. The machine this runs on is shared, and its speed shifts
// for tens of seconds at a time (the same binary measured 5.7 and 9 µs per tiny step minutes apart), so a
// single pass can catch one contender in a slow spell and its peer in a fast one. With the contenders
// interleaved round by round and each given the same number of rounds, best-of-rounds compares like with
// like; every round's median stays in the row (round_medians) and in the raw per-round files.
import { HIGHER_IS_BETTER } from './run_format.mjs';

const rowKey = (row) => `${row.case}|${row.backend ?? ''}|${JSON.stringify(row.params ?? {})}`;

function faster(a, b) {
  if (a.error) return false;
  if (b.error) return true;
  return HIGHER_IS_BETTER.has(a.unit) ? a.median > b.median : a.median < b.median;
}

/** reports: one contender's parsed JSON reports, round order. Returns one report of the same shape. */
export function mergeRounds(reports) {
  if (reports.length === 1) return reports[0];
  const merged = { ...reports[0], rounds: reports.length, cases: [] };
  const best = new Map();
  const medians = new Map();
  reports.forEach((report, round) => {
    for (const row of report.cases) {
      const key = rowKey(row);
      if (!medians.has(key)) medians.set(key, []);
      medians.get(key).push(row.error ? null : row.median);
      const cur = best.get(key);
      if (!cur || faster(row, cur)) best.set(key, { ...row, round: round + 1 });
    }
  });
  for (const [key, row] of best) merged.cases.push({ ...row, round_medians: medians.get(key) });
  // Ceilings are best-of measurements too; the highest makes the fractions of it the most conservative.
  const peaks = reports.map((r) => r.simd128_peak_gflops).filter((x) => x != null);
  if (peaks.length) merged.simd128_peak_gflops = Math.max(...peaks);
  return merged;
}
