// Appointments as patients and the front desk manage them: a list that refreshes itself after every action, and one
// appointment's page (the booking confirmation) with its calendar file.
import {api, query} from './api.js';
import {h, replace, notice, announce, statusBadge, plural, cardTable, reveal} from './dom.js';
import {act, problemBox} from './forms.js';
import {range, longRange, zoneLabel} from './time.js';
import {doctorProfile, doctorName} from './doctors.js';
import {clinic, patientMayChange} from './clinic.js';
import {confirmAction} from './dialog.js';
import {paymentNote} from './payments.js';

async function zones(items) {
  return new Map(await Promise.all([...new Set(items.map(a => a.doctorId))].map(async id => [id, await doctorProfile(id)])));
}

/**
 * The appointments of one patient, active first and cancelled ones apart; cancel asks first, then the list reloads
 * (reload(message) draws it again with the message on top). forPatient: the front desk acts for that patient.
 */
export async function appointmentsTable(items, {scope = 'upcoming', reload, forPatient}) {
  const rules = await clinic();
  const profiles = await zones(items);
  const active = items.filter(a => a.status !== 'cancelled');
  const cancelled = items.filter(a => a.status === 'cancelled');
  const row = appointment => appointmentRow(appointment, profiles, rules, scope, reload, forPatient);
  const table = (list, id, caption) => cardTable({id, caption, columns: ['When', 'Doctor', 'Status', 'Actions'],
    rows: list.map(row)});
  const find = h('a', {href: `#/find${query({for: forPatient})}`}, 'Find a doctor');
  if (!items.length) {
    return h('div', {}, notice(scope === 'upcoming' ? 'No upcoming appointments.' : 'No past appointments.'), h('p', {}, find, '.'));
  }
  return h('div', {},
    active.length ? table(active, 'appointments', `${plural(active.length, `${scope} appointment`)}; times in each doctor\u2019s zone`)
      : notice(scope === 'upcoming' ? 'No upcoming appointments.' : 'No past appointments.'),
    cancelled.length ? h('details', {id: 'cancelled-appointments'}, h('summary', {}, plural(cancelled.length, 'cancelled appointment')),
      table(cancelled, 'cancelled', 'Cancelled')) : null);
}

function appointmentRow(appointment, profiles, rules, scope, reload, forPatient) {
  const profile = profiles.get(appointment.doctorId);
  const zone = profile.timeZone;
  const doctor = appointment.doctorName ?? doctorName(profile);
  const box = h('div', {'aria-live': 'assertive'});
  const actions = [];
  if (scope === 'upcoming' && appointment.status === 'booked') {
    if (forPatient || patientMayChange(rules, appointment.start)) {
      const cancel = h('button', {type: 'button', class: 'danger', 'data-action': 'cancel',
        'aria-label': `Cancel the appointment with ${doctor} on ${range(appointment.start, appointment.end, zone)}`,
        onclick: async () => {
          const answer = await confirmAction({title: 'Cancel this appointment?',
            message: `${doctor}, ${longRange(appointment.start, appointment.end, zone)} (${zoneLabel(zone)}). The time is given to other patients.`,
            confirmLabel: 'Cancel the appointment', reason: 'optional'});
          if (!answer) return;
          await act(cancel, box, async () => {
            await api.post(`/api/slots/${appointment.slotId}/cancel`, answer.reason ? {reason: answer.reason} : {});
            announce('Appointment cancelled.');
            await reload(notice(`The appointment with ${doctor} on ${range(appointment.start, appointment.end, zone)} is cancelled.`, 'ok'));
          });
        }}, 'Cancel');
      actions.push(cancel, h('a', {class: 'button secondary', href: moveLink(appointment, forPatient)}, 'Reschedule'));
    } else {
      actions.push(h('span', {class: 'muted'}, 'Too close to the start to change online: please call the clinic.'));
    }
  }
  actions.push(h('a', {class: 'button secondary', href: `#/appointments/${appointment.appointmentId}${query({for: forPatient})}`,
    'aria-label': `Details of the appointment with ${doctor}`}, 'Details'));
  return {attrs: {dataset: {appointmentId: appointment.appointmentId, slotId: appointment.slotId}},
    cells: [`${range(appointment.start, appointment.end, zone)} (${zoneLabel(zone)})`, doctor,
      h('span', {}, statusBadge(appointment.status), paymentNote(appointment.payment)),
      h('div', {}, h('div', {class: 'actions'}, actions), box)]};
}

function moveLink(appointment, forPatient) {
  return `#/doctors/${appointment.doctorId}${query({reschedule: appointment.slotId, for: forPatient})}`;
}

