package com.careslot.command.doctor;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.apache.tika.Tika;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.multipart.MultipartFile;

import com.careslot.api.account.Actor;
import com.careslot.api.doctor.AttachCredentials;
import com.careslot.api.doctor.ChangeProfilePhoto;
import com.careslot.api.doctor.CredentialDocument;
import com.careslot.api.doctor.CredentialNote;
import com.careslot.api.doctor.NoteCredentials;
import com.careslot.api.doctor.ProfilePhoto;
import com.careslot.api.doctor.RecordCredentialDownload;
import com.careslot.command.file.FileStore;
import com.careslot.platform.web.InvalidInputException;

import net.coobird.thumbnailator.Thumbnails;
import net.coobird.thumbnailator.filters.ImageFilter;
import net.coobird.thumbnailator.geometry.Positions;

/**
 * A doctor's credential documents and profile photo. Every file is checked before anything is stored: its type is
 * decided from its bytes by Apache Tika (never from its name or declared type), its size against
 * {@link UploadLimits}. Then its bytes go to the {@link FileStore}, a row describing it to
 * {@code command_side.doctor_file}, and the event naming it (never its bytes) to the event store, all in one
 * transaction with the PostgreSQL store. Photos are cropped square, resized and re-encoded as JPEG by Thumbnailator,
 * which keeps no metadata (no EXIF location); the uploaded bytes themselves are not kept.
 */
@Component
class DoctorFiles {

    static final Map<String, String> DOCUMENT_TYPES = Map.of("application/pdf", "PDF", "image/jpeg", "JPEG",
            "image/png", "PNG");
    static final Set<String> PHOTO_TYPES = Set.of("image/jpeg", "image/png");
    static final List<Integer> PHOTO_SIZES = List.of(96, 256, 512);
    static final String PHOTO_TYPE = "image/jpeg";
    private static final int LONGEST_NAME = 255;

