// The editor page's footer: word and character counts, and how the text is shown to this
// person (line numbers, wrapping, language, light or dark), kept in this browser.
import { LANGUAGES, languageOf } from '../editor/languages.js';
import { codePointLength } from '../ot/text-operation.js';
import { themeToggle } from './theme.js';

const KEY = 'tandem.view';
const COUNT_DELAY_MS = 300;

function saved() {
  try {
    return { lineNumbers: true, wrap: true, ...JSON.parse(localStorage.getItem(KEY) ?? '{}') };
  } catch {
    return { lineNumbers: true, wrap: true };
  }
}

/** Words and characters (code points) of `text`, as the footer shows them. */
export function counts(text) {
  const words = text.match(/[\p{L}\p{N}][\p{L}\p{N}\p{M}'’_-]*/gu)?.length ?? 0;
  return { words, characters: codePointLength(text) };
}

export function viewOptions({ docId, editor, title }) {
  const options = saved();
  const languageKey = `tandem.language.${docId}`;
  const numbers = document.getElementById('opt-line-numbers');
  const wrap = document.getElementById('opt-wrap');
  const language = document.getElementById('language');
  const countsView = document.getElementById('counts');

  const auto = document.createElement('option');
  auto.value = 'auto';
  language.append(auto, ...LANGUAGES.map((each) => new Option(each.label, each.id)));
  language.value = localStorage.getItem(languageKey) ?? 'auto';

  const keep = () => localStorage.setItem(KEY, JSON.stringify(options));
  numbers.checked = options.lineNumbers;
  wrap.checked = options.wrap;
  numbers.addEventListener('change', () => { options.lineNumbers = numbers.checked; keep(); editor.show({ lineNumbers: numbers.checked }); });
  wrap.addEventListener('change', () => { options.wrap = wrap.checked; keep(); editor.show({ wrap: wrap.checked }); });

  let shownLanguage = null;
  async function showLanguage() {
    const chosen = language.value === 'auto' ? languageOf(title()) : LANGUAGES.find((each) => each.id === language.value);
    auto.textContent = `Auto (${languageOf(title()).label})`;
    if (chosen === shownLanguage) return;
    shownLanguage = chosen;
    const extension = chosen.load ? await chosen.load() : null;
    if (shownLanguage === chosen) editor.show({ language: extension });
  }
  language.addEventListener('change', () => {
    if (language.value === 'auto') localStorage.removeItem(languageKey);
    else localStorage.setItem(languageKey, language.value);
    showLanguage();
  });

  document.getElementById('find').addEventListener('click', () => editor.openSearch());

  let countTimer = null;
  function countSoon() {
    if (countTimer !== null) return;
    countTimer = setTimeout(() => {
      countTimer = null;
      const { words, characters } = counts(editor.text());
      countsView.textContent = `${words.toLocaleString('en')} ${words === 1 ? 'word' : 'words'}, `
        + `${characters.toLocaleString('en')} ${characters === 1 ? 'character' : 'characters'}`;
    }, COUNT_DELAY_MS);
  }

  editor.show({ lineNumbers: options.lineNumbers, wrap: options.wrap });
  themeToggle(document.getElementById('theme-toggle'), (dark) => editor.show({ dark }));
  showLanguage();
  countSoon();
  return {
    /** The text changed: counted again shortly. */
    changed: countSoon,
    /** The title changed: its extension may suggest another language. */
    retitled: showLanguage,
  };
}
