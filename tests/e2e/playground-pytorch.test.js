// Browser test of "Stop at epoch" and "Open in PyTorch": a run that pauses at the end of epoch 3 and the script
// the page writes for it; run with Debian's python3-torch, the script's epoch-3 test loss is the page's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openPage } from './lib/browser.js';
import { previewAndBrowser } from './lib/session.js';

const python = process.env.NABLA_TORCH_PYTHON ?? '/usr/bin/python3';
const session = previewAndBrowser();

test('a run stops at epoch 3, and its PyTorch script reaches the same test loss at epoch 3', async () => {
  const { context, page, errors } = await openPage(session.browser);
  await page.goto(`${session.server.url}#data=moons&n=300&net=12t,8r&opt=adam&lr=0.03&batch=10&seed=5&stop=3`);
  await page.waitForSelector('body[data-engine="ready"]', { timeout: 30000 });
  assert.equal(await page.inputValue('#stop-epoch'), '3');
  await page.click('#play');
  await page.waitForFunction(() => document.getElementById('play').getAttribute('aria-pressed') === 'false' &&
    document.getElementById('epoch').textContent === '3', null, { timeout: 20000 });
  const pageLoss = Number(await page.textContent('#test-loss'));
  assert.ok(pageLoss > 0 && pageLoss < 0.8 * Math.log(2), `test loss ${pageLoss}: the run should have learned something by epoch 3`);

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#pytorch-export')]);
  assert.equal(download.suggestedFilename(), 'nabla-playground.py');
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'nabla-e2e-')), 'run.py');
  await download.saveAs(file);
  const out = execFileSync(python, [file]).toString();
  const lines = [...out.matchAll(/epoch (\d+)\/3 {2}train loss \S+ accuracy \S+ {2}test loss (\S+) accuracy/g)];
  assert.equal(lines.length, 3, out);
  const torchLoss = Number(lines[2][2]);
  console.log(`epoch 3 test loss: playground ${pageLoss}, exported script under PyTorch ${torchLoss}`);
  // both printed with 4 decimals
  assert.ok(Math.abs(torchLoss - pageLoss) <= Math.max(1e-3 * pageLoss, 1e-4), `page ${pageLoss}, PyTorch ${torchLoss}`);

  // Play again trains on past the stop
  await page.click('#play');
  await page.waitForFunction(() => Number(document.getElementById('epoch').textContent) >= 4, null, { timeout: 20000 });
  await page.click('#play');
  assert.deepEqual(errors, []);
  await context.close();
});
