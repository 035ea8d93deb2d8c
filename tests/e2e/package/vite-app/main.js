// A Vite app that imports the installed package: the engine through the API, the widgets through nabla/embed.
import { loadNabla } from 'nabla';
import 'nabla/embed';

const nb = await loadNabla();
const x = nb.tensor([[1, 2], [3, 4]], { requiresGrad: true });
x.matmul(x).sum().backward(); // d/dx sum(x x) = 1 x^T + x^T 1: [[7, 11], [9, 13]]
document.body.dataset.result = JSON.stringify({ grad: x.grad.toArray(), graphDefined: Boolean(customElements.get('nabla-graph')) });
