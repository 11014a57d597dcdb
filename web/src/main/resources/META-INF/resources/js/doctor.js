import {api, query, currentSession, ApiError} from './api.js';
import {h, replace, field, notice, announce, statusBadge, plural} from './dom.js';
import {onSubmit, act, problemBox} from './forms.js';
import {time, date, dayKey, zoned, addDays, weekStart, today, dayHeading, isValidZone} from './time.js';
import {doctorProfile, forgetProfile, zoneNote, pick} from './doctors.js';
import {clinic} from './clinic.js';
import {confirmAction} from './dialog.js';
import {filesSection} from './doctor-files.js';

const WEEKDAYS = [['MO', 'Monday'], ['TU', 'Tuesday'], ['WE', 'Wednesday'], ['TH', 'Thursday'], ['FR', 'Friday'],
  ['SA', 'Saturday'], ['SU', 'Sunday']];

/** The doctor's day or week: every slot with its status, the patient's name where known, and what can be done next. */
export async function schedulePage(main, {search}) {
  const me = currentSession();
  const doctorId = me.accountId;
  const [profile, rules] = await Promise.all([doctorProfile(doctorId), clinic()]);
  const zone = profile.timeZone;
  const view = search.get('view') === 'day' ? 'day' : 'week';
  const anchor = search.get('date') ?? today(zone);
  const first = view === 'day' ? anchor : weekStart(anchor);
  const days = view === 'day' ? 1 : 7;
  const from = zoned(first, '00:00', zone);
  const to = zoned(addDays(first, days), '00:00', zone);
  const body = h('div', {'aria-live': 'polite', id: 'schedule'});
  const link = (v, d) => `#/schedule${query({view: v, date: d})}`;

  replace(main, h('h1', {}, view === 'day' ? `My day: ${dayHeading(first)}` : `My week of ${dayHeading(first)}`),
    h('p', {class: 'lead'}, h('span', {class: 'zone', id: 'zone'}, zoneNote(profile))),
    h('nav', {class: 'week-nav', 'aria-label': 'Dates'},
      h('a', {class: 'button secondary', href: link(view, addDays(first, -days))}, view === 'day' ? '\u2190 Previous day' : '\u2190 Previous week'),
      h('a', {class: 'button secondary', href: link(view, today(zone))}, 'Today'),
      h('a', {class: 'button secondary', href: link(view, addDays(first, days))}, view === 'day' ? 'Next day \u2192' : 'Next week \u2192'),
      h('a', {class: 'button secondary', href: link(view === 'day' ? 'week' : 'day',
        view === 'week' && today(zone) >= first && today(zone) < addDays(first, 7) ? today(zone) : first), id: 'toggle-view'},
        view === 'day' ? 'Show the week' : 'Show one day'),
      h('a', {class: 'button', href: '#/availability'}, 'Open slots')),
    body);

  async function load() {
    const [page, names] = await Promise.all([
      api.get(`/api/slots${query({doctorId, from: from.toISOString(), to: to.toISOString(), size: 500})}`),
      patientNames(from, to)]);
    const slots = (page.items ?? []).filter(slot => slot.status !== 'REMOVED');
    const byDay = new Map([...Array(days).keys()].map(i => [addDays(first, i), []]));
    slots.forEach(slot => byDay.get(dayKey(slot.start, zone))?.push(slot));
    replace(body, [...byDay].map(([day, list]) => h('section', {'aria-labelledby': `day-${day}`, class: list.length ? 'schedule-day' : 'schedule-day empty'},
      h('h2', {id: `day-${day}`}, dayHeading(day)),
      list.length ? h('div', {class: 'table-wrap'}, h('table', {class: 'responsive'},
        h('thead', {}, h('tr', {}, ['Time', 'Status', 'Patient', 'Actions'].map(t => h('th', {scope: 'col'}, t)))),
        h('tbody', {}, list.map(slot => slotRow(slot, names, zone, rules, load)))))
        : h('p', {class: 'muted'}, 'No slots.'))));
  }

  try {
    await load();
  } catch (error) {
    replace(body, problemBox(error));
    return undefined;
  }
  // New bookings and cancellations show up while the page is open.
  const stream = new EventSource(`/api/slots/stream${query({doctorId})}`);
  let pending = null;
  stream.addEventListener('slot', event => {
    const slot = JSON.parse(event.data);
    if (body.querySelector('form.move-slot')) return; // the doctor is editing a slot: saving reloads the page
    const shown = body.querySelector(`tr[data-slot-id="${slot.slotId}"]`);
    if (!shown && (new Date(slot.start) < from || new Date(slot.start) >= to)) return;
    clearTimeout(pending);
    pending = setTimeout(() => load().catch(() => {}), 300);
  });
  return () => { clearTimeout(pending); stream.close(); };
}

