import {api, query, currentSession, ApiError} from './api.js';
import {h, replace, field, notice, announce, statusBadge, totalText} from './dom.js';
import {onSubmit, act, problemBox} from './forms.js';
import {time, date, range, dayKey, zoned, addDays, weekStart, today, dayHeading} from './time.js';
import {doctorProfile, doctorName, zoneNote, pick} from './doctors.js';
import {doctorPhoto} from './photos.js';

const ACTIVE = new Set(['BOOKED', 'HELD']);

export async function findDoctorsPage(main, {search, go}) {
  const results = h('div', {'aria-live': 'polite'});
  const specialization = h('select', {name: 'specialization'}, h('option', {value: ''}, 'Any specialization'));
  const form = onSubmit(h('form', {class: 'inline', role: 'search', 'aria-label': 'Find a doctor'},
    field('Name', h('input', {name: 'q', type: 'search', value: search.get('q') ?? ''})),
    field('Specialization', specialization),
    h('button', {type: 'submit'}, 'Search')), async ({q, specialization: chosen}) => {
    go(`/find${query({q, specialization: chosen})}`);
  });
  const byId = onSubmit(h('form', {class: 'inline', 'aria-label': 'Open a doctor by id'},
    field('Doctor id', h('input', {name: 'doctorId', type: 'text', required: true, size: 36})),
    h('button', {type: 'submit', class: 'secondary'}, 'Show free slots')), async ({doctorId}) => {
    go(`/doctors/${encodeURIComponent(doctorId ?? '')}`);
  });
  replace(main, h('h1', {}, 'Find a doctor'), form, results,
    h('details', {}, h('summary', {}, 'Know the doctor\u2019s id?'), byId));

  api.get('/api/specializations').then(list => {
    const names = (Array.isArray(list) ? list : list?.items ?? [])
      .map(item => typeof item === 'string' ? item : pick(item, 'name', 'specialization')).filter(Boolean);
    specialization.append(...names.map(name => h('option', {value: name, selected: name === search.get('specialization')}, name)));
  }).catch(() => {});

  try {
    const page = await api.get(`/api/doctors${query({q: search.get('q'), specialization: search.get('specialization'), size: 20})}`);
    const doctors = page?.items ?? [];
    if (!doctors.length) {
      replace(results, notice('No doctor matches. Try another name or specialization.'));
      return;
    }
    replace(results, h('p', {class: 'muted'}, `${page.totalItems ?? doctors.length} doctors`),
      h('ul', {class: 'cards'}, doctors.map(doctor => doctorCard(doctor))));
  } catch (error) {
    if (error instanceof ApiError && error.missingEndpoint) {
      await doctorsFromFreeSlots(results, error);
    } else {
      replace(results, problemBox(error));
    }
  }
}

/** Without the doctor directory, the doctors who have free slots, found through the slots themselves. */
async function doctorsFromFreeSlots(results, missing) {
  try {
    const page = await api.get(`/api/slots${query({status: 'FREE', from: new Date().toISOString(), size: 500})}`);
    const next = new Map();
    (page.items ?? []).forEach(slot => { if (!next.has(slot.doctorId)) next.set(slot.doctorId, slot); });
    const doctors = await Promise.all([...next.keys()].map(doctorProfile));
    replace(results, problemBox(missing),
      h('p', {}, 'Meanwhile, these doctors have free slots (no name search or specialization filter without the directory):'),
      h('ul', {class: 'cards'}, doctors.map(profile => doctorCard({...profile, fullName: doctorName(profile),
        timeZone: profile.timeZone, nextFreeSlot: next.get(profile.doctorId)}))));
  } catch (error) {
    replace(results, problemBox(missing));
  }
}

function doctorCard(doctor) {
  const id = pick(doctor, 'doctorId', 'id');
  const zone = doctor.timeZone || undefined;
  const next = pick(doctor, 'nextFreeSlot.start', 'nextFreeSlotStart', 'nextFreeSlot');
  const fee = pick(doctor, 'fee');
  return h('li', {class: 'card'},
    id ? doctorPhoto(id, 96) : null,
    h('h2', {}, doctor.fullName ?? 'Doctor'),
    doctor.specialization ? h('p', {}, doctor.specialization) : null,
    fee !== undefined ? h('p', {class: 'muted'}, `Fee: ${fee}`) : null,
    h('p', {}, next && zone ? `Next free: ${date(next, zone)} ${time(next, zone)} (${zone})` : next ? `Next free: ${new Date(next).toLocaleString()}` : 'No free slot soon'),
    h('a', {class: 'button', href: `#/doctors/${id}`}, `See free slots of ${doctor.fullName ?? 'this doctor'}`));
}

