// How the editor looks in light and dark mode: CodeMirror's own light colours for code, and a
// dark set of the same tags (the page's colours come from css/tandem.css).
import { EditorView } from '@codemirror/view';
import { HighlightStyle, defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { tags } from '@lezer/highlight';

const darkHighlight = HighlightStyle.define([
  { tag: [tags.keyword, tags.operatorKeyword, tags.modifier], color: '#ff7b72' },
  { tag: [tags.string, tags.special(tags.string), tags.regexp], color: '#a5d6ff' },
  { tag: [tags.number, tags.bool, tags.null, tags.atom], color: '#79c0ff' },
  { tag: [tags.comment, tags.meta], color: '#8b949e', fontStyle: 'italic' },
  { tag: [tags.function(tags.variableName), tags.definition(tags.variableName)], color: '#d2a8ff' },
  { tag: [tags.typeName, tags.className, tags.namespace], color: '#ffa657' },
  { tag: [tags.propertyName, tags.attributeName], color: '#7ee787' },
  { tag: tags.heading, fontWeight: 'bold', color: '#79c0ff' },
  { tag: tags.emphasis, fontStyle: 'italic' },
  { tag: tags.strong, fontWeight: 'bold' },
  { tag: tags.link, textDecoration: 'underline' },
  { tag: tags.invalid, color: '#ffa198' },
]);

/** The editor's extensions for light (false) or dark (true) mode. */
export function appearance(dark) {
  return dark
    ? [EditorView.darkTheme.of(true), syntaxHighlighting(darkHighlight)]
    : [syntaxHighlighting(defaultHighlightStyle)];
}
