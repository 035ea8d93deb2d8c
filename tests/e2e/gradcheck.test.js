// The graph page's gradient tools in headless Chromium: every row of micrograd's example is green in the
// gradient-check panel; for a seed of each bug class the broken-backward exercise shows a red row, a wrong
// answer is judged wrong and the broken op (computed here in Node from the same seed) right; the backward graph
// of a leaf's gradient is drawn and stepped through to the second derivatives Node computes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { loadNabla } from 'nabla';
import { launchBrowser, openPage } from './lib/browser.js';
import { REPO, startPreview } from './lib/previewServer.js';
import { BUG_CLASSES, exerciseFor } from '../../web/src/lib/expr/brokenBackward.js';
import { runBackwardGraph } from '../../web/src/widgets/embed/programGraph.js';
import { MICROGRAD_EXAMPLE } from '../../web/src/widgets/embed/programEditor.js';

const ARTIFACTS = path.join(REPO, 'tests/e2e/artifacts');
const nb = await loadNabla();
let server, browser;
before(async () => { server = await startPreview(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.stop(); });

test('TheGradientCheckPanelShowsEveryValueOfTheProgramGreen', async () => {
  const { context, page, errors } = await openPage(browser);
  await page.goto(`${server.url}graph.html`);
  await page.waitForSelector('#program[data-state="ready"]');
  await page.locator('#gradcheck-run').click();
  await page.waitForSelector('#gradcheck[data-state="ready"]');
  const statuses = await page.locator('#gradcheck tr[data-status]').evaluateAll((rows) => rows.map((r) => [r.dataset.label, r.dataset.status]));
  assert.ok(statuses.length > 20, `${statuses.length} rows`);
  assert.deepEqual(statuses.filter(([, s]) => s !== 'ok'), []);
  const a = await page.locator('#gradcheck tr[data-label="a"] td').nth(2).textContent();
  assert.equal(a, '138.8'); // micrograd's dg/da, as PyTorch gives it
  assert.deepEqual(errors, []);
  await context.close();
});

for (let seed = 0; seed < BUG_CLASSES.length; seed++) {
  test(`TheBrokenBackwardExerciseJudgesAnswers: seed ${seed} (${BUG_CLASSES[seed]})`, async () => {
    const exercise = exerciseFor(nb, seed);
    const { context, page, errors } = await openPage(browser);
    await page.goto(`${server.url}graph.html#exercise=broken&seed=${seed}`);
    await page.waitForSelector('#gradcheck[data-state="ready"] select');
    assert.equal(await page.locator('#gradcheck .gc-code').textContent(), exercise.source);
    assert.ok(await page.locator('#gradcheck tr[data-status="bad"]').count() > 0, 'a red row');
    const options = await page.locator('#gradcheck select option').evaluateAll((os) => os.map((o) => o.value));
    assert.ok(options.includes(exercise.victim), `${exercise.victim} among ${options}`);
    const wrong = options.find((o) => o !== exercise.victim);
    await page.locator('#gradcheck select').selectOption(wrong);
    await page.locator('#gradcheck button', { hasText: 'Check answer' }).click();
    assert.equal(await page.locator('#gradcheck .gc-verdict').getAttribute('data-verdict'), 'wrong');
    await page.locator('#gradcheck select').selectOption(exercise.victim);
    await page.locator('#gradcheck button', { hasText: 'Check answer' }).click();
    const verdict = page.locator('#gradcheck .gc-verdict');
    assert.equal(await verdict.getAttribute('data-verdict'), 'right');
    assert.equal(await verdict.getAttribute('data-attempts'), '2');
    assert.match(await verdict.textContent(), /^Right \(attempt 2\)/);
    if (seed === 0) await page.locator('#gradcheck-section').screenshot({ path: path.join(ARTIFACTS, 'graph-gradcheck-exercise.png') });
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('TheBackwardGraphOfALeafsGradientIsDrawnAndSteppedToTheSecondDerivatives', async () => {
  const model = runBackwardGraph(nb, MICROGRAD_EXAMPLE, 'a');
  const want = model.nodes.find((n) => n.op === 'leaf' && n.name === 'b').grad.head[0];
  const { context, page, errors } = await openPage(browser);
  await page.goto(`${server.url}graph.html`);
  await page.waitForSelector('#program[data-state="ready"]');
  await page.locator('#bgraph-leaf').selectOption('a');
  await page.locator('#bgraph-form button').click();
  await page.locator('#bgraph .nabla-figure svg').waitFor();
  assert.match(await page.locator('#bgraph-status').textContent(), new RegExp(`^d\\(output\\)/da: ${model.steps.length} op nodes`));
  const panel = page.locator('#bgraph div[data-steps]');
  assert.equal(await panel.getAttribute('data-steps'), String(model.steps.length));
  for (let i = 0; i < model.steps.length; i++) await page.locator('#bgraph button', { hasText: 'Step backward' }).click();
  await page.waitForFunction((n) => document.querySelector('#bgraph').shadowRoot.querySelector('div[data-step]')?.dataset.step === String(n), model.steps.length);
  assert.equal(Number(await page.locator('#bgraph tr[data-name="b"]').getAttribute('data-grad')), want); // d²g/da db
  await page.locator('#bgraph').screenshot({ path: path.join(ARTIFACTS, 'graph-backward-graph.png') });
  assert.deepEqual(errors, []);
  await context.close();
});
