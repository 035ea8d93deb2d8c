// The DOM helper every widget and page builds its elements with: h('div', { class: 'x', onclick: f }, child, ...).

/** An element `tag` with attributes (`class`, `on*` listeners, the rest as attributes) and children. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') el.className = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v);
  }
  el.append(...children);
  return el;
}

/** Adds `message` to `box` as a paragraph with a × button that removes it; the box is hidden when empty. */
export function showDismissible(box, message) {
  const close = h('button', { type: 'button', 'aria-label': 'Dismiss' }, '×');
  const p = h('p', {}, h('span', {}, message), close);
  close.addEventListener('click', () => { p.remove(); box.hidden = !box.childElementCount; });
  box.append(p);
  box.hidden = false;
}
