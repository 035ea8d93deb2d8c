// The concept pages' script: the shared shell (navigation, KaTeX formulas from the page's table, playground
// links) and the embeddable figures. <body data-concept="..."> names the page.
import { mountConceptPage } from '../../lib/concepts/page.js';
import { defineElements } from '../../widgets/embed/elements.js';
import { FORMULAS as activations } from '../../lib/concepts/formulas/activations.js';
import { FORMULAS as losses } from '../../lib/concepts/formulas/losses.js';
import { FORMULAS as optimizers } from '../../lib/concepts/formulas/optimizers.js';
import { FORMULAS as backprop } from '../../lib/concepts/formulas/backprop.js';
import { FORMULAS as initializers } from '../../lib/concepts/formulas/initializers.js';
import { FORMULAS as regularization } from '../../lib/concepts/formulas/regularization.js';
import { FORMULAS as batchnorm } from '../../lib/concepts/formulas/batchnorm.js';
import { FORMULAS as dropout } from '../../lib/concepts/formulas/dropout.js';

const TABLES = { activations, losses, optimizers, initializers, regularization, batchnorm, 'dropout-dropconnect': dropout, backprop };

const id = document.body.dataset.concept;
mountConceptPage({ id, formulas: TABLES[id] ?? {} });
defineElements();
