// What the pages need of online payments: Stripe.js, loaded from Stripe, and amounts in a currency's smallest unit.
import {h} from './dom.js';

/** "Paid EUR 80.00", "Refunded EUR 80.00": the appointment's online payment, when there is one. */
export function paymentNote(payment) {
  if (!payment) return null;
  const text = {paid: 'Paid', refunded: 'Refunded', 'partially-refunded': 'Partly refunded'}[payment.status] ?? payment.status;
  const amount = payment.status === 'paid' ? payment.amount : payment.refunded;
  return h('span', {class: 'payment muted'}, ` ${text} ${payment.currency.toUpperCase()} ${Number(amount).toFixed(2)}`);
}

/** Stripe.js from Stripe (it must never be bundled or self-hosted); rejects when it cannot load within 10 s. */
export function loadStripe() {
  if (window.Stripe) return Promise.resolve(window.Stripe);
  return new Promise((resolve, reject) => {
    const script = h('script', {src: 'https://js.stripe.com/v3/'});
    const timer = setTimeout(() => reject(new Error('timeout')), 10000);
    script.onload = () => { clearTimeout(timer); window.Stripe ? resolve(window.Stripe) : reject(new Error('no Stripe')); };
    script.onerror = () => { clearTimeout(timer); reject(new Error('unreachable')); };
    document.head.append(script);
  });
}

/** "EUR 80.00" from 8000 minor units of "eur". */
export function minorMoney(amount, currency) {
  const digits = new Intl.NumberFormat('en', {style: 'currency', currency}).resolvedOptions().maximumFractionDigits;
  return `${currency.toUpperCase()} ${(amount / 10 ** digits).toFixed(digits)}`;
}
