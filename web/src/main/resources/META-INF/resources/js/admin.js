import {api, query} from './api.js';
import {h, replace, field, notice, announce, statusBadge, shortId, totalText, pagesText, plural, cardTable} from './dom.js';
import {onSubmit, act, problemBox} from './forms.js';
import {range, longRange, browserZone, zoneLabel, dateTime, zoned, addDays, isValidZone} from './time.js';
import {pick, doctorProfile, doctorName} from './doctors.js';
import {confirmAction} from './dialog.js';
import {suggestDoctors} from './patient.js';
import {doctorPhoto} from './photos.js';
import {documentsReview, documentNotes} from './doctor-files.js';

const ECHARTS = '/webjars/echarts/5.3.1/dist/echarts.min.js';
let echartsLoading = null;

function loadCharts() {
  echartsLoading ??= new Promise((resolve, reject) => {
    if (window.echarts) { resolve(window.echarts); return; }
    const script = h('script', {src: ECHARTS});
    script.addEventListener('load', () => resolve(window.echarts));
    script.addEventListener('error', () => reject(new Error('The chart library could not be loaded.')));
    document.head.append(script);
  });
  return echartsLoading;
}

const percent = value => value === undefined || value === null ? '–' : `${(Number(value) <= 1 ? Number(value) * 100 : Number(value)).toFixed(1)} %`;

/** A chart with the same figures as a table underneath, for screen readers and for reading exact values. */
function chartFigure(id, title, rows, columns, option) {
  const canvas = h('div', {class: 'chart', id, role: 'img', 'aria-label': `${title}: chart; the same figures follow as a table`});
  const table = h('details', {}, h('summary', {}, `${title} as a table`),
    h('div', {class: 'table-wrap'}, h('table', {}, h('thead', {}, h('tr', {}, columns.map(c => h('th', {scope: 'col'}, c)))),
      h('tbody', {}, rows.map(row => h('tr', {}, row.map(cell => h('td', {}, cell))))))));
  const figure = h('figure', {class: 'figure'}, h('figcaption', {}, title),
    rows.length ? canvas : h('p', {class: 'muted'}, 'No data yet.'), rows.length ? table : null);
  return {figure, draw: echarts => rows.length && echarts.init(canvas).setOption({animation: false, tooltip: {},
    grid: {containLabel: true, left: 8, right: 24, top: 16, bottom: 8}, ...option})};
}

/** The figures of `GET /api/admin/dashboard` (DashboardView): rates are fractions with their numerator and denominator. */
function dashboardFigures(board) {
  const perDay = (board.bookingsPerDay ?? []).map(d => [d.date, Number(d.bookings ?? 0)]);
  const utilization = (board.utilization?.items ?? [])
    .map(d => [d.fullName ?? shortId(d.doctorId), Number(d.value ?? 0), `${d.bookedSlots} of ${d.openedSlots}`]);
  const specializations = (board.busiestSpecializations?.items ?? []).map(s => [s.name, Number(s.appointments ?? 0)]);
  const rates = [['Cancellation rate', board.cancellationRate], ['No-show rate', board.noShowRate]]
    .filter(([, rate]) => rate).map(([name, rate]) => [name, Number(rate.value ?? 0), `${rate.numerator} of ${rate.denominator}`]);
  const totals = [
    ['listedDoctors', board.doctors?.listed], ['pendingDoctors', board.doctors?.pending],
    ['patients', board.patients?.registered], ['appointments', board.appointments],
    ...Object.entries(board.appointmentsByStatus ?? {}),
  ].filter(([, value]) => typeof value === 'number');
  return {perDay, utilization, specializations, rates, totals};
}

