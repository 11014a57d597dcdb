import {api, query, currentSession, ApiError} from './api.js';
import {h, replace, field, notice, shortId, totalText, pagesText} from './dom.js';
import {onSubmit, problemBox} from './forms.js';
import {browserZone, dateTime, zoneLabel} from './time.js';

// Audit times are instants from many doctors' calendars: shown in the auditor's own zone, labelled, with the exact
// instant (UTC) as the element's machine-readable value.
const when = instant => h('time', {datetime: instant}, dateTime(instant, browserZone));

/** datetime-local input (the auditor's zone) to an ISO instant. */
function instant(local) {
  return local ? new Date(local).toISOString() : undefined;
}

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function filterForm(search, go, target, extraButtons = []) {
  const get = name => search.get(name) ?? '';
  const local = name => get(name) ? toLocalInput(get(name)) : '';
  const who = h('input', {name: 'who', type: 'search', value: get('who') || get('actor'), list: 'audit-people', autocomplete: 'off'});
  const people = h('datalist', {id: 'audit-people'});
  const about = h('input', {name: 'aggregateId', type: 'search', value: get('aggregateId'), size: 36, list: 'audit-people',
    autocomplete: 'off'});
  let suggesting = null;
  const suggest = input => input.addEventListener('input', () => {
    clearTimeout(suggesting);
    if (input.value.trim().length < 2 || ID.test(input.value.trim())) return;
    suggesting = setTimeout(() => api.get(`/api/audit/people${query({q: input.value.trim()})}`)
      .then(page => replace(people, (page.items ?? []).map(p => h('option', {value: p.fullName}, p.role.toLowerCase()))))
      .catch(() => {}), 200);
  });
  suggest(who);
  suggest(about);
  return onSubmit(h('form', {class: 'inline', role: 'search', 'aria-label': 'Filter events'},
    field('About (a patient or doctor by name, or an id)', about),
    field('Event type', h('input', {name: 'type', type: 'text', value: get('type'), placeholder: 'SlotBooked'})),
    field('Who (a patient or doctor by name)', who), people,
    field(`From (${zoneLabel(browserZone)})`, h('input', {name: 'from', type: 'datetime-local', value: local('from')})),
    field(`Until (${zoneLabel(browserZone)})`, h('input', {name: 'to', type: 'datetime-local', value: local('to')})),
    h('button', {type: 'submit'}, 'Search'), extraButtons), async values => {
    // The filters take names; the API takes ids (a person's account id is also their aggregate's id).
    const actor = values.who ? await personId(values.who, 'who') : undefined;
    const aggregateId = values.aggregateId ? await personId(values.aggregateId, 'aggregateId') : undefined;
    go(`${target}${query({...values, who: undefined, actor, aggregateId, from: instant(values.from), to: instant(values.to)})}`);
  });
}

/** The account id a name stands for (an id passes as it is); a problem on the field when none or several match. */
async function personId(text, fieldName) {
  if (ID.test(text)) return text;
  const found = (await api.get(`/api/audit/people${query({q: text})}`)).items ?? [];
  const exact = found.filter(p => p.fullName.toLowerCase() === text.toLowerCase());
  const chosen = exact.length === 1 ? exact[0] : found.length === 1 ? found[0] : null;
  if (!chosen) {
    throw new ApiError(400, {title: 'Invalid input', errors: [{field: fieldName,
      message: found.length ? `${found.length} people match: pick one from the suggestions` : 'nobody has that name'}]});
  }
  return chosen.accountId;
}

