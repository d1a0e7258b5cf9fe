// Messages at the top of the page: errors (role=alert) and confirmations
// (role=status). They are cleared when the person goes to another page, except
// those queued with noticeAfterNavigation().

import {h} from './dom.js';

let pending = [];

function area() {
  return document.getElementById('notices');
}

function add(kind, text) {
  const notice = h('div', {class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status'});
  const dismiss = h('button', {type: 'button', class: 'link', on: {click: () => notice.remove()}}, 'Dismiss');
  notice.append(h('p', {}, text), dismiss);
  area().append(notice);
  return notice;
}

export function showError(text) {
  return add('error', text);
}

export function showSuccess(text) {
  return add('success', text);
}

export function noticeAfterNavigation(kind, text) {
  pending.push([kind, text]);
}

// Called by the router before it renders a page.
export function resetNotices() {
  area().replaceChildren();
  for (const [kind, text] of pending) add(kind, text);
  pending = [];
}
