// What patients (and visitors, and the front desk acting for a patient) see: the directory, a doctor's page with
// their week, booking in one step, the confirmation, and the list of one's appointments.
import {api, query, currentSession} from './api.js';
import {h, replace, notice, announce, plural, reveal} from './dom.js';
import {act, problemBox} from './forms.js';
import {time, date, range, dayKey, zoned, addDays, weekStart, today, dayHeading, browserZone, zoneLabel} from './time.js';
import {doctorProfile, doctorName, pick} from './doctors.js';
import {clinic, bookable, money} from './clinic.js';
import {appointmentsTable, appointmentPanel} from './appointments.js';
import {doctorPhoto} from './photos.js';
import {minorMoney, loadStripe} from './payments.js';

const ACTIVE = new Set(['BOOKED', 'HELD']);
/** Roles that book, move and cancel for a patient. */
export const DESK = ['RECEPTIONIST', 'ADMIN'];

export async function findDoctorsPage(main, {search, go}) {
  const forPatient = deskPatient(search);
  const results = h('div', {'aria-live': 'polite', id: 'doctor-results'});
  const specialization = h('select', {name: 'specialization', id: 'find-specialization'},
    h('option', {value: ''}, 'Any specialization'));
  const q = h('input', {name: 'q', type: 'search', id: 'find-q', value: search.get('q') ?? '', autocomplete: 'off',
    list: 'doctor-names'});
  const names = h('datalist', {id: 'doctor-names'});
  const form = h('form', {class: 'inline', role: 'search', 'aria-label': 'Find a doctor'},
    h('div', {class: 'field'}, h('label', {for: q.id}, 'Name'), q), names,
    h('div', {class: 'field'}, h('label', {for: specialization.id}, 'Specialization'), specialization),
    h('button', {type: 'submit'}, 'Search'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    go(`/find${query({q: q.value.trim(), specialization: specialization.value, for: forPatient})}`);
  });
  let suggesting = null;
  q.addEventListener('input', () => {
    clearTimeout(suggesting);
    suggesting = setTimeout(() => suggestDoctors(q.value, names), 200);
  });
  replace(main, h('h1', {}, forPatient ? 'Book for a patient: choose a doctor' : 'Find a doctor'),
    forPatient ? await deskBanner(forPatient) : null, form, results);

  api.get('/api/specializations', {auth: false}).then(list => {
    const all = (Array.isArray(list) ? list : list?.items ?? [])
      .map(item => typeof item === 'string' ? item : pick(item, 'name', 'specialization')).filter(Boolean);
    specialization.append(...all.map(name => h('option', {value: name, selected: name === search.get('specialization')}, name)));
  }).catch(() => {});

  try {
    const [page, rules] = await Promise.all([
      api.get(`/api/doctors${query({q: search.get('q'), specialization: search.get('specialization'), size: 50})}`, {auth: false}),
      clinic()]);
    const doctors = page?.items ?? [];
    if (!doctors.length) {
      replace(results, notice('No doctor matches. Try another name or specialization.'));
      return;
    }
    replace(results, h('p', {class: 'muted'}, plural(page.totalItems ?? doctors.length, 'doctor')),
      h('ul', {class: 'cards'}, doctors.map(doctor => doctorCard(doctor, rules, forPatient))));
  } catch (error) {
    replace(results, problemBox(error));
  }
}

/** Names for a datalist as the person types: suggestions, never ids. */
export async function suggestDoctors(text, datalist) {
  try {
    const page = await api.get(`/api/doctors${query({q: text.trim(), size: 10})}`, {auth: false});
    replace(datalist, (page.items ?? []).map(doctor => h('option', {value: doctor.fullName}, doctor.specialization ?? '')));
    return page.items ?? [];
  } catch {
    return [];
  }
}