/** Names of the people among these accounts (patients and doctors), for showing people by name. */
async function peopleNames(ids) {
  const wanted = [...new Set(ids.filter(id => id && ID.test(id)))].slice(0, 200);
  if (!wanted.length) return new Map();
  try {
    const page = await api.get(`/api/audit/people${query({ids: wanted.join(',')})}`);
    return new Map((page.items ?? []).map(p => [p.accountId, p.fullName]));
  } catch {
    return new Map();
  }
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
  const names = await peopleNames(items.flatMap(entry => [entry.actor?.accountId, entry.aggregateId]));
  replace(list, h('div', {class: 'table-wrap'}, h('table', {id: 'audit-events', class: 'responsive'},
    h('caption', {}, `${totalText(page, items.length)} events, page ${pageNo + 1} of ${pagesText(page, items.length)}`),
    h('thead', {}, h('tr', {}, ['#', 'When', 'Event', 'Aggregate', 'Who', 'Correlation', 'Payload'].map(t => h('th', {scope: 'col'}, t)))),
    h('tbody', {}, items.map(entry => h('tr', {},
      h('td', {'data-label': '#'}, String(entry.globalIndex ?? '')),
      h('td', {'data-label': 'When'}, entry.timestamp ? when(entry.timestamp) : ''),
      h('td', {'data-label': 'Event'}, entry.type ?? ''),
      h('td', {'data-label': 'Aggregate'}, names.has(entry.aggregateId) ? names.get(entry.aggregateId)
        : h('a', {href: `#/audit/slot/${entry.aggregateId}`, 'aria-label': `History of ${entry.aggregateId}`}, 'History'),
        ` #${entry.sequenceNumber ?? ''}`, idOnDemand(entry.aggregateId)),
      h('td', {'data-label': 'Who'}, actor(entry.actor, names)),
      h('td', {'data-label': 'Correlation'}, h('code', {title: entry.correlationId ?? ''}, shortId(entry.correlationId))),
      h('td', {'data-label': 'Payload'}, h('details', {}, h('summary', {}, 'Show'), h('pre', {class: 'json'}, JSON.stringify(entry.payload, null, 2))))))))),
  h('nav', {class: 'week-nav', 'aria-label': 'Pages'},
    pageNo > 0 ? h('a', {class: 'button secondary', href: to(pageNo - 1)}, '\u2190 Previous page') : null,
    pageNo + 1 < pages ? h('a', {class: 'button secondary', href: to(pageNo + 1)}, 'Next page \u2192') : null));
}

const ROLE_WORDS = {PATIENT: 'patient', DOCTOR: 'doctor', ADMIN: 'admin', AUDITOR: 'auditor', RECEPTIONIST: 'front desk'};

/** Who caused an event: the person's name and role, the id only on demand. */
function actor(who, names = new Map()) {
  if (!who || !who.accountId) return who?.role ? ROLE_WORDS[who.role] ?? who.role.toLowerCase() : 'the system';
  const role = ROLE_WORDS[who.role] ?? String(who.role ?? '').toLowerCase();
  const name = names.get(who.accountId);
  return h('span', {class: 'actor'}, name ? `${name} (${role})` : role, idOnDemand(who.accountId));
}

function idOnDemand(id) {
  return id ? h('details', {class: 'id'}, h('summary', {}, 'id'), h('code', {}, id)) : null;
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
      ['Patient', slot.patientId ? ((await peopleNames([slot.patientId])).get(slot.patientId) ?? 'a patient') : '–',
        idOnDemand(slot.patientId)], ['Held until', slot.holdExpiresAt ? when(slot.holdExpiresAt) : '–'],
      ['Slot time', `${dateTime(slot.start, browserZone)} – ${dateTime(slot.end, browserZone)}`],
      ['After event', `#${slot.sequenceNumber}, ${dateTime(slot.lastEventAt, browserZone)}`]];
    replace(state, h('p', {}, 'At ', when(shownAt), ` (${browserZone}):`),
      h('dl', {class: 'facts', id: 'state-facts'}, facts.flatMap(([term, ...value]) => [h('dt', {}, term), h('dd', {}, value)])),
      h('details', {}, h('summary', {}, 'As the API answered'), h('pre', {class: 'json'}, JSON.stringify(slot, null, 2))));
  });
  replace(main, h('h1', {}, 'Slot history'), pickSlot,
    h('section', {'aria-labelledby': 'timeline-title'}, h('h2', {id: 'timeline-title'}, 'What happened'),
      h('p', {class: 'lead'}, h('span', {class: 'zone'}, `Times in ${browserZone}`)), timeline),
    h('section', {'aria-labelledby': 'asof-title'}, h('h2', {id: 'asof-title'}, 'State at an instant'), asOf, state));
  try {
    const history = await api.get(`/api/audit/slots/${encodeURIComponent(slotId)}/history${query({size: 500})}`);
    const items = Array.isArray(history) ? history : history.items ?? history.events ?? [];
    const opened = items.find(entry => entry.type === 'SlotOpened')?.payload;
    const names = await peopleNames([...items.map(entry => entry.actor?.accountId), opened?.doctorId]);
    if (opened?.start) {
      // The slot by what it is: whose, and when; the id stays in the field above.
      main.querySelector('h1').textContent = `Slot history: ${names.get(opened.doctorId) ?? 'a doctor'}, ${dateTime(opened.start, browserZone)}`;
      document.title = `${main.querySelector('h1').textContent} · Careslot`;
    }
    replace(timeline, items.length ? h('ol', {class: 'timeline', id: 'timeline'}, items.map(entry => h('li', {},
      h('strong', {}, entry.type ?? ''), ' \u00b7 ', entry.timestamp ? when(entry.timestamp) : '',
      h('p', {class: 'muted'}, 'by ', actor(entry.actor, names), ` \u00b7 correlation ${shortId(entry.correlationId) || '–'}`),
      h('details', {}, h('summary', {}, 'Details'), h('pre', {class: 'json'}, JSON.stringify(entry.payload ?? entry, null, 2))))))
      : notice('No events for this slot.'));
  } catch (error) {
    if (error instanceof ApiError && error.missingEndpoint) {
      // The audit trail's event search answers the same question, in store order.
      try {
        const page = await api.get(`/api/audit/events${query({aggregateId: slotId, size: 500})}`);
        replace(timeline, h('ol', {class: 'timeline', id: 'timeline'}, (page.items ?? []).map(entry => h('li', {},
          h('strong', {}, entry.type), ' \u00b7 ', when(entry.timestamp),
          h('p', {class: 'muted'}, 'by ', actor(entry.actor), ` \u00b7 correlation ${shortId(entry.correlationId) || '–'}`)))));
        return;
      } catch { /* show the first problem */ }
    }
    replace(timeline, problemBox(error));
  }
}

