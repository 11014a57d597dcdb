// A doctor's credential documents and profile photo: uploads on the doctor's profile page, the review with inline
// previews on the admin's applications. Files go up as multipart/form-data; the server decides their type from the
// bytes and answers 415 naming a file it does not take.
import {api} from './api.js';
import {h, replace, field, notice, announce} from './dom.js';
import {onSubmit, act, problemBox} from './forms.js';
import {doctorPhoto} from './photos.js';

const size = bytes => bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

/** The profile page's section: the photo with a form to replace it, the documents with a form to add some. */
export function filesSection(doctorId) {
  const photoBox = h('div', {id: 'my-photo'}, doctorPhoto(doctorId, 256, 'Your photo'));
  const documents = h('div', {id: 'my-documents'});
  const photoForm = onSubmit(h('form', {class: 'stack', 'aria-labelledby': 'photo-title'},
    field('Photo (JPEG or PNG)', h('input', {name: 'photo', type: 'file', accept: 'image/jpeg,image/png', required: true}),
      'Shown in the directory once you are listed; its location data is removed.'),
    h('div', {class: 'actions'}, h('button', {type: 'submit'}, 'Upload photo'))), async () => {
    const body = new FormData(photoForm);
    await api.put(`/api/doctors/${doctorId}/photo`, body);
    replace(photoBox, h('img', {class: 'photo photo-256', width: 128, height: 128, alt: 'Your photo',
      src: `/api/doctors/${encodeURIComponent(doctorId)}/photo?size=256&t=${Date.now()}`}), notice('Photo saved.', 'ok'));
    photoForm.reset();
    announce('Photo saved.');
  });
  const documentForm = onSubmit(h('form', {class: 'stack', 'aria-labelledby': 'documents-title'},
    field('Credential documents (PDF, JPEG or PNG; at most 5, 10 MB each)',
      h('input', {name: 'documents', type: 'file', accept: 'application/pdf,image/jpeg,image/png', multiple: true, required: true})),
    h('div', {class: 'actions'}, h('button', {type: 'submit'}, 'Upload documents'))), async () => {
    await api.post(`/api/doctors/${doctorId}/documents`, new FormData(documentForm));
    documentForm.reset();
    announce('Documents uploaded.');
    await listDocuments(doctorId, documents, false);
  });
  listDocuments(doctorId, documents, false).catch(error => replace(documents, problemBox(error)));
  return h('section', {class: 'stack', id: 'files'},
    h('h2', {id: 'photo-title'}, 'Photo'), photoBox, photoForm,
    h('h2', {id: 'documents-title'}, 'Credential documents'), documents, documentForm);
}

/** The notes an admin wrote in a review box, as the approve and reject requests take them. */
export function documentNotes(container) {
  return [...container.querySelectorAll('input[data-note-for]')]
    .filter(input => input.value.trim())
    .map(input => ({documentId: input.dataset.noteFor, note: input.value.trim()}));
}

/** The admin's review of an application: each document with a preview in the page (images and PDFs). */
export function documentsReview(doctorId) {
  const box = h('div', {class: 'stack documents-review', dataset: {doctorId}});
  listDocuments(doctorId, box, true).catch(error => replace(box, problemBox(error)));
  return box;
}

async function listDocuments(doctorId, box, withPreview) {
  const page = await api.get(`/api/doctors/${doctorId}/documents`);
  const items = page.items ?? [];
  if (!items.length) {
    replace(box, h('p', {class: 'muted'}, 'No documents.'));
    return;
  }
  replace(box, h('ul', {class: 'documents'}, items.map(file => {
    const status = h('div', {'aria-live': 'polite'});
    const preview = h('div', {class: 'preview'});
    const path = `/api/doctors/${doctorId}/documents/${file.documentId}`;
    const open = h('button', {type: 'button', class: 'secondary', dataset: {documentId: file.documentId},
      onclick: () => act(open, status, async () => {
        // Every download is recorded; the file comes with the bearer token, so it is shown from a Blob URL.
        const url = URL.createObjectURL(await api.blob(path));
        if (withPreview && file.contentType.startsWith('image/')) {
          replace(preview, h('img', {class: 'document-preview', src: url, alt: `Preview of ${file.name}`}));
        } else if (withPreview && file.contentType === 'application/pdf') {
          replace(preview, h('object', {class: 'document-preview', data: url, type: 'application/pdf', 'aria-label': `Preview of ${file.name}`},
            h('a', {href: url, download: file.name}, `Download ${file.name}`)));
        } else {
          const link = h('a', {href: url, download: file.name}, file.name);
          document.body.append(link);
          link.click();
          link.remove();
        }
      })}, withPreview ? `Preview ${file.name}` : `Download ${file.name}`);
    return h('li', {dataset: {documentId: file.documentId}},
      h('strong', {}, file.name), ` \u00b7 ${file.contentType} \u00b7 ${size(file.size)} `,
      h('code', {class: 'muted', title: 'SHA-256'}, file.sha256.slice(0, 12)), ' ', open, status, preview,
      withPreview ? field(`Note on ${file.name} (optional)`, h('input', {type: 'text', name: 'documentNote', maxlength: 500,
        dataset: {noteFor: file.documentId}}))
        : file.reviewNote ? h('p', {class: 'review-note'}, `Reviewer's note: ${file.reviewNote}`) : null);
  })));
}
