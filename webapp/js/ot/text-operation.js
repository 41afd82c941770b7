// The OT algebra of docs/protocol.md in JavaScript: the same operations, in the same canonical
// form, with the same results as the server's Java (dev.tandem.ot.TextOperation); shared test
// vectors keep the two in step. Lengths and positions count Unicode code points.

/** Thrown for an operation that does not follow the protocol's rules. */
export class MalformedOperation extends Error {}

/** The number of code points in a string. */
export function codePointLength(text) {
  let length = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xdc00 && unit <= 0xdfff) length--;
  }
  return length;
}

/** The UTF-16 offset in text after `count` code points from UTF-16 offset `from`. */
export function advanceCodePoints(text, from, count) {
  let offset = from;
  for (let left = count; left > 0; left--) {
    const unit = text.charCodeAt(offset);
    offset += unit >= 0xd800 && unit <= 0xdbff && offset + 1 < text.length ? 2 : 1;
  }
  return offset;
}

function hasLoneSurrogate(text) {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) {
      return true;
    }
  }
  return false;
}

const isRetain = (op) => typeof op === 'number' && op > 0;
const isDelete = (op) => typeof op === 'number' && op < 0;
const isInsert = (op) => typeof op === 'string';

/**
 * An edit of a whole text: positive numbers keep that many code points, strings insert
 * themselves, negative numbers delete that many code points. Built in canonical form:
 * neighbours of one kind merged, an insert before a delete at the same place.
 */
export class TextOperation {
  constructor() {
    this.ops = [];
    this.baseLength = 0;
    this.targetLength = 0;
  }

  /** Parses the wire form, refusing what the server would refuse. */
  static fromJSON(wire) {
    if (!Array.isArray(wire)) throw new MalformedOperation('an operation must be an array');
    const operation = new TextOperation();
    for (const step of wire) {
      if (typeof step === 'string') {
        if (step.length === 0) throw new MalformedOperation('an insert must not be empty');
        if (hasLoneSurrogate(step)) throw new MalformedOperation('an insert holds a lone surrogate');
        operation.insert(step);
      } else if (typeof step === 'number') {
        if (!Number.isSafeInteger(step) || step === 0) {
          throw new MalformedOperation(`${step} is not a valid retain or delete`);
        }
        if (step > 0) operation.retain(step); else operation.delete(-step);
        if (operation.baseLength > 0x7fffffff || operation.targetLength > 0x7fffffff) {
          throw new MalformedOperation('the operation is longer than 2147483647 code points');
        }
      } else {
        throw new MalformedOperation('an operation holds only numbers and strings');
      }
    }
    return operation;
  }

  toJSON() {
    return this.ops.slice();
  }

  retain(count) {
    if (count === 0) return this;
    this.baseLength += count;
    this.targetLength += count;
    const last = this.ops.length - 1;
    if (last >= 0 && isRetain(this.ops[last])) this.ops[last] += count;
    else this.ops.push(count);
    return this;
  }

  insert(text) {
    if (text === '') return this;
    this.targetLength += codePointLength(text);
    const ops = this.ops;
    const last = ops.length - 1;
    if (last >= 0 && isInsert(ops[last])) {
      ops[last] += text;
    } else if (last >= 0 && isDelete(ops[last])) {
      // canonical: the insert goes before the delete it meets
      if (last >= 1 && isInsert(ops[last - 1])) ops[last - 1] += text;
      else ops.splice(last, 0, text);
    } else {
      ops.push(text);
    }
    return this;
  }

  delete(count) {
    if (count === 0) return this;
    this.baseLength += count;
    const last = this.ops.length - 1;
    if (last >= 0 && isDelete(this.ops[last])) this.ops[last] -= count;
    else this.ops.push(-count);
    return this;
  }

  /** The operation that undoes this one on `text`, the text this one applies to. */
  invert(text) {
    const inverse = new TextOperation();
    let offset = 0; // UTF-16 offset in text
    for (const step of this.ops) {
      if (isRetain(step)) {
        inverse.retain(step);
        offset = advanceCodePoints(text, offset, step);
      } else if (isInsert(step)) {
        inverse.delete(codePointLength(step));
      } else {
        const end = advanceCodePoints(text, offset, -step);
        inverse.insert(text.slice(offset, end));
        offset = end;
      }
    }
    return inverse;
  }

  isNoop() {
    return this.ops.length === 0 || (this.ops.length === 1 && isRetain(this.ops[0]));
  }

  /** Applies this operation to a string of exactly baseLength code points. */
  apply(text) {
    const length = codePointLength(text);
    if (length !== this.baseLength) {
      throw new MalformedOperation(`the operation spans ${this.baseLength} code points but the text has ${length}`);
    }
    const parts = [];
    let offset = 0;
    for (const op of this.ops) {
      if (isRetain(op)) {
        const end = advanceCodePoints(text, offset, op);
        parts.push(text.slice(offset, end));
        offset = end;
      } else if (isInsert(op)) {
        parts.push(op);
      } else {
        offset = advanceCodePoints(text, offset, -op);
      }
    }
    return parts.join('');
  }

  /** The single operation with the effect of this one followed by `next`. */
  compose(next) {
    if (this.targetLength !== next.baseLength) {
      throw new MalformedOperation('the second operation must start where the first ends');
    }
    const result = new TextOperation();
    const a = new Cursor(this.ops);
    const b = new Cursor(next.ops);
    while (!a.done() || !b.done()) {
      if (a.isDelete()) { result.delete(a.take()); continue; }
      if (b.isInsert()) { result.insert(b.takeText()); continue; }
      if (a.done() || b.done()) throw new MalformedOperation('the operations do not compose');
      const n = Math.min(a.length(), b.length());
      if (a.isRetain() && b.isRetain()) { a.take(n); b.take(n); result.retain(n); }
      else if (a.isInsert() && b.isRetain()) { result.insert(a.takeText(n)); b.take(n); }
      else if (a.isInsert() && b.isDelete()) { a.takeText(n); b.take(n); }
      else { a.take(n); b.take(n); result.delete(n); } // retain then delete
    }
    return result;
  }

