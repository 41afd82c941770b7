// The chat beside the document: messages kept with it, shown to everyone in it, text only. The
// latest are read from the server whenever the page joins (again); new ones come over the
// connection. A message is sent only while connected, and is shown once the server stored it.
import { api } from './api.js';

const MAX_LENGTH = 2000; // code points, as the server counts

export function chatView({ docId, link, client }) {
  const lines = document.getElementById('chat-lines');
  const form = document.getElementById('chat-form');
  const input = document.getElementById('chat-input');
  const error = document.getElementById('chat-error');
  const toggle = document.getElementById('chat-toggle');
  const shown = new Set();
  let unread = 0;

  const fail = (message) => {
    error.textContent = message;
    error.hidden = !message;
  };

  function line(message) {
    const item = document.createElement('li');
    item.dataset.id = String(message.id);
    const who = document.createElement('span');
    who.className = 'who';
    who.textContent = message.name ?? 'someone';
    who.style.color = /^#[0-9a-fA-F]{6}$/.test(message.color ?? '') ? message.color : '';
    const when = document.createElement('time');
    when.dateTime = message.time;
    when.textContent = new Date(message.time).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    when.title = new Date(message.time).toLocaleString();
    const text = document.createElement('p');
    text.textContent = message.text; // text, never markup
    item.append(who, when, text);
    return item;
  }

  function add(message) {
    if (shown.has(message.id)) return;
    shown.add(message.id);
    const atBottom = lines.scrollTop + lines.clientHeight >= lines.scrollHeight - 4;
    // numbered by the server: a message read late still goes where it belongs
    const after = [...lines.children].find((item) => Number(item.dataset.id) > message.id);
    lines.insertBefore(line(message), after ?? null);
    if (atBottom || message.clientId === client.clientId) lines.scrollTop = lines.scrollHeight;
    if (toggle.getAttribute('aria-expanded') === 'false' && message.clientId !== client.clientId) {
      unread += 1;
      toggle.textContent = `Chat (${unread})`;
    }
  }

  async function catchUp() {
    try {
      const { messages } = await api(`api/docs/${encodeURIComponent(docId)}/chat`, { link });
      messages.forEach(add);
    } catch {
      // the live messages still come; what was said before shows when the page joins again
    }
  }

  function send() {
    const text = input.value;
    if (!text.trim()) return;
    const length = [...text].length;
    if (length > MAX_LENGTH) {
      fail(`A chat message has at most ${MAX_LENGTH.toLocaleString('en')} characters; this one has ${length.toLocaleString('en')}.`);
      return;
    }
    if (!client.say(text)) {
      fail('Not connected: your message was not sent. Send it again once connected.');
      return;
    }
    fail('');
    input.value = '';
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    send();
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault(); // Enter sends; Shift-Enter starts a new line
      send();
    }
  });
  toggle.addEventListener('click', () => {
    const open = document.body.classList.toggle('chat-open');
    toggle.setAttribute('aria-expanded', String(open));
    unread = 0;
    toggle.textContent = 'Chat';
    if (open) input.focus();
  });

  return {
    /** The page joined (again): what was said meanwhile is read. */
    joined: catchUp,
    /** A chat message from the connection. */
    received: add,
  };
}
