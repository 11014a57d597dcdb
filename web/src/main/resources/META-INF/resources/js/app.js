// The shell: routes (hash-based, so any static server can serve the pages), navigation per role, sign-out, and focus
// moved to the new page's heading after every navigation.
import {currentSession, onSessionChange, signOut} from './api.js';
import {h, replace, announce} from './dom.js';
import * as auth from './auth.js';
import {applyPage} from './apply.js';
import * as patient from './patient.js';
import * as doctor from './doctor.js';
import * as doctorDashboard from './doctor-dashboard.js';
import * as admin from './admin.js';
import * as auditor from './auditor.js';

import * as desk from './desk.js';

export const HOME = {PATIENT: '/find', DOCTOR: '/schedule', ADMIN: '/dashboard', AUDITOR: '/audit', RECEPTIONIST: '/desk'};

const NAV = {
  PATIENT: [['/find', 'Find a doctor'], ['/appointments', 'My appointments']],
  DOCTOR: [['/schedule', 'My schedule'], ['/availability', 'Open slots'], ['/my-dashboard', 'My dashboard'],
    ['/profile', 'My profile']],
  ADMIN: [['/dashboard', 'Dashboard'], ['/desk', 'Front desk'], ['/admin/doctors', 'Doctors'],
    ['/admin/appointments', 'Appointments'], ['/admin/staff', 'Staff'], ['/admin/notifications', 'Notifications'],
    ['/admin/payments', 'Payments'], ['/admin/projections', 'Projections'], ['/audit', 'Audit']],
  RECEPTIONIST: [['/desk', 'Patients'], ['/find', 'Doctors'], ['/admin/appointments', 'Appointments']],
  AUDITOR: [['/audit', 'Events'], ['/audit/slot', 'Slot history'], ['/audit/access', 'Access log'],
    ['/audit/export', 'Export']],
};

const ROUTES = [
  ['/sign-in', auth.signInPage],
  ['/sign-up', auth.signUpPage],
  ['/apply', applyPage],
  ['/verify', auth.verifyPage],
  ['/accept-invite', auth.acceptInvitePage],
  ['/find', patient.findDoctorsPage],
  ['/doctors/:doctorId', patient.doctorWeekPage],
  ['/appointments', patient.myAppointmentsPage, ['PATIENT']],
  ['/appointments/:appointmentId', patient.appointmentPage, ['PATIENT', 'RECEPTIONIST', 'ADMIN']],
  ['/desk', desk.searchPage, ['RECEPTIONIST', 'ADMIN']],
  ['/desk/patients/:patientId', desk.patientPage, ['RECEPTIONIST', 'ADMIN']],
  ['/admin/staff', desk.staffPage, ['ADMIN']],
  ['/schedule', doctor.schedulePage, ['DOCTOR']],
  ['/availability', doctor.availabilityPage, ['DOCTOR']],
  ['/profile', doctor.profilePage, ['DOCTOR']],
  ['/my-dashboard', doctorDashboard.dashboardPage, ['DOCTOR']],
  ['/dashboard', admin.dashboardPage, ['ADMIN']],
  ['/admin/doctors', admin.doctorsPage, ['ADMIN']],
  ['/admin/appointments', admin.appointmentsPage, ['ADMIN', 'RECEPTIONIST']],
  ['/admin/notifications', admin.notificationsPage, ['ADMIN']],
  ['/admin/payments', admin.paymentsPage, ['ADMIN']],
  ['/admin/projections', admin.projectionsPage, ['ADMIN']],
  ['/audit', auditor.eventsPage, ['AUDITOR', 'ADMIN']],
  ['/audit/slot', auditor.slotHistoryPage, ['AUDITOR', 'ADMIN']],
  ['/audit/slot/:slotId', auditor.slotHistoryPage, ['AUDITOR', 'ADMIN']],
  ['/audit/access', auditor.accessLogPage, ['AUDITOR', 'ADMIN']],
  ['/audit/export', auditor.exportPage, ['AUDITOR', 'ADMIN']],
];

let cleanup = null;
let renders = 0;

export function go(path) {
  if (location.hash === `#${path}`) render();
  else location.hash = path;
}

