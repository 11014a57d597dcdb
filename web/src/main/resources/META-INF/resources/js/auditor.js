import {api, query, currentSession, ApiError} from './api.js';
import {h, replace, field, notice, shortId, totalText, pagesText} from './dom.js';
import {onSubmit, problemBox} from './forms.js';
import {browserZone, dateTime} from './time.js';

// Audit times are instants from many doctors' calendars: shown in the auditor's own zone, labelled, with the exact
// instant (UTC) as the element's machine-readable value.
const when = instant => h('time', {datetime: instant}, dateTime(instant, browserZone));

/** datetime-local input (the auditor's zone) to an ISO instant. */
function instant(local) {
  return local ? new Date(local).toISOString() : undefined;
}

function filterForm(search, go, target, extraButtons = []) {
  const get = name => search.get(name) ?? '';
  const local = name => get(name) ? toLocalInput(get(name)) : '';
  return onSubmit(h('form', {class: 'inline', role: 'search', 'aria-label': 'Filter events'},
    field('Aggregate id', h('input', {name: 'aggregateId', type: 'text', value: get('aggregateId'), size: 36})),
    field('Event type', h('input', {name: 'type', type: 'text', value: get('type'), placeholder: 'SlotBooked'})),
    field('Actor (account id)', h('input', {name: 'actor', type: 'text', value: get('actor'), size: 36})),
    field(`From (${browserZone})`, h('input', {name: 'from', type: 'datetime-local', value: local('from')})),
    field(`Until (${browserZone})`, h('input', {name: 'to', type: 'datetime-local', value: local('to')})),
    h('button', {type: 'submit'}, 'Search'), extraButtons), async values => {
    go(`${target}${query({...values, from: instant(values.from), to: instant(values.to)})}`);
  });
}

