// Builds elements from data without innerHTML, so nothing the API returns is ever parsed as markup.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (name === 'class') el.className = value;
    else if (name === 'dataset') Object.assign(el.dataset, value);
    else if (value === true) el.setAttribute(name, '');
    else el.setAttribute(name, String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

let ids = 0;
export function uid(prefix = 'id') {
  ids += 1;
  return `${prefix}-${ids}`;
}

/** A labelled form field; the control gets the field's name, so problem+json errors find it by name. */
export function field(label, control, hint) {
  const id = control.id || uid(control.name || 'field');
  control.id = id;
  const hintEl = hint ? h('p', {class: 'hint', id: `${id}-hint`}, hint) : null;
  if (hintEl) control.setAttribute('aria-describedby', hintEl.id);
  return h('div', {class: 'field'}, h('label', {for: id}, label), hintEl, control);
}

export function announce(text) {
  const live = document.getElementById('announcer');
  if (!live) return;
  live.textContent = '';
  setTimeout(() => { live.textContent = text; }, 50);
}

export function notice(text, kind = '') {
  return h('p', {class: `notice ${kind}`.trim(), role: kind === 'warn' ? 'alert' : 'status'}, text);
}

const STATUS_WORDS = {FREE: 'Free', HELD: 'Held', BOOKED: 'Booked', BLOCKED: 'Blocked', REMOVED: 'Removed',
  booked: 'Booked', cancelled: 'Cancelled', 'checked-in': 'Checked in', fulfilled: 'Done', noshow: 'Did not come'};

export function statusBadge(status) {
  return status ? h('span', {class: `status ${status}`, dataset: {status}}, STATUS_WORDS[status] ?? status) : '';
}

export function shortId(id) {
  return id ? String(id).slice(0, 8) : '';
}

/**
 * A list's total for people to read: "1,234", or "10,000+" when the server stopped counting at its limit
 * (totalItemsExact false; docs/READ-MODELS.md).
 */
export function totalText(page, fallback = 0) {
  const total = page?.totalItems ?? fallback;
  return `${Number(total).toLocaleString('en')}${page?.totalItemsExact === false ? '+' : ''}`;
}

/** How many pages a list has, and "200+" when its total is a lower bound. */
export function pagesText(page, fallback = 0) {
  const pages = Math.max(1, Math.ceil((page?.totalItems ?? fallback) / (page?.size || 50)));
  return `${pages}${page?.totalItemsExact === false ? '+' : ''}`;
}

/** "1 doctor", "2 doctors". */
export function plural(count, one, many = `${one}s`) {
  return `${Number(count).toLocaleString()} ${Number(count) === 1 ? one : many}`;
}

/**
 * A table that becomes a list of cards on a phone: every cell carries its column's name (data-label), which the
 * narrow layout shows in front of the value. rows: [{attrs, cells: [...]}].
 */
export function cardTable({id, caption, columns, rows}) {
  return h('div', {class: 'table-wrap'}, h('table', {id, class: 'responsive'},
    caption ? h('caption', {}, caption) : null,
    h('thead', {}, h('tr', {}, columns.map(title => h('th', {scope: 'col'}, title)))),
    h('tbody', {}, rows.map(row => row instanceof Node ? row : h('tr', row.attrs ?? {},
      row.cells.map((cell, i) => cell instanceof Node && cell.tagName === 'TD' ? labelled(cell, columns[i])
        : h('td', {'data-label': columns[i]}, cell)))))));
}

function labelled(cell, label) {
  cell.setAttribute('data-label', label);
  return cell;
}

/** Brings a freshly shown element into view (feedback appears where the eye is) and focuses it. */
export function reveal(el) {
  if (!el) return;
  if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
  el.scrollIntoView?.({block: 'center'});
  el.focus({preventScroll: true});
}
