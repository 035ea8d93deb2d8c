// Function transforms in the spirit of HIPS autograd, JAX and torch.func: grad, valueAndGrad, elementwiseGrad,
// jacobian, hessian, jvp, vjp, hvp. Each returns (or computes with) plain tensors and nests: when the inputs
// already carry a graph (an outer transform is differentiating through this one), the backward pass is
// recorded so that the outer transform can differentiate the result again. Mirrors engine/include/nabla/
// autograd/functional.h, written here so that the user's JS function is never called from inside C++.
import { withGradEnabled } from './autograd.js';
import { NablaError } from './errors.js';
import { tidy } from './memory.js';
import { raw } from './runtime.js';
import { Tensor, wrap } from './tensor.js';
import { describeValue } from './validate.js';

function checkFunction(name, fn) {
  if (typeof fn !== 'function') throw new NablaError(`${name}: f must be a function, got ${describeValue(fn)}`, 'ValueError');
}

/** argnums as given (a number or an array of distinct non-negative integers): [list, whether it was a list]. */
function argnumsOf(name, argnums = 0) {
  const list = Array.isArray(argnums) ? argnums : [argnums];
  if (Array.isArray(argnums) && list.length === 0) throw new NablaError(`${name}: argnums is an empty array`, 'ValueError');
  list.forEach((a) => {
    if (!Number.isInteger(a) || a < 0) {
      throw new NablaError(`${name}: argnums must be a non-negative integer or an array of them, got ${describeValue(a)}`, 'ValueError');
    }
  });
  const repeated = list.find((a, i) => list.indexOf(a) !== i);
  if (repeated !== undefined) throw new NablaError(`${name}: argnums repeats argument ${repeated}`, 'ValueError');
  return [list, Array.isArray(argnums)];
}

function checkArgs(name, args, nums) {
  for (const i of nums) {
    if (i >= args.length) {
      throw new NablaError(`${name}: argnums ${i} is out of range for a call with ${args.length} argument${args.length === 1 ? '' : 's'}`, 'IndexError');
    }
    if (!(args[i] instanceof Tensor)) throw new NablaError(`${name}: argument ${i} must be a Tensor, got ${describeValue(args[i])}`, 'ValueError');
  }
}

const shapeStr = (s) => `[${s.join(', ')}]`;

function checkOutput(name, y, scalar) {
  if (!(y instanceof Tensor)) throw new NablaError(`${name}: f must return a Tensor, got ${describeValue(y)}`, 'ValueError');
  if (scalar && y.size !== 1) {
    throw new NablaError(`${name}: f must return a one-element tensor (a scalar), got shape ${shapeStr(y.shape)}`, 'AutogradError');
  }
}

const recording = (fn) => withGradEnabled(true, fn);

// How many transforms are tracing their f right now. Inside one, every transform records its backward: the
// outer f may close over tensors of its graph (hvp's v, a jacobian's weights) that no argument shows.
let tracing = 0;
const recordsFor = (tensors) => raw()._isGradEnabled() && (tracing > 0 || tensors.some((a) => a instanceof Tensor && a.requiresGrad));

/**
 * Calls f with the arguments at `nums` replaced by differentiable inputs. `outer` when an outer transform
 * differentiates through this call: then an argument that already requires grad is used as it is, so the
 * result stays connected to the outer graph; every other differentiated argument becomes a fresh leaf.
 */
function trace(fn, args, nums) {
  const outer = recordsFor(args);
  const inputs = args.slice();
  for (const i of nums) {
    if (outer && args[i].requiresGrad) continue;
    const leaf = args[i].detach();
    leaf.requiresGrad = true;
    inputs[i] = leaf;
  }
  tracing++;
  try {
    const out = recording(() => fn(...inputs));
    return { outer, inputs, out };
  } finally {
    tracing--;
  }
}

/** Gradients of <out, seed> (seed null: out is a scalar) for each of `xs`; zeros where out does not depend on one. */
function gradientsOf(out, xs, seed, createGraph) {
  if (!out.requiresGrad) return xs.map((x) => wrap(raw()._zeros(x.shape)));
  // retain: a jacobian walks the same graph once per row; an outer transform walks it again.
  return raw()._gradients(out._handle, xs.map((x) => x._handle), seed ? seed._handle : null, createGraph, true).map(wrap);
}

// A second handle on the same engine tensor (same node, same gradient slot), owned separately.
const alias = (t) => wrap(raw()._alias(t._handle));

// The value returned to the caller: the traced output itself when it feeds an outer transform, else a copy
// cut from the graph (so that the graph is freed with the temporaries).
const valueOf = (t, outer) => (outer ? alias(t) : t.detach());

function optionsOf(name, options) {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new NablaError(`${name}: options must be an object such as { argnums: 1 }, got ${describeValue(options)}`, 'ValueError');
  }
  return options;
}