/** A doctor's week: free slots to hold and book, the patient's own bookings, live updates over SSE. */
export async function doctorWeekPage(main, {params, search, go}) {
  const {doctorId} = params;
  const me = currentSession();
  const profile = await doctorProfile(doctorId);
  const zone = profile.timeZone;
  const week = weekStart(search.get('week') ?? today(zone));
  const from = zoned(week, '00:00', zone);
  const to = zoned(addDays(week, 7), '00:00', zone);
  const moving = search.get('reschedule');
  const slots = new Map();
  const panel = h('section', {class: 'panel', 'aria-labelledby': 'panel-title', hidden: true});
  const grid = h('ol', {class: 'week', 'aria-label': `Week of ${dayHeading(week)}`});
  const live = h('p', {class: 'muted', role: 'status'});
  let selected = null;

  const link = day => `#/doctors/${doctorId}${query({week: day, reschedule: moving})}`;
  replace(main,
    h('div', {class: 'doctor-heading'}, doctorPhoto(doctorId, 256, `Photo of ${doctorName(profile)}`),
      h('h1', {}, moving ? `Move your appointment: ${doctorName(profile)}` : doctorName(profile))),
    h('p', {class: 'lead'}, profile.specialization ?? '', ' ', h('span', {class: 'zone', id: 'zone'}, zoneNote(profile))),
    moving ? notice('Pick the new time. Your current appointment stays until the new one is confirmed.') : null,
    h('nav', {class: 'week-nav', 'aria-label': 'Weeks'},
      h('a', {class: 'button secondary', href: link(addDays(week, -7))}, '\u2190 Previous week'),
      h('a', {class: 'button secondary', href: link(weekStart(today(zone)))}, 'This week'),
      h('a', {class: 'button secondary', href: link(addDays(week, 7))}, 'Next week \u2192')),
    panel, grid, live);

  const mine = slot => slot.patientId && slot.patientId === me?.accountId;
  const visible = slot => new Date(slot.start) >= from && new Date(slot.start) < to;

  let drawn = null;
  function draw() {
    const focusedId = document.activeElement?.dataset?.slotId;
    const now = Date.now();
    const days = [...Array(7).keys()].map(i => addDays(week, i));
    const shown = days.map(day => [...slots.values()]
      .filter(slot => dayKey(slot.start, zone) === day)
      .filter(slot => (slot.status === 'FREE' && new Date(slot.start) > now) || (ACTIVE.has(slot.status) && mine(slot)))
      .sort((a, b) => a.start.localeCompare(b.start)));
    // Redraw only what changed to the eye: a stream event for another week or an unchanged slot keeps the buttons.
    const signature = JSON.stringify(shown.map(items => items.map(slot => [slot.slotId, slot.status, mine(slot), slot.start, slot.end])));
    if (signature === drawn) return;
    drawn = signature;
    replace(grid, days.map((day, i) => {
      const items = shown[i];
      return h('li', {class: 'day'},
        h('h2', {}, dayHeading(day)),
        items.length ? h('ul', {}, items.map(slot => h('li', {}, slotButton(slot)))) : h('p', {class: 'muted'}, 'No free slots'));
    }));
    const back = focusedId && grid.querySelector(`[data-slot-id="${focusedId}"]`);
    if (back) back.focus();
    else if (focusedId) main.querySelector('h1')?.focus();
  }

  function slotButton(slot) {
    const when = `${time(slot.start, zone)}\u2013${time(slot.end, zone)}`;
    const own = mine(slot);
    return h('button', {type: 'button', class: own ? 'slot mine' : 'slot', dataset: {slotId: slot.slotId, status: slot.status},
      'aria-label': `${own ? 'Your appointment' : moving ? 'Move to' : 'Free'} ${date(slot.start, zone)} ${when} (${zone})`,
      onclick: () => choose(slot)}, when, own ? ' \u2022 yours' : '');
  }

  function choose(slot) {
    selected = {slot, hold: null};
    showPanel();
  }

  function showPanel() {
    if (!selected) {
      panel.hidden = true;
      return;
    }
    const {slot, hold} = selected;
    const box = h('div', {'aria-live': 'assertive'});
    const heading = h('h2', {id: 'panel-title', tabindex: '-1'}, `${range(slot.start, slot.end, zone)} (${zone})`);
    const close = h('button', {type: 'button', class: 'secondary', onclick: () => { selected = null; showPanel(); }}, 'Close');
    let body;
    if (mine(slot) && slot.status === 'BOOKED') {
      const reason = h('input', {name: 'reason', type: 'text', maxlength: 500});
      const cancel = h('button', {type: 'button', class: 'danger', onclick: () => act(cancel, box, async () => {
        await api.post(`/api/slots/${slot.slotId}/cancel`, reason.value.trim() ? {reason: reason.value.trim()} : {});
        slots.set(slot.slotId, {...slot, status: 'FREE', patientId: null, appointmentId: null});
        selected = null;
        draw();
        showPanel();
        replace(live, notice('Your appointment is cancelled.', 'ok'));
        announce('Your appointment is cancelled.');
      })}, 'Cancel this appointment');
      body = [h('p', {}, 'This is your appointment.'), field('Reason (optional)', reason),
        h('div', {class: 'actions'}, cancel,
          h('a', {class: 'button secondary', href: `#/doctors/${doctorId}?reschedule=${slot.slotId}`}, 'Reschedule'), close)];
    } else if (moving) {
      const move = h('button', {type: 'button', id: 'move-here', onclick: () => act(move, box, async () => {
        await api.post(`/api/slots/${moving}/reschedule`, {toSlotId: slot.slotId});
        go('/appointments?moved=1');
      })}, 'Move my appointment here');
      body = [h('p', {}, 'Move your appointment to this time?'), h('div', {class: 'actions'}, move, close)];
    } else if (!hold) {
      const holdButton = h('button', {type: 'button', id: 'hold', onclick: () => act(holdButton, box, async () => {
        selected.holding = true;
        try {
          selected.hold = await api.post(`/api/slots/${slot.slotId}/hold`, {});
          slots.set(slot.slotId, {...slots.get(slot.slotId), status: 'HELD', patientId: me.accountId});
        } finally {
          if (selected) selected.holding = false;
        }
        draw();
        showPanel();
      })}, 'Hold this slot');
      body = [h('p', {}, 'Hold the slot while you confirm: nobody else can take it for a few minutes.'),
        h('div', {class: 'actions'}, holdButton, close)];
    } else {
      const confirm = h('button', {type: 'button', id: 'confirm-booking', onclick: () => act(confirm, box, async () => {
        const booked = await api.post(`/api/slots/${slot.slotId}/book`, {holdId: hold.holdId});
        slots.set(slot.slotId, {...slot, status: 'BOOKED', patientId: booked.patientId ?? me.accountId, appointmentId: booked.appointmentId});
        selected = null;
        draw();
        showPanel();
        replace(live, h('p', {class: 'notice ok', role: 'status', id: 'booked'}, `Booked: ${range(slot.start, slot.end, zone)} (${zone}). `,
          h('a', {href: '#/appointments'}, 'See my appointments'), '.'));
        announce('Booked.');
      })}, 'Confirm booking');
      const release = h('button', {type: 'button', class: 'secondary', onclick: () => act(release, box, async () => {
        await api.delete(`/api/slots/${slot.slotId}/hold`);
        selected = null;
        showPanel();
      })}, 'Release');
      body = hold.payment
        ? payStep(slot, hold, release, box)
        : [h('p', {id: 'held'}, `Held for you until ${time(hold.expiresAt, zone)} (${zone}).`),
          h('div', {class: 'actions'}, confirm, release)];
    }
    replace(panel, heading, ...body, box);
    panel.hidden = false;
    heading.focus();
  }

  /**
   * The doctor is paid online: the fee is paid in Stripe's Payment Element, and Stripe's webhook (never this page)
   * books the slot, which the page then sees. Without Stripe.js (offline, blocked) it says so and charges nothing.
   */
  function payStep(slot, hold, release, box) {
    const {payment} = hold;
    const status = h('p', {id: 'payment-status', role: 'status'});
    const element = h('div', {id: 'payment-element'});
    const pay = h('button', {type: 'button', id: 'pay', disabled: true}, `Pay ${money(payment.amount, payment.currency)}`);
    const waitForBooking = watchBooking(slot, status);
    loadStripe().then(Stripe => {
      const stripe = Stripe(payment.publishableKey);
      const elements = stripe.elements({clientSecret: payment.clientSecret});
      elements.create('payment').mount(element);
      pay.disabled = false;
      pay.onclick = () => act(pay, box, async () => {
        const result = await stripe.confirmPayment({elements, redirect: 'if_required'});
        if (result.error) throw new Error(result.error.message);
        replace(status, 'Payment sent. Waiting for Stripe to confirm it…');
        waitForBooking();
      });
    }, () => {
      replace(element, h('p', {class: 'notice warn', id: 'payment-offline'},
        'The card form cannot load: Stripe.js (js.stripe.com) is not reachable from this browser. Nothing has been ',
        `charged. Your slot stays held until ${time(hold.expiresAt, zone)}; try again later, or release it.`));
      waitForBooking();
    });
    return [h('p', {id: 'held'}, `Held for you until ${time(hold.expiresAt, zone)} (${zone}).`),
      h('p', {id: 'fee'}, `Fee: ${money(payment.amount, payment.currency)}, paid online. The booking is confirmed as soon as the payment arrives.`),
      element, status, h('div', {class: 'actions'}, pay, release)];
  }

  /** Polls the slot until the payment has booked it (or the hold is gone), then shows the outcome. */
  function watchBooking(slot, status) {
    let watching = false;
    return () => {
      if (watching) return;
      watching = true;
      const poll = async () => {
        if (selected?.slot.slotId !== slot.slotId) return;
        const now = await api.get(`/api/slots/${slot.slotId}`).catch(() => null);
        if (now?.status === 'BOOKED' && now.patientId === me.accountId) {
          slots.set(slot.slotId, now);
          selected = null;
          draw();
          showPanel();
          replace(live, h('p', {class: 'notice ok', role: 'status', id: 'booked'}, `Paid and booked: ${range(slot.start, slot.end, zone)} (${zone}). `,
            h('a', {href: '#/appointments'}, 'See my appointments'), '.'));
          announce('Paid and booked.');
        } else if (now && now.status !== 'HELD') {
          replace(status, notice('The hold ended before a payment arrived; nothing was booked.', 'warn'));
        } else {
          setTimeout(poll, 1000);
        }
      };
      poll();
    };
  }

  function apply(slot, fromStream) {
    const known = slots.get(slot.slotId);
    // The stream is anonymous, so it never names the patient: keep what the signed-in read said about our own slot.
    if (fromStream && known && mine(known) && ACTIVE.has(slot.status) && !slot.patientId) {
      slot = {...slot, patientId: known.patientId, appointmentId: known.appointmentId};
    }
    slots.set(slot.slotId, slot);
    if (fromStream && known?.status === 'FREE' && slot.status !== 'FREE' && !mine(slot)) {
      announce(`${date(slot.start, zone)} ${time(slot.start, zone)} was just taken.`);
      if (selected?.slot.slotId === slot.slotId && !selected.hold && !selected.holding) {
        selected = null;
        showPanel();
        replace(live, notice(`${range(slot.start, slot.end, zone)} was just taken by someone else.`, 'warn'));
      }
    }
  }

  try {
    let pageNo = 0;
    let page;
    do {
      page = await api.get(`/api/slots${query({doctorId, from: from.toISOString(), to: to.toISOString(), page: pageNo, size: 500})}`);
      (page.items ?? []).forEach(slot => apply(slot, false));
      pageNo += 1;
    } while ((page.items ?? []).length === 500);
  } catch (error) {
    replace(grid, h('li', {}, problemBox(error)));
    return undefined;
  }
  draw();

  const stream = new EventSource(`/api/slots/stream${query({doctorId})}`);
  stream.addEventListener('snapshot', event => {
    JSON.parse(event.data).items?.filter(visible).forEach(slot => apply(slot, true));
    draw();
    grid.dataset.live = 'on';
  });
  stream.addEventListener('slot', event => {
    const slot = JSON.parse(event.data);
    if (visible(slot) || slots.has(slot.slotId)) { // a free slot moved by its doctor may enter or leave the week
      apply(slot, true);
      draw();
    }
  });
  stream.onerror = () => { grid.dataset.live = 'reconnecting'; };
  return () => stream.close();
}

