// The JavaScript fuzz targets and their contracts, shared by the fuzzer (fuzz.mjs) and the replay of saved
// inputs (tests/js/robust-regressions.test.js). run(input) returns true when the input was accepted and checks
// the result is well formed (throwing a plain Error marked `contract` otherwise); expected(err) says whether a
// thrown error is the documented one.
import { parsePointsCsv, formatPointsCsv } from '../../../web/src/lib/playground/csv.js';
import { decodeState, encodeState, decodeWeights } from '../../../web/src/lib/playground/state.js';
import { parse, evaluate, ExprError, scalarBackend } from '../../../web/src/lib/expr/index.js';

class ContractError extends Error {}
const check = (cond, what) => { if (!cond) throw new ContractError(what); };

// A backend that accepts every call, so that evaluation reaches every part of the evaluator.
const anyBackend = {
  constant: (values, shape) => ({ values, shape }),
  unary: (op, a) => ({ op, a }),
  binary: (op, a, b) => ({ op, a, b }),
  call: (op, args) => ({ op, args }),
};

export const TARGETS = {
  csv: {
    seeds: ['x,y,label\n0.5,-1,0\n1,2,1\n', '# points\n1;2;0\r\n3\t4\t1\n', '0,0,0\n', 'x,y,label\n0.1,0.2,0.7\n'],
    tokens: [',', '\n', '\r\n', ';', '\t', '#', 'x,y,label', '-', '1e3', 'NaN', '4', '5', '1.5', ' '],
    run(text) {
      const regression = text.length % 2 === 1;
      const points = parsePointsCsv(text, { regression, maxClasses: 5 });
      check(Array.isArray(points) && points.length > 0, 'parsePointsCsv returned no points without throwing');
      for (const p of points) {
        check(Number.isFinite(p.x) && Number.isFinite(p.y) && Number.isFinite(p.label), 'a point is not finite');
        if (!regression) check(Number.isInteger(p.label) && p.label >= 0 && p.label < 5, `label ${p.label} out of range`);
      }
      const again = parsePointsCsv(formatPointsCsv(points), { regression, maxClasses: 5 });
      check(again.length === points.length, 'formatPointsCsv does not read back');
      return true;
    },
    expected: (err) => !(err instanceof ContractError) && err instanceof Error && err.constructor === Error && /^CSV/.test(err.message),
  },
  state: {
    seeds: ['data=moons&k=3&noise=0.15&n=400&train=70&seed=1&f=x,y&net=16t,16t&loss=xent&opt=adam&lr=0.03&batch=16&reg=none&rr=0.001&drop=0',
      '#data=spiral&net=&hide=data,lr&pts=AAAAAAAB6AMAAAE', 'k=2&net=8r,4s,2g&w=AAAA', 'seed=2147483647&lr=10&batch=2000'],
    tokens: ['&', '=', ',', '%', '%2C', '#', 'pts=', 'w=', 'net=', '64t', '65r', 'hide=', 'k=', 'n=', 'lr=', '1e-7', 'AAAA', '_-'],
    run(hash) {
      // decodeState never throws: every bad value becomes an entry in `errors`.
      const { state, errors } = decodeState(hash);
      check(Array.isArray(errors) && errors.every((e) => typeof e === 'string'), 'errors is not a list of strings');
      check(Number.isInteger(state.classes) && state.classes >= 2 && state.classes <= 5, `classes ${state.classes}`);
      check(Number.isInteger(state.points) && Number.isInteger(state.batch) && state.batch >= 1, 'points or batch');
      check(Number.isFinite(state.lr) && state.lr > 0, `lr ${state.lr}`);
      check(state.layers.length <= 8 && state.layers.every((l) => l.units >= 1 && l.units <= 64), 'layers');
      check(!state.custom || state.custom.every((p) => Number.isFinite(p.x) && Number.isFinite(p.y)), 'custom points');
      const back = decodeState(encodeState(state));
      if (state.weights === '') back.state.weights = ''; // an empty w= is dropped from the link, as it should be
      check(back.errors.length === 0, `encodeState(decodeState(h)) does not decode cleanly: ${back.errors}`);
      check(JSON.stringify(back.state) === JSON.stringify(state), 'state does not round-trip through its URL');
      if (state.weights) {
        try {
          decodeWeights(state.weights, [{ name: 'w', shape: [2, 3] }, { name: 'b', shape: [3] }]);
        } catch (err) {
          check(err.constructor === Error, `decodeWeights threw ${err.constructor.name}: ${err.message}`);
        }
      }
      return errors.length === 0;
    },
    expected: () => false,
  },
  expr: {
    seeds: ['a = -1.5\nw = [[1, 2], [3, 4]]\ny = tanh(a * 2 + 1) ** 2', 'x = 2; y = log(softplus(x)) / sqrt(abs(x))',
      'leaky_relu(-3, 0.1) + clamp(5, 0, 1)', 'matmul([[1,2]], [[3],[4]])', '# comment\n-2**-1'],
    tokens: ['(', ')', '[', ']', ',', ';', '\n', '=', '**', '*', '+', '-', 'tanh(', 'matmul(', 'clamp(', 'x', '1e5', '.5', '#'],
    run(source) {
      const ast = parse(source);
      check(ast && ast.type === 'Program' && ast.body.length > 0, 'parse returned no program');
      evaluate(ast, anyBackend);
      try {
        evaluate(ast, scalarBackend);
      } catch (err) {
        check(err instanceof ExprError, `scalar evaluation threw ${err.constructor.name}: ${err.message}`);
      }
      return true;
    },
    expected: (err) => err instanceof ExprError,
  },
};
