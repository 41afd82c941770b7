// Light or dark: the system's setting unless the person chose one (kept in this browser). The
// choice is the <html> element's data-theme, which css/tandem.css reads.
const KEY = 'tandem.theme';
const system = matchMedia('(prefers-color-scheme: dark)');
const listeners = new Set();

/** 'light', 'dark', or 'system' (follow the system's setting). */
export function themeChoice() {
  const choice = localStorage.getItem(KEY);
  return choice === 'light' || choice === 'dark' ? choice : 'system';
}

/** Whether the page is dark now. */
export function isDark() {
  const choice = themeChoice();
  return choice === 'system' ? system.matches : choice === 'dark';
}

function apply() {
  document.documentElement.dataset.theme = isDark() ? 'dark' : 'light';
  for (const listener of listeners) listener(isDark());
}

export function chooseTheme(choice) {
  if (choice === 'system') localStorage.removeItem(KEY);
  else localStorage.setItem(KEY, choice);
  apply();
}

/** Calls `listener(dark)` whenever the page turns light or dark. */
export function onThemeChange(listener) {
  listeners.add(listener);
}

/** Makes `button` switch between light and dark, saying which it switches to; `changed(dark)` hears of each change. */
export function themeToggle(button, changed = () => {}) {
  const show = (dark) => {
    button.textContent = dark ? 'Light mode' : 'Dark mode';
    button.setAttribute('aria-pressed', String(dark));
    changed(dark);
  };
  button.addEventListener('click', () => chooseTheme(isDark() ? 'light' : 'dark'));
  onThemeChange(show);
  show(isDark());
}

system.addEventListener('change', apply);
apply();