function gradCore(name, fn, argnums, elementwise) {
  checkFunction(name, fn);
  const [nums, many] = argnumsOf(name, argnums);
  return (...args) => {
    checkArgs(name, args, nums);
    return tidy(() => {
      const { outer, inputs, out } = trace(fn, args, nums);
      checkOutput(name, out, !elementwise);
      const seed = elementwise ? wrap(raw()._ones(out.shape)) : null;
      const gs = gradientsOf(out, nums.map((i) => inputs[i]), seed, outer);
      return { value: valueOf(out, outer), grads: many ? gs : gs[0] };
    });
  };
}

// The gradients alone: the value is freed at once.
function gradsOnly(core) {
  return (...args) => {
    const { value, grads } = core(...args);
    value.dispose();
    return grads;
  };
}

/** grad(f, {argnums})(...args): df/d(args[argnums]) for a scalar-valued f; an array of them for an array argnums. */
export function grad(fn, options) {
  options = optionsOf('grad', options);
  return gradsOnly(gradCore('grad', fn, options.argnums, false));
}

/** valueAndGrad(f, {argnums})(...args) = [f(...args), the same gradients as grad]. */
export function valueAndGrad(fn, options) {
  options = optionsOf('valueAndGrad', options);
  const core = gradCore('valueAndGrad', fn, options.argnums, false);
  return (...args) => {
    const { value, grads } = core(...args);
    return [value, grads];
  };
}

/** elementwiseGrad(f)(x): the gradient of sum(f(x)), i.e. f'(x) elementwise for an elementwise f (HIPS autograd). */
export function elementwiseGrad(fn, options) {
  options = optionsOf('elementwiseGrad', options);
  return gradsOnly(gradCore('elementwiseGrad', fn, options.argnums, true));
}

// One reverse pass per output element: row k of the Jacobian is the gradient of out[k].
function jacobianCore(name, fn, argnums) {
  checkFunction(name, fn);
  const [nums, many] = argnumsOf(name, argnums);
  return (...args) => {
    checkArgs(name, args, nums);
    return tidy(() => {
      const m = raw();
      const { outer, inputs, out } = trace(fn, args, nums);
      checkOutput(name, out, false);
      const xs = nums.map((i) => inputs[i]);
      const rows = xs.map(() => []);
      for (let k = 0; k < out.size; k++) {
        const onehot = new Float32Array(out.size);
        onehot[k] = 1;
        const seed = wrap(m._fromData(onehot, out.shape));
        gradientsOf(out, xs, seed, outer).forEach((g, j) => rows[j].push(g.reshape([1, g.size])));
      }
      const jac = xs.map((x, j) => {
        const shape = [...out.shape, ...x.shape];
        if (rows[j].length === 0) return wrap(m._zeros(shape));
        return wrap(m._concat(rows[j].map((r) => r._handle), 0)).reshape(shape);
      });
      return many ? jac : jac[0];
    });
  };
}

/** jacobian(f, {argnums})(...args): shape [...f(x).shape, ...x.shape], by one reverse pass per output element. */
export function jacobian(fn, options) {
  options = optionsOf('jacobian', options);
  return jacobianCore('jacobian', fn, options.argnums);
}

/** hessian(f, {argnums})(x) for a scalar-valued f: the Jacobian of its gradient, shape [...x.shape, ...x.shape]. */
export function hessian(fn, options) {
  options = optionsOf('hessian', options);
  checkFunction('hessian', fn);
  const [nums] = argnumsOf('hessian', options.argnums);
  if (nums.length !== 1) throw new NablaError('hessian: argnums must name one argument', 'ValueError');
  return jacobianCore('hessian', gradsOnly(gradCore('hessian', fn, nums[0], false)), nums[0]);
}

function tensorList(name, what, v) {
  const list = v instanceof Tensor ? [v] : v;
  if (!Array.isArray(list) || list.length === 0) {
    throw new NablaError(`${name}: ${what} must be a Tensor or a non-empty array of Tensors, got ${describeValue(v)}`, 'ValueError');
  }
  list.forEach((t, i) => {
    if (!(t instanceof Tensor)) throw new NablaError(`${name}: ${what}[${i}] must be a Tensor, got ${describeValue(t)}`, 'ValueError');
  });
  return list;
}

function checkFits(name, vs, xs, vName, xName) {
  if (vs.length !== xs.length) {
    throw new NablaError(`${name}: ${vs.length} ${vName} for ${xs.length} ${xName}`, 'ShapeError');
  }
  vs.forEach((v, i) => {
    const a = v.shape, b = xs[i].shape;
    if (a.length !== b.length || a.some((d, k) => d !== b[k])) {
      throw new NablaError(`${name}: ${vName}[${i}] of shape ${shapeStr(a)} does not fit ${xName}[${i}] of shape ${shapeStr(b)}`, 'ShapeError');
    }
  });
}

/**
 * jvp(f, primals, tangents) = [f(...primals), J·tangents]: forward mode, computed exactly by two reverse passes
 * (the vjp u -> Jᵀu is linear in u, so differentiating <Jᵀu, v> with respect to u gives Jv).
 */