/** Patient names from GET /api/doctors/me/appointments, keyed by slot; empty when that endpoint is not there. */
async function patientNames(from, to) {
  try {
    const page = await api.get(`/api/doctors/me/appointments${query({from: from.toISOString(), to: to.toISOString(), size: 500})}`);
    return new Map((page.items ?? []).map(a => [pick(a, 'slotId', 'slot.slotId'), pick(a, 'patientName', 'patient.fullName', 'patientFullName')]));
  } catch {
    return new Map();
  }
}

/** Only the actions the slot's state and time allow are offered; the server still decides. */
function slotRow(slot, names, zone, rules, reload) {
  const box = h('div', {'aria-live': 'assertive'});
  const when = `${time(slot.start, zone)}\u2013${time(slot.end, zone)}`;
  const patient = slot.patientId ? (names.get(slot.slotId) ?? 'a patient') : '';
  const editor = h('div', {class: 'editor'});
  const action = (label, path, options = {}) => {
    const button = h('button', {type: 'button', class: options.danger ? 'danger' : 'secondary', dataset: {action: label},
      'aria-label': `${label} ${when}`,
      onclick: async () => {
        let body = options.body ?? {};
        if (options.ask) {
          const answer = await confirmAction(options.ask);
          if (!answer) return;
          if (answer.reason) body = {...body, reason: answer.reason};
        }
        await act(button, box, async () => {
          if (options.method === 'DELETE') await api.delete(path);
          else await api.post(path, body);
          announce(`${label}: done.`);
          await reload();
        });
      }}, label);
    return button;
  };
  const base = `/api/slots/${slot.slotId}`;
  const buttons = [];
  const attendance = slot.appointmentStatus;
  const now = Date.now();
  const start = new Date(slot.start).getTime();
  const ahead = start > now;
  const remove = action('Remove', base, {method: 'DELETE', danger: true, ask: {title: `Remove ${when}?`,
    message: 'The time disappears from your calendar; patients can no longer book it.', confirmLabel: 'Remove the slot'}});
  if (slot.status === 'FREE' && ahead) buttons.push(editButton(slot, zone, editor, reload), action('Block', `${base}/block`), remove);
  if (slot.status === 'BLOCKED' && ahead) buttons.push(action('Unblock', `${base}/unblock`), remove);
  if (slot.status === 'BOOKED' && (!attendance || attendance === 'booked')) {
    if (now >= start - rules.checkInOpensSeconds * 1000) buttons.push(action('Check in', `${base}/check-in`));
    if (now >= start) buttons.push(action('No-show', `${base}/no-show`));
    if (ahead) {
      buttons.push(action('Cancel', `${base}/cancel`, {danger: true, ask: {title: `Cancel ${patient}\u2019s appointment at ${when}?`,
        message: 'The patient is mailed your reason and the time is free again.', confirmLabel: 'Cancel the appointment',
        reason: 'required'}}));
    }
  }
  if (slot.status === 'BOOKED' && attendance === 'checked-in' && now >= start) buttons.push(action('Complete', `${base}/complete`));
  return h('tr', {dataset: {slotId: slot.slotId, status: slot.status}},
    h('td', {'data-label': 'Time'}, when),
    h('td', {'data-label': 'Status'}, statusBadge(slot.status), attendance && attendance !== 'booked' ? [' ', statusBadge(attendance)] : null),
    h('td', {'data-label': patient ? 'Patient' : ''}, patient),
    h('td', {'data-label': buttons.length ? 'Actions' : ''}, h('div', {class: 'actions'}, buttons), editor, box));
}

