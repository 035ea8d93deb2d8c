// The docs pages' shared head and header (web/pageHead.js, a Vite plugin): every page under web/docs/ gets the
// meta lines, its stylesheets and one header whose links all lead to pages that exist, its own marked current.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { addPageHead } from '../../web/pageHead.js';

const WEB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web');
const pages = ['docs', 'docs/concepts'].flatMap((dir) =>
  fs.readdirSync(path.join(WEB, dir)).filter((f) => f.endsWith('.html')).map((f) => `${dir}/${f}`));

for (const page of pages) {
  test(`DocsPageGetsTheSharedHeadAndAWorkingHeader: ${page}`, () => {
    const html = addPageHead(fs.readFileSync(path.join(WEB, page), 'utf8'), page);
    assert.match(html, /<head>\n {2}<meta charset="utf-8">\n/);
    assert.equal(html.match(/<header>/g)?.length, 1, 'one header');
    const header = /<header>.*<\/header>/.exec(html)[0];
    for (const [, href] of header.matchAll(/href="([^"]+)"/g)) {
      assert.ok(fs.existsSync(path.join(WEB, path.dirname(page), href)), `${href} exists`);
    }
    for (const [, href] of html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)) {
      assert.ok(fs.existsSync(path.join(WEB, path.dirname(page), href)), `${href} exists`);
    }
    if (!page.includes('concepts/')) assert.match(header, new RegExp(`href="./${path.basename(page)}" aria-current="page"`));
  });
}

test('PagesOutsideTheDocsAreLeftAsWritten', () => {
  const html = fs.readFileSync(path.join(WEB, 'index.html'), 'utf8');
  assert.equal(addPageHead(html, 'index.html'), html);
});
