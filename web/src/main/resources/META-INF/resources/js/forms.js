import {ApiError} from './api.js';
import {h, uid} from './dom.js';

/** The problem+json of a failed call, as a box with its title and detail (and any errors no field claimed). */
const SENTENCES = {
  0: 'Careslot could not be reached.',
  400: 'Please check what you entered.',
  401: 'Please sign in again.',
  403: 'This is not open to you.',
  404: 'We could not find that.',
  409: 'Someone changed this in the meantime.',
  422: 'The clinic\u2019s rules do not allow this.',
  429: 'Too many attempts: please wait a moment.',
};

const UUID = /\s?\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
const INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})/g;

/** A server's detail for people: no ids, instants in the reader's locale and zone, no interval brackets. */
export function humanDetail(text) {
  if (!text) return text;
  return String(text)
    .replace(/\[([^\]\[)]*?),\s*([^\]\[)]*?)\)/g, '$1 to $2')
    .replace(INSTANT, instant => new Date(instant).toLocaleString(undefined, {dateStyle: 'medium', timeStyle: 'short'}))
    .replace(UUID, '')
    .replace(/\s+([.,;:])/g, '$1');
}

export function problemBox(error, unclaimed = []) {
  const problem = error instanceof ApiError ? error.problem : {title: 'Something went wrong', detail: String(error?.message ?? error)};
  const status = error?.status ?? problem.status;
  const title = SENTENCES[status] ?? (status >= 500 ? 'Something went wrong on our side. Please try again.' : problem.title || 'Something went wrong.');
  let detail = humanDetail(problem.detail);
  if (error instanceof ApiError && error.missingEndpoint) {
    detail = `This part of Careslot is not available on this server yet (${error.method} ${error.path.split('?')[0]} answered ${error.status}).`;
  }
  return h('div', {class: 'problem', role: 'alert', tabindex: '-1'},
    h('h2', {}, title),
    detail ? h('p', {}, detail) : null,
    unclaimed.length ? h('ul', {}, unclaimed.map(e => h('li', {}, e.field ? `${e.field}: ${e.message}` : e.message))) : null);
}

export function clearProblem(form) {
  form.querySelectorAll('.field-error').forEach(el => el.remove());
  form.querySelectorAll('[aria-invalid]').forEach(el => {
    el.removeAttribute('aria-invalid');
    const described = (el.getAttribute('aria-describedby') ?? '').split(' ').filter(id => !id.endsWith('-error'));
    if (described.length) el.setAttribute('aria-describedby', described.join(' '));
    else el.removeAttribute('aria-describedby');
  });
  form.querySelector(':scope > .problem')?.remove();
}

/** Shows each problem+json error next to the control named by its field, the rest at the top of the form. */
export function showProblem(form, error) {
  clearProblem(form);
  const unclaimed = [];
  let first = null;
  for (const fieldError of error?.fieldErrors ?? []) {
    const name = String(fieldError.field ?? '').replace(/^.*\./, '');
    const control = name && (form.elements.namedItem(fieldError.field) || form.elements.namedItem(name));
    const target = control instanceof RadioNodeList ? control[0] : control;
    if (!target || !(target instanceof HTMLElement) || target.type === 'hidden') {
      unclaimed.push(fieldError);
      continue;
    }
    const id = `${target.id || uid('control')}-error`;
    target.setAttribute('aria-invalid', 'true');
    target.setAttribute('aria-describedby', `${target.getAttribute('aria-describedby') ?? ''} ${id}`.trim());
    target.closest('.field')?.append(h('p', {class: 'field-error', id}, fieldError.message));
    first ??= target;
  }
  const box = problemBox(error, unclaimed);
  form.prepend(box);
  (first ?? box).focus();
}

/** The named values of a form; empty text becomes undefined, number inputs become numbers. */
export function values(form) {
  const out = {};
  for (const el of form.elements) {
    if (!el.name || el.disabled || el.type === 'submit' || el.type === 'button') continue;
    if ((el.type === 'checkbox' || el.type === 'radio') && !el.checked) continue;
    const raw = el.value.trim();
    if (raw === '') continue;
    out[el.name] = el.type === 'number' ? Number(raw) : raw;
  }
  return out;
}

/** Runs a submit handler with the button disabled; a failure shows its problem in the form. */
export function onSubmit(form, handler) {
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const buttons = [...form.querySelectorAll('button[type="submit"], button:not([type])')];
    buttons.forEach(b => { b.disabled = true; });
    clearProblem(form);
    try {
      await handler(values(form), event.submitter);
    } catch (error) {
      showProblem(form, error);
    } finally {
      buttons.forEach(b => { b.disabled = false; });
    }
  });
  return form;
}

/** Runs an action from a button; a failure is shown in the given box (a live region). */
export async function act(button, box, action) {
  button.disabled = true;
  box.replaceChildren();
  try {
    return await action();
  } catch (error) {
    const problem = problemBox(error);
    box.replaceChildren(problem);
    problem.focus();
    return undefined;
  } finally {
    button.disabled = false;
  }
}
