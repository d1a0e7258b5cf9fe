// The API keys page: list, New API key, delete, migrate one key, and the
// "Switch from API keys to service accounts" section.

import {api, explain} from './api.js';
import {h, labelled, roleSelect, confirmDialog, busy, srOnly} from './dom.js';
import {checkTimeToLive, timeCell, isPast, plural} from './format.js';
import {showError, showSuccess, noticeAfterNavigation} from './notices.js';
import {secretPanel} from './secret_panel.js';

export function renderApiKeysHidden({root}) {
  root.append(
    h('h1', {}, 'API keys'),
    h('p', {class: 'lead'}, 'The API keys page is hidden for this organization. ' +
        'API keys were migrated to service accounts: manage them as service account tokens.'),
    h('p', {}, h('a', {href: '#/service-accounts'}, 'Go to Service accounts')));
}

function keyRow(key, {onDelete, onMigrate}) {
  const expired = isPast(key.expiration);
  const migrate = h('button', {type: 'button', class: 'secondary small'},
    'Migrate to service account', srOnly(` ${key.name}`));
  const remove = h('button', {type: 'button', class: 'danger small'}, 'Delete', srOnly(` ${key.name}`));
  migrate.addEventListener('click', () => onMigrate(key, migrate));
  remove.addEventListener('click', () => onDelete(key, remove));
  return h('tr', {class: expired ? 'expired' : undefined, dataset: {keyName: key.name}},
    h('td', {}, key.name),
    h('td', {}, key.role),
    h('td', {}, timeCell(key.expiration, 'Never'), expired ? h('span', {class: 'badge bad'}, 'Expired') : null),
    h('td', {}, timeCell(key.lastUsedAt, 'Never')),
    h('td', {}, h('div', {class: 'row-actions'}, migrate, remove)));
}

function newKeyForm({onCreated, onCancel}) {
  const name = h('input', {type: 'text', name: 'name', maxlength: '190', autocomplete: 'off'});
  const role = roleSelect('Viewer');
  role.name = 'role';
  const ttl = h('input', {type: 'text', name: 'timeToLive', placeholder: '1d', autocomplete: 'off', size: '8'});
  const error = h('p', {class: 'form-error', role: 'alert', hidden: true});
  const add = h('button', {type: 'submit', class: 'primary'}, 'Add');
  const form = h('form', {class: 'card form-card', novalidate: true, 'aria-labelledby': 'new-key-title'},
    h('h2', {id: 'new-key-title'}, 'New API key'),
    h('div', {class: 'field-row'},
      labelled('Key name', name, 'A unique name in this organization.').field,
      labelled('Role', role).field,
      labelled('Time to live', ttl,
        'A number and a letter: s, m, h, d, w or M (30 days), e.g. 12h or 1M. At most one month. ' +
        'If unsure, choose a few hours.').field),
    error,
    h('div', {class: 'actions'},
      h('button', {type: 'button', class: 'secondary', on: {click: onCancel}}, 'Cancel'), add));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    error.hidden = true;
    const problem = !name.value.trim() ? 'Enter a name for the key.' :
        ttl.value.trim() ? checkTimeToLive(ttl.value.trim()) : '';
    if (problem) {
      error.textContent = problem;
      error.hidden = false;
      return;
    }
    const body = {name: name.value.trim(), role: role.value};
    if (ttl.value.trim()) body.timeToLive = ttl.value.trim();
    busy(add, async () => {
      try {
        const created = await api('POST', '/api/auth/keys', {body});
        onCreated(created);
      } catch (e) {
        error.textContent = explain('Could not add the API key', e);
        error.hidden = false;
      }
    });
  });
  setTimeout(() => name.focus());
  return form;
}

function migrationSummary(result) {
  const total = result?.total ?? 0;
  const migrated = result?.migrated ?? 0;
  const failed = result?.failed ?? 0;
  const details = result?.failedDetails ?? [];
  const ids = result?.failedApikeyIDs ?? [];
  const lines = [h('p', {},
    total === 0 ? 'There were no API keys to migrate.' :
      `Migrated ${migrated} of ${plural(total, 'API key', 'API keys')} to service accounts.`)];
  if (failed > 0) {
    lines.push(h('p', {}, `${plural(failed, 'API key', 'API keys')} could not be migrated` +
        (ids.length ? ` (id ${ids.join(', ')})` : '') + ':'));
    lines.push(h('ul', {}, details.map((d) => h('li', {}, d))));
  }
  return h('div', {class: `migration-result ${failed ? 'partial' : 'ok'}`, role: 'status'}, lines);
}