/** HIPAA's access log: who read which patient's data, when and what (GET /api/audit/access). */
export async function accessLogPage(main, {search, go}) {
  const pageNo = Number(search.get('page') ?? 0);
  const list = h('div', {'aria-live': 'polite'});
  const get = name => search.get(name) ?? '';
  const local = name => get(name) ? toLocalInput(get(name)) : '';
  const form = onSubmit(h('form', {class: 'inline', role: 'search', 'aria-label': 'Filter accesses'},
    field('Patient (by name, or an id)', h('input', {name: 'patient', type: 'search', value: get('patientId'), size: 36,
      autocomplete: 'off'})),
    field(`From (${zoneLabel(browserZone)})`, h('input', {name: 'from', type: 'datetime-local', value: local('from')})),
    field(`Until (${zoneLabel(browserZone)})`, h('input', {name: 'to', type: 'datetime-local', value: local('to')})),
    h('button', {type: 'submit'}, 'Search')), async values => {
    const patientId = values.patient ? await personId(values.patient, 'patient') : undefined;
    go(`/audit/access${query({patientId, from: instant(values.from), to: instant(values.to)})}`);
  });
  replace(main, h('h1', {}, 'Access log'),
    h('p', {class: 'lead'}, 'Every read of a patient\u2019s data by a doctor, the front desk, an admin or an auditor. ',
      h('span', {class: 'zone'}, `Times in ${browserZone}`)),
    form, list);
  const params = {patientId: get('patientId'), from: get('from'), to: get('to')};
  let page;
  try {
    page = await api.get(`/api/audit/access${query({...params, page: pageNo, size: 50})}`);
  } catch (error) {
    replace(list, problemBox(error));
    return;
  }
  const items = page.items ?? [];
  const pages = Math.max(1, Math.ceil((page.totalItems ?? items.length) / (page.size || 50)));
  const to = n => `#/audit/access${query({...params, page: n})}`;
  const names = await peopleNames(items.flatMap(entry => [entry.accessor?.accountId, ...(entry.patientIds ?? [])]));
  replace(list, h('div', {class: 'table-wrap'}, h('table', {id: 'access-log', class: 'responsive'},
    h('caption', {}, `${totalText(page, items.length)} accesses, page ${pageNo + 1} of ${pagesText(page, items.length)}`),
    h('thead', {}, h('tr', {}, ['When', 'Who', 'Patients', 'What', 'Path'].map(t => h('th', {scope: 'col'}, t)))),
    h('tbody', {}, items.map(entry => h('tr', {},
      h('td', {'data-label': 'When'}, entry.accessedAt ? when(entry.accessedAt) : ''),
      h('td', {'data-label': 'Who'}, actor(entry.accessor, names)),
      h('td', {'data-label': 'Patients'}, (entry.patientIds ?? []).map(id => h('span', {class: 'actor'},
        names.get(id) ?? 'patient', idOnDemand(id)))),
      h('td', {'data-label': 'What'}, entry.resource ?? ''),
      h('td', {'data-label': 'Path'}, h('code', {}, entry.path ?? ''))))))),
  h('nav', {class: 'week-nav', 'aria-label': 'Pages'},
    pageNo > 0 ? h('a', {class: 'button secondary', href: to(pageNo - 1)}, '\u2190 Previous page') : null,
    pageNo + 1 < pages ? h('a', {class: 'button secondary', href: to(pageNo + 1)}, 'Next page \u2192') : null));
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
