package com.careslot.command.doctor;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import com.careslot.api.account.Role;
import com.careslot.api.doctor.CredentialDocument;
import com.careslot.api.doctor.ProfilePhoto;
import com.careslot.command.account.Accounts;
import com.careslot.platform.security.Caller;
import com.careslot.platform.web.InvalidInputException;
import com.careslot.platform.web.NotFoundException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * A doctor's credential documents and profile photo, uploaded as multipart/form-data. Served from here, where the
 * files are (the gateway sends these GETs to the command side, docs/ARCHITECTURE.md).
 */
@RestController
@Tag(name = "Doctors' documents and photos")
class DoctorFileController {

    /** A neutral silhouette for doctors without a photo: same bytes for everyone, so one ETag. */
    static final String PLACEHOLDER = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 96" role="img" aria-label="No photo">\
            <rect width="96" height="96" fill="#e5e9f0"/><circle cx="48" cy="37" r="17" fill="#a3adbd"/>\
            <path d="M16 92c2-19 15-30 32-30s30 11 32 30z" fill="#a3adbd"/></svg>""";
    static final String PLACEHOLDER_ETAG = "\"placeholder-1\"";

    private final DoctorFiles files;
    private final Accounts accounts;

    DoctorFileController(DoctorFiles files, Accounts accounts) {
        this.files = files;
        this.accounts = accounts;
    }

    @PostMapping(path = "/api/doctors/{doctorId}/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasRole('ADMIN') or (hasRole('DOCTOR') and #doctorId == principal.accountId)")
    @Operation(summary = "Attach credential documents (part 'documents', one or more; PDF, JPEG or PNG)",
            description = "The type is decided from the bytes: anything else is 415 naming the file. Each file at "
                    + "most careslot.uploads.max-file-size (10 MB: 413), at most careslot.uploads.max-documents (5) "
                    + "per doctor (422 too-many-documents).")
    ResponseEntity<Map<String, List<CredentialDocument>>> attach(
            @PathVariable UUID doctorId, @RequestPart(name = "documents", required = false) List<MultipartFile> documents,
            @AuthenticationPrincipal Caller caller) {
        List<CredentialDocument> attached =
                files.attach(doctorId, documents == null ? List.of() : documents, caller.actor());
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("items", attached));
    }

    @GetMapping("/api/doctors/{doctorId}/documents")
    @PreAuthorize("hasRole('ADMIN') or (hasRole('DOCTOR') and #doctorId == principal.accountId)")
    @Operation(summary = "A doctor's credential documents (names, types, sizes, SHA-256): the doctor or an admin")
    Map<String, List<DoctorFiles.DocumentEntry>> documents(@PathVariable UUID doctorId) {
        return Map.of("items", files.credentials(doctorId));
    }

    @GetMapping("/api/doctors/{doctorId}/documents/{documentId}")
    @PreAuthorize("hasAnyRole('DOCTOR', 'ADMIN')")
    @Operation(summary = "Download a credential document: only the doctor and admins (403 for anyone else)",
            description = "Every download is recorded as a CredentialDownloaded event, so the audit trail shows "
                    + "who downloaded it and when. ?inline=true asks the browser to show it rather than save it.")
    ResponseEntity<StreamingResponseBody> download(@PathVariable UUID doctorId, @PathVariable UUID documentId,
                                                   @RequestParam(defaultValue = "false") boolean inline,
                                                   @AuthenticationPrincipal Caller caller) {
        DoctorFiles.StoredFile file = files.credentialToDownload(doctorId, documentId, caller.actor());
        ContentDisposition disposition = (inline ? ContentDisposition.inline() : ContentDisposition.attachment())
                .filename(file.name(), StandardCharsets.UTF_8).build();
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(file.contentType()))
                .contentLength(file.size())
                .eTag(file.sha256())
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox")
                .body(out -> copy(file, out));
    }

    @PutMapping(path = "/api/doctors/{doctorId}/photo", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasRole('ADMIN') or (hasRole('DOCTOR') and #doctorId == principal.accountId)")
    @Operation(summary = "Set the profile photo (part 'photo', JPEG or PNG)",
            description = "Cropped square and re-encoded as JPEG in 96, 256 and 512 pixels; no metadata (no EXIF "
                    + "location) is kept, nor the uploaded file.")
    ProfilePhoto photo(@PathVariable UUID doctorId, @RequestPart(name = "photo", required = false) MultipartFile photo,
                       @AuthenticationPrincipal Caller caller) {
        return files.changePhoto(doctorId, photo, caller.actor());
    }

    @GetMapping("/api/doctors/{doctorId}/photo")
    @PreAuthorize("permitAll()")
    @Operation(summary = "A doctor's photo (size 96, 256 or 512): public once the doctor is listed",
            description = "JPEG with an ETag and Cache-Control: public, no-cache (revalidate, 304 when unchanged); a "
                    + "neutral SVG placeholder when there is none (or the "
                    + "doctor is not listed and the caller is neither that doctor nor an admin). 304 for a "
                    + "matching If-None-Match.")
    ResponseEntity<StreamingResponseBody> photo(@PathVariable UUID doctorId, @RequestParam(defaultValue = "256") int size,
                            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
                            @AuthenticationPrincipal Caller caller) {
        if (!DoctorFiles.PHOTO_SIZES.contains(size)) {
            throw new InvalidInputException("size", "must be one of " + DoctorFiles.PHOTO_SIZES);
        }
        boolean listed = accounts.isActive(doctorId, Role.DOCTOR);
        boolean entitled = caller != null && (caller.is(Role.ADMIN) || caller.accountId().equals(doctorId));
        Optional<DoctorFiles.StoredFile> stored = listed || entitled ? files.photo(doctorId, size) : Optional.empty();
        // Revalidated on every use (a 304 for an unchanged photo): a new photo shows at once under the same URL
        CacheControl cache = listed ? CacheControl.noCache().cachePublic() : CacheControl.noCache().cachePrivate();
        String etag = stored.map(file -> "\"" + file.sha256() + "\"").orElse(PLACEHOLDER_ETAG);
        if (etag.equals(ifNoneMatch)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).cacheControl(cache).build();
        }
        if (stored.isEmpty()) {
            byte[] placeholder = PLACEHOLDER.getBytes(StandardCharsets.UTF_8);
            return ResponseEntity.ok().contentType(MediaType.valueOf("image/svg+xml")).eTag(etag).cacheControl(cache)
                    .contentLength(placeholder.length).header("X-Content-Type-Options", "nosniff")
                    .body(out -> out.write(placeholder));
        }
        DoctorFiles.StoredFile file = stored.get();
        StreamingResponseBody body = out -> copy(file, out);
        return ResponseEntity.ok().contentType(MediaType.IMAGE_JPEG).contentLength(file.size()).eTag(etag)
                .cacheControl(cache).header("X-Content-Type-Options", "nosniff").body(body);
    }

    private void copy(DoctorFiles.StoredFile file, OutputStream out) throws IOException {
        if (!files.store().copyTo(file.fileId(), out)) {
            throw new NotFoundException("The file " + file.fileId() + " is gone.");
        }
    }
}
