// What every concept page needs: the navigation between the pages, formulas typeset by KaTeX from the page's
// formula table (the same table tests/js/concepts.test.js checks against the engine, so the text shown is the
// text tested), inline TeX in the prose, and links into the playground through its address state.
import katex from 'katex';
import 'katex/dist/katex.min.css';
import { CONCEPTS, conceptFile } from './catalog.js';
import { defaultState, encodeState } from '../playground/state.js';

/**
 * Typesets every `[data-formula="id"]` element from `formulas` (id -> { tex }) in display mode and every
 * `[data-tex]` element's own text inline. An unknown id or a TeX error throws, so a broken page fails its test.
 */
export function renderFormulas(root, formulas) {
  for (const el of root.querySelectorAll('[data-formula]')) {
    const entry = formulas[el.dataset.formula];
    if (!entry) throw new Error(`concept page: no formula "${el.dataset.formula}" in the page's formula table`);
    katex.render(entry.tex, el, { displayMode: true, throwOnError: true });
  }
  for (const el of root.querySelectorAll('[data-tex]')) {
    katex.render(el.dataset.tex || el.textContent, el, { displayMode: false, throwOnError: true });
  }
}

/** The playground's address for `overrides` of its default settings (web/src/lib/playground/state.js). */
export function playgroundHref(overrides = {}, base = '../../index.html') {
  return `${base}#${encodeState({ ...defaultState(), ...overrides })}`;
}

function nav(current) {
  const el = document.createElement('nav');
  el.className = 'concept-nav';
  el.setAttribute('aria-label', 'Concept pages');
  const link = (href, text, here) => {
    const a = document.createElement('a');
    a.href = href;
    a.textContent = text;
    if (here) a.setAttribute('aria-current', 'page');
    return a;
  };
  el.append(link('../index.html', 'Docs'), ...CONCEPTS.map((c) => link(conceptFile(c.id), c.title, c.id === current)));
  return el;
}

/**
 * Sets up a concept page: navigation, formulas, and `[data-playground]` links, whose attribute holds the
 * playground overrides as JSON ({"loss":"hinge"}). Marks <body data-formulas="n"> when done.
 */
export function mountConceptPage({ id, formulas }) {
  const header = document.querySelector('body > header');
  if (header) header.after(nav(id));
  else document.body.prepend(nav(id));
  renderFormulas(document.body, formulas);
  for (const a of document.querySelectorAll('a[data-playground]')) a.href = playgroundHref(JSON.parse(a.dataset.playground || '{}'));
  document.body.dataset.formulas = String(document.querySelectorAll('[data-formula] .katex, [data-tex] .katex').length);
}
