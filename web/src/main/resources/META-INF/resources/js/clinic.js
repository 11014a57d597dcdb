// The clinic's booking rules (GET /api/clinic), read once: the pages offer only what the server will accept, and
// the server keeps deciding.
import {api} from './api.js';

const FALLBACK = {currency: '', minimumNoticeSeconds: 0, maximumAdvanceSeconds: 366 * 86400, maximumActiveAppointments: 1000,
  patientCancelCutoffSeconds: 0, checkInOpensSeconds: 3600, holdSeconds: 300};
let loading = null;

export function clinic() {
  loading ??= api.get('/api/clinic', {auth: false}).then(rules => ({...FALLBACK, ...rules})).catch(() => FALLBACK);
  return loading;
}

/** Whether a patient may still book a slot starting at start (minimum notice, maximum advance). */
export function bookable(rules, start, now = Date.now()) {
  const ahead = (new Date(start).getTime() - now) / 1000;
  return ahead >= rules.minimumNoticeSeconds && ahead <= rules.maximumAdvanceSeconds;
}

/** Whether a patient may still cancel or move an appointment starting at start themselves. */
export function patientMayChange(rules, start, now = Date.now()) {
  return (new Date(start).getTime() - now) / 1000 > rules.patientCancelCutoffSeconds;
}

/** A fee with the clinic's currency, in the reader's locale: "€80.00". */
export function money(rules, amount) {
  if (amount === undefined || amount === null || amount === '') return null;
  try {
    return rules.currency ? new Intl.NumberFormat(undefined, {style: 'currency', currency: rules.currency}).format(Number(amount))
      : String(amount);
  } catch {
    return `${amount} ${rules.currency}`;
  }
}
