// Other participants' carets and selections, drawn in their colours with their names, and
// moved through every change of the text by CodeMirror itself.
import { StateEffect, StateField } from '@codemirror/state';
import { Decoration, EditorView, WidgetType } from '@codemirror/view';

/** Replaces the shown peers: [{ clientId, name, color, ranges: [{anchor, head}] }] in UTF-16 offsets. */
export const setPeers = StateEffect.define();

const COLOR = /^#[0-9a-fA-F]{6}$/;
const safeColor = (color) => (COLOR.test(color ?? '') ? color : '#888888');

const NAME_SHOWN_MS = 2500;

class CaretWidget extends WidgetType {
  constructor(name, color, moves) {
    super();
    this.name = name;
    this.color = color;
    this.moves = moves;
  }

  eq(other) {
    return other.name === this.name && other.color === this.color && other.moves === this.moves;
  }

  toDOM() {
    // names are text, never markup
    const caret = document.createElement('span');
    caret.className = 'remote-caret';
    caret.style.color = this.color; // the bar and its flag are drawn in currentColor
    caret.title = this.name;
    const label = document.createElement('span');
    label.className = 'remote-caret-name';
    label.style.backgroundColor = this.color;
    label.textContent = this.name;
    caret.append(label);
    // drawn anew when the peer moves its caret: show who it is for a moment
    caret.classList.add('recent');
    setTimeout(() => caret.classList.remove('recent'), NAME_SHOWN_MS);
    return caret;
  }

  ignoreEvent() {
    return true;
  }
}

function decorate(peers, length) {
  const marks = [];
  for (const peer of peers) {
    const color = safeColor(peer.color);
    const name = peer.name ?? '';
    for (const { anchor, head } of peer.ranges) {
      const from = Math.min(anchor, head, length);
      const to = Math.min(Math.max(anchor, head), length);
      if (from < to) {
        marks.push(Decoration.mark({
          class: 'remote-selection',
          attributes: { style: `background-color: ${color}33`, title: name },
        }).range(from, to));
      }
      const caret = new CaretWidget(name, color, peer.moves ?? 0);
      marks.push(Decoration.widget({ widget: caret, side: -1 }).range(Math.min(head, length)));
    }
  }
  return Decoration.set(marks, true);
}

/** Numbers each peer's caret moves, so that a move (not a change of the text) redraws it. */
function counted(before, after) {
  const previous = new Map(before.map((peer) => [peer.clientId, peer]));
  return after.map((peer) => {
    const old = previous.get(peer.clientId);
    const same = old && JSON.stringify(old.ranges) === JSON.stringify(peer.ranges);
    return { ...peer, moves: same ? old.moves : (old?.moves ?? 0) + 1 };
  });
}

export const remoteCursors = StateField.define({
  create: () => ({ peers: [], decorations: Decoration.none }),
  update(value, tr) {
    let { peers } = value;
    if (tr.docChanged) {
      // a peer's caret stays before text typed at its place by someone else
      peers = peers.map((peer) => ({
        ...peer,
        ranges: peer.ranges.map((r) => ({ anchor: tr.changes.mapPos(r.anchor, -1), head: tr.changes.mapPos(r.head, -1) })),
      }));
    }
    for (const effect of tr.effects) {
      if (effect.is(setPeers)) peers = counted(peers, effect.value);
    }
    if (peers === value.peers) return value;
    return { peers, decorations: decorate(peers, tr.state.doc.length) };
  },
  provide: (field) => EditorView.decorations.from(field, (value) => value.decorations),
});
