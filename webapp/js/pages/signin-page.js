// The sign-in page: says how the last attempt went, and offers to make the first account while
// there is none.
import { api } from './api.js';
import './theme.js';

const MESSAGES = {
  failed: 'That user name and password did not match an account.',
  throttled: 'Too many failed sign-ins for this name or from this network: wait ten minutes and try again.',
  made: 'The account is made: sign in with it.',
  'setup-failed': 'The first account was not made: check the setup token, the user name (a-z 0-9 . _ -) and a password of 10 characters or more.',
  'signed-out': 'You are signed out.',
};

const query = new URLSearchParams(location.search);
for (const [key, text] of Object.entries(MESSAGES)) {
  if (query.has(key)) {
    const message = document.getElementById('message');
    message.textContent = text;
    message.hidden = false;
  }
}
const next = query.get('next');
if (next && next.startsWith('/') && !next.startsWith('//')) {
  document.querySelector('#signin-form [name=next]').value = next; // the server checks it again
}

const me = await api('api/me').catch(() => null);
if (me?.setup) { // no account yet: nobody can sign in, making the first is all there is to do
  document.getElementById('setup-section').hidden = false;
  document.getElementById('signin-section').hidden = true;
}
if (me?.access === 'link') {
  location.replace('./'); // nobody signs in here
}