/** One appointment in words, with "add to calendar", cancel and reschedule. */
export async function appointmentPanel(main, appointmentId, {booked, moved, forPatient}) {
  let appointment;
  try {
    appointment = await api.get(`/api/appointments/${encodeURIComponent(appointmentId)}`);
  } catch (error) {
    replace(main, h('h1', {}, 'Appointment'), problemBox(error));
    return;
  }
  const [profile, rules] = await Promise.all([doctorProfile(appointment.doctorId), clinic()]);
  const zone = profile.timeZone;
  const doctor = appointment.doctorName ?? doctorName(profile);
  const box = h('div', {'aria-live': 'assertive'});
  const active = appointment.status === 'booked';
  const heading = !active ? 'Appointment' : booked ? 'Booked' : moved ? 'Moved' : 'Appointment';
  const who = forPatient ? (appointment.patientName ?? 'The patient') : 'You';
  const lead = booked && active ? `${who} ${forPatient ? 'has' : 'have'} an appointment with ${doctor}. ${forPatient ? 'The patient is' : 'You are'} mailed a confirmation.`
    : moved && active ? `The appointment with ${doctor} is moved to the new time.` : null;
  const facts = [
    ['When', `${longRange(appointment.start, appointment.end, zone)} (${zoneLabel(zone)})`],
    ['Doctor', doctor],
    ['Specialization', appointment.specialization],
    ['Where', rules.address],
    forPatient ? ['Patient', appointment.patientName] : null,
    ['Status', h('span', {}, statusBadge(appointment.status), paymentNote(appointment.payment))],
    appointment.cancellationReason ? ['Reason', appointment.cancellationReason] : null,
  ].filter(fact => fact && fact[1]);
  const actions = [];
  if (active) {
    actions.push(h('a', {class: 'button', id: 'add-to-calendar', download: 'careslot-appointment.ics',
      href: URL.createObjectURL(new Blob([ics(appointment, doctor, rules.address)], {type: 'text/calendar'}))}, 'Add to calendar'));
    if (forPatient || patientMayChange(rules, appointment.start)) {
      const cancel = h('button', {type: 'button', class: 'danger', id: 'cancel-appointment', onclick: async () => {
        const answer = await confirmAction({title: 'Cancel this appointment?',
          message: `${doctor}, ${longRange(appointment.start, appointment.end, zone)}.`,
          confirmLabel: 'Cancel the appointment', reason: 'optional'});
        if (!answer) return;
        await act(cancel, box, async () => {
          await api.post(`/api/slots/${appointment.slotId}/cancel`, answer.reason ? {reason: answer.reason} : {});
          announce('Appointment cancelled.');
          await appointmentPanel(main, appointmentId, {forPatient});
          main.querySelector('#appointment-facts')?.before(notice('The appointment is cancelled.', 'ok'));
          reveal(main.querySelector('h1'));
        });
      }}, 'Cancel');
      actions.push(h('a', {class: 'button secondary', id: 'reschedule', href: moveLink(appointment, forPatient)}, 'Reschedule'), cancel);
    } else {
      actions.push(h('p', {class: 'muted'}, 'Too close to the start to change online: please call the clinic.'));
    }
  }
  actions.push(forPatient ? h('a', {class: 'button secondary', href: `#/desk/patients/${forPatient}`}, 'Back to the patient')
    : h('a', {class: 'button secondary', href: '#/appointments'}, 'All my appointments'));
  replace(main, h('h1', {}, heading),
    lead ? h('p', {class: 'notice ok', id: 'booked', role: 'status'}, lead) : null,
    h('dl', {class: 'facts', id: 'appointment-facts'}, facts.map(([term, value]) => [h('dt', {}, term), h('dd', {}, value)])),
    h('div', {class: 'actions'}, actions), box);
}

function icsText(text) {
  return String(text ?? '').replace(/[\\;,]/g, c => `\\${c}`).replace(/\n/g, '\\n');
}

function icsInstant(instant) {
  return new Date(instant).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** An iCalendar file (RFC 5545) with the appointment, times in UTC so every calendar places it right. */
function ics(appointment, doctor, address) {
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Careslot//Appointments//EN', 'METHOD:PUBLISH', 'BEGIN:VEVENT',
    `UID:${appointment.appointmentId}@careslot`, `DTSTAMP:${icsInstant(new Date())}`,
    `DTSTART:${icsInstant(appointment.start)}`, `DTEND:${icsInstant(appointment.end)}`,
    `SUMMARY:${icsText(`Appointment with ${doctor}`)}`,
    appointment.specialization ? `DESCRIPTION:${icsText(appointment.specialization)}` : null,
    address ? `LOCATION:${icsText(address)}` : null,
    'END:VEVENT', 'END:VCALENDAR', ''].filter(line => line !== null).join('\r\n');
}