/** Edit on a free slot: a small form in the row moves it to another date and time (PATCH /api/slots/{id}). */
function editButton(slot, zone, editor, reload) {
  const button = h('button', {type: 'button', class: 'secondary', dataset: {action: 'Edit'},
    'aria-label': `Edit ${time(slot.start, zone)}`, 'aria-expanded': 'false', onclick: () => {
      if (editor.firstChild) {
        editor.replaceChildren();
        button.setAttribute('aria-expanded', 'false');
        return;
      }
      button.setAttribute('aria-expanded', 'true');
      const form = onSubmit(h('form', {class: 'stack move-slot', 'aria-label': `Move ${time(slot.start, zone)}`},
        field('Date', h('input', {name: 'date', type: 'date', required: true, value: dayKey(slot.start, zone)})),
        field('From', h('input', {name: 'start', type: 'time', required: true, value: time(slot.start, zone)})),
        field('Until', h('input', {name: 'end', type: 'time', required: true, value: time(slot.end, zone)})),
        h('div', {class: 'actions'}, h('button', {type: 'submit'}, 'Save'),
          h('button', {type: 'button', class: 'secondary', onclick: () => {
            editor.replaceChildren();
            button.setAttribute('aria-expanded', 'false');
            button.focus();
          }}, 'Cancel'))),
      async values => {
        await api.patch(`/api/slots/${slot.slotId}`, {start: zoned(values.date, values.start, zone).toISOString(),
          end: zoned(values.date, values.end, zone).toISOString()});
        announce('Slot moved.');
        await reload();
      });
      editor.replaceChildren(form);
      form.querySelector('input')?.focus();
    }}, 'Edit');
  return button;
}

