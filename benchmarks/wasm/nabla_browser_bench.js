// Browser runner for nabla's WASM cases: serves the repo on 127.0.0.1 (random port), opens
// nabla_browser_page.html in headless Chromium via playwright-core and prints one JSON object (peers'
// schema) to stdout; page logs go to stderr.
//
//   node benchmarks/wasm/nabla_browser_bench.js [--smoke] [--init F] [--cases gemm,...] [--reps 5]
//        [--warmup 1] [--steps 500] [--chromium /usr/bin/chromium]
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { parseArgs } from './nabla_node_bench.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript',
                '.wasm': 'application/wasm', '.json': 'application/json' };

/** Static files under the repo root, plus the --init file at /__init.bin. */
function serve(initPath) {
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = url === '/__init.bin' && initPath ? initPath : path.join(root, path.normalize(url));
    if (file !== initPath && !file.startsWith(root + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    fs.readFile(file, (err, body) => {
      if (err) {
        process.stderr.write(`[server] 404 ${url}\n`);
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
      res.end(body);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function main() {
  const args = parseArgs(process.argv.slice(2), { chromium: '/usr/bin/chromium' });
  const server = await serve(args.init && path.resolve(args.init));
  const browser = await chromium.launch({
    executablePath: args.chromium,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
           '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(0);
    page.on('console', (m) => process.stderr.write(`[page] ${m.text()}\n`));
    page.on('pageerror', (e) => process.stderr.write(`[page error] ${e.message}\n`));
    const { port } = server.address();
    await page.goto(`http://127.0.0.1:${port}/benchmarks/wasm/nabla_browser_page.html`);
    await page.waitForFunction(() => window.benchReady === true);
    const report = await page.evaluate((o) => window.runBench(o), {
      cases: args.cases.split(','), reps: args.reps, warmup: args.warmup, steps: args.steps, smoke: args.smoke,
      init: Boolean(args.init), initName: args.init,
    });
    const out = { peer: 'nabla-wasm-chromium', runtime: { chromium: browser.version(), ...report.runtime },
                  config: report.config, cases: report.cases };
    process.stdout.write(`${JSON.stringify(out, null, 1)}\n`);
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
