// Binds a CodeMirror view to a CollabClient: typing becomes operations in code points, others'
// edits become CodeMirror changes that stay out of the local undo history, so undo and redo
// take back only one's own edits, moved past everyone else's.
import { Annotation, Compartment, EditorState, Transaction } from '@codemirror/state';
import { EditorView, keymap, drawSelection, highlightActiveLine, lineNumbers } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { highlightSelectionMatches, openSearchPanel, search, searchKeymap } from '@codemirror/search';
import { appearance } from './appearance.js';
import { TextOperation, changedStretch, codePointLength } from '../ot/text-operation.js';
import { Positions } from './positions.js';
import { remoteCursors, setPeers } from './remote-cursors.js';
import { authorMarks, setAuthorMarks } from './author-marks.js';

/** On changes that are not this person's typing: { reset: true }, or { op, clientId } of someone's edit. */
const fromServer = Annotation.define();
const SELECTION_DELAY_MS = 50;

/**
 * Typing or a paste holding U+0000, which the server refuses (docs/protocol.md), gets U+FFFD in
 * its place: the same length, so the transaction's selection still fits.
 */
function withoutNul(tr) {
  if (!tr.docChanged || tr.annotation(fromServer)) return tr;
  let found = false;
  tr.changes.iterChanges((fromA, toA, fromB, toB, inserted) => { found ||= inserted.toString().includes('\0'); });
  if (!found) return tr;
  const changes = [];
  tr.changes.iterChanges((fromA, toA, fromB, toB, inserted) => {
    changes.push({ from: fromA, to: toA, insert: inserted.toString().replaceAll('\0', '\uFFFD') });
  });
  return {
    changes,
    selection: tr.selection,
    scrollIntoView: tr.scrollIntoView,
    annotations: Transaction.userEvent.of(tr.annotation(Transaction.userEvent) ?? 'input'),
  };
}

export class CollabEditor {
  /**
   * `refused(message)`: typing the editor turned away, and why (a paste past the document's limit);
   * `changed()`: the text changed, by anyone; `edited(change)`: how: `{ op, local: true }` (typing
   * here), `{ op, clientId }` (someone's edit; no clientId: not one person's), `{ reset: true }`.
   */
  constructor(parent, client, { refused = () => {}, changed = () => {}, edited = () => {} } = {}) {
    this.client = client;
    this.refused = refused;
    this.changed = changed;
    this.edited = edited;
    this.positions = new Positions();
    this.editable = new Compartment();
    this.gutter = new Compartment();
    this.wrapping = new Compartment();
    this.language = new Compartment();
    this.looks = new Compartment();
    this.selectionTimer = null;
    this.view = new EditorView({
      parent,
      state: EditorState.create({
        doc: '',
        extensions: [
          history(),
          drawSelection(),
          highlightActiveLine(),
          highlightSelectionMatches(),
          search({ top: true }),
          // a line written right to left (Arabic, Hebrew) runs and aligns from the right
          EditorView.perLineTextDirection.of(true),
          this.gutter.of(lineNumbers()),
          this.wrapping.of(EditorView.lineWrapping),
          this.language.of([]),
          this.looks.of(appearance(false)),
          keymap.of([...defaultKeymap, ...historyKeymap, ...searchKeymap, indentWithTab]),
          remoteCursors,
          authorMarks,
          this.editable.of(EditorView.editable.of(false)),
          EditorView.contentAttributes.of({ 'aria-label': 'Document text' }),
          EditorState.changeFilter.of((tr) => this.fits(tr)),
          EditorState.transactionFilter.of(withoutNul),
          EditorView.updateListener.of((update) => this.updated(update)),
        ],
      }),
    });
  }

  /** The whole text from the server (first welcome): not undoable. */
  reset(text) {
    this.positions.saw(text);
    this.view.dispatch({
      changes: { from: 0, to: this.view.state.doc.length, insert: text },
      annotations: [fromServer.of({ reset: true }), Transaction.addToHistory.of(false)],
      effects: this.editable.reconfigure(EditorView.editable.of(true)),
    });
  }

  /** Whether the person may only view: the text stays selectable and copyable, but cannot change. */
  setReadOnly(readOnly) {
    this.view.dispatch({
      effects: this.editable.reconfigure([EditorView.editable.of(!readOnly), EditorState.readOnly.of(readOnly)]),
    });
  }

  /**
   * How the text is shown, for this person only: `lineNumbers`, `wrap` and `dark` (booleans), and
   * `language`, a CodeMirror language extension or null for plain text. Any left out stay as they are.
   */
  show({ lineNumbers: numbered, wrap, dark, language } = {}) {
    const effects = [];
    if (numbered !== undefined) effects.push(this.gutter.reconfigure(numbered ? lineNumbers() : []));
    if (wrap !== undefined) effects.push(this.wrapping.reconfigure(wrap ? EditorView.lineWrapping : []));
    if (dark !== undefined) effects.push(this.looks.reconfigure(appearance(dark)));
    if (language !== undefined) effects.push(this.language.reconfigure(language ?? []));
    this.view.dispatch({ effects });
  }

