// Browser runner for the TensorFlow.js peer cases: serves the repo on 127.0.0.1 (random port)
// with a tiny static server, opens tfjs_browser_page.html in headless Chromium via playwright-core,
// runs the wasm and cpu backends and prints one JSON object to stdout (page logs go to stderr).
//
//   node benchmarks/peers/tfjs_browser_bench.js [--backend wasm,cpu] [--smoke] [--init F]
//        [--cases gemm,...] [--reps 5] [--warmup 1] [--steps 500] [--chromium /usr/bin/chromium]
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { ALL_CASES } from './tfjs_cases.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript',
                '.wasm': 'application/wasm', '.json': 'application/json' };

function parseArgs(argv) {
  const a = { backend: 'wasm,cpu', cases: ALL_CASES.join(','), reps: 5, warmup: 1, steps: 500,
              smoke: false, init: null, chromium: '/usr/bin/chromium' };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i].replace(/^--/, '');
    if (key === 'smoke') a.smoke = true;
    else if (key in a) a[key] = typeof a[key] === 'number' ? Number(argv[++i]) : argv[++i];
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  return a;
}

/** Static files under the repo root, plus the --init file at /__init.bin. No COOP/COEP headers:
 *  without cross-origin isolation tfjs picks the single-threaded SIMD binary, as we want. */
function serve(initPath) {
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = url === '/__init.bin' && initPath
      ? initPath : path.join(root, path.normalize(url));
    if (file !== initPath && !file.startsWith(root + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    fs.readFile(file, (err, body) => {
      if (err) {  // e.g. favicon.ico; logged so a missing bundle is easy to spot
        process.stderr.write(`[server] 404 ${url}\n`);
        res.writeHead(404).end();
        return;
      }
      const type = TYPES[path.extname(file)] || 'application/octet-stream';
      res.writeHead(200, { 'content-type': type });
      res.end(body);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const server = await serve(args.init && path.resolve(args.init));
  const browser = await chromium.launch({
    executablePath: args.chromium,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(0);  // a full tfjs-cpu run takes minutes
    page.on('console', (m) => process.stderr.write(`[page] ${m.text()}\n`));
    page.on('pageerror', (e) => process.stderr.write(`[page error] ${e.message}\n`));
    const { port } = server.address();
    const loadStart = os.loadavg()[0];  // a busy machine skews every number
    await page.goto(`http://127.0.0.1:${port}/benchmarks/peers/tfjs_browser_page.html`);
    await page.waitForFunction(() => window.benchReady === true);
    const report = await page.evaluate((o) => window.runBench(o), {
      backends: args.backend.split(','), cases: args.cases.split(','), reps: args.reps,
      warmup: args.warmup, steps: args.steps, smoke: args.smoke, init: Boolean(args.init),
      initName: args.init,
    });
    const out = { peer: `tfjs-${report.runtime.tfjs}-chromium`,
                  runtime: { chromium: browser.version(), cpu: os.cpus()[0].model,
                             cores: os.cpus().length,
                             loadavg_1m: { start: loadStart, end: os.loadavg()[0] },
                             ...report.runtime },
                  config: report.config, cases: report.cases };
    process.stdout.write(`${JSON.stringify(out, null, 1)}\n`);
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