function toLocalInput(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = n => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

function filters(search) {
  return Object.fromEntries(['aggregateId', 'type', 'actor', 'from', 'to'].map(k => [k, search.get(k) ?? '']));
}

export async function eventsPage(main, {search, go}) {
  const pageNo = Number(search.get('page') ?? 0);
  const list = h('div', {'aria-live': 'polite'});
  replace(main, h('h1', {}, 'Audit events'),
    h('p', {class: 'lead'}, 'Every event in the order it was stored, with who caused it and the correlation id. ',
      h('span', {class: 'zone'}, `Times in ${browserZone}`)),
    filterForm(search, go, '/audit'), list);
  let page;
  try {
    page = await api.get(`/api/audit/events${query({...filters(search), page: pageNo, size: 50})}`);
  } catch (error) {
    replace(list, problemBox(error));
    return;
  }
  const items = page.items ?? [];
  const pages = Math.max(1, Math.ceil((page.totalItems ?? items.length) / (page.size || 50)));
  const to = n => `#/audit${query({...filters(search), page: n})}`;
  replace(list, h('div', {class: 'table-wrap'}, h('table', {id: 'audit-events'},
    h('caption', {}, `${totalText(page, items.length)} events, page ${pageNo + 1} of ${pagesText(page, items.length)}`),
    h('thead', {}, h('tr', {}, ['#', 'When', 'Event', 'Aggregate', 'Who', 'Correlation', 'Payload'].map(t => h('th', {scope: 'col'}, t)))),
    h('tbody', {}, items.map(entry => h('tr', {},
      h('td', {}, String(entry.globalIndex ?? '')),
      h('td', {}, entry.timestamp ? when(entry.timestamp) : ''),
      h('td', {}, entry.type ?? ''),
      h('td', {}, h('a', {href: `#/audit/slot/${entry.aggregateId}`, title: 'History of this aggregate'}, shortId(entry.aggregateId)),
        ` #${entry.sequenceNumber ?? ''}`),
      h('td', {}, actor(entry.actor)),
      h('td', {}, h('code', {title: entry.correlationId ?? ''}, shortId(entry.correlationId))),
      h('td', {}, h('details', {}, h('summary', {}, 'Show'), h('pre', {class: 'json'}, JSON.stringify(entry.payload, null, 2))))))))),
  h('nav', {class: 'week-nav', 'aria-label': 'Pages'},
    pageNo > 0 ? h('a', {class: 'button secondary', href: to(pageNo - 1)}, '\u2190 Previous page') : null,
    pageNo + 1 < pages ? h('a', {class: 'button secondary', href: to(pageNo + 1)}, 'Next page \u2192') : null));
}

function actor(who) {
  if (!who) return 'system';
  return `${(who.role ?? 'SYSTEM').toLowerCase()} ${shortId(who.accountId)}`.trim();
}

/** A slot's history as a timeline, and its state at a chosen instant. */
export async function slotHistoryPage(main, {params, search, go}) {
  const slotId = params.slotId ?? search.get('slotId') ?? '';
  const pickSlot = onSubmit(h('form', {class: 'inline', 'aria-label': 'Choose a slot'},
    field('Slot id', h('input', {name: 'slotId', type: 'text', required: true, value: slotId, size: 36})),
    h('button', {type: 'submit'}, 'Show history')), async values => go(`/audit/slot/${encodeURIComponent(values.slotId ?? '')}`));
  if (!slotId) {
    replace(main, h('h1', {}, 'Slot history'), pickSlot);
    return;
  }
  const timeline = h('div', {'aria-live': 'polite'});
  const state = h('div', {'aria-live': 'polite', id: 'state-at'});
  const asOf = onSubmit(h('form', {class: 'inline', 'aria-label': 'State at an instant'},
    field(`Instant (${browserZone})`, h('input', {name: 'asOf', type: 'datetime-local', step: 1,
      value: search.get('asOf') ? toLocalInput(search.get('asOf')) : ''}), 'Leave it empty for the state now.'),
    h('button', {type: 'submit'}, 'Show the state then')), async values => {
    const at = instant(values.asOf);
    const slot = await api.get(`/api/audit/slots/${encodeURIComponent(slotId)}${query({asOf: at})}`);
    const shownAt = at ?? slot.asOf;
    const facts = [['Status', slot.status], ['Appointment', slot.appointmentStatus ?? '–'],
      ['Patient', slot.patientId ?? '–'], ['Held until', slot.holdExpiresAt ? when(slot.holdExpiresAt) : '–'],
      ['Slot time', `${dateTime(slot.start, browserZone)} – ${dateTime(slot.end, browserZone)}`],
      ['After event', `#${slot.sequenceNumber}, ${dateTime(slot.lastEventAt, browserZone)}`]];
    replace(state, h('p', {}, 'At ', when(shownAt), ` (${browserZone}):`),
      h('dl', {class: 'facts', id: 'state-facts'}, facts.flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value)])),
      h('details', {}, h('summary', {}, 'As the API answered'), h('pre', {class: 'json'}, JSON.stringify(slot, null, 2))));
  });
  replace(main, h('h1', {}, `Slot history ${shortId(slotId)}`), pickSlot,
    h('section', {'aria-labelledby': 'timeline-title'}, h('h2', {id: 'timeline-title'}, 'What happened'),
      h('p', {class: 'lead'}, h('span', {class: 'zone'}, `Times in ${browserZone}`)), timeline),
    h('section', {'aria-labelledby': 'asof-title'}, h('h2', {id: 'asof-title'}, 'State at an instant'), asOf, state));
  try {
    const history = await api.get(`/api/audit/slots/${encodeURIComponent(slotId)}/history${query({size: 500})}`);
    const items = Array.isArray(history) ? history : history.items ?? history.events ?? [];
    replace(timeline, items.length ? h('ol', {class: 'timeline', id: 'timeline'}, items.map(entry => h('li', {},
      h('strong', {}, entry.type ?? ''), ' \u00b7 ', entry.timestamp ? when(entry.timestamp) : '',
      h('p', {class: 'muted'}, `by ${actor(entry.actor)}, correlation ${entry.correlationId ?? '–'}`),
      h('details', {}, h('summary', {}, 'Details'), h('pre', {class: 'json'}, JSON.stringify(entry.payload ?? entry, null, 2))))))
      : notice('No events for this slot.'));
  } catch (error) {
    if (error instanceof ApiError && error.missingEndpoint) {
      // The audit trail's event search answers the same question, in store order.
      try {
        const page = await api.get(`/api/audit/events${query({aggregateId: slotId, size: 500})}`);
        replace(timeline, h('ol', {class: 'timeline', id: 'timeline'}, (page.items ?? []).map(entry => h('li', {},
          h('strong', {}, entry.type), ' \u00b7 ', when(entry.timestamp),
          h('p', {class: 'muted'}, `by ${actor(entry.actor)}, correlation ${entry.correlationId ?? '–'}`)))));
        return;
      } catch { /* show the first problem */ }
    }
    replace(timeline, problemBox(error));
  }
}

/** The filtered audit trail as NDJSON, downloaded with the signed-in token (a plain link could not send it). */
export async function exportPage(main, {search, go}) {
  const status = h('div', {'aria-live': 'polite'});
  const download = h('button', {type: 'button', id: 'download', onclick: async () => {
    download.disabled = true;
    replace(status, h('p', {class: 'muted'}, 'Preparing the export…'));
    try {
      const response = await fetch(`/api/audit/export${query(filters(search))}`, {
        headers: {Authorization: `Bearer ${currentSession()?.accessToken}`, Accept: 'application/x-ndjson'}});
      if (!response.ok) {
        const problem = await response.json().catch(() => ({title: `HTTP ${response.status}`}));
        throw new ApiError(response.status, problem, 'GET', '/api/audit/export');
      }
      const blob = await response.blob();
      const link = h('a', {href: URL.createObjectURL(blob), download: `careslot-audit-${new Date().toISOString().slice(0, 19)}.ndjson`}, 'Save the file again');
      document.body.append(link);
      link.click();
      link.remove();
      replace(status, notice(`Exported ${(blob.size / 1024).toFixed(1)} KB of NDJSON (one event per line).`, 'ok'));
    } catch (error) {
      replace(status, problemBox(error));
    } finally {
      download.disabled = false;
    }
  }}, 'Download NDJSON');
  replace(main, h('h1', {}, 'Export the audit trail'),
    h('p', {class: 'lead'}, 'Choose filters (or none for everything), then download: one JSON event per line.'),
    filterForm(search, go, '/audit/export'), h('div', {class: 'actions'}, download), status);
}
