// The loaded Emscripten module, shared by the wrapper modules. Set once by loadNabla.
export const runtime = { m: null };

export function raw() {
  if (!runtime.m) throw new Error('nabla: call `await loadNabla()` before using the API');
  return runtime.m;
}
