// Authorship colours in the editor: each run of the text in a light tint of its author's colour,
// their name on hover. The runs come from outside (pages/authorship-view.js), in UTF-16 offsets.
import { StateEffect, StateField } from '@codemirror/state';
import { Decoration, EditorView } from '@codemirror/view';

/** Replaces the marks: [{ from, to, name, color }], or [] for none. */
export const setAuthorMarks = StateEffect.define();

const COLOR = /^#[0-9a-fA-F]{6}$/;

export const authorMarks = StateField.define({
  create: () => Decoration.none,
  update(marks, tr) {
    let next = marks.map(tr.changes);
    for (const effect of tr.effects) {
      if (!effect.is(setAuthorMarks)) continue;
      next = Decoration.set(effect.value.filter((run) => run.from < run.to).map((run) => Decoration.mark({
        class: 'author-mark',
        attributes: {
          title: `written by ${run.name}`,
          style: `--author: ${COLOR.test(run.color) ? run.color : '#888888'}`,
        },
      }).range(run.from, run.to)), true);
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});