export async function myAppointmentsPage(main, {search}) {
  const scope = search.get('scope') === 'past' ? 'past' : 'upcoming';
  const list = h('div', {'aria-live': 'polite'});
  replace(main, h('h1', {}, 'My appointments'),
    search.get('moved') ? notice('Your appointment is moved.', 'ok') : null,
    h('nav', {class: 'week-nav', 'aria-label': 'Which appointments'},
      h('a', {class: scope === 'upcoming' ? 'button' : 'button secondary', href: '#/appointments?scope=upcoming',
        'aria-current': scope === 'upcoming' ? 'page' : null}, 'Upcoming'),
      h('a', {class: scope === 'past' ? 'button' : 'button secondary', href: '#/appointments?scope=past',
        'aria-current': scope === 'past' ? 'page' : null}, 'Past')),
    list);
  let page;
  try {
    page = await api.get(`/api/patients/me/appointments${query({scope, size: 100})}`);
  } catch (error) {
    replace(list, problemBox(error), error instanceof ApiError && error.missingEndpoint
      ? h('p', {}, 'Your bookings are also shown in each doctor\u2019s week, marked \u201cyours\u201d. ', h('a', {href: '#/find'}, 'Find a doctor'), '.')
      : null);
    return;
  }
  const items = page?.items ?? [];
  if (!items.length) {
    replace(list, notice(scope === 'upcoming' ? 'No upcoming appointments.' : 'No past appointments.'),
      h('p', {}, h('a', {href: '#/find'}, 'Find a doctor'), '.'));
    return;
  }
  const profiles = new Map(await Promise.all([...new Set(items.map(a => pick(a, 'doctorId', 'doctor.doctorId')))]
    .map(async id => [id, await doctorProfile(id)])));
  const rows = items.map(appointment => appointmentRow(appointment, profiles, scope));
  replace(list, h('div', {class: 'table-wrap'}, h('table', {id: 'appointments'},
    h('caption', {}, `${totalText(page, items.length)} ${scope} appointments; times in each doctor\u2019s zone`),
    h('thead', {}, h('tr', {}, ['When', 'Doctor', 'Status', 'Actions'].map(t => h('th', {scope: 'col'}, t)))),
    h('tbody', {}, rows))));
}

