// The languages the editor colours, from CodeMirror's own modes (loaded when first chosen), and
// the one a document's title suggests by its extension.
const MODES = '@codemirror/legacy-modes/mode/';

export const LANGUAGES = [
  { id: 'text', label: 'Plain text', extensions: ['txt'] },
  { id: 'javascript', label: 'JavaScript', extensions: ['js', 'mjs', 'cjs'], load: () => import(`${MODES}javascript.js`).then((m) => m.javascript) },
  { id: 'typescript', label: 'TypeScript', extensions: ['ts'], load: () => import(`${MODES}javascript.js`).then((m) => m.typescript) },
  { id: 'json', label: 'JSON', extensions: ['json'], load: () => import(`${MODES}javascript.js`).then((m) => m.json) },
  { id: 'java', label: 'Java', extensions: ['java'], load: () => import(`${MODES}clike.js`).then((m) => m.java) },
  { id: 'python', label: 'Python', extensions: ['py'], load: () => import(`${MODES}python.js`).then((m) => m.python) },
  { id: 'sql', label: 'SQL', extensions: ['sql'], load: () => import(`${MODES}sql.js`).then((m) => m.standardSQL) },
  { id: 'yaml', label: 'YAML', extensions: ['yaml', 'yml'], load: () => import(`${MODES}yaml.js`).then((m) => m.yaml) },
  { id: 'shell', label: 'Shell', extensions: ['sh', 'bash'], load: () => import(`${MODES}shell.js`).then((m) => m.shell) },
];

/** The language a title's extension names ("notes.py": Python), or plain text. */
export function languageOf(title) {
  const dot = (title ?? '').lastIndexOf('.');
  const extension = dot < 0 ? '' : title.slice(dot + 1).toLowerCase();
  return LANGUAGES.find((language) => language.extensions.includes(extension)) ?? LANGUAGES[0];
}
