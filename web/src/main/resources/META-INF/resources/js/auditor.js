import {h, replace} from './dom.js';
const soon = title => main => replace(main, h('h1', {}, title), h('p', {}, 'Coming soon.'));
export const eventsPage = soon('Audit events');
export const slotHistoryPage = soon('Slot history');
export const exportPage = soon('Export');