function appointmentRow(appointment, profiles, scope) {
  const doctorId = pick(appointment, 'doctorId', 'doctor.doctorId');
  const profile = profiles.get(doctorId);
  const zone = profile.timeZone;
  const slotId = pick(appointment, 'slotId', 'slot.slotId');
  const start = pick(appointment, 'start', 'slot.start');
  const end = pick(appointment, 'end', 'slot.end');
  const status = pick(appointment, 'status', 'appointmentStatus');
  const box = h('div', {'aria-live': 'assertive'});
  const row = h('tr', {dataset: {appointmentId: pick(appointment, 'appointmentId', 'id'), slotId}});
  const actions = h('td', {});
  if (scope === 'upcoming' && status === 'booked') {
    const cancel = h('button', {type: 'button', class: 'danger', onclick: () => act(cancel, box, async () => {
      await api.post(`/api/slots/${slotId}/cancel`, {});
      replace(row.querySelector('.status-cell'), statusBadge('cancelled'));
      replace(actions, notice('Cancelled.', 'ok'));
      announce('Appointment cancelled.');
    })}, 'Cancel');
    actions.append(h('div', {class: 'actions'}, cancel,
      h('a', {class: 'button secondary', href: `#/doctors/${doctorId}?reschedule=${slotId}`}, 'Reschedule')), box);
  }
  replace(row,
    h('td', {}, start ? `${range(start, end, zone)} ` : '', h('span', {class: 'zone'}, zone)),
    h('td', {}, pick(appointment, 'doctorName', 'doctor.fullName') ?? doctorName(profile)),
    h('td', {class: 'status-cell'}, statusBadge(status), paymentNote(appointment.payment)),
    actions);
  return row;
}