function doctorCard(doctor, rules, forPatient) {
  const id = pick(doctor, 'doctorId', 'id');
  const zone = doctor.timeZone || browserZone;
  const next = pick(doctor, 'nextFreeSlot.start');
  const fee = money(rules, doctor.fee);
  return h('li', {class: 'card', dataset: {doctorId: id}},
    id ? doctorPhoto(id, 96) : null,
    h('h2', {}, doctor.fullName ?? 'Doctor'),
    doctor.specialization ? h('p', {}, doctor.specialization) : null,
    fee ? h('p', {class: 'muted'}, `Fee ${fee}`) : null,
    h('p', {}, next ? `Next free: ${date(next, zone)}, ${time(next, zone)} (${zoneLabel(zone)})` : 'No free time soon'),
    h('a', {class: 'button', href: `#/doctors/${id}${query({for: forPatient})}`}, `See ${doctor.fullName ?? 'the doctor'}\u2019s free times`));
}

/** The patient the front desk acts for (?for=), only for the roles that may. */
export function deskPatient(search) {
  const me = currentSession();
  return search.get('for') && DESK.includes(me?.role) ? search.get('for') : null;
}

export async function deskBanner(patientId) {
  const name = await patientName(patientId);
  return h('p', {class: 'notice', id: 'acting-for'}, 'Acting for ', h('strong', {}, name), '. ',
    h('a', {href: `#/desk/patients/${patientId}`}, 'Back to the patient'), '.');
}

async function patientName(patientId) {
  try {
    return (await api.get(`/api/front-desk/patients/${encodeURIComponent(patientId)}`)).fullName;
  } catch {
    return 'the patient';
  }
}

/** The first free slot a patient may book at or after from, or null. */
async function firstBookable(doctorId, rules, from) {
  const earliest = new Date(Math.max(from?.getTime() ?? 0, Date.now() + rules.minimumNoticeSeconds * 1000));
  const page = await api.get(`/api/slots${query({doctorId, status: 'FREE', from: earliest.toISOString(), size: 1})}`, {auth: false});
  const slot = (page.items ?? [])[0];
  return slot && bookable(rules, slot.start) ? slot : null;
}

