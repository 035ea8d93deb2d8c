// The embed script: loading it defines <nabla-graph>, <nabla-derivatives>, <nabla-playground> and
// <nabla-digit> (elements.js). The build emits it as embed.js at the site's root for course pages.
import { defineElements } from './elements.js';

export { ELEMENTS, defineElements } from './elements.js';
export { getNabla } from './shared.js';

defineElements();
