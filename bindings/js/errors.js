// NablaError: what every engine error becomes in JS. `message` is the C++ message (naming op and shapes);
// `kind` is the C++ class (ShapeError, IndexError, ValueError, AutogradError, FormatError, Error).
export class NablaError extends Error {
  constructor(message, kind = 'Error') {
    super(message);
    this.name = 'NablaError';
    this.kind = kind;
  }
}