export async function dashboardPage(main) {
  replace(main, h('h1', {}, 'Dashboard'), h('p', {class: 'muted'}, 'Loading the figures…'));
  let board;
  try {
    board = await api.get('/api/admin/dashboard');
  } catch (error) {
    replace(main, h('h1', {}, 'Dashboard'), problemBox(error));
    return;
  }
  const {perDay, utilization, specializations, rates, totals} = dashboardFigures(board);
  const figures = [
    chartFigure('chart-bookings', 'Bookings per day', perDay, ['Day', 'Bookings'],
      {xAxis: {type: 'category', data: perDay.map(d => d[0])}, yAxis: {type: 'value', minInterval: 1},
        series: [{type: 'bar', name: 'Bookings', data: perDay.map(d => d[1])}]}),
    chartFigure('chart-utilization', 'Utilization per doctor', utilization.map(([n, u, of]) => [n, percent(u), of]), ['Doctor', 'Booked share of opened slots', 'Booked of opened'],
      {xAxis: {type: 'value', max: 100, axisLabel: {formatter: '{value} %'}}, yAxis: {type: 'category', data: utilization.map(d => d[0])},
        series: [{type: 'bar', name: 'Utilization', data: utilization.map(d => +(d[1] <= 1 ? d[1] * 100 : d[1]).toFixed(1))}]}),
    chartFigure('chart-rates', 'Cancellation and no-show rates', rates.map(([n, r, of]) => [n, percent(r), of]), ['Rate', 'Share', 'Of'],
      {xAxis: {type: 'category', data: rates.map(r => r[0])}, yAxis: {type: 'value', axisLabel: {formatter: '{value} %'}},
        series: [{type: 'bar', name: 'Rate', data: rates.map(r => +(Number(r[1]) <= 1 ? Number(r[1]) * 100 : Number(r[1])).toFixed(1))}]}),
    chartFigure('chart-specializations', 'Busiest specializations', specializations, ['Specialization', 'Bookings'],
      {legend: {bottom: 0, type: 'scroll'}, series: [{type: 'pie', radius: ['30%', '62%'], label: {position: 'inside', formatter: '{c}'},
        data: specializations.map(([name, value]) => ({name, value}))}]}),
  ];
  replace(main, h('h1', {}, 'Dashboard'),
    totals.length ? h('ul', {class: 'kpis', id: 'kpis'}, totals.map(([name, value]) =>
      h('li', {dataset: {kpi: name}}, h('strong', {}, String(value)), name.replace(/([A-Z])/g, ' $1').toLowerCase()))) : null,
    revenueTable(board.revenue),
    h('div', {class: 'charts'}, figures.map(f => f.figure)));
  try {
    const echarts = await loadCharts();
    figures.forEach(f => f.draw(echarts));
  } catch (error) {
    main.append(notice(`${error.message} The tables under each chart show the same figures.`, 'warn'));
  }
}

/** Online payments per currency (DashboardView.revenue); nothing when the clinic takes none. */
function revenueTable(revenue) {
  if (!revenue?.length) return null;
  return h('div', {class: 'table-wrap'}, h('table', {id: 'revenue'},
    h('caption', {}, 'Online payments (paid, refunded, net)'),
    h('thead', {}, h('tr', {}, ['Currency', 'Paid', 'Refunded', 'Net', 'Payments', 'Refunds'].map(t => h('th', {scope: 'col'}, t)))),
    h('tbody', {}, revenue.map(r => h('tr', {dataset: {currency: r.currency}},
      h('td', {}, r.currency.toUpperCase()), h('td', {}, Number(r.paid).toFixed(2)), h('td', {}, Number(r.refunded).toFixed(2)),
      h('td', {}, Number(r.net).toFixed(2)), h('td', {}, String(r.payments)), h('td', {}, String(r.refunds)))))));
}

