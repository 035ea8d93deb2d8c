// Vite build of the web pages under web/: one entry per page in `pages` (add yours there), relative
// asset paths so the built dist/ works when copied to any sub-path, ES-module workers (top-level await).
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { pageHead } from './web/pageHead.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const web = resolve(here, 'web');

/** Page name -> HTML file under web/. Later pages (mnist, graph, notes) add a line here. */
const pages = {
  playground: 'index.html',
  mnist: 'mnist.html',
  graph: 'graph.html',
  course: 'course.html',
  embed: 'embed.html',
  docs: 'docs/index.html',
  'docs-api': 'docs/api.html',
  'docs-cpp': 'docs/cpp.html',
  'concept-activations': 'docs/concepts/activations.html',
  'concept-losses': 'docs/concepts/losses.html',
  'concept-optimizers': 'docs/concepts/optimizers.html',
  'concept-backprop': 'docs/concepts/backprop.html',
  'concept-initializers': 'docs/concepts/initializers.html',
  'concept-regularization': 'docs/concepts/regularization.html',
  'docs-transforms': 'docs/transforms.html',
  'concept-batchnorm': 'docs/concepts/batchnorm.html',
  'concept-dropout-dropconnect': 'docs/concepts/dropout-dropconnect.html',
};

/** Cross-origin isolation: SharedArrayBuffer, and so the threaded engine, exists only on pages served with
 * these two headers (every page the dev server and `vite preview`, hence npm start, serve). Elsewhere the
 * engine loads its single-threaded build. */
export const ISOLATION_HEADERS = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

/** Script entries emitted under a fixed name at the site root: the embed script course pages load. */
const scripts = { 'nabla-embed': 'src/widgets/embed/index.js' };

export default defineConfig({
  root: web,
  base: './',
  publicDir: resolve(web, 'public'),
  plugins: [pageHead(web)], // the docs pages' shared head and header (web/pageHead.js)
  build: {
    outDir: resolve(here, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    // The threaded engine's pthread worker script stays a file: inlined as a data: URL its Worker would have an
    // opaque origin, which may not share the engine's memory or import its glue.
    assetsInlineLimit: (file) => (file.endsWith('.worker.js') ? false : undefined),
    rollupOptions: {
      input: Object.fromEntries(Object.entries({ ...pages, ...scripts }).map(([name, file]) => [name, resolve(web, file)])),
      output: { entryFileNames: (chunk) => (chunk.name in scripts ? '[name].js' : 'assets/[name]-[hash].js') },
    },
  },
  worker: { format: 'es' },
  server: { fs: { allow: [here] }, headers: ISOLATION_HEADERS },
  preview: { host: '127.0.0.1', headers: ISOLATION_HEADERS },
});
