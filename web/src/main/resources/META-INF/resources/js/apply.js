// Apply as a doctor: the profile, credential documents and a photo in one multipart request
// (POST /api/auth/register-doctor); an admin approves or rejects it and the doctor signs in once approved.
import {api} from './api.js';
import {h, replace, field, notice, announce} from './dom.js';
import {onSubmit} from './forms.js';

export function applyPage(main) {
  const text = (name, extra = {}) => h('input', {name, type: 'text', ...extra});
  const result = h('div', {'aria-live': 'polite', id: 'application-result'});
  const form = onSubmit(h('form', {class: 'stack', novalidate: true, id: 'application'},
    field('Full name', text('fullName', {autocomplete: 'name', required: true})),
    field('Email', h('input', {name: 'email', type: 'email', autocomplete: 'email', required: true})),
    field('Password', h('input', {name: 'password', type: 'password', autocomplete: 'new-password', required: true, minlength: 10}),
      'At least 10 characters; you sign in with it once an admin has approved you.'),
    field('Specialization', text('specialization', {required: true})),
    field('Time zone', text('timeZone', {required: true, value: Intl.DateTimeFormat().resolvedOptions().timeZone}),
      'An IANA zone such as Europe/Berlin.'),
    field('Credential documents (PDF, JPEG or PNG; at most 5, 10 MB each)',
      h('input', {name: 'documents', type: 'file', multiple: true, accept: 'application/pdf,image/jpeg,image/png'})),
    field('Photo (optional, JPEG or PNG)', h('input', {name: 'photo', type: 'file', accept: 'image/jpeg,image/png'})),
    h('div', {class: 'actions'}, h('button', {type: 'submit'}, 'Send the application'))), async values => {
    const application = {fullName: values.fullName, email: values.email, password: values.password,
      specialization: values.specialization, timeZone: values.timeZone};
    const body = new FormData();
    body.append('application', new Blob([JSON.stringify(application)], {type: 'application/json'}));
    for (const file of form.elements.documents.files) body.append('documents', file);
    if (form.elements.photo.files[0]) body.append('photo', form.elements.photo.files[0]);
    await api.post('/api/auth/register-doctor', body, {auth: false});
    replace(result, notice('Application sent. An admin reviews it; once approved, sign in with this email and password.', 'ok'));
    form.reset();
    announce('Application sent.');
  });
  replace(main, h('h1', {}, 'Apply as a doctor'),
    h('p', {class: 'lead'}, 'Attach your credentials: an admin checks them before you are listed.'), result, form,
    h('p', {}, 'Already approved? ', h('a', {href: '#/sign-in'}, 'Sign in'), '.'));
}
