package com.careslot.command.file;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.UUID;

/**
 * Where uploaded bytes live: PostgreSQL by default ({@link PostgresFileStore}), an S3-compatible bucket with
 * {@code careslot.files.store=s3} ({@link S3FileStore}). Files are streamed in and out, never held whole in memory.
 */
public interface FileStore {

    /** Stores exactly {@code size} bytes read from {@code content} under {@code fileId}. */
    void put(UUID fileId, InputStream content, long size, String contentType) throws IOException;

    /** Copies the file's bytes to {@code out}; false when there is no such file. */
    boolean copyTo(UUID fileId, OutputStream out) throws IOException;

    void delete(UUID fileId);
}
