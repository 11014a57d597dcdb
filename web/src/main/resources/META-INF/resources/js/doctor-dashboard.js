// The doctor's own dashboard (GET /api/doctors/me/dashboard): every day and week in the doctor's time zone.
import {api} from './api.js';
import {h, replace} from './dom.js';
import {problemBox} from './forms.js';
import {range, dayHeading, dayKey} from './time.js';

const percent = value => value === undefined || value === null ? '–' : `${(Number(value) * 100).toFixed(1)} %`;
const money = value => value === undefined || value === null ? '–' : Number(value).toFixed(2);
const STATUSES = ['booked', 'checked-in', 'fulfilled', 'noshow', 'cancelled'];

function table(id, caption, columns, rows) {
  return h('div', {class: 'table-wrap'}, h('table', {id},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, columns.map(c => h('th', {scope: 'col'}, c)))),
    h('tbody', {}, rows.map(([head, ...cells]) => h('tr', {}, h('th', {scope: 'row'}, head), cells.map(c => h('td', {}, c)))))));
}

function utilization(u) {
  return u ? `${percent(u.value)} (${u.bookedSlots} of ${u.openedSlots} slots)` : '–';
}

export async function dashboardPage(main) {
  replace(main, h('h1', {}, 'My dashboard'), h('p', {class: 'muted'}, 'Loading the figures…'));
  let board;
  try {
    board = await api.get('/api/doctors/me/dashboard');
  } catch (error) {
    replace(main, h('h1', {}, 'My dashboard'), problemBox(error));
    return;
  }
  const zone = board.timeZone;
  const kpis = [
    ['today', board.todayFigures?.appointments, 'appointments today'],
    ['week', board.thisWeek?.appointments, 'appointments this week'],
    ['utilization', percent(board.thisWeek?.utilization?.value), 'of this week\u2019s slots booked'],
    ['cancellation', percent(board.cancellationRate?.value), 'cancelled (12 weeks)'],
    ['noshow', percent(board.noShowRate?.value), 'no-shows (12 weeks)'],
    ['patients', board.patientsSeen, 'patients seen (12 weeks)'],
    ['fees', money(board.feesEarned), `fees earned (12 weeks${board.fee == null ? ', no fee set' : `, fee ${money(board.fee)}`})`],
  ];
  const next = board.nextFreeSlot;
  replace(main, h('h1', {}, 'My dashboard'),
    h('p', {class: 'lead'}, h('span', {class: 'zone'}, `Times in ${zone}`), ` \u00b7 week of ${dayHeading(board.weekStart)}`),
    h('ul', {class: 'kpis', id: 'kpis'}, kpis.map(([name, value, label]) =>
      h('li', {dataset: {kpi: name}}, h('strong', {}, String(value ?? '–')), label))),
    h('p', {id: 'next-free-slot'}, next
      ? ['Next free slot: ', h('a', {href: `#/schedule?view=day&date=${dayKey(next.start, zone)}`}, `${range(next.start, next.end, zone)}`)]
      : 'No free slot ahead. ', next ? null : h('a', {href: '#/availability'}, 'Open slots')),
    table('by-status', 'Appointments by status', ['Status', 'Today', 'This week'],
      STATUSES.map(s => [s, board.todayFigures?.appointmentsByStatus?.[s] ?? 0, board.thisWeek?.appointmentsByStatus?.[s] ?? 0])
        .concat([['utilization', utilization(board.todayFigures?.utilization), utilization(board.thisWeek?.utilization)]])),
    table('weeks', 'The last 12 weeks', ['Week of', 'Appointments', 'Fulfilled', 'No-shows', 'Cancelled', 'Utilization', 'Fees earned'],
      [...(board.weeks ?? [])].reverse().map(w => [dayHeading(w.weekStart), w.appointments, w.fulfilled, w.noShows,
        w.cancelled, utilization(w.utilization), money(w.feesEarned)])));
}
