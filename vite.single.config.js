// `npm run build:single`: the playground as one HTML file (dist-single/index.html) that runs from file:// and
// from hosts that strip external scripts: the page's JS and CSS inlined (vite-plugin-singlefile), the training
// worker inlined as a blob (a classic worker), and the engine's .wasm inlined as a data: URL into the worker.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { viteSingleFile } from 'vite-plugin-singlefile';

const here = fileURLToPath(new URL('.', import.meta.url));
const web = resolve(here, 'web');

/** `x.worker.js?worker` imports become `?worker&inline`: the worker travels inside the page's script. */
const inlineWorkers = {
  name: 'nabla-inline-workers',
  enforce: 'pre',
  async resolveId(source, importer) {
    if (!/\.worker\.js\?worker$/.test(source)) return null;
    const resolved = await this.resolve(source.replace(/\?worker$/, ''), importer, { skipSelf: true });
    return resolved && `${resolved.id}?worker&inline`;
  },
};

/** The course elements (the A/B panel's, left out of this build) resolve to nothing: no widget worker is emitted. */
const noCourseElements = {
  name: 'nabla-no-course-elements',
  enforce: 'pre',
  resolveId: (source) => (source.endsWith('/widgets/embed/elements.js') ? '\0nabla-no-course-elements' : null),
  load: (id) => (id === '\0nabla-no-course-elements' ? 'export function defineElements() {}' : null),
};

export default defineConfig({
  root: web,
  base: './',
  publicDir: false,
  define: {
    __NABLA_SINGLE_FILE__: 'true', // main.js leaves out the A/B panel, which needs the course elements
    __NABLA_SINGLE_THREADED__: 'true', // a file:// page is never cross-origin isolated: no threaded build inlined
  },
  plugins: [inlineWorkers, noCourseElements, viteSingleFile()],
  build: {
    outDir: resolve(here, 'dist-single'),
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: () => true, // the .wasm too: new URL(..., import.meta.url) becomes a data: URL
    rollupOptions: { input: resolve(web, 'index.html') },
  },
  // a classic worker: a file:// page (origin null) cannot fetch a module worker's script, not even from a blob
  worker: {
    format: 'iife',
    rollupOptions: { output: { inlineDynamicImports: true } },
  },
});