  /** Someone else's edit, already moved past local typing, in code points; `clientId` its author's, if one. */
  applyRemote(op, clientId = null) {
    const doc = this.view.state.doc;
    const changes = [];
    let offset = 0;
    for (const step of op.ops) {
      if (typeof step === 'string') {
        this.positions.saw(step);
        changes.push({ from: offset, insert: step });
      } else if (step > 0) {
        offset = this.positions.advance(doc, offset, step);
      } else {
        const end = this.positions.advance(doc, offset, -step);
        changes.push({ from: offset, to: end });
        offset = end;
      }
    }
    this.view.dispatch({ changes, annotations: [fromServer.of({ op, clientId }), Transaction.addToHistory.of(false)] });
  }

  /**
   * Makes the text `text` as the person's own edit (undoable, sent as any typing is): the one
   * stretch that differs is replaced, what is the same at both ends stays.
   */
  replaceText(text) {
    const before = this.view.state.doc.toString();
    const { start, end } = changedStretch(before, text);
    this.view.dispatch({
      changes: { from: start, to: before.length - end, insert: text.slice(start, text.length - end) },
      annotations: Transaction.userEvent.of('input.restore'),
      scrollIntoView: true,
    });
  }

  /** Colours the text by author: runs [{ length (code points), name (null: unknown), color }] from the start; [] for none. */
  showAuthors(runs) {
    const doc = this.view.state.doc;
    const marks = [];
    let offset = 0;
    for (const run of runs) {
      const end = this.positions.advance(doc, offset, run.length);
      if (run.name !== null) marks.push({ from: offset, to: end, name: run.name, color: run.color });
      offset = end;
    }
    this.view.dispatch({ effects: setAuthorMarks.of(marks) });
  }

  /** Shows peers given with selections in local code points. */
  showPeers(peers) {
    const doc = this.view.state.doc;
    const value = peers.map((peer) => ({
      clientId: peer.clientId,
      name: peer.name,
      color: peer.color,
      ranges: (peer.selection ?? []).map((r) => ({
        anchor: this.positions.toOffset(doc, r.anchor),
        head: this.positions.toOffset(doc, r.head),
      })),
    }));
    this.view.dispatch({ effects: setPeers.of(value) });
  }

  text() {
    return this.view.state.doc.toString();
  }

  /** Whether a local change keeps the document within the server's limit (others' edits always pass). */
  fits(tr) {
    const max = this.client.limits.maxDocumentCodePoints;
    // a UTF-16 length within the limit is within it in code points too: count only past it
    if (!tr.docChanged || tr.annotation(fromServer) || tr.newDoc.length <= max) return true;
    const length = codePointLength(tr.newDoc.toString());
    if (length <= max || length <= codePointLength(tr.startState.doc.toString())) return true;
    this.refused(`Not added: this document can hold ${max.toLocaleString('en')} characters,`
      + ` and that would make it ${length.toLocaleString('en')}.`);
    return false;
  }

  focus() {
    this.view.focus();
  }

  /** Opens CodeMirror's search and replace panel (also Ctrl-F / Cmd-F). */
  openSearch() {
    openSearchPanel(this.view);
  }

  updated(update) {
    if (update.docChanged) this.changed();
    for (const tr of update.transactions) {
      if (!tr.docChanged) continue;
      const remote = tr.annotation(fromServer);
      if (remote) {
        this.edited(remote);
        continue;
      }
      const op = this.toOperation(tr.changes, tr.startState.doc);
      this.client.localEdit(op);
      this.edited({ op, local: true });
    }
    // the server moves this caret through others' edits itself: only local moves are sent
    if (update.transactions.some((tr) => !tr.annotation(fromServer) && (tr.selection || tr.docChanged))) {
      clearTimeout(this.selectionTimer);
      this.selectionTimer = setTimeout(() => this.sendSelection(), SELECTION_DELAY_MS);
    }
  }

  toOperation(changes, doc) {
    const op = new TextOperation();
    let offset = 0;
    changes.iterChanges((fromA, toA, fromB, toB, inserted) => {
      const text = inserted.toString();
      this.positions.saw(text);
      op.retain(this.positions.count(doc, offset, fromA));
      op.delete(this.positions.count(doc, fromA, toA));
      op.insert(text);
      offset = toA;
    });
    op.retain(this.positions.count(doc, offset, doc.length));
    return op;
  }

  sendSelection() {
    const { state } = this.view;
    this.client.localSelection(state.selection.ranges.map((r) => ({
      anchor: this.positions.toPosition(state.doc, r.anchor),
      head: this.positions.toPosition(state.doc, r.head),
    })));
  }
}
