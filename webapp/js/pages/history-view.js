// The editor page's history view: pick a revision, see the document's text as it was then
// (from GET /api/docs/{docId}/revisions/{revision}); shown as text, never as markup.

export function historyView({ docId, currentRevision, link = null }) {
  const dialog = document.getElementById('history-dialog');
  const number = document.getElementById('history-revision');
  const slider = document.getElementById('history-slider');
  const latest = document.getElementById('history-latest');
  const text = document.getElementById('history-text');
  const api = new URL(`../api/docs/${encodeURIComponent(docId)}/revisions/`, location.href);
  let shown = -1;

  async function show(revision) {
    if (revision === shown) return;
    shown = revision;
    number.value = String(revision);
    slider.value = String(revision);
    const headers = link ? { 'Tandem-Link': link } : {}; // a share link's holder shows it here too
    const response = await fetch(new URL(String(revision), api), { cache: 'no-store', headers });
    if (revision !== shown) return; // a later pick won
    text.textContent = response.ok ? (await response.json()).text : 'This revision is not available.';
  }

  document.getElementById('history').addEventListener('click', () => {
    const revision = Math.max(0, currentRevision());
    number.max = String(revision);
    slider.max = String(revision);
    latest.textContent = `of ${revision}`;
    shown = -1;
    show(revision);
    dialog.showModal();
  });
  const pick = () => show(Math.min(Number(number.max), Math.max(0, Math.floor(Number(number.value) || 0))));
  number.addEventListener('change', pick);
  number.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault(); // Enter picks the revision; it does not close the dialog
      pick();
    }
  });
  slider.addEventListener('input', () => show(Number(slider.value)));
}
