// Edits that do not fit in one message: a paste of a megabyte leaves as several edits, each
// under the server's message limit, which together make the same change (docs/protocol.md,
// "Limits"). Sizes are those of the edit's operation as JSON, in UTF-8 bytes, as the server counts.
import { TextOperation } from '../ot/text-operation.js';

/** UTF-8 bytes of one code point inside a JSON string, as JSON.stringify writes it. */
function charBytes(cp) {
  if (cp === 0x22 || cp === 0x5c) return 2; // \" and \\
  if (cp < 0x20) return [0x08, 0x09, 0x0a, 0x0c, 0x0d].includes(cp) ? 2 : 6; // \n ... or \u0001
  if (cp < 0x80) return 1;
  if (cp < 0x800) return 2;
  return cp < 0x10000 ? 3 : 4;
}

function stringBytes(text) {
  let bytes = 2;
  for (const char of text) bytes += charBytes(char.codePointAt(0));
  return bytes;
}

/** The bytes of an operation's wire form, e.g. [5,"hi",-3]. */
export function wireBytes(op) {
  let bytes = 1 + Math.max(0, op.ops.length - 1) + 1;
  for (const step of op.ops) bytes += typeof step === 'string' ? stringBytes(step) : String(step).length;
  return bytes;
}

/**
 * Splits `op` into [first, rest], first's wire form at most `maxBytes` long, such that applying
 * first then rest does what op does; null if op fits as it is.
 */
export function splitToFit(op, maxBytes) {
  if (wireBytes(op) <= maxBytes) return null;
  // room for the brackets and the retain that ends `first`
  let room = maxBytes - 2 - 12;
  const first = new TextOperation();
  let consumed = 0; // of the base text
  let i = 0;
  let tail = null; // what is left of the insert that was cut
  for (; i < op.ops.length; i++) {
    const step = op.ops[i];
    const cost = (typeof step === 'string' ? stringBytes(step) : String(step).length) + 1;
    if (cost <= room) {
      room -= cost;
      if (typeof step === 'string') first.insert(step);
      else if (step > 0) { first.retain(step); consumed += step; }
      else { first.delete(-step); consumed -= step; }
      continue;
    }
    if (typeof step === 'string') {
      // as much of the insert as fits, whole code points only
      let bytes = 2 + 1;
      let cut = 0;
      for (const char of step) {
        const more = charBytes(char.codePointAt(0));
        if (bytes + more > room) break;
        bytes += more;
        cut += char.length;
      }
      if (cut > 0) {
        first.insert(step.slice(0, cut));
        tail = step.slice(cut);
      }
    }
    break;
  }
  if (first.ops.length === 0 || (i === 0 && tail === null)) {
    throw new RangeError(`an edit cannot be cut into pieces of ${maxBytes} bytes`);
  }
  const untouched = op.baseLength - consumed;
  const rest = new TextOperation().retain(first.targetLength);
  first.retain(untouched);
  if (tail !== null) {
    rest.insert(tail);
    i++;
  }
  for (; i < op.ops.length; i++) {
    const step = op.ops[i];
    if (typeof step === 'string') rest.insert(step);
    else if (step > 0) rest.retain(step);
    else rest.delete(-step);
  }
  return [first, rest];
}