export function renderApiKeys(ctx) {
  const {root, migration, navigate} = ctx;
  let migrated = !!migration.migrated;
  const migrationArea = h('section', {class: 'callout', 'aria-labelledby': 'switch-title'});
  const resultArea = h('div');
  const formArea = h('div');
  const secretArea = h('div');
  const listArea = h('div', {'aria-live': 'polite'});
  const newKey = h('button', {type: 'button', class: 'primary'}, 'New API key');

  async function loadKeys() {
    try {
      const keys = await api('GET', '/api/auth/keys', {query: {includeExpired: 'true'}});
      listArea.replaceChildren(keyTable(keys ?? []));
    } catch (e) {
      listArea.replaceChildren(h('p', {class: 'form-error', role: 'alert'}, explain('Could not load the API keys', e)));
    }
  }

  function keyTable(keys) {
    if (keys.length === 0) return h('p', {class: 'empty'}, 'There are no API keys in this organization.');
    return h('table', {class: 'table'},
      h('caption', {}, `API keys (${keys.length})`),
      h('thead', {}, h('tr', {}, ['Name', 'Role', 'Expires', 'Last used', 'Actions'].map((t) => h('th', {scope: 'col'}, t)))),
      h('tbody', {}, keys.map((k) => keyRow(k, {onDelete: deleteKey, onMigrate: migrateKey}))));
  }

  async function deleteKey(key, button) {
    const ok = await confirmDialog({
      title: 'Delete API key?',
      body: `The API key "${key.name}" will be deleted. Anything that uses it loses access at once. This cannot be undone.`,
      confirmLabel: 'Delete', danger: true,
    });
    if (!ok) return;
    await busy(button, async () => {
      try {
        await api('DELETE', `/api/auth/keys/${key.id}`);
        showSuccess(`API key "${key.name}" deleted.`);
      } catch (e) {
        showError(explain(`Could not delete the API key "${key.name}"`, e));
      }
    });
    loadKeys();
  }

  async function migrateKey(key, button) {
    await busy(button, async () => {
      try {
        await api('POST', `/api/serviceaccounts/migrate/${key.id}`);
        showSuccess(`API key "${key.name}" migrated to a service account. ` +
            'It keeps working and is now listed as a service account token.');
      } catch (e) {
        showError(explain(`Could not migrate the API key "${key.name}"`, e));
      }
    });
    loadKeys();
  }

  async function migrateAll(button) {
    const ok = await confirmDialog({
      title: 'Migrate API keys to service accounts?',
      body: [
        'Each API key becomes a service account with one token. The service account gets the key\'s role, ' +
            'and the key keeps working as that token.',
        'After this, new API keys can no longer be created in this organization: use service accounts instead.',
      ],
      confirmLabel: 'Yes, migrate now',
    });
    if (!ok) return;
    await busy(button, async () => {
      try {
        const result = await api('POST', '/api/serviceaccounts/migrate');
        resultArea.replaceChildren(migrationSummary(result));
        migrated = true;
        renderMigrationSection();
      } catch (e) {
        showError(explain('Could not migrate the API keys', e));
      }
    });
    loadKeys();
  }

  async function hideForever(button) {
    const ok = await confirmDialog({
      title: 'Hide the API keys page forever?',
      body: 'The API keys page will no longer be offered for this organization. ' +
          'Migrated keys keep working as service account tokens.',
      confirmLabel: 'Yes, hide it forever',
    });
    if (!ok) return;
    await busy(button, async () => {
      try {
        await api('POST', '/api/serviceaccounts/hideApiKeys');
        noticeAfterNavigation('success', 'The API keys page is now hidden for this organization.');
        navigate('#/service-accounts');
      } catch (e) {
        showError(explain('Could not hide the API keys page', e));
      }
    });
  }

  function renderMigrationSection() {
    const parts = [h('h2', {id: 'switch-title'}, 'Switch from API keys to service accounts')];
    if (migration.error) {
      parts.push(h('p', {class: 'form-error', role: 'alert'},
        explain('Could not read whether this organization was migrated', migration.error)));
    }
    if (migrated) {
      parts.push(h('p', {}, 'The API keys of this organization were migrated to service accounts. ' +
          'New API keys can no longer be created here. You can now hide this page.'));
      const hide = h('button', {type: 'button', class: 'primary'}, 'Hide API keys page forever');
      hide.addEventListener('click', () => hideForever(hide));
      parts.push(resultArea, h('div', {class: 'actions'}, hide));
    } else {
      parts.push(h('p', {}, 'Service accounts replace API keys: each has a role, can hold several tokens ' +
          'and can be disabled. Migrating turns every API key into a service account with a token; ' +
          'the keys keep working.'));
      const go = h('button', {type: 'button', class: 'primary'}, 'Migrate to service accounts now');
      go.addEventListener('click', () => migrateAll(go));
      parts.push(resultArea, h('div', {class: 'actions'}, go));
    }
    migrationArea.replaceChildren(...parts);
    newKey.hidden = migrated;
    if (migrated) formArea.replaceChildren();
  }

  newKey.addEventListener('click', () => {
    newKey.hidden = true;
    formArea.replaceChildren(newKeyForm({
      onCancel: () => { formArea.replaceChildren(); newKey.hidden = false; },
      onCreated: (created) => {
        formArea.replaceChildren();
        newKey.hidden = false;
        secretArea.replaceChildren(secretPanel({what: 'API key', name: created.name, secret: created.key}));
        loadKeys();
      },
    }));
  });

  root.append(
    h('div', {class: 'page-head'},
      h('div', {},
        h('h1', {}, 'API keys'),
        h('p', {class: 'lead'}, 'An API key is a randomly generated string that external systems use ' +
            'to call the HTTP API. Its role decides what it may do.')),
      newKey),
    migrationArea, formArea, secretArea, listArea);
  renderMigrationSection();
  loadKeys();
}