/** "Paid EUR 80.00", "Refunded EUR 80.00": the appointment's online payment, when there is one. */
export function paymentNote(payment) {
  if (!payment) return null;
  const text = {paid: 'Paid', refunded: 'Refunded', 'partially-refunded': 'Partly refunded'}[payment.status] ?? payment.status;
  const amount = payment.status === 'paid' ? payment.amount : payment.refunded;
  return h('span', {class: 'payment muted'}, ` ${text} ${payment.currency.toUpperCase()} ${Number(amount).toFixed(2)}`);
}

/** Stripe.js from Stripe (it must never be bundled or self-hosted); rejects when it cannot load within 10 s. */
function loadStripe() {
  if (window.Stripe) return Promise.resolve(window.Stripe);
  return new Promise((resolve, reject) => {
    const script = h('script', {src: 'https://js.stripe.com/v3/'});
    const timer = setTimeout(() => reject(new Error('timeout')), 10000);
    script.onload = () => { clearTimeout(timer); window.Stripe ? resolve(window.Stripe) : reject(new Error('no Stripe')); };
    script.onerror = () => { clearTimeout(timer); reject(new Error('unreachable')); };
    document.head.append(script);
  });
}

/** "EUR 80.00" from 8000 minor units of "eur". */
export function money(amount, currency) {
  const digits = new Intl.NumberFormat('en', {style: 'currency', currency}).resolvedOptions().maximumFractionDigits;
  return `${currency.toUpperCase()} ${(amount / 10 ** digits).toFixed(digits)}`;
}