/** Whether Stripe is configured (never its secrets), the refund policy, and which doctors are paid online. */
export async function paymentsPage(main) {
  const list = h('div', {'aria-live': 'polite'});
  replace(main, h('h1', {}, 'Payments'), list);
  let settings;
  let doctors;
  try {
    [settings, doctors] = await Promise.all([api.get('/api/admin/payments'), api.get('/api/doctors?size=100')]);
  } catch (error) {
    replace(list, problemBox(error));
    return;
  }
  const enabled = new Set(settings.enabledDoctors ?? []);
  // The doctors paid online come first, each read by id (the directory's first page need not hold them), then the
  // rest of the directory's first page.
  const listed = new Set((doctors.items ?? []).map(doctor => doctor.doctorId));
  const paidOnline = (await Promise.all([...enabled].filter(id => !listed.has(id))
    .map(id => api.get(`/api/doctors/${id}`).catch(() => null)))).filter(Boolean);
  const rows = [...paidOnline, ...(doctors.items ?? [])]
    .sort((a, b) => Number(enabled.has(b.doctorId)) - Number(enabled.has(a.doctorId)));
  const yes = value => value ? 'yes' : 'no';
  replace(list,
    settings.configured
      ? notice(`Payments are on: Stripe ${settings.mode} mode, currency ${settings.currency.toUpperCase()}.`, 'ok')
      : notice('Payments are off: set CARESLOT_STRIPE_SECRET_KEY, CARESLOT_STRIPE_PUBLISHABLE_KEY and CARESLOT_STRIPE_WEBHOOK_SECRET. Until then every booking is free.', 'warn'),
    h('dl', {id: 'payment-settings', class: 'details'},
      h('dt', {}, 'Secret key set'), h('dd', {}, yes(settings.secretKeySet)),
      h('dt', {}, 'Publishable key'), h('dd', {}, settings.publishableKey ?? 'not set'),
      h('dt', {}, 'Webhook secret set'), h('dd', {}, yes(settings.webhookSecretSet)),
      h('dt', {}, 'Full refund when a patient cancels at least'), h('dd', {}, `${settings.refundCutoff} before the start`),
      h('dt', {}, 'Later cancellations by the patient get back'), h('dd', {}, `${settings.lateRefundPercent} %`)),
    h('div', {class: 'table-wrap'}, h('table', {id: 'payment-doctors'},
      h('caption', {}, 'Doctors paid online (those with a fee in their profile)'),
      h('thead', {}, h('tr', {}, ['Doctor', 'Fee', 'Paid online', 'Actions'].map(t => h('th', {scope: 'col'}, t)))),
      h('tbody', {}, rows.map(doctor => {
        const box = h('div', {'aria-live': 'assertive'});
        const state = h('td', {}, yes(enabled.has(doctor.doctorId)));
        const toggle = h('button', {type: 'button', class: 'secondary', onclick: () => act(toggle, box, async () => {
          const on = !enabled.has(doctor.doctorId);
          await api.put(`/api/admin/payments/doctors/${doctor.doctorId}`, {enabled: on});
          if (on) enabled.add(doctor.doctorId); else enabled.delete(doctor.doctorId);
          replace(state, yes(on));
          toggle.textContent = on ? 'Turn off' : 'Turn on';
        })}, enabled.has(doctor.doctorId) ? 'Turn off' : 'Turn on');
        return h('tr', {dataset: {doctorId: doctor.doctorId}}, h('td', {}, doctor.fullName),
          h('td', {}, doctor.fee == null ? 'none' : Number(doctor.fee).toFixed(2)), state, h('td', {}, toggle, box));
      })))));
}

const DOCTOR_FIELDS = () => [
  field('Email', h('input', {name: 'email', type: 'email', required: true})),
  field('Full name', h('input', {name: 'fullName', type: 'text', required: true})),
  field('Specialization', h('input', {name: 'specialization', type: 'text', required: true})),
  field('Time zone', h('input', {name: 'timeZone', type: 'text', required: true, value: browserZone, list: 'zones'}),
    'An IANA zone such as Europe/Berlin.'),
  h('datalist', {id: 'zones'}, (Intl.supportedValuesOf?.('timeZone') ?? []).map(zone => h('option', {value: zone}))),
  field('Qualifications (optional)', h('input', {name: 'qualifications', type: 'text'}), 'Separated by commas.'),
  field('Years of experience (optional)', h('input', {name: 'yearsOfExperience', type: 'number', min: 0})),
  field('Fee (optional)', h('input', {name: 'fee', type: 'number', min: 0, step: '0.01'})),
  field('Bio (optional)', h('textarea', {name: 'bio', rows: 3})),
];

export async function doctorsPage(main) {
  const result = h('div', {'aria-live': 'polite'});
  const onboard = onSubmit(h('form', {class: 'stack'}, DOCTOR_FIELDS(),
    h('div', {class: 'actions'}, h('button', {type: 'submit'}, 'Onboard and send the invitation'))), async values => {
    const body = {...values};
    if (values.qualifications) body.qualifications = values.qualifications.split(',').map(q => q.trim()).filter(Boolean);
    const created = await api.post('/api/admin/doctors', body);
    replace(result, h('p', {class: 'notice ok', role: 'status'}, `Onboarded ${values.fullName}; the invitation is on its way to ${values.email}. `,
      h('a', {href: `#/doctors/${created.doctorId}`}, `See ${values.fullName}\u2019s page`), '.'));
    onboard.reset();
    announce('Doctor onboarded.');
  });
  const applications = h('div', {'aria-live': 'polite'});
  replace(main, h('h1', {}, 'Doctors'),
    h('section', {'aria-labelledby': 'applications-title'}, h('h2', {id: 'applications-title'}, 'Applications'), applications),
    h('section', {'aria-labelledby': 'onboard-title'}, h('h2', {id: 'onboard-title'}, 'Onboard a doctor'), result, onboard));
  try {
    const page = await api.get(`/api/admin/doctors${query({status: 'PENDING', size: 100})}`);
    const pending = page.items ?? [];
    replace(applications, pending.length ? h('ul', {class: 'cards'}, pending.map(doctor => applicationCard(doctor)))
      : notice('No application is waiting.'));
  } catch (error) {
    replace(applications, problemBox(error));
  }
}

