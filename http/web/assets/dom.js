// Small DOM helpers. Text always goes in as text (never as HTML), so nothing the
// server or a user typed can become markup.

// Set as properties; everything else (including checked and selected, so that a
// form reset restores them) is set as an attribute.
const kProperties = new Set(['hidden', 'disabled', 'required', 'value', 'readOnly']);

// h('button', {class: 'primary', on: {click: f}}, 'Add') builds an element.
// Children may be strings, nodes, arrays of them, or null/false (skipped).
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'on') {
      for (const [event, handler] of Object.entries(value)) el.addEventListener(event, handler);
    } else if (name === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (kProperties.has(name)) {
      el[name] = value;
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function clear(el) {
  el.replaceChildren();
  return el;
}

// Text for screen readers only, e.g. the key name after "Delete".
export function srOnly(text) {
  return h('span', {class: 'visually-hidden'}, text);
}

let idCounter = 0;
export function uniqueId(prefix) {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

// A labelled form field: returns {field, input}.
export function labelled(labelText, input, hint) {
  if (!input.id) input.id = uniqueId('f');
  const children = [h('label', {for: input.id}, labelText), input];
  if (hint) {
    const hintEl = h('p', {class: 'hint', id: uniqueId('hint')}, hint);
    input.setAttribute('aria-describedby', hintEl.id);
    children.push(hintEl);
  }
  return {field: h('div', {class: 'field'}, children), input};
}

export function roleSelect(selected, label) {
  const select = h('select', label ? {'aria-label': label} : {},
    ['Admin', 'Editor', 'Viewer'].map((r) => h('option', {value: r, selected: r === selected}, r)));
  return select;
}

// Shows a modal confirmation window. Resolves true when the user confirms,
// false on Cancel or Escape.
export function confirmDialog({title, body, confirmLabel, danger = false}) {
  return new Promise((resolve) => {
    const titleId = uniqueId('dialog-title');
    const bodyId = uniqueId('dialog-body');
    const dialog = h('dialog', {class: 'dialog', 'aria-labelledby': titleId, 'aria-describedby': bodyId});
    let confirmed = false;
    const cancel = h('button', {type: 'button', class: 'secondary', on: {click: () => dialog.close()}}, 'Cancel');
    const ok = h('button', {
      type: 'button',
      class: danger ? 'danger' : 'primary',
      on: {click: () => { confirmed = true; dialog.close(); }},
    }, confirmLabel);
    append(dialog, [
      h('h2', {id: titleId}, title),
      h('div', {id: bodyId, class: 'dialog-body'}, (Array.isArray(body) ? body : [body]).map(
        (part) => (part instanceof Node ? part : h('p', {}, part)))),
      h('div', {class: 'actions'}, cancel, ok),
    ]);
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(confirmed);
    });
    document.body.append(dialog);
    dialog.showModal();
    cancel.focus();
  });
}

// Runs `action` with `button` disabled, so a double click does not send twice.
export async function busy(button, action) {
  button.disabled = true;
  try {
    return await action();
  } finally {
    button.disabled = false;
  }
}