  /**
   * For a and b made concurrently on the same text: [a', b'] such that a then b' equals b then
   * a'. At the same place a's insert comes first.
   */
  static transform(a, b) {
    if (a.baseLength !== b.baseLength) {
      throw new MalformedOperation('concurrent operations must start from the same text');
    }
    const aPrime = new TextOperation();
    const bPrime = new TextOperation();
    const x = new Cursor(a.ops);
    const y = new Cursor(b.ops);
    while (!x.done() || !y.done()) {
      if (x.isInsert()) {
        const text = x.takeText();
        aPrime.insert(text);
        bPrime.retain(codePointLength(text));
        continue;
      }
      if (y.isInsert()) {
        const text = y.takeText();
        aPrime.retain(codePointLength(text));
        bPrime.insert(text);
        continue;
      }
      if (x.done() || y.done()) throw new MalformedOperation('the operations do not transform');
      const n = Math.min(x.length(), y.length());
      if (x.isRetain() && y.isRetain()) { aPrime.retain(n); bPrime.retain(n); }
      else if (x.isDelete() && y.isRetain()) aPrime.delete(n);
      else if (x.isRetain() && y.isDelete()) bPrime.delete(n);
      // both delete the same text: neither needs to
      x.take(n);
      y.take(n);
    }
    return [aPrime, bPrime];
  }

  /**
   * Where a position in the text before this operation ends up after it. An insert exactly at
   * the position pushes it along only when `afterInsertsHere`.
   */
  transformPosition(position, afterInsertsHere) {
    if (position < 0 || position > this.baseLength) {
      throw new RangeError(`position ${position} is outside a text of ${this.baseLength} code points`);
    }
    let base = 0;
    let target = 0;
    for (const op of this.ops) {
      if (isRetain(op)) {
        if (position < base + op) return target + position - base;
        base += op;
        target += op;
      } else if (isDelete(op)) {
        if (position < base - op) return target;
        base -= op;
      } else if (position > base || afterInsertsHere) {
        target += codePointLength(op);
      } else {
        return target;
      }
    }
    return target + position - base;
  }
}

/**
 * The reverse of transformPosition for a position after the operation: where it was before.
 * A position inside inserted text goes back to where the insert was made.
 */
export function basePosition(operation, position) {
  let base = 0;
  let target = 0;
  for (const op of operation.ops) {
    if (isRetain(op)) {
      if (position <= target + op) return base + position - target;
      base += op;
      target += op;
    } else if (isDelete(op)) {
      base -= op;
    } else {
      const length = codePointLength(op);
      if (position <= target + length) return base;
      target += length;
    }
  }
  return base + position - target;
}

/**
 * Where `before` and `after` differ: the UTF-16 lengths of their common prefix (`start`) and of
 * their common suffix after it (`end`), never splitting a surrogate pair.
 */
export function changedStretch(before, after) {
  let start = 0;
  const limit = Math.min(before.length, after.length);
  while (start < limit && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < limit - start
      && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  if (start > 0 && isHigh(before.charCodeAt(start - 1))) start--;
  if (end > 0 && isLow(before.charCodeAt(before.length - end))) end--;
  return { start, end };
}

/**
 * The smallest single replacement that turns `before` into `after` (common prefix and suffix
 * kept), as an operation. Used to rebase typing onto a fresh copy of a document.
 */
export function diff(before, after) {
  const { start, end } = changedStretch(before, after);
  return new TextOperation()
    .retain(codePointLength(before.slice(0, start)))
    .delete(codePointLength(before.slice(start, before.length - end)))
    .insert(after.slice(start, after.length - end))
    .retain(codePointLength(before.slice(before.length - end)));
}

const isHigh = (unit) => unit >= 0xd800 && unit <= 0xdbff;
const isLow = (unit) => unit >= 0xdc00 && unit <= 0xdfff;

/** Walks an operation's steps, taking parts of them. */
class Cursor {
  constructor(ops) {
    this.ops = ops;
    this.index = 0;
    this.offset = 0; // code points of the current step already taken
    this.textOffset = 0; // the same, in UTF-16 units, for inserts
  }

  done() { return this.index >= this.ops.length; }
  current() { return this.ops[this.index]; }
  isRetain() { return !this.done() && isRetain(this.current()); }
  isDelete() { return !this.done() && isDelete(this.current()); }
  isInsert() { return !this.done() && isInsert(this.current()); }

  length() {
    const op = this.current();
    if (isInsert(op)) return codePointLength(op.slice(this.textOffset));
    return Math.abs(op) - this.offset;
  }

  /** Takes n code points (all that is left by default) of a retain or delete. */
  take(n = this.length()) {
    this.offset += n;
    if (this.offset === Math.abs(this.current())) this.next();
    return n;
  }

  /** Takes n code points (all that is left by default) of an insert. */
  takeText(n) {
    const op = this.current();
    const end = n === undefined ? op.length : advanceCodePoints(op, this.textOffset, n);
    const text = op.slice(this.textOffset, end);
    this.textOffset = end;
    if (end === op.length) this.next();
    return text;
  }

  next() {
    this.index++;
    this.offset = 0;
    this.textOffset = 0;
  }
}
