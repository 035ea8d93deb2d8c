// The built site (dist/) served by `vite preview` on a free local port, for browser tests. Tests use
// E2E_BASE_URL when the test stage already started a server, or start their own with startPreview().
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Polls `url` until it answers 200 or `timeoutMs` passes. */
export async function waitForHttp(url, timeoutMs = 30000) {
  const end = Date.now() + timeoutMs;
  let last;
  while (Date.now() < end) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = err.message;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms (${last})`);
}

/**
 * The base URL of a served dist/: E2E_BASE_URL if set (stop() does nothing), otherwise a `vite preview`
 * this call starts (stop() ends it). dist/ must be built (npm run build).
 */
export async function startPreview() {
  if (process.env.E2E_BASE_URL) return { url: process.env.E2E_BASE_URL.replace(/\/?$/, '/'), stop: async () => {} };
  const port = await freePort();
  const vite = path.join(REPO, 'node_modules/vite/bin/vite.js');
  const child = spawn(process.execPath, [vite, 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] });
  child.stdout.resume();
  const killChild = () => child.kill();
  process.once('exit', killChild); // never leave a server behind, even when the test process dies
  const url = `http://127.0.0.1:${port}/`;
  try {
    await waitForHttp(url);
  } catch (err) {
    child.kill();
    throw err;
  }
  return {
    url,
    stop: () => new Promise((resolve) => {
      process.off('exit', killChild);
      if (child.exitCode !== null) return resolve();
      child.once('exit', resolve);
      child.kill();
    }),
  };
}
