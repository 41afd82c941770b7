// Conversion between CodeMirror's UTF-16 offsets and the protocol's code points. A document
// without characters beyond the Basic Multilingual Plane (most of them) needs no counting.
import { codePointLength, advanceCodePoints } from '../ot/text-operation.js';

const SURROGATE = /[\uD800-\uDFFF]/;

export class Positions {
  constructor() {
    this.astral = false;
  }

  /** Notes text entering the document: once one astral character is seen, count for real. */
  saw(text) {
    if (!this.astral && SURROGATE.test(text)) this.astral = true;
  }

  /** Code points between two UTF-16 offsets of a CodeMirror Text. */
  count(doc, from, to) {
    return this.astral ? codePointLength(doc.sliceString(from, to)) : to - from;
  }

  /** The UTF-16 offset `n` code points after UTF-16 offset `from`. */
  advance(doc, from, n) {
    if (!this.astral) return from + n;
    const slice = doc.sliceString(from, Math.min(doc.length, from + 2 * n));
    return from + advanceCodePoints(slice, 0, n);
  }

  /** A code point position as a UTF-16 offset. */
  toOffset(doc, position) {
    return Math.min(doc.length, this.advance(doc, 0, position));
  }

  /** A UTF-16 offset as a code point position. */
  toPosition(doc, offset) {
    return this.count(doc, 0, offset);
  }
}