function applicationCard(doctor) {
  const id = pick(doctor, 'doctorId', 'id');
  const box = h('div', {'aria-live': 'assertive'});
  const card = h('li', {class: 'card'});
  const approve = h('button', {type: 'button', onclick: () => act(approve, box, async () => {
    await decideApplication(id, false, undefined, documentNotes(card));
    replace(card, notice(`${doctor.fullName} approved.`, 'ok'));
  })}, 'Approve');
  const reject = h('button', {type: 'button', class: 'danger', onclick: async () => {
    const answer = await confirmAction({title: `Reject ${doctor.fullName}\u2019s application?`,
      message: 'The applicant is told by mail, with your reason.', confirmLabel: 'Reject', reason: 'optional'});
    if (!answer) return;
    await act(reject, box, async () => {
      await decideApplication(id, true, answer.reason, documentNotes(card));
      replace(card, notice(`${doctor.fullName} rejected.`, 'ok'));
    });
  }}, 'Reject');
  return replace(card, doctorPhoto(id, 96, `Photo of ${doctor.fullName ?? 'the applicant'}`),
    h('h3', {}, doctor.fullName ?? 'Applicant'), h('p', {}, doctor.specialization ?? ''),
    h('h4', {}, 'Documents'), documentsReview(id),
    h('div', {class: 'actions'}, approve, reject), box);
}

function decideApplication(doctorId, reject, reason, notes = []) {
  const documentNotes = notes.length ? notes : undefined;
  return reject ? api.post(`/api/admin/doctors/${encodeURIComponent(doctorId)}/reject`, {reason: reason || undefined, documentNotes})
    : api.post(`/api/admin/doctors/${encodeURIComponent(doctorId)}/approve`, {documentNotes});
}

export async function appointmentsPage(main, {search, go}) {
  const filters = Object.fromEntries(['status', 'doctor', 'from', 'to'].map(k => [k, search.get(k) ?? '']));
  const pageNo = Number(search.get('page') ?? 0);
  const list = h('div', {'aria-live': 'polite', id: 'appointments-list'});
  const statusSelect = h('select', {name: 'status'}, ['', 'booked', 'checked-in', 'fulfilled', 'cancelled', 'noshow']
    .map(s => h('option', {value: s, selected: s === filters.status}, s ? STATUS_NAMES[s] : 'Any status')));
  const doctorInput = h('input', {name: 'doctor', type: 'search', value: filters.doctor, list: 'filter-doctors', autocomplete: 'off'});
  const names = h('datalist', {id: 'filter-doctors'});
  let suggesting = null;
  doctorInput.addEventListener('input', () => {
    clearTimeout(suggesting);
    suggesting = setTimeout(() => suggestDoctors(doctorInput.value, names), 200);
  });
  const form = onSubmit(h('form', {class: 'inline', role: 'search', 'aria-label': 'Filter appointments'},
    field('Status', statusSelect),
    field('Doctor', doctorInput), names,
    field(`From (${zoneLabel(browserZone)})`, h('input', {name: 'from', type: 'date', value: filters.from})),
    field(`Until (${zoneLabel(browserZone)})`, h('input', {name: 'to', type: 'date', value: filters.to})),
    h('button', {type: 'submit'}, 'Filter')), async values => go(`/admin/appointments${query(values)}`));
  replace(main, h('h1', {}, 'All appointments'), form, list);
  const asInstant = day => day ? zoned(day, '00:00', browserZone).toISOString() : undefined;

  async function load(message) {
    let doctorId;
    if (filters.doctor) {
      // The filter takes a name: the doctor whose full name it is (or the only one it matches).
      const found = await api.get(`/api/doctors${query({q: filters.doctor, size: 10})}`).then(p => p.items ?? []).catch(() => []);
      const exact = found.filter(d => d.fullName.toLowerCase() === filters.doctor.toLowerCase());
      const chosen = exact.length === 1 ? exact[0] : found.length === 1 ? found[0] : null;
      if (!chosen) {
        replace(list, notice(found.length ? `${plural(found.length, 'doctor')} match \u201c${filters.doctor}\u201d: pick one from the suggestions.`
          : `No doctor is called \u201c${filters.doctor}\u201d.`, 'warn'));
        return;
      }
      doctorId = chosen.doctorId;
    }
    let page;
    try {
      page = await api.get(`/api/admin/appointments${query({status: filters.status, doctorId,
        from: asInstant(filters.from), to: filters.to ? asInstant(addDays(filters.to, 1)) : undefined, page: pageNo, size: 50})}`);
    } catch (error) {
      replace(list, problemBox(error));
      return;
    }
    const items = page.items ?? [];
    const pages = Math.max(1, Math.ceil((page.totalItems ?? items.length) / (page.size || 50)));
    const to = n => `#/admin/appointments${query({...filters, page: n})}`;
    const zones = new Map(await Promise.all([...new Set(items.map(item => pick(item, 'doctorId', 'doctor.doctorId')))]
      .map(async id => [id, await doctorProfile(id)])));
    replace(list, message ?? null, cardTable({id: 'admin-appointments',
      caption: `${totalText(page, items.length)} ${Number(page.totalItems ?? items.length) === 1 ? 'appointment' : 'appointments'}, page ${pageNo + 1} of ${pagesText(page, items.length)}; times in each doctor\u2019s zone`,
      columns: ['When', 'Doctor', 'Patient', 'Status', 'Actions'], rows: items.map(item => adminRow(item, zones, load))}),
    h('nav', {class: 'week-nav', 'aria-label': 'Pages'},
      pageNo > 0 ? h('a', {class: 'button secondary', href: to(pageNo - 1)}, '\u2190 Previous page') : null,
      pageNo + 1 < pages ? h('a', {class: 'button secondary', href: to(pageNo + 1)}, 'Next page \u2192') : null));
  }
  await load();
}

