// Sign in with a username and password, or paste an API key or service
// account token to act as it.

import {api, request, explain} from './api.js';
import {h, labelled, busy} from './dom.js';
import {basicCredential, saveSession} from './session.js';

// Orgs the signed-in person can pick from. The server admin sees every org.
async function orgsFor(user, session) {
  if (user.isGrafanaAdmin) {
    const orgs = await api('GET', '/api/orgs', {session});
    return orgs.map((o) => ({id: o.id, name: o.name}));
  }
  try {
    const orgs = await api('GET', '/api/user/orgs', {session});
    return orgs.map((o) => ({id: o.orgId, name: o.name}));
  } catch {
    // Not every server lists a user's orgs: the user's current org still works.
    return [{id: user.orgId, name: `Org ${user.orgId}`}];
  }
}

async function signInWithPassword(login, password) {
  const probe = {scheme: 'basic', credential: basicCredential(login, password)};
  const user = await api('GET', '/api/user', {session: probe});
  const orgs = await orgsFor(user, probe);
  const orgId = orgs.some((o) => o.id === user.orgId) ? user.orgId : (orgs[0]?.id ?? user.orgId);
  return {...probe, login: user.login || login, isServerAdmin: !!user.isGrafanaAdmin, orgId, orgs};
}

async function signInWithKey(key) {
  const probe = {scheme: 'bearer', credential: key};
  const response = await request('GET', '/api/auth/verify', {session: probe});
  return {
    ...probe,
    identity: response.headers.get('X-Keyledger-Identity') || 'api-key:?',
    orgId: Number(response.headers.get('X-Keyledger-Org-Id')) || null,
    role: response.headers.get('X-Keyledger-Role') || '',
  };
}

function formError() {
  return h('p', {class: 'form-error', role: 'alert', hidden: true});
}

function fail(el, text) {
  el.textContent = text;
  el.hidden = false;
}

export function renderSignIn(root, onSignedIn) {
  const login = h('input', {type: 'text', name: 'username', autocomplete: 'username', required: true});
  const password = h('input', {type: 'password', name: 'password', autocomplete: 'current-password'});
  const passwordError = formError();
  const passwordButton = h('button', {type: 'submit', class: 'primary'}, 'Sign in');
  const passwordForm = h('form', {class: 'card', novalidate: true, 'aria-labelledby': 'signin-password-title'},
    h('h2', {id: 'signin-password-title'}, 'Username and password'),
    labelled('Username', login).field,
    labelled('Password', password).field,
    passwordError,
    h('div', {class: 'actions'}, passwordButton));
  passwordForm.addEventListener('submit', (event) => {
    event.preventDefault();
    passwordError.hidden = true;
    if (!login.value.trim()) return fail(passwordError, 'Enter your username.');
    busy(passwordButton, async () => {
      try {
        const session = await signInWithPassword(login.value.trim(), password.value);
        saveSession(session);
        onSignedIn(session);
      } catch (error) {
        fail(passwordError, explain('Sign-in failed', error).replace(/ Your sign-in was not accepted.*$/, ''));
      }
    });
  });

  const key = h('input', {type: 'password', name: 'key', autocomplete: 'off', spellcheck: 'false'});
  const keyError = formError();
  const keyButton = h('button', {type: 'submit', class: 'primary'}, 'Use this key');
  const keyForm = h('form', {class: 'card', novalidate: true, 'aria-labelledby': 'signin-key-title'},
    h('h2', {id: 'signin-key-title'}, 'API key or token'),
    labelled('API key or service account token', key,
      'Paste a key to see and do what that key can. It is kept only in this browser tab.').field,
    keyError,
    h('div', {class: 'actions'}, keyButton));
  keyForm.addEventListener('submit', (event) => {
    event.preventDefault();
    keyError.hidden = true;
    if (!key.value.trim()) return fail(keyError, 'Paste an API key or token first.');
    busy(keyButton, async () => {
      try {
        const session = await signInWithKey(key.value.trim());
        saveSession(session);
        onSignedIn(session);
      } catch (error) {
        fail(keyError, explain('This key was not accepted', error).replace(/ Your sign-in was not accepted.*$/, ''));
      }
    });
  });

  root.append(
    h('h1', {}, 'Sign in to keyledger'),
    h('p', {class: 'lead'}, 'Manage API keys, service accounts and their tokens, and read the audit log.'),
    h('div', {class: 'cards'}, passwordForm, keyForm));
  login.focus();
}
