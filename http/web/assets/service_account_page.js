// One service account: its details, role, enable/disable, delete, and its
// tokens (add with a time to live, revoke, delete, revert to API key).

import {api, explain} from './api.js';
import {h, labelled, roleSelect, confirmDialog, busy, srOnly} from './dom.js';
import {checkTimeToLive, timeCell, inAbout} from './format.js';
import {showError, showSuccess, noticeAfterNavigation} from './notices.js';
import {secretPanel} from './secret_panel.js';
import {changeRole, setDisabled, deleteServiceAccount} from './service_account_actions.js';

function tokenStatus(token) {
  if (token.isRevoked) return h('span', {class: 'badge bad'}, 'Revoked');
  if (token.hasExpired) return h('span', {class: 'badge bad'}, 'Expired');
  if (token.secondsUntilExpiration > 0) {
    return h('span', {class: 'badge warn'}, `Expires ${inAbout(token.secondsUntilExpiration)}`);
  }
  return h('span', {class: 'badge ok'}, 'Active');
}

function tokenForm({saId, onCreated, onCancel}) {
  const name = h('input', {type: 'text', name: 'name', maxlength: '190', autocomplete: 'off'});
  const ttl = h('input', {type: 'text', name: 'timeToLive', placeholder: '1d', autocomplete: 'off', size: '8'});
  const error = h('p', {class: 'form-error', role: 'alert', hidden: true});
  const add = h('button', {type: 'submit', class: 'primary'}, 'Add');
  const form = h('form', {class: 'card form-card', novalidate: true, 'aria-labelledby': 'new-token-title'},
    h('h3', {id: 'new-token-title'}, 'Add service account token'),
    h('div', {class: 'field-row'},
      labelled('Token name', name, 'Unique in this organization.').field,
      labelled('Time to live', ttl,
        'A number and a letter: s, m, h, d, w or M (30 days), e.g. 12h or 1M.').field),
    error,
    h('div', {class: 'actions'},
      h('button', {type: 'button', class: 'secondary', on: {click: onCancel}}, 'Cancel'), add));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    error.hidden = true;
    const problem = !name.value.trim() ? 'Enter a name for the token.' :
        ttl.value.trim() ? checkTimeToLive(ttl.value.trim()) : '';
    if (problem) {
      error.textContent = problem;
      error.hidden = false;
      return;
    }
    const body = {name: name.value.trim()};
    if (ttl.value.trim()) body.timeToLive = ttl.value.trim();
    busy(add, async () => {
      try {
        onCreated(await api('POST', `/api/serviceaccounts/${saId}/tokens`, {body}));
      } catch (e) {
        error.textContent = explain('Could not add the token', e);
        error.hidden = false;
      }
    });
  });
  setTimeout(() => name.focus());
  return form;
}

