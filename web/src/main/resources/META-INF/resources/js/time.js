// Times are shown in the doctor's time zone and labelled with it; the browser's own zone is only a fallback.
export const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

const cache = new Map();
function format(zone, options) {
  const key = `${zone}|${JSON.stringify(options)}`;
  if (!cache.has(key)) cache.set(key, new Intl.DateTimeFormat(undefined, {timeZone: zone, ...options}));
  return cache.get(key);
}

export function time(instant, zone) {
  return format(zone, {hour: '2-digit', minute: '2-digit', hourCycle: 'h23'}).format(new Date(instant));
}

export function date(instant, zone) {
  return format(zone, {weekday: 'short', day: 'numeric', month: 'short'}).format(new Date(instant));
}

export function dateTime(instant, zone) {
  return format(zone, {weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit',
    minute: '2-digit', hourCycle: 'h23'}).format(new Date(instant));
}

/** "Tuesday 3 December 2026, 10:00–10:30" in the reader's locale. */
export function longRange(start, end, zone) {
  const day = format(zone, {weekday: 'long', day: 'numeric', month: 'long', year: 'numeric'}).format(new Date(start));
  return `${day}, ${time(start, zone)}\u2013${time(end, zone)}`;
}

/** A zone as people say it: "New York time" for America/New_York, "your time" for the browser's own. */
export function zoneLabel(zone) {
  if (zone === browserZone) return `your time (${zone.replaceAll('_', ' ')})`;
  return `${zone.split('/').pop().replaceAll('_', ' ')} time`;
}

export function range(start, end, zone) {
  return `${date(start, zone)}, ${time(start, zone)}–${time(end, zone)}`;
}

/** The calendar date (YYYY-MM-DD) of an instant in a zone. */
export function dayKey(instant, zone) {
  const parts = Object.fromEntries(format(zone, {year: 'numeric', month: '2-digit', day: '2-digit'})
    .formatToParts(new Date(instant)).map(p => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

function offsetMs(utcMs, zone) {
  const parts = Object.fromEntries(format(zone, {year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric',
    minute: 'numeric', second: 'numeric', hourCycle: 'h23'}).formatToParts(new Date(utcMs)).map(p => [p.type, p.value]));
  const asUtc = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour % 24, +parts.minute, +parts.second);
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** The instant of a local date and time (HH:mm) in a zone. */
export function zoned(day, hhmm = '00:00', zone) {
  const [y, m, d] = day.split('-').map(Number);
  const [hh, mm] = hhmm.split(':').map(Number);
  const guess = Date.UTC(y, m - 1, d, hh, mm);
  let instant = guess - offsetMs(guess, zone);
  instant = guess - offsetMs(instant, zone);
  return new Date(instant);
}

export function addDays(day, n) {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** The Monday of the week a date falls in. */
export function weekStart(day) {
  const [y, m, d] = day.split('-').map(Number);
  const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}

export function today(zone) {
  return dayKey(Date.now(), zone);
}

export function dayHeading(day) {
  const [y, m, d] = day.split('-').map(Number);
  return new Intl.DateTimeFormat(undefined, {timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'short'})
    .format(new Date(Date.UTC(y, m - 1, d)));
}

export function isValidZone(zone) {
  try {
    new Intl.DateTimeFormat(undefined, {timeZone: zone});
    return true;
  } catch {
    return false;
  }
}
