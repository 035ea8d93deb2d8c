// One preview server and one headless Chromium per test file: started before its tests, stopped after.
import { after, before } from 'node:test';
import { launchBrowser } from './browser.js';
import { startPreview } from './previewServer.js';

/** { server, browser }, filled in before the file's first test runs. */
export function previewAndBrowser() {
  const session = {};
  before(async () => {
    session.server = await startPreview();
    session.browser = await launchBrowser();
  });
  after(async () => {
    await session.browser?.close();
    await session.server?.stop();
  });
  return session;
}