/** Open one slot or a recurring rule, in the doctor's time zone. */
export async function availabilityPage(main, {go}) {
  const me = currentSession();
  const doctorId = me.accountId;
  const profile = await doctorProfile(doctorId);
  const zone = profile.timeZone;
  const start = today(zone);
  const result = h('div', {'aria-live': 'polite', id: 'availability-result'});

  const single = onSubmit(h('form', {class: 'stack', 'aria-labelledby': 'one-slot'},
    field('Date', h('input', {name: 'date', type: 'date', required: true, value: addDays(start, 1)})),
    field('From', h('input', {name: 'startTime', type: 'time', required: true, value: '09:00'})),
    field('Until', h('input', {name: 'endTime', type: 'time', required: true, value: '09:30'})),
    h('div', {class: 'actions'}, h('button', {type: 'submit'}, 'Open this slot'))), async values => {
    const body = {start: zoned(values.date, values.startTime, zone).toISOString(), end: zoned(values.date, values.endTime, zone).toISOString()};
    const slot = await api.post(`/api/doctors/${doctorId}/slots`, body);
    replace(result, notice(`Opened ${date(slot.start, zone)} ${time(slot.start, zone)}\u2013${time(slot.end, zone)} (${zone}).`, 'ok'));
    announce('Slot opened.');
  });

  const weekdays = h('fieldset', {class: 'field'}, h('legend', {}, 'On these days'),
    h('div', {class: 'actions'}, WEEKDAYS.map(([code, name], i) =>
      h('label', {}, h('input', {type: 'checkbox', name: 'byday', value: code, checked: i < 5}), ` ${name}`))));
  const rule = onSubmit(h('form', {class: 'stack', 'aria-labelledby': 'recurring'},
    weekdays,
    field('From (each day)', h('input', {name: 'startTime', type: 'time', required: true, value: '09:00'})),
    field('Until (each day)', h('input', {name: 'endTime', type: 'time', required: true, value: '12:00'})),
    field('Slot length (minutes)', h('input', {name: 'slotMinutes', type: 'number', min: 5, max: 480, required: true, value: 30})),
    field('Gap between slots (minutes)', h('input', {name: 'gapMinutes', type: 'number', min: 0, value: 0})),
    field('First day', h('input', {name: 'validFrom', type: 'date', required: true, value: addDays(start, 1)})),
    field('Last day (optional)', h('input', {name: 'validUntil', type: 'date'})),
    h('details', {}, h('summary', {}, 'Advanced: a rule of your own'),
      field('Recurrence rule (RRULE)', h('input', {name: 'rrule', type: 'text', placeholder: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE'}),
        'Replaces the days above, e.g. every other week. Leave empty to use the days you ticked.')),
    h('div', {class: 'actions'}, h('button', {type: 'submit'}, 'Open these slots'))), async values => {
    const days = [...rule.querySelectorAll('input[name="byday"]:checked')].map(box => box.value);
    const body = {
      rrule: values.rrule ?? (days.length ? `FREQ=WEEKLY;BYDAY=${days.join(',')}` : ''),
      startTime: values.startTime, endTime: values.endTime, slotMinutes: values.slotMinutes,
      gapMinutes: values.gapMinutes ?? 0, validFrom: values.validFrom, validUntil: values.validUntil,
    };
    const created = await api.post(`/api/doctors/${doctorId}/availability`, body);
    await loadRules();
    replace(result, h('p', {class: 'notice ok', role: 'status'},
      `Opened ${created.slotsOpened} slots`, created.slotsSkipped ? ` (${created.slotsSkipped} skipped: they overlap existing ones)` : '', '. ',
      h('a', {href: `#/schedule?view=week&date=${values.validFrom}`, id: 'see-schedule'}, 'See them in my schedule'), '.'));
    announce(`Opened ${created.slotsOpened} slots.`);
  });

  const rules = h('div', {'aria-live': 'polite', id: 'rules'});
  async function loadRules(message) {
    try {
      const page = await api.get(`/api/doctors/${doctorId}/availability`);
      const items = page.items ?? [];
      replace(rules, message ?? null, items.length ? h('ul', {class: 'cards'}, items.map(rule => ruleCard(rule, doctorId, loadRules)))
        : h('p', {class: 'muted'}, 'No recurring rule yet.'));
    } catch (error) {
      replace(rules, problemBox(error));
    }
  }
  replace(main, h('h1', {}, 'Open slots'),
    h('p', {class: 'lead'}, 'Dates and times are in your time zone: ', h('span', {class: 'zone'}, zoneNote(profile))),
    result,
    h('section', {'aria-labelledby': 'rules-title'}, h('h2', {id: 'rules-title'}, 'My recurring rules'), rules),
    h('div', {class: 'charts'},
      h('section', {}, h('h2', {id: 'recurring'}, 'A recurring rule'), rule),
      h('section', {}, h('h2', {id: 'one-slot'}, 'One slot'), single)));
  await loadRules();
}

const DAY_NAMES = Object.fromEntries(WEEKDAYS.map(([code, name]) => [code, `${name}s`]));

/** A rule in words: "Mondays, Wednesdays and Fridays, 09:00–12:00, 30-minute slots". */
function ruleWords(rule) {
  const parts = Object.fromEntries(rule.rrule.split(';').map(part => part.split('=')));
  const days = (parts.BYDAY ?? '').split(',').filter(Boolean).map(code => DAY_NAMES[code] ?? code);
  const every = parts.FREQ === 'DAILY' && !days.length ? 'Every day'
    : parts.FREQ === 'WEEKLY' && (parts.INTERVAL ?? '1') === '1' && days.length
      ? new Intl.ListFormat(undefined, {type: 'conjunction'}).format(days)
      : rule.rrule;
  return `${every}, ${rule.startTime.slice(0, 5)}\u2013${rule.endTime.slice(0, 5)}, ${rule.slotMinutes}-minute slots`;
}

function ruleCard(rule, doctorId, reload) {
  const box = h('div', {'aria-live': 'assertive'});
  const words = ruleWords(rule);
  const end = rule.endedAt ? null : h('button', {type: 'button', class: 'danger', 'data-action': 'end-rule',
    'aria-label': `End the rule: ${words}`, onclick: async () => {
      const answer = await confirmAction({title: 'End this rule?', message: `${words}. It opens no more slots, and its `
        + 'free slots still ahead are removed. Booked appointments stay.', confirmLabel: 'End the rule', keepLabel: 'Keep the rule'});
      if (!answer) return;
      await act(end, box, async () => {
        const ended = await api.post(`/api/doctors/${doctorId}/availability/${rule.ruleId}/end`, {});
        announce('Rule ended.');
        await reload(h('p', {class: 'notice ok', role: 'status', id: 'rule-ended'}, `Rule ended: ${plural(ended.slotsRemoved, 'free slot')} removed`,
          ended.slotsKept ? `, ${plural(ended.slotsKept, 'booked slot')} kept for their patients` : '', '.'));
      });
    }}, 'End this rule');
  return h('li', {class: 'card', dataset: {ruleId: rule.ruleId}},
    h('h3', {}, words),
    h('p', {class: 'muted'}, `From ${dayHeading(rule.validFrom)}`, rule.validUntil ? ` until ${dayHeading(rule.validUntil)}` : ', no end date',
      rule.endedAt ? ' \u00b7 ended' : rule.openedThrough ? ` \u00b7 open through ${dayHeading(rule.openedThrough)}` : ''),
    end, box);
}

export async function profilePage(main) {
  const me = currentSession();
  const doctorId = me.accountId;
  forgetProfile(doctorId);
  const profile = await doctorProfile(doctorId);
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const status = h('div', {'aria-live': 'polite'});
  const text = (name, value) => h('input', {name, type: 'text', value: value ?? ''});
  const zoneInput = h('input', {name: 'timeZone', type: 'text', list: 'zones', value: profile.zoneKnown ? profile.timeZone : ''});
  const form = onSubmit(h('form', {class: 'stack'},
    field('Full name', text('fullName', profile.fullName)),
    field('Specialization', text('specialization', profile.specialization)),
    field('Time zone', zoneInput, 'An IANA zone such as Europe/Berlin; your slots are shown in it.'),
    h('datalist', {id: 'zones'}, zones.map(zone => h('option', {value: zone}))),
    field('Qualifications', text('qualifications', (profile.qualifications ?? []).join(', ')), 'Separated by commas.'),
    field('Years of experience', h('input', {name: 'yearsOfExperience', type: 'number', min: 0, value: profile.yearsOfExperience ?? ''})),
    field('Fee', h('input', {name: 'fee', type: 'number', min: 0, step: '0.01', value: profile.fee ?? ''})),
    field('About me', h('textarea', {name: 'bio', rows: 4}, profile.bio ?? '')),
    h('div', {class: 'actions'}, h('button', {type: 'submit'}, 'Save profile'))), async values => {
    if (values.timeZone && !isValidZone(values.timeZone)) {
      throw new ApiError(400, {title: 'Invalid input', detail: 'Check the time zone.',
        errors: [{field: 'timeZone', message: 'is not a time zone this browser knows'}]});
    }
    const patch = {...values};
    if (values.qualifications) patch.qualifications = values.qualifications.split(',').map(q => q.trim()).filter(Boolean);
    await api.patch(`/api/doctors/${doctorId}`, patch);
    forgetProfile(doctorId);
    replace(status, notice('Profile saved.', 'ok'));
    announce('Profile saved.');
  });
  replace(main, h('h1', {}, 'My profile'),
    profile.fullName ? null : notice('Your current profile could not be loaded; fill in only what you want to change.', 'warn'),
    status, form, filesSection(doctorId));
}
