// The home page: start a document under a readable random name, open one by name, or go back
// to one opened recently in this browser.
import { DOCUMENT_ID, recentDocuments } from './identity.js';

const ADJECTIVES = ['amber', 'brave', 'calm', 'clever', 'eager', 'gentle', 'golden', 'happy', 'lively', 'lucky',
  'mellow', 'quiet', 'rapid', 'silver', 'sunny', 'swift', 'tidy', 'vivid', 'warm', 'witty'];
const NOUNS = ['badger', 'comet', 'falcon', 'fern', 'harbor', 'heron', 'lantern', 'maple', 'meadow', 'otter',
  'pebble', 'quill', 'raven', 'river', 'sparrow', 'spruce', 'thistle', 'tiger', 'willow', 'wren'];

function pick(list) {
  return list[crypto.getRandomValues(new Uint32Array(1))[0] % list.length];
}

function readableId() {
  const number = crypto.getRandomValues(new Uint32Array(1))[0] % 10000;
  return `${pick(ADJECTIVES)}-${pick(NOUNS)}-${String(number).padStart(4, '0')}`;
}

const documentUrl = (docId) => `d/${encodeURIComponent(docId)}`;

document.getElementById('new-document').addEventListener('click', () => {
  location.assign(documentUrl(readableId()));
});

document.getElementById('open-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const name = document.getElementById('open-name').value.trim();
  const error = document.getElementById('open-error');
  if (!DOCUMENT_ID.test(name)) {
    error.textContent = 'A document name is 1 to 64 letters, digits, - or _.';
    error.hidden = false;
    return;
  }
  location.assign(documentUrl(name));
});

const recent = recentDocuments();
if (recent.length > 0) {
  const list = document.getElementById('recent');
  for (const docId of recent) {
    if (!DOCUMENT_ID.test(docId)) continue;
    const link = document.createElement('a');
    link.href = documentUrl(docId);
    link.textContent = docId;
    const item = document.createElement('li');
    item.append(link);
    list.append(item);
  }
  document.getElementById('recent-section').hidden = false;
}