function match(path) {
  for (const [pattern, page, roles] of ROUTES) {
    const names = [];
    const regex = new RegExp(`^${pattern.replace(/:(\w+)/g, (_, name) => { names.push(name); return '([^/]+)'; })}$`);
    const found = regex.exec(path);
    if (found) return {page, roles, params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(found[i + 1])]))};
  }
  return null;
}

function current() {
  // The invite mail links to /accept-invite?token=… (a real path); everything else lives in the hash.
  if (location.pathname === '/accept-invite' && !location.hash) {
    return {path: '/accept-invite', search: new URLSearchParams(location.search)};
  }
  const [path, search] = (location.hash.replace(/^#/, '') || '/').split('?');
  return {path, search: new URLSearchParams(search ?? '')};
}

async function render() {
  const {path, search} = current();
  const session = currentSession();
  // Each navigation renders into a fresh container: a slower page still loading from an earlier navigation then
  // writes into a detached element and can never overwrite the page the person is on now.
  const main = h('div', {class: 'view'});
  replace(document.getElementById('main'), main);
  const turn = ++renders;
  if (path === '/' || path === '') {
    go(session ? HOME[session.role] ?? '/sign-in' : '/find');
    return;
  }
  const route = match(path);
  if (cleanup) {
    try { cleanup(); } catch { /* a page's cleanup never blocks navigation */ }
    cleanup = null;
  }
  renderNav(path);
  if (!route) {
    replace(main, h('h1', {tabindex: '-1'}, 'Page not found'), h('p', {}, h('a', {href: '#/'}, 'Go to your start page')));
    focusHeading(main);
    return;
  }
  if (route.roles && !session) {
    go(`/sign-in?next=${encodeURIComponent(path)}`);
    return;
  }
  if (route.roles && !route.roles.includes(session.role)) {
    replace(main, h('h1', {tabindex: '-1'}, 'Not for your role'),
      h('p', {}, `This page is for ${route.roles.join(' or ').toLowerCase()}s. `, h('a', {href: '#/'}, 'Go to your start page')));
    focusHeading(main);
    return;
  }
  replace(main, h('p', {class: 'muted'}, 'Loading…'));
  const context = {params: route.params, search, session, go};
  try {
    const result = await route.page(main, context);
    if (typeof result === 'function') {
      if (turn === renders) cleanup = result;
      else result();
    }
  } catch (error) {
    replace(main, h('h1', {tabindex: '-1'}, 'Something went wrong'), h('p', {}, String(error?.message ?? error)));
  }
  if (turn === renders) focusHeading(main);
}

function focusHeading(main) {
  const heading = main.querySelector('h1');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    // A page finishes loading after its form is shown: someone already typing there keeps their focus.
    const typing = document.activeElement && document.activeElement !== document.body && main.contains(document.activeElement);
    if (!typing) heading.focus({preventScroll: false});
    document.title = `${heading.textContent} · Careslot`;
    announce(heading.textContent);
  }
}

function renderNav(path) {
  const session = currentSession();
  const nav = document.getElementById('nav');
  const account = document.getElementById('account');
  const links = session ? NAV[session.role] ?? [] : [['/find', 'Find a doctor']];
  const active = links.map(([href]) => href).filter(href => path === href || path.startsWith(`${href}/`))
    .sort((a, b) => b.length - a.length)[0];
  replace(nav, links.length ? h('ul', {}, links.map(([href, label]) =>
    h('li', {}, h('a', {href: `#${href}`, 'aria-current': href === active ? 'page' : null}, label)))) : null);
  if (session) {
    replace(account,
      h('span', {}, h('span', {class: 'visually-hidden'}, 'Signed in as '), session.email ?? '', ` (${(session.role ?? '').toLowerCase()})`),
      h('button', {type: 'button', id: 'sign-out', class: 'secondary', onclick: async () => {
        await signOut();
        announce('Signed out');
        go('/sign-in');
      }}, 'Sign out'));
  } else {
    replace(account, h('a', {href: '#/sign-in'}, 'Sign in'), h('a', {href: '#/sign-up'}, 'Sign up'));
  }
}

onSessionChange(session => {
  if (!session && current().path !== '/sign-in' && match(current().path)?.roles) go('/sign-in');
  else renderNav(current().path);
});
window.addEventListener('hashchange', render);
render();
