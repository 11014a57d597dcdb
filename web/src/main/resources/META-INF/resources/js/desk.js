// The front desk (receptionists and admins): find a patient by name, email or phone, see their appointments, and
// book, move or cancel for them. The server records the receptionist as the one who acted and mails the patient.
import {api, query} from './api.js';
import {h, replace, field, notice, announce, plural, cardTable} from './dom.js';
import {onSubmit, problemBox} from './forms.js';
import {appointmentsTable} from './appointments.js';

export async function searchPage(main, {search, go}) {
  const q = search.get('q') ?? '';
  const results = h('div', {'aria-live': 'polite', id: 'patient-results'});
  const input = h('input', {name: 'q', type: 'search', value: q, required: true, minlength: 2, autocomplete: 'off',
    id: 'patient-q'});
  const form = onSubmit(h('form', {class: 'inline', role: 'search', 'aria-label': 'Find a patient'},
    field('Name, email or phone', input), h('button', {type: 'submit'}, 'Find')),
  async values => go(`/desk${query({q: values.q})}`));
  replace(main, h('h1', {}, 'Front desk'),
    h('p', {class: 'lead'}, 'Find the patient, then book, move or cancel for them.'), form, results);
  if (q.trim().length < 2) return;
  try {
    const page = await api.get(`/api/front-desk/patients${query({q, size: 50})}`);
    const items = page.items ?? [];
    replace(results, items.length ? [h('p', {class: 'muted'}, plural(page.totalItems ?? items.length, 'patient')),
      cardTable({id: 'patients', columns: ['Name', 'Email', 'Phone', ''], rows: items.map(patient => ({
        attrs: {dataset: {patientId: patient.patientId}},
        cells: [h('a', {href: `#/desk/patients/${patient.patientId}`}, patient.fullName), patient.email, patient.phone ?? '',
          h('a', {class: 'button secondary', href: `#/find?for=${patient.patientId}`,
            'aria-label': `Book for ${patient.fullName}`}, 'Book')]}))})]
      : notice('No patient matches. Check the spelling, or search by email or phone.'));
  } catch (error) {
    replace(results, problemBox(error));
  }
}

export async function patientPage(main, {params, search}) {
  const {patientId} = params;
  const scope = search.get('scope') === 'past' ? 'past' : 'upcoming';
  let patient;
  try {
    patient = await api.get(`/api/front-desk/patients/${encodeURIComponent(patientId)}`);
  } catch (error) {
    replace(main, h('h1', {}, 'Patient'), problemBox(error));
    return;
  }
  const list = h('div', {'aria-live': 'polite', id: 'appointment-list'});
  const tab = (value, label) => h('a', {class: scope === value ? 'button' : 'button secondary',
    href: `#/desk/patients/${patientId}?scope=${value}`, 'aria-current': scope === value ? 'page' : null}, label);
  replace(main, h('h1', {}, patient.fullName),
    h('dl', {class: 'facts', id: 'patient-facts'},
      h('dt', {}, 'Email'), h('dd', {}, patient.email),
      patient.phone ? [h('dt', {}, 'Phone'), h('dd', {}, patient.phone)] : null,
      h('dt', {}, 'Email confirmed'), h('dd', {}, patient.emailConfirmed ? 'yes' : 'not yet (booking waits for it)')),
    h('nav', {class: 'week-nav', 'aria-label': 'Appointments'}, tab('upcoming', 'Upcoming'), tab('past', 'Past'),
      h('a', {class: 'button', id: 'book-for', href: `#/find?for=${patientId}`}, `Book for ${patient.fullName}`)),
    list);
  async function load(message) {
    try {
      const page = await api.get(`/api/front-desk/patients/${encodeURIComponent(patientId)}/appointments${query({scope, size: 100})}`);
      replace(list, message ?? null, await appointmentsTable(page.items ?? [], {scope, reload: load, forPatient: patientId}));
    } catch (error) {
      replace(list, problemBox(error));
    }
  }
  await load();
}

/** The admin creates receptionists and auditors; each gets an invitation mail to choose a password. */
export function staffPage(main) {
  const result = h('div', {'aria-live': 'polite', id: 'staff-result'});
  const role = h('select', {name: 'role', id: 'staff-role'},
    h('option', {value: 'receptionists'}, 'Receptionist (front desk)'), h('option', {value: 'auditors'}, 'Auditor (reads the audit trail)'));
  const form = onSubmit(h('form', {class: 'stack', 'aria-labelledby': 'staff-title'},
    field('Role', role),
    field('Email', h('input', {name: 'email', type: 'email', required: true, autocomplete: 'off'})),
    h('div', {class: 'actions'}, h('button', {type: 'submit'}, 'Create and send the invitation'))), async values => {
    await api.post(`/api/admin/${values.role}`, {email: values.email});
    replace(result, notice(`The invitation is on its way to ${values.email}: it lets them choose a password.`, 'ok'));
    form.reset();
    announce('Invitation sent.');
  });
  replace(main, h('h1', {}, 'Staff'), h('h2', {id: 'staff-title'}, 'Invite a receptionist or an auditor'), result, form);
}
