// Saving a document's stored text as a file, named after its title (GET /api/docs/{docId}/text).
import { appRoot } from './api.js';

/** The file name a Content-Disposition header gives (its UTF-8 form first), or null. */
export function fileNameOf(disposition) {
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '');
  if (utf8) {
    try {
      return decodeURIComponent(utf8[1]);
    } catch { /* fall back to the plain name */ }
  }
  return /filename="([^"]*)"/i.exec(disposition ?? '')?.[1] ?? null;
}

export async function download({ docId, link = null }) {
  const response = await fetch(new URL(`api/docs/${encodeURIComponent(docId)}/text`, appRoot), {
    cache: 'no-store', headers: link ? { 'Tandem-Link': link } : {},
  });
  if (!response.ok) {
    throw new Error((await response.json().catch(() => null))?.error ?? `the server answered ${response.status}`);
  }
  const file = URL.createObjectURL(await response.blob());
  const anchor = document.createElement('a');
  anchor.href = file;
  anchor.download = fileNameOf(response.headers.get('Content-Disposition')) ?? `${docId}.txt`;
  anchor.click();
  setTimeout(() => URL.revokeObjectURL(file), 10_000);
}
