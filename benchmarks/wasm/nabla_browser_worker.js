// Module Worker of the threaded browser bench: one message in (the options), log messages and one report
// (or an error) out. Here loadNabla takes the threaded build, since the page is cross-origin isolated.
import { runBrowserBench } from './nabla_browser_run.js';

self.onmessage = async ({ data: opts }) => {
  try {
    self.postMessage({ report: await runBrowserBench(opts, (m) => self.postMessage({ log: m })) });
  } catch (e) {
    self.postMessage({ error: String(e?.stack || e) });
  }
};