const STATUS_NAMES = {booked: 'Booked', 'checked-in': 'Checked in', fulfilled: 'Done', cancelled: 'Cancelled', noshow: 'Did not come'};

function adminRow(item, zones, reload) {
  const profile = zones.get(pick(item, 'doctorId', 'doctor.doctorId'));
  const zone = isValidZone(item.timeZone ?? '') ? item.timeZone : profile?.timeZone ?? browserZone;
  const slotId = pick(item, 'slotId', 'slot.slotId');
  const status = pick(item, 'status', 'appointmentStatus');
  const start = pick(item, 'start', 'slot.start');
  const end = pick(item, 'end', 'slot.end');
  const patient = item.patientName ?? 'a patient';
  const doctor = item.doctorName ?? doctorName(profile);
  const box = h('div', {'aria-live': 'assertive'});
  const cell = h('td', {});
  if (status === 'booked' && new Date(end) > Date.now()) {
    const cancel = h('button', {type: 'button', class: 'danger', 'aria-label': `Cancel ${patient} with ${doctor}`, onclick: async () => {
      const answer = await confirmAction({title: `Cancel ${patient}\u2019s appointment?`,
        message: `${doctor}, ${longRange(start, end, zone)} (${zoneLabel(zone)}). The patient is mailed.`,
        confirmLabel: 'Cancel the appointment', reason: 'optional'});
      if (!answer) return;
      await act(cancel, box, async () => {
        await api.post(`/api/slots/${slotId}/cancel`, {reason: answer.reason ?? 'Cancelled by the clinic'});
        announce('Appointment cancelled.');
        await reload(notice(`${patient}\u2019s appointment with ${doctor} is cancelled.`, 'ok'));
      });
    }}, 'Cancel');
    cell.append(h('div', {class: 'actions'}, cancel, item.patientId ? h('a', {class: 'button secondary',
      href: `#/doctors/${item.doctorId}?reschedule=${slotId}&for=${item.patientId}`}, 'Reschedule') : null), box);
  }
  return {attrs: {dataset: {slotId}}, cells: [start ? `${range(start, end, zone)} (${zoneLabel(zone)})` : '', doctor, patient,
    statusBadge(status), cell]};
}

