// Doctor profiles, looked up once per page load; a server without GET /api/doctors/{id} still gets times in a zone.
import {api} from './api.js';
import {browserZone, isValidZone} from './time.js';

const profiles = new Map();

export function doctorProfile(doctorId) {
  if (!profiles.has(doctorId)) {
    profiles.set(doctorId, api.get(`/api/doctors/${encodeURIComponent(doctorId)}`)
      .then(profile => ({...profile, doctorId, zoneKnown: isValidZone(profile.timeZone)}))
      .then(profile => profile.zoneKnown ? profile : {...profile, timeZone: browserZone})
      .catch(() => ({doctorId, fullName: null, timeZone: browserZone, zoneKnown: false})));
  }
  return profiles.get(doctorId);
}

export function forgetProfile(doctorId) {
  profiles.delete(doctorId);
}

export function doctorName(profile) {
  return profile?.fullName || profile?.name || `Doctor ${String(profile?.doctorId ?? '').slice(0, 8)}`;
}

/** "Times in Europe/Berlin", saying so when the doctor's zone is unknown and the browser's is used instead. */
export function zoneNote(profile) {
  return profile.zoneKnown ? `Times in ${profile.timeZone}` : `Times in ${profile.timeZone} (your browser's zone)`;
}

/** The first of several possible field names that a list item carries. */
export function pick(item, ...names) {
  for (const name of names) {
    const value = name.split('.').reduce((object, key) => object?.[key], item);
    if (value !== undefined && value !== null) return value;
  }
  return undefined;
}
