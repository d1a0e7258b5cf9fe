// The Audit page: every recorded change, newest first, with filters and pages.

import {api, explain} from './api.js';
import {h, labelled} from './dom.js';
import {timeCell, localInputToRfc3339, plural} from './format.js';

// Event types, offered as suggestions for the Action filter (any text is allowed).
const kActions = [
  'ApiKeyCreated', 'ApiKeyDeleted', 'ApiKeyMigrated', 'ApiKeysMigrationCompleted', 'ApiKeysHidden',
  'ServiceAccountCreated', 'ServiceAccountUpdated', 'ServiceAccountDeleted',
  'TokenCreated', 'TokenDeleted', 'TokenRevoked', 'TokenReverted', 'KeyUsed',
  'OrgCreated', 'UserCreated', 'OrgUserAdded', 'OrgUserUpdated', 'OrgUserRemoved',
];

function actorText(actor) {
  if (!actor) return 'Unknown';
  const who = actor.login || (actor.id !== undefined ? `#${actor.id}` : '');
  return actor.kind ? `${who} (${actor.kind})` : who;
}

function targetText(target) {
  if (!target) return '';
  const name = target.name ? ` "${target.name}"` : '';
  const id = target.id !== undefined && target.id !== null && target.id !== '' ? ` #${target.id}` : '';
  return `${target.kind || ''}${name}${id}`.trim();
}

export function renderAudit({root}) {
  let page = 1;
  const actor = h('input', {type: 'text', name: 'actor', autocomplete: 'off'});
  const target = h('input', {type: 'text', name: 'target', autocomplete: 'off'});
  const action = h('input', {type: 'text', name: 'action', autocomplete: 'off', list: 'audit-actions'});
  const from = h('input', {type: 'datetime-local', name: 'from', step: '1'});
  const to = h('input', {type: 'datetime-local', name: 'to', step: '1'});
  const perPage = h('select', {name: 'perpage'}, [10, 25, 50, 100].map((n) =>
    h('option', {value: String(n), selected: n === 25}, String(n))));
  const resultArea = h('div', {'aria-live': 'polite'});
  let loads = 0;  // only the newest request may fill the table

  async function load() {
    const seq = ++loads;
    const query = {
      actor: actor.value.trim(), target: target.value.trim(), action: action.value.trim(),
      from: localInputToRfc3339(from.value), to: localInputToRfc3339(to.value),
      page, perpage: perPage.value,
    };
    try {
      const result = await api('GET', '/api/audit', {query});
      if (seq === loads) resultArea.replaceChildren(...entriesTable(result));
    } catch (e) {
      if (seq === loads) resultArea.replaceChildren(h('p', {class: 'form-error', role: 'alert'}, explain('Could not load the audit log', e)));
    }
  }

  function entriesTable(result) {
    const entries = result?.entries ?? [];
    const total = result?.totalCount ?? entries.length;
    const size = result?.perPage || Number(perPage.value);
    if (entries.length === 0) return [h('p', {class: 'empty'}, 'No audit entries match these filters.')];
    const pages = Math.max(1, Math.ceil(total / size));
    const prev = h('button', {type: 'button', class: 'secondary small', disabled: page <= 1}, 'Previous page');
    const next = h('button', {type: 'button', class: 'secondary small', disabled: page >= pages}, 'Next page');
    prev.addEventListener('click', () => { page -= 1; load(); });
    next.addEventListener('click', () => { page += 1; load(); });
    return [
      h('table', {class: 'table audit'},
        h('caption', {}, `Audit entries (${total})`),
        h('thead', {}, h('tr', {}, ['#', 'Time', 'Org', 'Actor', 'Action', 'Target', 'Outcome', 'Request ID', 'Client address']
          .map((t) => h('th', {scope: 'col'}, t)))),
        h('tbody', {}, entries.map((e) => h('tr', {},
          h('td', {}, String(e.id)),
          h('td', {}, timeCell(e.time, '')),
          h('td', {}, String(e.orgId ?? '')),
          h('td', {}, actorText(e.actor)),
          h('td', {}, e.action),
          h('td', {}, targetText(e.target)),
          h('td', {}, e.outcome ?? ''),
          h('td', {class: 'mono'}, e.requestId ?? ''),
          h('td', {class: 'mono'}, e.clientAddress ?? ''))))),
      h('div', {class: 'pager'}, prev,
        h('span', {}, `Page ${page} of ${pages} · ${plural(total, 'entry', 'entries')}`), next),
    ];
  }

  const filters = h('form', {class: 'card filters', 'aria-label': 'Audit filters'},
    h('div', {class: 'field-row'},
      labelled('Actor', actor, 'Login or id, e.g. admin').field,
      labelled('Target', target, 'Name or id').field,
      labelled('Action', action, 'Event type, e.g. ApiKeyCreated').field),
    h('div', {class: 'field-row'},
      labelled('From', from).field,
      labelled('To', to).field,
      labelled('Entries per page', perPage).field),
    h('datalist', {id: 'audit-actions'}, kActions.map((a) => h('option', {value: a}))),
    h('div', {class: 'actions'},
      h('button', {type: 'reset', class: 'secondary'}, 'Clear filters'),
      h('button', {type: 'submit', class: 'primary'}, 'Apply filters')));
  filters.addEventListener('submit', (event) => { event.preventDefault(); page = 1; load(); });
  filters.addEventListener('reset', () => setTimeout(() => { page = 1; load(); }));
  perPage.addEventListener('change', () => { page = 1; load(); });

  root.append(
    h('h1', {}, 'Audit'),
    h('p', {class: 'lead'}, 'Every change to keys, service accounts and tokens, as recorded in the event log, newest first.'),
    filters, resultArea);
  load();
}
