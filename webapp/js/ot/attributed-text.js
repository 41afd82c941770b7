// Text in pieces, each with who wrote it, moved through operations: who wrote each part of a
// document (authorship), and what changed between two revisions (kept, inserted, deleted, with
// authors and times). Pure: no DOM, no I/O; lengths in code points, as operations count.

/**
 * A piece of text: `kind` is 'kept' (there at the start), 'inserted' or 'deleted' (since the
 * start); `by` and `at` who made it so and when (null for kept text of unknown origin); once
 * joined with neighbours made by the same person later, `until` when the last of them was.
 */
const piece = (text, kind, by, at) => ({ text, length: [...text].length, kind, by, at });

/** The first `count` code points of `text`, and the rest. */
function splitAt(text, count) {
  let units = 0;
  for (let i = 0; i < count; i++) units += text.codePointAt(units) > 0xffff ? 2 : 1;
  return [text.slice(0, units), text.slice(units)];
}

export class AttributedText {
  /**
   * `text` as it is at the start, written by `by` (null: unknown), or `pieces` already made.
   * With `keepDeleted`, deleted text stays, marked, so that a change can be shown.
   */
  constructor(text = '', { by = null, at = null, keepDeleted = false, pieces = null } = {}) {
    this.keepDeleted = keepDeleted;
    this.pieces = pieces ?? (text ? [piece(text, 'kept', by, at)] : []);
  }

  /** The visible text (without what was deleted). */
  text() {
    return this.pieces.filter((p) => p.kind !== 'deleted').map((p) => p.text).join('');
  }

  /** Applies `ops` (an operation's array form: retain > 0, delete < 0, insert string), made by `by` at `at`. */
  apply(ops, by, at = null) {
    const out = [];
    const queue = [...this.pieces];
    const take = () => queue.shift();
    /** Moves whole deleted pieces across: they take up no room in the visible text. */
    const skipDeleted = () => {
      while (queue.length > 0 && queue[0].kind === 'deleted') out.push(take());
    };
    for (const step of ops) {
      if (typeof step === 'string') {
        skipDeleted(); // what was deleted here shows before what replaced it
        if (step) out.push(piece(step, 'inserted', by, at));
        continue;
      }
      let count = Math.abs(step);
      while (count > 0) {
        skipDeleted();
        const next = take();
        if (next === undefined) throw new Error('the operation is longer than the text');
        let current = next;
        if (next.length > count) {
          const [head, tail] = splitAt(next.text, count);
          current = { ...next, text: head, length: count };
          queue.unshift({ ...next, text: tail, length: next.length - count });
        }
        count -= current.length;
        if (step > 0) out.push(current);
        else if (this.keepDeleted && current.kind === 'kept') out.push({ ...current, kind: 'deleted', by, at });
        // deleting what was inserted since the start leaves nothing to show
      }
    }
    skipDeleted();
    if (queue.length > 0) throw new Error('the operation is shorter than the text');
    this.pieces = merged(out);
    return this;
  }

  /** Runs of the visible text: [{ length, by }], neighbours by the same author merged. */
  runs() {
    const runs = [];
    for (const p of this.pieces) {
      if (p.kind === 'deleted') continue;
      const last = runs[runs.length - 1];
      if (last && last.by === p.by) last.length += p.length;
      else runs.push({ length: p.length, by: p.by });
    }
    return runs;
  }
}

/** Neighbours of the same kind and author joined: `at` is when the first was made, `until` the last. */
function merged(pieces) {
  const out = [];
  for (const p of pieces) {
    const last = out[out.length - 1];
    if (last && last.kind === p.kind && last.by === p.by) {
      out[out.length - 1] = { ...last, text: last.text + p.text, length: last.length + p.length, until: p.until ?? p.at };
    } else {
      out.push(p);
    }
  }
  return out;
}
