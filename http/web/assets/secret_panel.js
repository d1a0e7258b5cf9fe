// Shows a newly created secret once, with a copy button and a warning. The
// secret lives only in this element: it is never stored, and it is gone when
// the panel is closed or the page changes.

import {h} from './dom.js';

async function copyText(input) {
  try {
    await navigator.clipboard.writeText(input.value);
    return true;
  } catch {
    // Clipboard API refused (permissions, older browser): fall back to a selection copy.
    input.select();
    return document.execCommand('copy');
  }
}

// `what` is "API key" or "Service account token".
export function secretPanel({what, name, secret, onClose}) {
  const inSentence = what.startsWith('API') ? what : what.toLowerCase();
  const input = h('input', {
    type: 'text', readOnly: true, value: secret, class: 'secret', spellcheck: 'false',
    'aria-label': `${what} ${name}`, autocomplete: 'off',
  });
  const copied = h('span', {class: 'copied', role: 'status'});
  const copy = h('button', {
    type: 'button', class: 'primary',
    on: {
      click: async () => {
        const ok = await copyText(input);
        copied.textContent = ok ? 'Copied to clipboard.' :
            'Copying did not work here: select the text and copy it yourself.';
      },
    },
  }, 'Copy');
  const panel = h('section', {class: 'secret-panel', 'aria-label': `New ${inSentence}`},
    h('h2', {}, `${what} "${name}" created`),
    h('p', {class: 'warning'},
      h('strong', {}, 'Copy it now. '),
      `You will not be able to see this ${inSentence} again: keyledger does not keep it.`),
    h('div', {class: 'secret-row'}, input, copy),
    copied,
    h('div', {class: 'actions'},
      h('button', {type: 'button', class: 'secondary', on: {click: () => { panel.remove(); onClose?.(); }}},
        'I have copied it, close')));
  return panel;
}
