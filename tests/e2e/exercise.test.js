// <nabla-exercise> in headless Chromium: on the example lesson (course.html) a wrong then a right prediction
// are judged, the graph is revealed, and the page's score line counts what the widgets posted; in the iframe
// form (embed.html?widget=exercise) the host page receives { type: 'nabla-score', exercise, correct, attempts }.
// The true gradients come from the same seeded exercise run on the engine here in Node.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { loadNabla } from 'nabla';
import { launchBrowser, openPage } from './lib/browser.js';
import { openAuthorsPage } from './lib/session.js';
import { REPO, startPreview } from './lib/previewServer.js';
import { makeExercise } from '../../web/src/lib/expr/exercise.js';
import { runProgram } from '../../web/src/widgets/embed/programGraph.js';

const ARTIFACTS = path.join(REPO, 'tests/e2e/artifacts');
const nb = await loadNabla();
let server, browser;
before(async () => { server = await startPreview(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.stop(); });

function truth(seed, difficulty) {
  const ex = makeExercise(seed, difficulty);
  return runProgram(nb, ex.source).nodes.find((n) => n.op === 'leaf' && n.name === ex.leaf).grad.head[0];
}

test('NablaExerciseOnTheLessonJudgesRevealsAndScores', async () => {
  const { context, page, errors } = await openPage(browser, { width: 1200, height: 900 });
  await page.goto(`${server.url}course.html`);
  const first = page.locator('nabla-exercise#ex-sum-product');
  await page.waitForFunction(() => [...document.querySelectorAll('nabla-exercise')].every((w) => w.dataset.state === 'ready'));
  assert.equal(await page.locator('nabla-exercise').count(), 2);
  const g = truth(1, 1);
  await first.locator('input').fill(String(g + 1));
  await first.locator('button', { hasText: 'Check' }).click();
  assert.equal(await first.locator('[data-correct]').getAttribute('data-correct'), 'false');
  await page.waitForFunction(() => document.getElementById('score').dataset.tried === '1');
  assert.equal(await page.locator('#score').textContent(), 'Score: 0 of 1.');
  await first.locator('input').fill(g.toFixed(4));
  await first.locator('button', { hasText: 'Check' }).click();
  assert.equal(await first.locator('[data-correct]').getAttribute('data-correct'), 'true');
  await page.waitForFunction(() => document.getElementById('score').dataset.right === '1');
  assert.equal(await page.locator('#score').textContent(), 'Score: 1 of 1.');
  await page.waitForFunction(() => document.querySelector('#ex-sum-product').dataset.revealed === 'true');
  await first.locator('.nabla-figure svg').waitFor();
  // the second one, given up on: Reveal draws its graph without scoring
  const second = page.locator('nabla-exercise#ex-tanh');
  await second.locator('button', { hasText: 'Reveal graph' }).click();
  await second.locator('.nabla-figure svg').waitFor();
  assert.equal(await page.locator('#score').textContent(), 'Score: 1 of 1.');
  await first.screenshot({ path: path.join(ARTIFACTS, 'course-exercise.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('NablaExerciseInAnIframePostsItsScoreToTheHostPage', async () => {
  const { context, page, errors } = await openPage(browser, { width: 900, height: 900 });
  await page.goto(`${server.url}graph.html`); // any page of the site as the host
  const scores = [];
  await page.exposeFunction('recordScore', (m) => scores.push(m));
  await page.evaluate((src) => {
    window.addEventListener('message', (e) => { if (e.data?.type === 'nabla-score') window.recordScore(e.data); });
    const f = document.createElement('iframe');
    f.src = src;
    f.width = '700';
    f.height = '600';
    document.body.prepend(f);
  }, `${server.url}embed.html?widget=exercise&seed=4&difficulty=3&exercise=chain-rule-3`);
  const frame = page.frameLocator('iframe');
  const widget = frame.locator('nabla-exercise');
  await widget.locator('input').waitFor();
  await page.waitForFunction(() => document.querySelector('iframe').contentDocument.querySelector('nabla-exercise')?.dataset.state === 'ready');
  await widget.locator('input').fill(truth(4, 3).toPrecision(5));
  await widget.locator('input').press('Enter');
  for (let i = 0; i < 50 && scores.length === 0; i++) await page.waitForTimeout(100);
  assert.deepEqual(scores, [{ type: 'nabla-score', exercise: 'chain-rule-3', correct: true, attempts: 1 }]);
  await widget.locator('.nabla-figure svg').waitFor(); // right: the graph is revealed
  // a bad attribute is a message in the widget, not a page error
  await page.evaluate((src) => { document.querySelector('iframe').src = src; }, `${server.url}embed.html?widget=exercise&difficulty=9`);
  await frame.locator('nabla-exercise .nabla-error').waitFor();
  assert.match(await frame.locator('nabla-exercise .nabla-error').textContent(), /difficulty must be one of 1, 2, 3, got 9/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('NablaExerciseInTheThreeLineEmbedOfALessonScoresOnTheAuthorsPage', async () => {
  // the README's "Embedding in course notes" example: an author's page with the embed script and the element
  const { context, page, errors } = await openAuthorsPage(browser, server, `<nabla-exercise seed="5" difficulty="2" exercise="my-notes-1"></nabla-exercise>
<script>window.scores = []; window.events = [];
addEventListener('message', (e) => { if (e.data?.type === 'nabla-score') scores.push(e.data); });
document.addEventListener('nabla-score', (e) => events.push(e.detail));</script>`, { height: 900 });
  await page.waitForFunction(() => document.querySelector('nabla-exercise')?.dataset.state === 'ready');
  const widget = page.locator('nabla-exercise');
  const g = truth(5, 2);
  await widget.locator('input').fill(String(g + 2));
  await widget.locator('button', { hasText: 'Check' }).click();
  await widget.locator('input').fill(g.toPrecision(5));
  await widget.locator('button', { hasText: 'Check' }).click();
  await page.waitForFunction(() => window.scores.length === 2);
  assert.deepEqual(await page.evaluate(() => window.scores), [
    { type: 'nabla-score', exercise: 'my-notes-1', correct: false, attempts: 1 },
    { type: 'nabla-score', exercise: 'my-notes-1', correct: true, attempts: 2 },
  ]);
  assert.deepEqual(await page.evaluate(() => window.events.map((e) => e.correct)), [false, true]); // the DOM event too
  await widget.locator('.nabla-figure svg').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