    private static final ImageFilter ON_WHITE = image -> {
        BufferedImage flat = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = flat.createGraphics();
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, image.getWidth(), image.getHeight());
        graphics.drawImage(image, 0, 0, null);
        graphics.dispose();
        return flat;
    };

    private final Tika tika = new Tika();
    private final FileStore store;
    private final JdbcTemplate jdbc;
    private final CommandGateway commandGateway;
    private final UploadLimits limits;

    DoctorFiles(FileStore store, JdbcTemplate jdbc, CommandGateway commandGateway, UploadLimits limits) {
        this.store = store;
        this.jdbc = jdbc;
        this.commandGateway = commandGateway;
        this.limits = limits;
    }

    /** Refuses the first file that is too large or of a type not taken, before anything is stored. */
    void check(List<MultipartFile> documents, MultipartFile photo) {
        for (int i = 0; i < documents.size(); i++) {
            detect(documents.get(i), "documents[" + i + "]", DOCUMENT_TYPES.keySet(), "PDF, JPEG and PNG files");
        }
        if (photo != null) {
            detect(photo, "photo", PHOTO_TYPES, "JPEG and PNG images");
        }
    }

    @Transactional
    List<CredentialDocument> attach(UUID doctorId, List<MultipartFile> files, Actor actor) {
        if (files.isEmpty()) {
            throw new InvalidInputException("documents", "at least one file is required");
        }
        if (files.size() > limits.maxDocuments()) {
            throw new TooManyDocumentsException(limits.maxDocuments(), 0);
        }
        List<String> types = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            types.add(detect(files.get(i), "documents[" + i + "]", DOCUMENT_TYPES.keySet(),
                    "PDF, JPEG and PNG files"));
        }
        List<CredentialDocument> documents = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            MultipartFile file = files.get(i);
            UUID documentId = UUID.randomUUID();
            String digest;
            try (InputStream in = file.getInputStream()) {
                digest = put(documentId, in, file.getSize(), types.get(i));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            CredentialDocument document = new CredentialDocument(documentId, name(file), file.getSize(), types.get(i),
                    digest);
            describe(doctorId, "CREDENTIAL", documentId, document.name(), document.contentType(), document.size(),
                    digest, null);
            documents.add(document);
        }
        commandGateway.sendAndWait(new AttachCredentials(doctorId, documents, actor));
        return documents;
    }

    @Transactional
    ProfilePhoto changePhoto(UUID doctorId, MultipartFile file, Actor actor) {
        if (file == null || file.isEmpty()) {
            throw new InvalidInputException("photo", "is required");
        }
        String type = detect(file, "photo", PHOTO_TYPES, "JPEG and PNG images");
        requirePixelsWithinLimit(file);
        String uploadDigest = digestOf(file);
        List<byte[]> encoded = variants(file);
        List<ProfilePhoto.Variant> variants = new ArrayList<>();
        for (int i = 0; i < PHOTO_SIZES.size(); i++) {
            byte[] bytes = encoded.get(i);
            UUID fileId = UUID.randomUUID();
            String digest = put(fileId, new ByteArrayInputStream(bytes), bytes.length, PHOTO_TYPE);
            variants.add(new ProfilePhoto.Variant(PHOTO_SIZES.get(i), fileId, bytes.length, digest));
        }
        for (UUID old : jdbc.queryForList("""
                        select file_id from command_side.doctor_file where doctor_id = ? and kind = 'PHOTO'""",
                UUID.class, doctorId)) {
            store.delete(old);
            jdbc.update("delete from command_side.doctor_file where file_id = ?", old);
        }
        for (ProfilePhoto.Variant variant : variants) {
            describe(doctorId, "PHOTO", variant.fileId(), name(file), PHOTO_TYPE, variant.size(), variant.sha256(),
                    variant.pixels());
        }
        ProfilePhoto photo = new ProfilePhoto(UUID.randomUUID(), name(file), file.getSize(), type, uploadDigest,
                variants);
        commandGateway.sendAndWait(new ChangeProfilePhoto(doctorId, photo, actor));
        return photo;
    }

    /** An admin's notes per document, shown to the doctor with the documents. */
    @Transactional
    void note(UUID doctorId, List<CredentialNote> notes, Actor actor) {
        commandGateway.sendAndWait(new NoteCredentials(doctorId, notes, actor));
        for (CredentialNote note : notes) {
            jdbc.update("update command_side.doctor_file set review_note = ? where file_id = ? and doctor_id = ?",
                    note.note().strip(), note.documentId(), doctorId);
        }
    }

    /**
     * The photo cropped square and encoded as JPEG in each of {@link #PHOTO_SIZES}, small enough to hold in memory.
     * Thumbnailator reads the upload subsampled when the target is much smaller, and turns it by its EXIF
     * orientation; the JPEGs it writes from pixels carry no metadata.
     */
    private static List<byte[]> variants(MultipartFile file) {
        int largest = PHOTO_SIZES.get(PHOTO_SIZES.size() - 1);
        try (InputStream in = file.getInputStream()) {
            BufferedImage square = Thumbnails.of(in).crop(Positions.CENTER).size(largest, largest)
                    .addFilter(ON_WHITE).asBufferedImage();
            List<byte[]> encoded = new ArrayList<>();
            for (int pixels : PHOTO_SIZES) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                Thumbnails.of(square).size(pixels, pixels).outputFormat("jpg").outputQuality(0.85).toOutputStream(out);
                encoded.add(out.toByteArray());
            }
            return encoded;
        } catch (IOException | RuntimeException unreadable) {
            throw UploadException.unreadableImage("photo", name(file));
        }
    }

    /** Records the download in the doctor's stream (the audit trail shows who and when), then answers the file. */
    @Transactional
    StoredFile credentialToDownload(UUID doctorId, UUID documentId, Actor actor) {
        CredentialDocument document =
                commandGateway.sendAndWait(new RecordCredentialDownload(doctorId, documentId, actor));
        return new StoredFile(document.documentId(), document.name(), document.contentType(), document.size(),
                document.sha256());
    }

    List<DocumentEntry> credentials(UUID doctorId) {
        return jdbc.query("""
                        select file_id, name, content_type, size, sha256, created_at, review_note
                        from command_side.doctor_file
                        where doctor_id = ? and kind = 'CREDENTIAL' order by created_at, file_id""",
                (rs, row) -> new DocumentEntry(rs.getObject("file_id", UUID.class), rs.getString("name"),
                        rs.getString("content_type"), rs.getLong("size"), rs.getString("sha256"),
                        rs.getTimestamp("created_at").toInstant(), rs.getString("review_note")),
                doctorId);
    }

    Optional<StoredFile> photo(UUID doctorId, int pixels) {
        return jdbc.query("""
                        select file_id, name, content_type, size, sha256 from command_side.doctor_file
                        where doctor_id = ? and kind = 'PHOTO' and pixels = ?""",
                (rs, row) -> new StoredFile(rs.getObject("file_id", UUID.class), rs.getString("name"),
                        rs.getString("content_type"), rs.getLong("size"), rs.getString("sha256")),
                doctorId, pixels).stream().findFirst();
    }

    FileStore store() {
        return store;
    }

    /** The type of the file's bytes; refused when it is not one of {@code accepted} or the file is too large. */
    private String detect(MultipartFile file, String field, Set<String> accepted, String acceptedText) {
        if (file.getSize() > limits.maxFileSize()) {
            throw UploadException.tooLarge(field, name(file), limits.maxFileSize());
        }
        String detected;
        try (InputStream in = file.getInputStream()) {
            detected = tika.detect(in).toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!accepted.contains(detected)) {
            throw UploadException.unsupportedType(field, name(file), detected, acceptedText);
        }
        return detected;
    }

    /** Reads the image's dimensions from its header, so a decompression bomb is refused before it is decoded. */
    private void requirePixelsWithinLimit(MultipartFile file) {
        try (InputStream in = file.getInputStream(); ImageInputStream image = ImageIO.createImageInputStream(in)) {
            Iterator<ImageReader> readers = image == null ? null : ImageIO.getImageReaders(image);
            if (readers == null || !readers.hasNext()) {
                throw UploadException.unreadableImage("photo", name(file));
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(image, true, true);
                if ((long) reader.getWidth(0) * reader.getHeight(0) > limits.maxPhotoPixels()) {
                    throw UploadException.tooManyPixels("photo", name(file), limits.maxPhotoPixels());
                }
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw UploadException.unreadableImage("photo", name(file));
        }
    }

    private static String digestOf(MultipartFile file) {
        try (InputStream in = file.getInputStream()) {
            return sha256(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Streams the bytes into the store and answers their SHA-256, computed on the way. */
    private String put(UUID fileId, InputStream in, long size, String type) {
        MessageDigest digest = sha256();
        try (DigestInputStream digesting = new DigestInputStream(in, digest)) {
            store.put(fileId, digesting, size, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private void describe(UUID doctorId, String kind, UUID fileId, String name, String type, long size, String sha256,
                          Integer pixels) {
        jdbc.update("""
                        insert into command_side.doctor_file
                            (file_id, doctor_id, kind, name, content_type, size, sha256, pixels)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""",
                fileId, doctorId, kind, name, type, size, sha256, pixels);
    }

    /** The file's own name without any path, printable, at most 255 characters; "upload" when it has none. */
    static String name(MultipartFile file) {
        String name = file.getOriginalFilename() == null ? "" : file.getOriginalFilename();
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1)
                .replaceAll("[\\p{Cntrl}\"]", "").strip();
        if (name.isEmpty()) {
            name = "upload";
        }
        return name.length() > LONGEST_NAME ? name.substring(0, LONGEST_NAME) : name;
    }

    private static String sha256(InputStream in) throws IOException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[64 * 1024];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    record StoredFile(UUID fileId, String name, String contentType, long size, String sha256) {
    }

    record DocumentEntry(UUID documentId, String name, String contentType, long size, String sha256,
                         Instant uploadedAt, String reviewNote) {
    }
}