/** A doctor's page: the profile, then a week of free times to book, live over SSE. */
export async function doctorWeekPage(main, {params, search, go}) {
  const {doctorId} = params;
  const me = currentSession();
  const forPatient = deskPatient(search);
  const subject = forPatient ?? (me?.role === 'PATIENT' ? me.accountId : null);
  const [profile, rules] = await Promise.all([doctorProfile(doctorId), clinic()]);
  const ownZone = search.get('zone') === 'mine';
  const zone = ownZone ? browserZone : profile.timeZone;
  const moving = search.get('reschedule');
  let opening = search.get('week');
  if (!opening) {
    const first = await firstBookable(doctorId, rules).catch(() => null);
    opening = first ? dayKey(first.start, zone) : today(zone);
  }
  const week = weekStart(opening);
  const from = zoned(week, '00:00', zone);
  const to = zoned(addDays(week, 7), '00:00', zone);
  const slots = new Map();
  const panel = h('section', {class: 'panel', 'aria-labelledby': 'panel-title', hidden: true, id: 'slot-panel'});
  const grid = h('ol', {class: 'week', 'aria-label': `Week of ${dayHeading(week)}`});
  const live = h('div', {role: 'status', id: 'week-status'});
  let selected = null;
  let countdown = null;

  const link = (day, extra = {}) => `#/doctors/${doctorId}${query({week: day, reschedule: moving, for: forPatient,
    zone: ownZone ? 'mine' : undefined, ...extra})}`;
  const nextAvailable = h('button', {type: 'button', class: 'secondary', id: 'next-available', onclick: () => act(nextAvailable, live, async () => {
    const slot = await firstBookable(doctorId, rules, to);
    if (slot) go(link(dayKey(slot.start, zone)).slice(1));
    else replace(live, notice('No free time after this week yet.'));
  })}, 'Next available \u2192');
  const zoneSwitch = profile.timeZone !== browserZone
    ? h('a', {class: 'button secondary', id: 'zone-switch', href: link(week, {zone: ownZone ? 'doctor' : 'mine'})},
      ownZone ? `Show in the doctor\u2019s time (${profile.timeZone})` : `Show in my time (${browserZone})`)
    : null;
  replace(main,
    h('div', {class: 'doctor-heading'}, doctorPhoto(doctorId, 256, `Photo of ${doctorName(profile)}`),
      h('h1', {}, moving ? `Move the appointment: ${doctorName(profile)}` : doctorName(profile))),
    forPatient ? await deskBanner(forPatient) : null,
    profileFacts(profile, rules),
    moving ? notice('Pick the new time. The current appointment stays until the new one is confirmed.') : null,
    h('h2', {id: 'week-title'}, `Free times, week of ${dayHeading(week)}`),
    h('p', {class: 'muted'}, h('span', {class: 'zone', id: 'zone'}, `Times in ${zoneLabel(zone)}`)),
    h('nav', {class: 'week-nav', 'aria-label': 'Weeks'},
      week > weekStart(today(zone)) ? h('a', {class: 'button secondary', href: link(addDays(week, -7))}, '\u2190 Previous week') : null,
      h('a', {class: 'button secondary', href: link(weekStart(today(zone)))}, 'This week'),
      h('a', {class: 'button secondary', href: link(addDays(week, 7))}, 'Next week \u2192'),
      nextAvailable, zoneSwitch),
    live, panel, grid);

  const mine = slot => slot.patientId && slot.patientId === subject;
  const visible = slot => new Date(slot.start) >= from && new Date(slot.start) < to;
  // The patient's own upcoming appointments: a time that overlaps one, or a patient at the limit, would be refused.
  const booked = subject ? await upcomingOf(subject, forPatient) : [];
  const atLimit = subject && !moving && booked.length >= rules.maximumActiveAppointments;
  const clashes = slot => booked.some(a => a.slotId !== moving && new Date(a.start) < new Date(slot.end) && new Date(slot.start) < new Date(a.end));
  const offered = slot => slot.status === 'FREE' && bookable(rules, slot.start) && !clashes(slot);
  if (atLimit) {
    replace(live, notice(`${forPatient ? 'The patient has' : 'You have'} ${plural(booked.length, 'upcoming appointment')}, the most the clinic allows at once: cancel one to book another.`, 'warn'));
  }

  let drawn = null;
  function draw() {
    const focusedId = document.activeElement?.dataset?.slotId;
    const first = today(zone);
    const days = [...Array(7).keys()].map(i => addDays(week, i)).filter(day => day >= first);
    const shown = days.map(day => [...slots.values()]
      .filter(slot => dayKey(slot.start, zone) === day)
      .filter(slot => offered(slot) || (ACTIVE.has(slot.status) && mine(slot)))
      .sort((a, b) => a.start.localeCompare(b.start)));
    // Redraw only what changed to the eye: a stream event for another week or an unchanged slot keeps the buttons.
    const signature = JSON.stringify(shown.map(items => items.map(slot => [slot.slotId, slot.status, mine(slot), slot.start, slot.end])));
    if (signature === drawn) return;
    drawn = signature;
    replace(grid, days.length ? days.map((day, i) => {
      const items = shown[i];
      return h('li', {class: items.length ? 'day' : 'day empty'},
        h('h3', {}, dayHeading(day)),
        items.length ? h('ul', {}, items.map(slot => h('li', {}, slotButton(slot)))) : h('p', {class: 'muted'}, 'No free times'));
    }) : h('li', {}, notice('This week is over. See the next one.')));
    const back = focusedId && grid.querySelector(`[data-slot-id="${focusedId}"]`);
    if (back) back.focus();
    else if (focusedId) main.querySelector('h1')?.focus();
  }

  function slotButton(slot) {
    const when = `${time(slot.start, zone)}\u2013${time(slot.end, zone)}`;
    const own = mine(slot);
    return h('button', {type: 'button', class: own ? 'slot mine' : 'slot', dataset: {slotId: slot.slotId, status: slot.status},
      'aria-label': `${own ? (forPatient ? 'The patient\u2019s appointment' : 'Your appointment') : moving ? 'Move to' : 'Free'} ${date(slot.start, zone)} ${when}`,
      onclick: () => choose(slot)}, when, own ? (forPatient ? ' \u2022 booked' : ' \u2022 yours') : '');
  }

  function choose(slot) {
    selected = {slot, hold: null};
    showPanel();
  }

  function stopCountdown() {
    clearInterval(countdown);
    countdown = null;
  }

  function closePanel() {
    stopCountdown();
    selected = null;
    showPanel();
  }

  function showPanel() {
    if (!selected) {
      panel.hidden = true;
      return;
    }
    stopCountdown();
    const {slot, hold} = selected;
    const box = h('div', {'aria-live': 'assertive'});
    const heading = h('h2', {id: 'panel-title', tabindex: '-1'}, `${range(slot.start, slot.end, zone)}`);
    const close = h('button', {type: 'button', class: 'secondary', onclick: closePanel}, 'Close');
    let body;
    if (!subject) {
      const next = link(week, {slot: slot.slotId}).slice(1);
      body = me ? [h('p', {}, 'Booking is for patients and the front desk.'), h('div', {class: 'actions'}, close)]
        : [h('p', {}, 'Sign in to book this time; you come straight back here.'),
          h('div', {class: 'actions'},
            h('a', {class: 'button', id: 'sign-in-to-book', href: `#/sign-in${query({next})}`}, 'Sign in to book'),
            h('a', {class: 'button secondary', href: `#/sign-up${query({next})}`}, 'Create an account'), close)];
    } else if (mine(slot) && slot.status === 'BOOKED') {
      body = [h('p', {}, forPatient ? 'The patient has this appointment.' : 'This is your appointment.'),
        h('div', {class: 'actions'},
          slot.appointmentId ? h('a', {class: 'button', href: `#/appointments/${slot.appointmentId}${query({for: forPatient})}`},
            'Open the appointment') : null, close)];
    } else if (moving) {
      const move = h('button', {type: 'button', id: 'move-here', onclick: () => act(move, box, async () => {
        const moved = await api.post(`/api/slots/${moving}/reschedule`, {toSlotId: slot.slotId});
        go(`/appointments/${moved.appointmentId}${query({moved: 1, for: forPatient})}`);
      })}, 'Move the appointment here');
      body = [h('p', {}, 'Move the appointment to this time?'), h('div', {class: 'actions'}, move, close)];
    } else if (atLimit) {
      body = [h('p', {}, 'No more bookings until an upcoming appointment is over or cancelled.'), h('div', {class: 'actions'}, close)];
    } else if (!hold) {
      // One step for the person; for a patient it is a hold confirmed at once, so that a doctor paid online gets the
      // pay step (the hold carries the payment) and nobody books around it.
      const book = h('button', {type: 'button', id: 'book', onclick: () => act(book, box, async () => {
        if (forPatient) {
          const booked = await api.post(`/api/slots/${slot.slotId}/book`, {patientId: forPatient});
          go(`/appointments/${booked.appointmentId}${query({booked: 1, for: forPatient})}`);
          return;
        }
        const held = await api.post(`/api/slots/${slot.slotId}/hold`, {});
        slots.set(slot.slotId, {...slots.get(slot.slotId), status: 'HELD', patientId: me.accountId});
        if (held.payment) {
          selected.hold = held;
          draw();
          showPanel();
          return;
        }
        await confirmHold(slot, held);
      })}, forPatient ? 'Book this time for the patient' : 'Book this time');
      const holdButton = forPatient ? null : h('button', {type: 'button', class: 'secondary', id: 'hold',
        onclick: () => act(holdButton, box, async () => {
          selected.holding = true;
          try {
            selected.hold = await api.post(`/api/slots/${slot.slotId}/hold`, {});
            slots.set(slot.slotId, {...slots.get(slot.slotId), status: 'HELD', patientId: me.accountId});
          } finally {
            if (selected) selected.holding = false;
          }
          draw();
          showPanel();
        })}, `Hold it for ${Math.round(rules.holdSeconds / 60)} minutes first`);
      body = [h('p', {}, `${doctorName(profile)}, ${slot.end ? Math.round((new Date(slot.end) - new Date(slot.start)) / 60000) : ''} minutes.`),
        h('div', {class: 'actions'}, book, holdButton, close)];
    } else {
      const left = h('span', {id: 'hold-left'});
      const confirm = h('button', {type: 'button', id: 'confirm-booking', onclick: () => act(confirm, box, () => confirmHold(slot, hold))},
        'Confirm booking');
      const release = h('button', {type: 'button', class: 'secondary', onclick: () => act(release, box, async () => {
        await api.delete(`/api/slots/${slot.slotId}/hold`);
        slots.set(slot.slotId, {...slot, status: 'FREE', patientId: null});
        draw();
        closePanel();
      })}, 'Let it go');
      body = hold.payment ? payStep(slot, hold, release, box)
        : [h('p', {id: 'held', role: 'timer', 'aria-live': 'off'}, 'Held for you: ', left, ' left to confirm.'),
          h('div', {class: 'actions'}, confirm, release)];
      const tick = () => {
        const seconds = Math.max(0, Math.round((new Date(hold.expiresAt) - Date.now()) / 1000));
        left.textContent = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
        if (!seconds) {
          stopCountdown();
          selected.hold = null;
          showPanel();
          replace(box, notice('The hold has run out; the time is free again if nobody took it.', 'warn'));
        }
      };
      tick();
      countdown = setInterval(tick, 1000);
    }
    replace(panel, heading, ...body, box);
    panel.hidden = false;
    reveal(heading);
  }

  /** Books the slot the patient holds; a refused booking lets the hold go, so the slot is not shown as ours. */
  async function confirmHold(slot, hold) {
    try {
      const booked = await api.post(`/api/slots/${slot.slotId}/book`, {holdId: hold.holdId});
      stopCountdown();
      go(`/appointments/${booked.appointmentId}?booked=1`);
    } catch (error) {
      await api.delete(`/api/slots/${slot.slotId}/hold`).catch(() => {});
      slots.set(slot.slotId, {...slot, status: 'FREE', patientId: null});
      if (selected) selected.hold = null;
      stopCountdown();
      draw();
      throw error;
    }
  }

  /**
   * The doctor is paid online: the fee is paid in Stripe's Payment Element, and Stripe's webhook (never this page)
   * books the slot, which the page then sees. Without Stripe.js (offline, blocked) it says so and charges nothing.
   */
  function payStep(slot, hold, release, box) {
    const {payment} = hold;
    const status = h('p', {id: 'payment-status', role: 'status'});
    const element = h('div', {id: 'payment-element'});
    const pay = h('button', {type: 'button', id: 'pay', disabled: true}, `Pay ${minorMoney(payment.amount, payment.currency)}`);
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
    return [h('p', {id: 'held'}, `Held for you until ${time(hold.expiresAt, zone)} (${zoneLabel(zone)}).`),
      h('p', {id: 'fee'}, `Fee: ${minorMoney(payment.amount, payment.currency)}, paid online. The booking is confirmed as soon as the payment arrives.`),
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
          stopCountdown();
          selected = null;
          draw();
          if (now.appointmentId) {
            go(`/appointments/${now.appointmentId}?booked=1`);
            return;
          }
          showPanel();
          replace(live, h('p', {class: 'notice ok', role: 'status', id: 'booked'}, `Paid and booked: ${range(slot.start, slot.end, zone)}. `,
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
        closePanel();
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
  const wanted = search.get('slot') && slots.get(search.get('slot'));
  if (wanted && (offered(wanted) || mine(wanted))) choose(wanted);

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
  return () => { stopCountdown(); stream.close(); };
}

/** The active upcoming appointments of the patient (the signed-in one, or the one the front desk acts for). */
async function upcomingOf(patientId, forPatient) {
  try {
    const path = forPatient ? `/api/front-desk/patients/${encodeURIComponent(patientId)}/appointments` : '/api/patients/me/appointments';
    const page = await api.get(`${path}${query({scope: 'upcoming', size: 100})}`);
    return (page.items ?? []).filter(a => a.status === 'booked' || a.status === 'checked-in');
  } catch {
    return [];
  }
}

/** What patients choose a doctor by: specialization, fee, experience, qualifications, the doctor's own words. */
function profileFacts(profile, rules) {
  const fee = money(rules, profile.fee);
  const facts = [
    ['Specialization', profile.specialization],
    ['Fee', fee],
    ['Experience', profile.yearsOfExperience ? plural(profile.yearsOfExperience, 'year') : null],
    ['Qualifications', (profile.qualifications ?? []).join(', ') || null],
    ['Where', rules.address],
    ['Time zone', profile.zoneKnown ? profile.timeZone : null],
  ].filter(([, value]) => value);
  return h('section', {class: 'profile', 'aria-label': 'About the doctor', id: 'doctor-profile'},
    facts.length ? h('dl', {class: 'facts'}, facts.map(([term, value]) => [h('dt', {}, term), h('dd', {}, value)])) : null,
    profile.bio ? h('p', {class: 'bio'}, profile.bio) : null);
}

export async function myAppointmentsPage(main, {search}) {
  const scope = search.get('scope') === 'past' ? 'past' : 'upcoming';
  const list = h('div', {'aria-live': 'polite', id: 'appointment-list'});
  replace(main, h('h1', {}, 'My appointments'),
    h('nav', {class: 'week-nav', 'aria-label': 'Which appointments'},
      h('a', {class: scope === 'upcoming' ? 'button' : 'button secondary', href: '#/appointments?scope=upcoming',
        'aria-current': scope === 'upcoming' ? 'page' : null}, 'Upcoming'),
      h('a', {class: scope === 'past' ? 'button' : 'button secondary', href: '#/appointments?scope=past',
        'aria-current': scope === 'past' ? 'page' : null}, 'Past'),
      h('a', {class: 'button secondary', href: '#/find'}, 'Book another')),
    list, myDataDownload());
  async function load(message) {
    let page;
    try {
      page = await api.get(`/api/patients/me/appointments${query({scope, size: 100})}`);
    } catch (error) {
      replace(list, problemBox(error));
      return;
    }
    replace(list, message ?? null, await appointmentsTable(page.items ?? [], {scope, reload: load}));
  }
  await load();
}

/** Everything Careslot holds about the signed-in patient, as one JSON file (GET /api/patients/me/export). */
function myDataDownload() {
  const status = h('div', {'aria-live': 'polite'});
  const button = h('button', {type: 'button', class: 'secondary', id: 'download-my-data', onclick: async () => {
    button.disabled = true;
    try {
      const file = await api.blob('/api/patients/me/export');
      const link = h('a', {href: URL.createObjectURL(file), download: 'careslot-my-data.json'}, 'Save the file again');
      document.body.append(link);
      link.click();
      link.remove();
      replace(status, notice('Your data is downloaded: account, appointments, payments, mails, audit entries and who saw them.', 'ok'));
    } catch (error) {
      replace(status, problemBox(error));
    } finally {
      button.disabled = false;
    }
  }}, 'Download my data');
  return h('section', {class: 'my-data', 'aria-label': 'My data'},
    h('h2', {}, 'My data'),
    h('p', {class: 'muted'}, 'One file with everything Careslot holds about you, including who has looked at it.'),
    h('div', {class: 'actions'}, button), status);
}

/** One appointment: the confirmation after booking or moving, with the calendar file and what can be done next. */
export async function appointmentPage(main, {params, search}) {
  const forPatient = deskPatient(search);
  await appointmentPanel(main, params.appointmentId, {booked: search.has('booked'), moved: search.has('moved'), forPatient});
}
