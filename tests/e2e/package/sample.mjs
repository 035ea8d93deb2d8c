// Run inside an empty folder where only the packed tarball was installed (tests/e2e/package.test.js): the
// package alone must load the engine in Node and differentiate. Prints one JSON line.
import { loadNabla } from 'nabla';

const nb = await loadNabla();
const a = nb.tensor(-4, { requiresGrad: true });
const b = nb.tensor(2, { requiresGrad: true });
const g = a.mul(b).add(b).pow(2); // g = (ab + b)^2; dg/da = 2(ab + b) b, dg/db = 2(ab + b)(a + 1)
g.backward();
const d3 = nb.grad(nb.grad(nb.grad((x) => x.pow(4).sum())))(nb.tensor(1.5)); // 24 x
console.log(JSON.stringify({ g: g.item(), da: a.grad.item(), db: b.grad.item(), d3: d3.item(),
                             embed: import.meta.resolve('nabla/embed') }));
