// One preview server and one headless Chromium per test file: started before its tests, stopped after; and
// a course author's page next to the built site (the embed script and the author's own elements).
import fs from 'node:fs';
import path from 'node:path';
import { after, before } from 'node:test';
import { launchBrowser, openPage } from './browser.js';
import { REPO, startPreview } from './previewServer.js';

/** Where the browser tests put their screenshots. */
export const ARTIFACTS = path.join(REPO, 'tests/e2e/artifacts');

/** { server, browser }, filled in before the file's first test runs. */
export function previewAndBrowser() {
  const session = {};
  before(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    session.server = await startPreview();
    session.browser = await launchBrowser();
  });
  after(async () => {
    await session.browser?.close();
    await session.server?.stop();
  });
  return session;
}

/**
 * Opens `file` on the site's server as an author's page: a title, a heading, the embed script, then `body`
 * (HTML), served with `headers`. Returns openPage's { context, page, errors }.
 */
export async function openAuthorsPage(browser, server, body, { width = 900, height = 800, headers, file = 'my-notes.html' } = {}) {
  const opened = await openPage(browser, { width, height });
  const html = `<!doctype html><meta charset="utf-8"><title>notes</title><h1>My notes</h1>
<script type="module" src="nabla-embed.js"></script>
${body}`;
  await opened.page.route(`${server.url}${file}`, (route) => route.fulfill({ contentType: 'text/html', headers, body: html }));
  await opened.page.goto(`${server.url}${file}`);
  return opened;
}
