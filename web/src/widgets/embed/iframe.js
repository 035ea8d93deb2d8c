// The iframe form of every widget: embed.html?widget=<graph|derivatives|playground|digit>&<attribute>=<value>...
// creates that element with the query's other parameters as its attributes, e.g.
//   <iframe src="embed.html?widget=playground&dataset=spiral&layers=8,8&activation=tanh" width="640" height="380"></iframe>
import { ELEMENTS, defineElements } from './elements.js';

defineElements();
const params = new URLSearchParams(location.search);
const widget = params.get('widget') ?? 'graph';
const name = `nabla-${widget}`;
if (!ELEMENTS[name]) {
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.textContent = `widget=${widget}: expected one of ${Object.keys(ELEMENTS).map((n) => n.slice(6)).join(', ')}`;
  document.body.append(p);
} else {
  const el = document.createElement(name);
  for (const [key, value] of params) {
    if (key === 'widget') continue;
    if (/^[a-z][a-z0-9-]*$/.test(key)) el.setAttribute(key, value);
  }
  document.body.append(el);
}
