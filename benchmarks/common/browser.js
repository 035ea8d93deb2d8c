// What the browser runners share (nabla_browser_bench.js, tfjs_browser_bench.js): a static server of the repo
// on 127.0.0.1 (random port), headless Chromium by playwright-core, and one page's window.runBench(opts).
// `isolated` sends COOP/COEP on every response, so the page is cross-origin isolated (SharedArrayBuffer:
// the threaded WASM builds); without it, both nabla and TF.js take their single-threaded binaries.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript',
                '.wasm': 'application/wasm', '.json': 'application/json' };
export const ISOLATION_HEADERS = { 'cross-origin-opener-policy': 'same-origin',
                                   'cross-origin-embedder-policy': 'require-corp' };
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
                        '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Static files under the repo root, plus the --init file at /__init.bin. */
export function serve({ initPath = null, isolated = false } = {}) {
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = url === '/__init.bin' && initPath ? initPath : path.join(root, path.normalize(url));
    if (file !== initPath && !file.startsWith(root + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    fs.readFile(file, (err, body) => {
      if (err) {  // logged, so that a missing bundle is easy to spot
        process.stderr.write(`[server] 404 ${url}\n`);
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream',
                           ...(isolated ? ISOLATION_HEADERS : {}) });
      res.end(body);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/**
 * Opens `page` (a path under the repo) in headless Chromium, waits for window.benchReady, resolves to
 * { report: await window.runBench(opts), chromium: version, crossOriginIsolated }. Page logs go to stderr.
 * `hardwareConcurrency`: what navigator.hardwareConcurrency tells the page (null: the machine's own).
 */
export async function runPage(page, opts, { executablePath = '/usr/bin/chromium', initPath = null, isolated = false,
                                            hardwareConcurrency = null } = {}) {
  const server = await serve({ initPath: initPath && path.resolve(initPath), isolated });
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_FLAGS });
  try {
    const tab = await browser.newPage();
    tab.setDefaultTimeout(0);  // a full TF.js cpu run takes minutes
    if (hardwareConcurrency) {
      const shown = (n) => Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => n });
      await tab.addInitScript(shown, hardwareConcurrency);
    }
    tab.on('console', (m) => process.stderr.write(`[page] ${m.text()}\n`));
    tab.on('pageerror', (e) => process.stderr.write(`[page error] ${e.message}\n`));
    await tab.goto(`http://127.0.0.1:${server.address().port}/${page}`);
    await tab.waitForFunction(() => window.benchReady === true);
    const crossOriginIsolated = await tab.evaluate(() => self.crossOriginIsolated);
    if (isolated && !crossOriginIsolated) {
      throw new Error(`${page}: served with COOP/COEP but not cross-origin isolated`);
    }
    const report = await tab.evaluate((o) => window.runBench(o),
                                      { ...opts, init: Boolean(initPath), initName: initPath });
    return { report, chromium: browser.version(), crossOriginIsolated };
  } finally {
    await browser.close();
    server.close();
  }
}
