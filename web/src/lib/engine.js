// The one module through which the web app reaches the nabla engine (the typed JS API of bindings/js,
// contract in bindings/js/index.d.ts). Pages, widgets and workers import the engine from here, never from
// bindings/ directly; loadNabla caches the instance, so every caller in one realm shares one module.
export { loadNabla, NablaError } from '../../../bindings/js/index.js';
