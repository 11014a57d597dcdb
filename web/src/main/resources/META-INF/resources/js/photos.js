// A doctor's photo (GET /api/doctors/{id}/photo): public once listed, a neutral placeholder otherwise. Served with an
// ETag and Cache-Control, so the browser revalidates instead of fetching it again.
import {h} from './dom.js';

/** An <img> of the doctor's photo at 96, 256 or 512 pixels; decorative unless `alt` is given. */
export function doctorPhoto(doctorId, size = 96, alt = '') {
  return h('img', {class: `photo photo-${size}`, src: `/api/doctors/${encodeURIComponent(doctorId)}/photo?size=${size}`,
    width: size >= 256 ? 128 : 64, height: size >= 256 ? 128 : 64, alt, loading: 'lazy', dataset: {doctorPhoto: doctorId}});
}
