// Asking before anything that cannot be undone: a modal <dialog> (the browser keeps focus inside it, Escape closes
// it, focus returns to the button that opened it), with a reason field where the action records one.
import {h, uid} from './dom.js';

/**
 * Resolves to {reason} when the person confirms, to null when they keep things as they are.
 * reason: undefined (no field), 'optional' or 'required'.
 */
export function confirmAction({title, message, confirmLabel, keepLabel = 'Keep it', reason, danger = true}) {
  return new Promise(resolve => {
    const opener = document.activeElement;
    const titleId = uid('dialog-title');
    const reasonInput = reason ? h('textarea', {name: 'reason', rows: 2, maxlength: 500, required: reason === 'required',
      id: uid('reason')}) : null;
    const error = h('p', {class: 'field-error', hidden: true, id: uid('reason-error')}, 'Please give a reason.');
    const confirm = h('button', {type: 'submit', class: danger ? 'danger' : '', id: 'confirm-action'}, confirmLabel);
    const keep = h('button', {type: 'button', class: 'secondary', id: 'keep', onclick: () => close(null)}, keepLabel);
    const form = h('form', {method: 'dialog', class: 'stack', novalidate: true},
      h('h2', {id: titleId}, title),
      message ? h('p', {}, message) : null,
      reasonInput ? h('div', {class: 'field'}, h('label', {for: reasonInput.id},
        reason === 'required' ? 'Reason (the patient reads it)' : 'Reason (optional)'), reasonInput, error) : null,
      h('div', {class: 'actions'}, confirm, keep));
    const dialog = h('dialog', {class: 'confirm', 'aria-labelledby': titleId}, form);
    let settled = false;
    function close(result) {
      if (settled) return;
      settled = true;
      dialog.close();
      dialog.remove();
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
      resolve(result);
    }
    form.addEventListener('submit', event => {
      event.preventDefault();
      const text = reasonInput?.value.trim() ?? '';
      if (reason === 'required' && !text) {
        error.hidden = false;
        reasonInput.setAttribute('aria-invalid', 'true');
        reasonInput.setAttribute('aria-describedby', error.id);
        reasonInput.focus();
        return;
      }
      close({reason: text || undefined});
    });
    dialog.addEventListener('cancel', event => { event.preventDefault(); close(null); });
    document.body.append(dialog);
    dialog.showModal();
    (reasonInput ?? keep).focus();
  });
}