export function renderServiceAccount(ctx, id) {
  const {root, navigate, migration} = ctx;
  const back = h('p', {class: 'crumbs'}, h('a', {href: '#/service-accounts'}, '← Service accounts'));
  const head = h('div');
  const tokensArea = h('div', {'aria-live': 'polite'});
  const formArea = h('div');
  const secretArea = h('div');
  const showInactive = h('input', {type: 'checkbox', checked: true});
  const addToken = h('button', {type: 'button', class: 'primary'}, 'Add service account token');
  let sa = null;
  let tokens = [];

  async function load() {
    try {
      sa = await api('GET', `/api/serviceaccounts/${encodeURIComponent(id)}`);
    } catch (e) {
      root.replaceChildren(back, h('h1', {}, 'Service account'),
        h('p', {class: 'form-error', role: 'alert'}, explain('Could not load this service account', e)));
      return;
    }
    renderHead();
    loadTokens();
  }

  function renderHead() {
    const role = roleSelect(sa.role);
    role.addEventListener('change', () => changeRole(sa, role, load));
    const toggle = h('button', {type: 'button', class: 'secondary'},
      sa.isDisabled ? 'Enable service account' : 'Disable service account');
    toggle.addEventListener('click', () => busy(toggle, () => setDisabled(sa, !sa.isDisabled)).then(load));
    const remove = h('button', {type: 'button', class: 'danger'}, 'Delete service account');
    remove.addEventListener('click', async () => {
      if (await deleteServiceAccount({...sa, tokens: tokens.length}, remove, {leavingPage: true})) {
        navigate('#/service-accounts');
      }
    });
    document.title = `${sa.name} · keyledger`;
    head.replaceChildren(
      h('div', {class: 'page-head'},
        h('h1', {}, sa.name, sa.isDisabled ? h('span', {class: 'badge bad'}, 'Disabled') : null),
        h('div', {class: 'actions'}, toggle, remove)),
      h('dl', {class: 'facts'},
        h('dt', {}, 'Login'), h('dd', {class: 'mono'}, sa.login),
        h('dt', {}, 'Role'), h('dd', {}, labelled('Role', role).field),
        h('dt', {}, 'Status'), h('dd', {}, sa.isDisabled ? 'Disabled: its tokens do not work' : 'Enabled'),
        h('dt', {}, 'Created'), h('dd', {}, timeCell(sa.createdAt, 'Unknown'))));
  }

  async function loadTokens() {
    try {
      tokens = (await api('GET', `/api/serviceaccounts/${sa.id}/tokens`)) ?? [];
      renderTokens();
    } catch (e) {
      tokensArea.replaceChildren(h('p', {class: 'form-error', role: 'alert'}, explain('Could not load the tokens', e)));
    }
  }

  function renderTokens() {
    const shown = showInactive.checked ? tokens : tokens.filter((t) => !t.isRevoked && !t.hasExpired);
    if (shown.length === 0) {
      tokensArea.replaceChildren(h('p', {class: 'empty'}, tokens.length ?
        'All tokens of this service account are expired or revoked.' : 'This service account has no tokens.'));
      return;
    }
    tokensArea.replaceChildren(h('table', {class: 'table'},
      h('caption', {}, `Tokens (${shown.length})`),
      h('thead', {}, h('tr', {}, ['Name', 'Expires', 'Created', 'Last used', 'Status', 'Actions']
        .map((t) => h('th', {scope: 'col'}, t)))),
      h('tbody', {}, shown.map(tokenRow))));
  }

  function tokenRow(token) {
    const actions = [];
    if (!token.isRevoked) {
      const revoke = h('button', {type: 'button', class: 'secondary small'}, 'Revoke', srOnly(` ${token.name}`));
      revoke.addEventListener('click', () => revokeToken(token, revoke));
      actions.push(revoke);
    }
    const revert = h('button', {type: 'button', class: 'secondary small'}, 'Revert to API key', srOnly(` ${token.name}`));
    revert.addEventListener('click', () => revertToken(token, revert));
    const remove = h('button', {type: 'button', class: 'danger small'}, 'Delete', srOnly(` ${token.name}`));
    remove.addEventListener('click', () => deleteToken(token, remove));
    actions.push(revert, remove);
    return h('tr', {class: token.isRevoked || token.hasExpired ? 'expired' : undefined, dataset: {tokenName: token.name}},
      h('td', {}, token.name),
      h('td', {}, timeCell(token.expiration, 'Never')),
      h('td', {}, timeCell(token.created, 'Unknown')),
      h('td', {}, timeCell(token.lastUsedAt, 'Never')),
      h('td', {}, tokenStatus(token)),
      h('td', {}, h('div', {class: 'row-actions'}, actions)));
  }

  async function revokeToken(token, button) {
    const ok = await confirmDialog({
      title: 'Revoke token?',
      body: `The token "${token.name}" stops working at once. It stays listed as revoked. This cannot be undone.`,
      confirmLabel: 'Revoke', danger: true,
    });
    if (!ok) return;
    await busy(button, async () => {
      try {
        await api('POST', `/api/serviceaccounts/${sa.id}/tokens/${token.id}/revoke`);
        showSuccess(`Token "${token.name}" revoked.`);
      } catch (e) {
        showError(explain(`Could not revoke the token "${token.name}"`, e));
      }
    });
    loadTokens();
  }

  async function deleteToken(token, button) {
    const ok = await confirmDialog({
      title: 'Delete token?',
      body: `The token "${token.name}" will be deleted. Anything that uses it loses access at once. This cannot be undone.`,
      confirmLabel: 'Delete', danger: true,
    });
    if (!ok) return;
    await busy(button, async () => {
      try {
        await api('DELETE', `/api/serviceaccounts/${sa.id}/tokens/${token.id}`);
        showSuccess(`Token "${token.name}" deleted.`);
      } catch (e) {
        showError(explain(`Could not delete the token "${token.name}"`, e));
      }
    });
    loadTokens();
  }

  async function revertToken(token, button) {
    const ok = await confirmDialog({
      title: 'Revert to API key?',
      body: [
        h('p', {class: 'warning'}, h('strong', {}, 'Warning: '),
          `this deletes the service account "${sa.name}". `,
          'Use it only in an emergency.'),
        `The token "${token.name}" becomes an API key again, with the same secret, role and expiry. ` +
            'This works only when it is the service account\'s only token.',
      ],
      confirmLabel: 'Revert to API key', danger: true,
    });
    if (!ok) return;
    await busy(button, async () => {
      try {
        await api('POST', `/api/serviceaccounts/${sa.id}/revert/${token.id}`);
        noticeAfterNavigation('success',
          `Token "${token.name}" is an API key again; the service account "${sa.name}" was deleted.`);
        navigate(migration.apiKeysHidden ? '#/service-accounts' : '#/api-keys');
      } catch (e) {
        showError(explain(`Could not revert the token "${token.name}" to an API key`, e));
      }
    });
  }

  showInactive.addEventListener('change', renderTokens);
  addToken.addEventListener('click', () => {
    addToken.hidden = true;
    formArea.replaceChildren(tokenForm({
      saId: sa.id,
      onCancel: () => { formArea.replaceChildren(); addToken.hidden = false; },
      onCreated: (created) => {
        formArea.replaceChildren();
        addToken.hidden = false;
        secretArea.replaceChildren(secretPanel({what: 'Service account token', name: created.name, secret: created.key}));
        loadTokens();
      },
    }));
  });

  root.append(back, head,
    h('section', {class: 'tokens', 'aria-labelledby': 'tokens-title'},
      h('div', {class: 'section-head'}, h('h2', {id: 'tokens-title'}, 'Tokens'), addToken),
      formArea, secretArea,
      h('label', {class: 'checkbox'}, showInactive, ' Show expired and revoked tokens'),
      tokensArea));
  load();
}
