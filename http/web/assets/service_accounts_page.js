// The Service accounts page: search, create, change role, disable/enable, delete.

import {api, explain} from './api.js';
import {h, labelled, roleSelect, busy, srOnly} from './dom.js';
import {plural} from './format.js';
import {noticeAfterNavigation} from './notices.js';
import {changeRole, setDisabled, deleteServiceAccount} from './service_account_actions.js';

const kPerPage = 25;

function createForm({onCreated, onCancel}) {
  const name = h('input', {type: 'text', name: 'name', maxlength: '190', autocomplete: 'off'});
  const role = roleSelect('Viewer');
  const error = h('p', {class: 'form-error', role: 'alert', hidden: true});
  const create = h('button', {type: 'submit', class: 'primary'}, 'Create');
  const form = h('form', {class: 'card form-card', novalidate: true, 'aria-labelledby': 'new-sa-title'},
    h('h2', {id: 'new-sa-title'}, 'Add service account'),
    h('div', {class: 'field-row'},
      labelled('Display name', name, 'Unique in this organization.').field,
      labelled('Role', role).field),
    error,
    h('div', {class: 'actions'},
      h('button', {type: 'button', class: 'secondary', on: {click: onCancel}}, 'Cancel'), create));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    error.hidden = true;
    if (!name.value.trim()) {
      error.textContent = 'Enter a name for the service account.';
      error.hidden = false;
      return;
    }
    busy(create, async () => {
      try {
        const sa = await api('POST', '/api/serviceaccounts',
          {body: {name: name.value.trim(), role: role.value, isDisabled: false}});
        onCreated(sa);
      } catch (e) {
        error.textContent = explain('Could not create the service account', e);
        error.hidden = false;
      }
    });
  });
  setTimeout(() => name.focus());
  return form;
}

export function renderServiceAccounts(ctx) {
  const {root, navigate} = ctx;
  let page = 1;
  const query = h('input', {type: 'search', name: 'query', autocomplete: 'off'});
  const filter = h('select', {name: 'filter'},
    h('option', {value: ''}, 'All'),
    h('option', {value: 'expiredTokens'}, 'With expired tokens'),
    h('option', {value: 'disabled'}, 'Disabled'));
  const listArea = h('div', {'aria-live': 'polite'});
  const formArea = h('div');
  const add = h('button', {type: 'button', class: 'primary'}, 'Add service account');

  let loads = 0;  // only the newest request may fill the table

  async function load() {
    const seq = ++loads;
    const q = {query: query.value.trim(), page, perpage: kPerPage};
    if (filter.value) q[filter.value] = 'true';
    try {
      const result = await api('GET', '/api/serviceaccounts/search', {query: q});
      if (seq === loads) listArea.replaceChildren(...accountTable(result));
    } catch (e) {
      if (seq === loads) listArea.replaceChildren(h('p', {class: 'form-error', role: 'alert'},
        explain('Could not load the service accounts', e)));
    }
  }

  function accountRow(sa) {
    const role = roleSelect(sa.role, `Role of ${sa.name}`);
    role.addEventListener('change', () => changeRole(sa, role, load));
    const toggle = h('button', {type: 'button', class: 'secondary small'},
      sa.isDisabled ? 'Enable' : 'Disable', srOnly(` ${sa.name}`));
    toggle.addEventListener('click', () => busy(toggle, () => setDisabled(sa, !sa.isDisabled)).then(load));
    const remove = h('button', {type: 'button', class: 'danger small'}, 'Delete', srOnly(` ${sa.name}`));
    remove.addEventListener('click', async () => {
      if (await deleteServiceAccount(sa, remove)) load();
    });
    return h('tr', {class: sa.isDisabled ? 'disabled' : undefined, dataset: {saName: sa.name}},
      h('td', {}, h('a', {href: `#/service-accounts/${sa.id}`}, sa.name)),
      h('td', {class: 'mono'}, sa.login),
      h('td', {}, role),
      h('td', {}, String(sa.tokens ?? 0)),
      h('td', {}, sa.isDisabled ? h('span', {class: 'badge bad'}, 'Disabled') : h('span', {class: 'badge ok'}, 'Enabled')),
      h('td', {}, h('div', {class: 'row-actions'}, toggle, remove)));
  }

  function accountTable(result) {
    const accounts = result?.serviceAccounts ?? [];
    const total = result?.totalCount ?? accounts.length;
    if (accounts.length === 0) {
      return [h('p', {class: 'empty'}, query.value.trim() || filter.value ?
        'No service accounts match this search.' : 'There are no service accounts in this organization yet.')];
    }
    const pages = Math.max(1, Math.ceil(total / kPerPage));
    const prev = h('button', {type: 'button', class: 'secondary small', disabled: page <= 1}, 'Previous page');
    const next = h('button', {type: 'button', class: 'secondary small', disabled: page >= pages}, 'Next page');
    prev.addEventListener('click', () => { page -= 1; load(); });
    next.addEventListener('click', () => { page += 1; load(); });
    return [
      h('table', {class: 'table'},
        h('caption', {}, `Service accounts (${total})`),
        h('thead', {}, h('tr', {}, ['Name', 'Login', 'Role', 'Tokens', 'Status', 'Actions']
          .map((t) => h('th', {scope: 'col'}, t)))),
        h('tbody', {}, accounts.map(accountRow))),
      h('div', {class: 'pager'}, prev, h('span', {}, `Page ${page} of ${pages} · ${plural(total, 'account', 'accounts')}`), next),
    ];
  }

  const search = h('form', {class: 'toolbar', role: 'search'},
    labelled('Search service accounts', query).field,
    labelled('Show', filter).field,
    h('button', {type: 'submit', class: 'secondary'}, 'Search'));
  search.addEventListener('submit', (event) => { event.preventDefault(); page = 1; load(); });
  filter.addEventListener('change', () => { page = 1; load(); });

  add.addEventListener('click', () => {
    add.hidden = true;
    formArea.replaceChildren(createForm({
      onCancel: () => { formArea.replaceChildren(); add.hidden = false; },
      onCreated: (sa) => {
        noticeAfterNavigation('success', `Service account "${sa.name}" created.`);
        navigate(`#/service-accounts/${sa.id}`);
      },
    }));
  });

  root.append(
    h('div', {class: 'page-head'},
      h('div', {},
        h('h1', {}, 'Service accounts'),
        h('p', {class: 'lead'}, 'A service account acts for an automated system. It has a role and ' +
            'one or more tokens, and can be disabled without deleting it.')),
      add),
    formArea, search, listArea);
  load();
}
