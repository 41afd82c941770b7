// The languages the editor colours, from CodeMirror's own packages (loaded when first chosen):
// Markdown's (with its list and quote continuation on Enter), the others' stream modes; and the
// one a document's title suggests by its extension. `load()` gives the editor's extension.
import { StreamLanguage } from '@codemirror/language';

const MODES = '@codemirror/legacy-modes/mode/';
const mode = (module, name) => () => import(`${MODES}${module}.js`).then((m) => StreamLanguage.define(m[name]));

export const LANGUAGES = [
  { id: 'text', label: 'Plain text', extensions: ['txt'] },
  { id: 'markdown', label: 'Markdown', extensions: ['md', 'markdown'], load: () => import('@codemirror/lang-markdown').then((m) => m.markdown()) },
  { id: 'javascript', label: 'JavaScript', extensions: ['js', 'mjs', 'cjs'], load: mode('javascript', 'javascript') },
  { id: 'typescript', label: 'TypeScript', extensions: ['ts'], load: mode('javascript', 'typescript') },
  { id: 'json', label: 'JSON', extensions: ['json'], load: mode('javascript', 'json') },
  { id: 'java', label: 'Java', extensions: ['java'], load: mode('clike', 'java') },
  { id: 'python', label: 'Python', extensions: ['py'], load: mode('python', 'python') },
  { id: 'sql', label: 'SQL', extensions: ['sql'], load: mode('sql', 'standardSQL') },
  { id: 'yaml', label: 'YAML', extensions: ['yaml', 'yml'], load: mode('yaml', 'yaml') },
  { id: 'shell', label: 'Shell', extensions: ['sh', 'bash'], load: mode('shell', 'shell') },
];

/** The language a title's extension names ("notes.py": Python), or plain text. */
export function languageOf(title) {
  const dot = (title ?? '').lastIndexOf('.');
  const extension = dot < 0 ? '' : title.slice(dot + 1).toLowerCase();
  return LANGUAGES.find((language) => language.extensions.includes(extension)) ?? LANGUAGES[0];
}
