// Service account actions shared by the list and the detail page. Each one
// tells the person how it went.

import {api, explain} from './api.js';
import {confirmDialog, busy} from './dom.js';
import {showError, showSuccess, noticeAfterNavigation} from './notices.js';

export async function changeRole(sa, select, reload) {
  const role = select.value;
  select.disabled = true;
  try {
    await api('PATCH', `/api/serviceaccounts/${sa.id}`, {body: {role}});
    showSuccess(`Role of "${sa.name}" changed to ${role}.`);
    sa.role = role;
  } catch (e) {
    select.value = sa.role;
    showError(explain(`Could not change the role of "${sa.name}"`, e));
  } finally {
    select.disabled = false;
  }
  reload?.();
}

export async function setDisabled(sa, isDisabled) {
  try {
    await api('PATCH', `/api/serviceaccounts/${sa.id}`, {body: {isDisabled}});
    showSuccess(isDisabled ?
      `Service account "${sa.name}" disabled: its tokens no longer work until it is enabled again.` :
      `Service account "${sa.name}" enabled.`);
  } catch (e) {
    showError(explain(`Could not ${isDisabled ? 'disable' : 'enable'} "${sa.name}"`, e));
  }
}

// Asks first. Resolves true when the account was deleted. With
// `leavingPage`, the confirmation is shown on the next page.
export async function deleteServiceAccount(sa, button, {leavingPage = false} = {}) {
  const tokens = sa.tokens ?? 0;
  const ok = await confirmDialog({
    title: 'Delete service account?',
    body: `The service account "${sa.name}" and its ${tokens === 1 ? 'token' : `${tokens} tokens`} ` +
        'will be deleted. Anything that uses them loses access at once. This cannot be undone.',
    confirmLabel: 'Delete service account', danger: true,
  });
  if (!ok) return false;
  return busy(button, async () => {
    try {
      await api('DELETE', `/api/serviceaccounts/${sa.id}`);
      const text = `Service account "${sa.name}" deleted.`;
      if (leavingPage) noticeAfterNavigation('success', text);
      else showSuccess(text);
      return true;
    } catch (e) {
      showError(explain(`Could not delete the service account "${sa.name}"`, e));
      return false;
    }
  });
}
