// The embed script as a library file for the npm package (npm run build:embed -> build/embed/): one ES module
// that defines the custom elements (<nabla-graph>, <nabla-playground>, ...) with lit, Graphviz and the engine
// bundled in, so that `import 'nabla/embed'` or <script type="module" src=".../nabla-embed.js"> needs nothing
// else. Vite's library mode inlines assets, the .wasm included, so the file works from any URL.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  publicDir: false,
  base: './',
  build: {
    outDir: resolve(here, '../build/embed'),
    emptyOutDir: true,
    target: 'es2022',
    lib: { entry: resolve(here, 'src/widgets/embed/index.js'), formats: ['es'], fileName: () => 'nabla-embed.js' },
    rollupOptions: { output: { inlineDynamicImports: true } },
  },
  worker: { format: 'es' },
  // Single-threaded only: inlined as data: URLs, the threaded build's Workers could not share its memory
  // (bindings/js/loader.js drops that branch).
  define: { __NABLA_SINGLE_THREADED__: 'true' },
});
