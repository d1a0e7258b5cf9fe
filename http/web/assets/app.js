// keyledger web UI: the shell (navigation, sign-in state, org choice) and a
// hash router. Pages live in their own modules and render into a fresh
// container, so a slow answer for a page the person has left changes nothing.

import {api} from './api.js';
import {h, clear, labelled} from './dom.js';
import {resetNotices, showError} from './notices.js';
import {loadSession, saveSession, clearSession, describeSession} from './session.js';
import {renderSignIn} from './sign_in_page.js';
import {renderApiKeys, renderApiKeysHidden} from './api_keys_page.js';
import {renderServiceAccounts} from './service_accounts_page.js';
import {renderServiceAccount} from './service_account_page.js';
import {renderAudit} from './audit_page.js';

const kPages = [
  {path: 'api-keys', title: 'API keys'},
  {path: 'service-accounts', title: 'Service accounts'},
  {path: 'audit', title: 'Audit'},
];

function navigate(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

// {migrated, apiKeysHidden} for the current org, or null when the caller may
// not read it (the page that needs it shows that error itself).
async function loadMigrationStatus() {
  try {
    const status = await api('GET', '/api/serviceaccounts/migrationstatus');
    return {migrated: !!status?.migrated, apiKeysHidden: !!status?.apiKeysHidden};
  } catch (error) {
    return {error};
  }
}

function renderNav(current, migration) {
  const nav = document.getElementById('nav');
  clear(nav);
  for (const page of kPages) {
    if (page.path === 'api-keys' && migration.apiKeysHidden) continue;
    nav.append(h('a', {
      href: `#/${page.path}`,
      'aria-current': page.path === current ? 'page' : undefined,
    }, page.title));
  }
  nav.hidden = false;
}

function renderWho(session) {
  const who = document.getElementById('who');
  clear(who);
  const parts = [h('span', {class: 'who-name'}, describeSession(session))];
  if (session.scheme === 'basic' && session.orgs?.length) {
    const select = h('select', {class: 'org-select'}, session.orgs.map((o) =>
      h('option', {value: String(o.id), selected: o.id === session.orgId}, `${o.name} (${o.id})`)));
    select.addEventListener('change', () => {
      saveSession({...session, orgId: Number(select.value)});
      route();
    });
    parts.push(labelled('Organization', select).field);
  }
  parts.push(h('button', {
    type: 'button', class: 'secondary small',
    on: {click: () => { clearSession(); navigate('#/sign-in'); }},
  }, 'Sign out'));
  who.append(...parts);
  who.hidden = false;
}

let renderCount = 0;

async function route() {
  const seq = ++renderCount;
  const pageArea = document.getElementById('page');
  const container = h('div', {class: 'page-content'});
  pageArea.replaceChildren(container);
  resetNotices();

  const session = loadSession();
  const [, first = '', second = ''] = location.hash.replace(/^#/, '').split('/');
  if (!session) {
    document.getElementById('nav').hidden = true;
    document.getElementById('who').hidden = true;
    document.title = 'Sign in · keyledger';
    renderSignIn(container, () => navigate('#/'));
    return;
  }
  renderWho(session);
  const migration = await loadMigrationStatus();
  if (seq !== renderCount) return;  // the person has moved on

  let page = kPages.some((p) => p.path === first) ? first : '';
  if (!page) page = migration.apiKeysHidden ? 'service-accounts' : 'api-keys';
  renderNav(page, migration);
  document.title = `${kPages.find((p) => p.path === page).title} · keyledger`;

  const ctx = {session, navigate, migration, root: container};
  if (page === 'api-keys') {
    if (migration.apiKeysHidden) renderApiKeysHidden(ctx);
    else renderApiKeys(ctx);
  } else if (page === 'service-accounts') {
    if (second) renderServiceAccount(ctx, second);
    else renderServiceAccounts(ctx);
  } else {
    renderAudit(ctx);
  }
  document.getElementById('main').focus({preventScroll: true});
}

// Last resort, so that nothing fails silently: a bug in a page still tells the person.
window.addEventListener('unhandledrejection', (event) => {
  showError(`Something went wrong in the web UI: ${event.reason?.message || event.reason}`);
});
window.addEventListener('error', (event) => {
  showError(`Something went wrong in the web UI: ${event.message}`);
});

window.addEventListener('hashchange', route);
route();
