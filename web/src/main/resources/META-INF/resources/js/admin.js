import {h, replace} from './dom.js';
const soon = title => main => replace(main, h('h1', {}, title), h('p', {}, 'Coming soon.'));
export const dashboardPage = soon('Dashboard');
export const doctorsPage = soon('Doctors');
export const appointmentsPage = soon('Appointments');
export const notificationsPage = soon('Notifications');
export const projectionsPage = soon('Projections');