export function jvp(fn, primals, tangents) {
  checkFunction('jvp', fn);
  const xs0 = tensorList('jvp', 'primals', primals), vs = tensorList('jvp', 'tangents', tangents);
  checkFits('jvp', vs, xs0, 'tangents', 'primals');
  return tidy(() => {
    const m = raw();
    const all = [...xs0, ...vs];
    const { outer, inputs, out } = trace((...a) => fn(...a.slice(0, xs0.length)), all, xs0.map((_, i) => i));
    checkOutput('jvp', out, false);
    const xs = inputs.slice(0, xs0.length);
    const u = wrap(m._zeros(out.shape));
    u.requiresGrad = true;
    const value = valueOf(out, outer);
    if (!out.requiresGrad) return [value, wrap(m._zeros(out.shape))];
    const gs = recording(() => gradientsOf(out, xs, u, true));
    let dot = null;
    gs.forEach((g, i) => {
      const term = g.mul(vs[i]).sum();
      dot = dot ? dot.add(term) : term;
    });
    const [tangentOut] = dot.requiresGrad ? recording(() => gradientsOf(dot, [u], null, outer)) : [wrap(m._zeros(out.shape))];
    return [value, tangentOut];
  });
}

/**
 * vjp(f, x) = [f(x), vjpFn] where vjpFn(u) = uᵀJ (a Tensor shaped like x; an array for an array of primals).
 * vjpFn can be called many times; vjpFn.dispose() frees the graph it holds (so does an enclosing tidy).
 */
export function vjp(fn, primals) {
  checkFunction('vjp', fn);
  const many = Array.isArray(primals);
  const xs0 = tensorList('vjp', 'primals', primals);
  const kept = tidy(() => {
    const { outer, inputs, out } = trace(fn, xs0, xs0.map((_, i) => i));
    checkOutput('vjp', out, false);
    // Handles of our own on the traced inputs (an outer caller's tensors are used as they are, not copied).
    return { outer, xs: inputs.map((x) => (xs0.includes(x) ? alias(x) : x)), out: xs0.includes(out) ? alias(out) : out };
  });
  const { outer, xs, out } = kept;
  const value = valueOf(out, outer);
  const vjpFn = (u) => {
    if (!(u instanceof Tensor)) throw new NablaError(`vjp: the cotangent must be a Tensor, got ${describeValue(u)}`, 'ValueError');
    if (out.disposed) throw new NablaError('vjp: this vjpFn was disposed', 'Error');
    checkFits('vjp', [u], [out], 'cotangent', 'output');
    const outerHere = outer || recordsFor([u]);
    const gs = recording(() => gradientsOf(out, xs, u, outerHere));
    return many ? gs : gs[0];
  };
  vjpFn.dispose = () => { out.dispose(); xs.forEach((x) => x.dispose()); };
  return [value, vjpFn];
}

/** hvp(f, x, v) = H(x)·v for a scalar-valued f, by differentiating <grad f(x), v>. */
export function hvp(fn, x, v) {
  checkFunction('hvp', fn);
  if (!(x instanceof Tensor)) throw new NablaError(`hvp: x must be a Tensor, got ${describeValue(x)}`, 'ValueError');
  if (!(v instanceof Tensor)) throw new NablaError(`hvp: v must be a Tensor, got ${describeValue(v)}`, 'ValueError');
  checkFits('hvp', [v], [x], 'v', 'x');
  const first = gradsOnly(gradCore('hvp', fn, 0, false));
  return grad((p) => first(p).mul(v).sum())(x);
}

/**
 * gradients(output, inputs, {gradOutput, createGraph, retainGraph}) = d<output, gradOutput>/d inputs, as
 * torch.autograd.grad: returned (not accumulated into .grad), for leaves and intermediate tensors alike; zeros for
 * an input the output does not depend on. gradOutput may be left out for a one-element output.
 */
export function gradients(output, inputs, options = {}) {
  if (!(output instanceof Tensor)) throw new NablaError(`gradients: output must be a Tensor, got ${describeValue(output)}`, 'ValueError');
  const xs = tensorList('gradients', 'inputs', inputs);
  const o = optionsOf('gradients', options);
  const seed = o.gradOutput ?? null;
  if (seed !== null) {
    if (!(seed instanceof Tensor)) throw new NablaError(`gradients: gradOutput must be a Tensor, got ${describeValue(seed)}`, 'ValueError');
    checkFits('gradients', [seed], [output], 'gradOutput', 'output');
  } else if (output.size !== 1) {
    throw new NablaError(`gradients: output of shape ${shapeStr(output.shape)} is not a scalar; pass gradOutput of that shape`, 'AutogradError');
  }
  if (!output.requiresGrad) return xs.map((x) => wrap(raw()._zeros(x.shape)));
  return raw()._gradients(output._handle, xs.map((x) => x._handle), seed ? seed._handle : null,
    Boolean(o.createGraph), Boolean(o.retainGraph ?? o.createGraph)).map(wrap);
}
