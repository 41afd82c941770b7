// Binds a CodeMirror view to a CollabClient: typing becomes operations in code points, others'
// edits become CodeMirror changes that stay out of the local undo history, so undo and redo
// take back only one's own edits, moved past everyone else's.
import { Annotation, Compartment, EditorState, Transaction } from '@codemirror/state';
import { EditorView, keymap, drawSelection, highlightActiveLine, lineNumbers } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { StreamLanguage } from '@codemirror/language';
import { highlightSelectionMatches, openSearchPanel, search, searchKeymap } from '@codemirror/search';
import { appearance } from './appearance.js';
import { TextOperation, codePointLength } from '../ot/text-operation.js';
import { Positions } from './positions.js';
import { remoteCursors, setPeers } from './remote-cursors.js';

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
   * `changed()`: the text changed, by anyone.
   */
  constructor(parent, client, { refused = () => {}, changed = () => {} } = {}) {
    this.client = client;
    this.refused = refused;
    this.changed = changed;
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
      annotations: [fromServer.of(true), Transaction.addToHistory.of(false)],
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
   * `language`, a CodeMirror stream parser or null for plain text. Any left out stay as they are.
   */
  show({ lineNumbers: numbered, wrap, dark, language } = {}) {
    const effects = [];
    if (numbered !== undefined) effects.push(this.gutter.reconfigure(numbered ? lineNumbers() : []));
    if (wrap !== undefined) effects.push(this.wrapping.reconfigure(wrap ? EditorView.lineWrapping : []));
    if (dark !== undefined) effects.push(this.looks.reconfigure(appearance(dark)));
    if (language !== undefined) effects.push(this.language.reconfigure(language ? StreamLanguage.define(language) : []));
    this.view.dispatch({ effects });
  }

  /** Someone else's edit, already moved past local typing, in code points. */
  applyRemote(op) {
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
    this.view.dispatch({ changes, annotations: [fromServer.of(true), Transaction.addToHistory.of(false)] });
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
      if (!tr.docChanged || tr.annotation(fromServer)) continue;
      this.client.localEdit(this.toOperation(tr.changes, tr.startState.doc));
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
