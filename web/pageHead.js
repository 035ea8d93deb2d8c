// What the docs pages' HTML shares, written once: the head's meta lines, the stylesheets and the header's
// navigation. A page under web/docs/ holds only `<html lang="en"><head><title>...</title></head>`, its body and
// its scripts; this Vite plugin adds the rest (dev server and build alike), so a new link is one edit here.
import { relative, sep } from 'node:path';

const META = [
  '<meta charset="utf-8">',
  '<meta name="viewport" content="width=device-width, initial-scale=1">',
  '<link rel="icon" href="data:,">',
];

/** The docs pages' two menus: the site's pages (under web/) and the docs' own (under web/docs/). */
const SITE = [['index.html', 'Playground'], ['mnist.html', 'MNIST'], ['graph.html', 'Graph'], ['course.html', 'Lesson']];
const DOCS = [['index.html', 'Getting started'], ['api.html', 'JS API'], ['cpp.html', 'C++ API'], ['transforms.html', 'Function transforms']];

const links = (items, prefix, current) =>
  items.map(([file, label]) => `<a href="${prefix}${file}"${file === current ? ' aria-current="page"' : ''}>${label}</a>`).join('');

/** docs/NAME.html: docs.css, and the site and docs menus with NAME marked as the current page. */
function docsPage(name) {
  return {
    styles: ['./docs.css'],
    header: `<header><strong>nabla docs</strong><nav aria-label="Site">${links(SITE, '../')}</nav>` +
      `<nav aria-label="Docs">${links(DOCS, './', name)}</nav></header>`,
  };
}

/** docs/concepts/NAME.html: docs.css and concepts.css, and the concepts' menu. */
function conceptPage() {
  const menu = links(DOCS.slice(0, 3), '../') + links([['graph.html', 'Graph explorer'], ['course.html', 'Lesson']], '../../');
  return { styles: ['../docs.css', './concepts.css'], header: `<header><strong>nabla docs</strong><nav>${menu}</nav></header>` };
}

/** The parts of the page at `file` (relative to web/, '/'-separated), or null for a page that writes its own. */
function partsOf(file) {
  const concept = /^docs\/concepts\/[\w-]+\.html$/.exec(file);
  if (concept) return conceptPage();
  const docs = /^docs\/([\w-]+\.html)$/.exec(file);
  return docs ? docsPage(docs[1]) : null;
}

/** The page's HTML with the shared head lines added after <head> and before </head>, and the header after <body>. */
export function addPageHead(html, file) {
  const parts = partsOf(file);
  if (!parts) return html;
  const lines = (items) => items.map((l) => `  ${l}\n`).join('');
  const styles = parts.styles.map((href) => `<link rel="stylesheet" href="${href}">`);
  return html
    .replace(/(<html[^>]*>)?\s*<head>([\s\S]*?)<\/head>/,
      (m, root, own) => `${root ? `${root}\n` : ''}<head>\n${lines(META)}  ${own.trim()}\n${lines(styles)}</head>`)
    .replace(/(<body[^>]*>)\n?/, (m, body) => `${body}\n  ${parts.header}\n`);
}

/** The Vite plugin; `root` is the folder the pages' paths are relative to (web/). */
export function pageHead(root) {
  return {
    name: 'nabla-page-head',
    transformIndexHtml: {
      order: 'pre', // before Vite bundles the stylesheets it adds
      handler: (html, ctx) => addPageHead(html, relative(root, ctx.filename).split(sep).join('/')),
    },
  };
}
