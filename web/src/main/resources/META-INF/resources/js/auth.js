import {api, signIn, mailIsCaught} from './api.js';
import {h, replace, field, notice} from './dom.js';
import {onSubmit} from './forms.js';

const HOME = {PATIENT: '/find', DOCTOR: '/schedule', ADMIN: '/dashboard', AUDITOR: '/audit', RECEPTIONIST: '/desk'};
// The sign-up password is kept in memory only, so that entering the code can sign the patient in directly.
let pendingSignUp = null;

function input(name, type, extra = {}) {
  return h('input', {name, type, ...extra});
}

export async function signInPage(main, {search, go}) {
  const form = onSubmit(h('form', {class: 'stack', 'aria-labelledby': 'sign-in-title', novalidate: true},
    field('Email', input('email', 'email', {autocomplete: 'username', required: true})),
    field('Password', input('password', 'password', {autocomplete: 'current-password', required: true})),
    h('div', {class: 'actions'}, h('button', {type: 'submit'}, 'Sign in'))), async ({email, password}) => {
    const session = await signIn(email ?? '', password ?? '');
    const next = search.get('next');
    go(next && next.startsWith('/') ? next : HOME[session.role] ?? '/');
  });
  const mailLink = h('p', {id: 'mail-link', hidden: true},
    'Mail is caught on this machine: read sign-up codes and invitations at ', h('a', {href: '/mail', target: '_blank'}, 'caught mail'), '.');
  replace(main,
    h('h1', {id: 'sign-in-title'}, 'Sign in'),
    search.get('verified') ? notice('Your email is confirmed. Sign in to book.', 'ok') : null,
    search.get('password-set') ? notice('Your password is set. Sign in.', 'ok') : null,
    form,
    h('p', {}, 'New patient? ', h('a', {href: search.get('next') ? `#/sign-up?next=${encodeURIComponent(search.get('next'))}` : '#/sign-up'}, 'Create an account'), '. Have a code? ',
      h('a', {href: '#/verify'}, 'Enter it'), '. A doctor? ', h('a', {href: '#/apply'}, 'Apply with your credentials'), '.'),
    mailLink);
  if (await mailIsCaught()) mailLink.hidden = false;
}

export function signUpPage(main, {search, go}) {
  const next = search.get('next');
  const form = onSubmit(h('form', {class: 'stack', novalidate: true},
    field('Full name', input('fullName', 'text', {autocomplete: 'name', required: true})),
    field('Email', input('email', 'email', {autocomplete: 'email', required: true})),
    field('Password', input('password', 'password', {autocomplete: 'new-password', required: true, minlength: 10}),
      'At least 10 characters, not your email.'),
    field('Phone (optional)', input('phone', 'tel', {autocomplete: 'tel'})),
    h('div', {class: 'actions'}, h('button', {type: 'submit'}, 'Create account'))), async body => {
    await api.post('/api/auth/register', body, {auth: false});
    pendingSignUp = {email: body.email, password: body.password, next};
    go(`/verify?email=${encodeURIComponent(body.email)}`);
  });
  replace(main, h('h1', {}, 'Create a patient account'),
    h('p', {class: 'lead'}, 'We email you a 6-digit code to confirm the address.'), form,
    h('p', {}, 'Already registered? ', h('a', {href: next ? `#/sign-in?next=${encodeURIComponent(next)}` : '#/sign-in'}, 'Sign in'), '.'));
}

export async function verifyPage(main, {search, go}) {
  const email = search.get('email') ?? pendingSignUp?.email ?? '';
  const status = h('div', {role: 'status'});
  const form = onSubmit(h('form', {class: 'stack', novalidate: true},
    field('Email', input('email', 'email', {autocomplete: 'email', required: true, value: email})),
    field('Code', input('code', 'text', {inputmode: 'numeric', autocomplete: 'one-time-code', required: true,
      pattern: '[0-9]{6}', maxlength: 6}), 'The 6 digits from the email.'),
    h('div', {class: 'actions'},
      h('button', {type: 'submit'}, 'Confirm'),
      h('button', {type: 'submit', class: 'secondary', name: 'resend', formnovalidate: true}, 'Send a new code'))),
  async (body, submitter) => {
    if (submitter?.name === 'resend') {
      await api.post('/api/auth/verify/resend', {email: body.email}, {auth: false});
      replace(status, notice(`A new code is on its way to ${body.email}.`, 'ok'));
      return;
    }
    await api.post('/api/auth/verify', {email: body.email, code: body.code}, {auth: false});
    if (pendingSignUp && pendingSignUp.email === body.email) {
      const {password, next} = pendingSignUp;
      pendingSignUp = null;
      await signIn(body.email, password);
      go(next && next.startsWith('/') ? next : '/find');
    } else {
      go('/sign-in?verified=1');
    }
  });
  const mailLink = h('p', {id: 'mail-link', hidden: true}, 'Mail is caught on this machine: ',
    h('a', {href: '/mail', target: '_blank'}, 'read the code in the caught mail'), '.');
  replace(main, h('h1', {}, 'Confirm your email'),
    h('p', {class: 'lead'}, email ? `We sent a code to ${email}.` : 'Enter the code we emailed you.'),
    status, form, mailLink);
  if (await mailIsCaught()) mailLink.hidden = false;
}

export function acceptInvitePage(main, {search}) {
  // The link in the mail carries the token: it stays out of sight. Only someone without the link pastes it.
  const token = search.get('token');
  const form = onSubmit(h('form', {class: 'stack', novalidate: true},
    token ? h('input', {type: 'hidden', name: 'token', value: token})
      : field('Invitation code (from the link in the mail)', input('token', 'text', {required: true})),
    field('New password', input('password', 'password', {autocomplete: 'new-password', required: true, minlength: 10}),
      'At least 10 characters, not your email.'),
    h('div', {class: 'actions'}, h('button', {type: 'submit'}, 'Set password'))), async body => {
    await api.post('/api/auth/accept-invite', body, {auth: false});
    history.replaceState(null, '', '/#/sign-in?password-set=1');
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  });
  replace(main, h('h1', {}, 'Set your password'),
    h('p', {class: 'lead'}, 'You were invited to Careslot. Choose a password to finish setting up your account.'), form);
}