export async function notificationsPage(main) {
  const stats = h('div', {'aria-live': 'polite'});
  const letters = h('div', {'aria-live': 'polite'});
  replace(main, h('h1', {}, 'Notifications'),
    h('section', {}, h('h2', {}, 'Mail sent and pending'), stats),
    h('section', {}, h('h2', {}, 'Dead letters'), h('p', {class: 'lead'}, 'Mail that could not be sent after every retry.'), letters));
  api.get('/api/admin/notifications/stats').then(board => {
    const columns = ['sent', 'failed', 'pending', 'deadLettered'];
    const row = (label, counts) => h('tr', {}, h('th', {scope: 'row'}, label),
      columns.map(column => h('td', {dataset: {count: column}}, String(counts?.[column] ?? 0))));
    replace(stats, h('div', {class: 'table-wrap'}, h('table', {id: 'notification-stats'},
      h('caption', {}, 'Mail by type: sent, failed (a retry is due), pending, dead-lettered'),
      h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, 'Type'),
        ['Sent', 'Failed', 'Pending', 'Dead-lettered'].map(title => h('th', {scope: 'col'}, title)))),
      h('tbody', {}, (board?.byType ?? []).map(counts => row(counts.type.toLowerCase().replaceAll('_', ' '), counts)),
        row('all', board?.total)))));
  }).catch(error => replace(stats, problemBox(error)));
  try {
    const page = await api.get(`/api/admin/dead-letters${query({size: 100})}`);
    const items = page.items ?? [];
    replace(letters, items.length ? h('div', {class: 'table-wrap'}, h('table', {},
      h('thead', {}, h('tr', {}, ['Since', 'Event', 'Why', 'Actions'].map(t => h('th', {scope: 'col'}, t)))),
      h('tbody', {}, items.map(letter => deadLetterRow(letter))))) : notice('No dead letters.', 'ok'));
  } catch (error) {
    replace(letters, problemBox(error));
  }
}

function deadLetterRow(letter) {
  const box = h('div', {'aria-live': 'assertive'});
  const cell = h('td', {});
  const retry = h('button', {type: 'button', onclick: () => act(retry, box, async () => {
    const outcome = await api.post(`/api/admin/dead-letters/${encodeURIComponent(letter.id)}/retry`, {});
    replace(cell, outcome?.outcome === 'DELIVERED' ? notice('Sent.', 'ok')
      : notice('It failed again; it stays in the queue.', 'warn'));
  })}, 'Retry now');
  cell.append(retry, box);
  return h('tr', {dataset: {letterId: letter.id}},
    h('td', {}, letter.enqueuedAt ? `${dateTime(letter.enqueuedAt, browserZone)} (${browserZone})` : ''),
    h('td', {}, (letter.eventType ?? '').split('.').pop(), letter.appointmentId ? h('div', {class: 'muted'},
      `appointment ${shortId(letter.appointmentId)}`) : null),
    h('td', {}, letter.cause?.message ?? letter.cause?.type ?? '', h('div', {class: 'muted'},
      `${letter.attempts} attempt${letter.attempts === 1 ? '' : 's'}; ${letter.nextAttemptAt
        ? `next ${dateTime(letter.nextAttemptAt, browserZone)}` : 'no retry left'}`)),
    cell);
}

export async function projectionsPage(main) {
  const list = h('div', {'aria-live': 'polite'});
  replace(main, h('h1', {}, 'Projections'),
    h('p', {class: 'lead'}, 'Read models built from the events. Replaying one rebuilds it from the first event; its reads are incomplete until it has caught up.'),
    list);
  async function load() {
    const projections = await api.get('/api/admin/projections');
    replace(list, h('div', {class: 'table-wrap'}, h('table', {id: 'projections'},
      h('thead', {}, h('tr', {}, ['Name', 'Position', 'State', 'Segments', 'Actions'].map(t => h('th', {scope: 'col'}, t)))),
      h('tbody', {}, (projections ?? []).map(p => {
        const box = h('div', {'aria-live': 'assertive'});
        const replay = h('button', {type: 'button', class: 'secondary', 'aria-label': `Replay ${p.name}`, onclick: () => act(replay, box, async () => {
          await api.post(`/api/admin/projections/${encodeURIComponent(p.name)}/replay`, {});
          announce(`Replaying ${p.name}.`);
          await load();
        })}, 'Replay');
        return h('tr', {dataset: {projection: p.name}}, h('td', {}, p.name), h('td', {}, p.position ?? '–'),
          h('td', {}, p.replaying ? 'replaying' : p.caughtUp ? 'caught up' : 'catching up'),
          h('td', {}, String(p.segments ?? '')), h('td', {}, replay, box));
      })))));
  }
  try {
    await load();
  } catch (error) {
    replace(list, problemBox(error));
    return undefined;
  }
  const timer = setInterval(() => load().catch(() => {}), 3000);
  return () => clearInterval(timer);
}
