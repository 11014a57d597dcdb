package com.careslot.command.file;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.UUID;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Files as objects in an S3-compatible bucket (AWS S3, MinIO, Ceph…), keyed {@code <prefix><fileId>}. Unlike
 * {@link PostgresFileStore} it is not part of the database transaction: a refused upload may leave an orphan object
 * behind (never a row without its object, as the object is written first).
 */
class S3FileStore implements FileStore {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    S3FileStore(S3Client s3, String bucket, String prefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
    }

    @Override
    public void put(UUID fileId, InputStream content, long size, String contentType) {
        s3.putObject(request -> request.bucket(bucket).key(key(fileId)).contentType(contentType).contentLength(size),
                RequestBody.fromInputStream(content, size));
    }

    @Override
    public boolean copyTo(UUID fileId, OutputStream out) throws IOException {
        try (InputStream in = s3.getObject(request -> request.bucket(bucket).key(key(fileId)),
                ResponseTransformer.toInputStream())) {
            in.transferTo(out);
            return true;
        } catch (NoSuchKeyException missing) {
            return false;
        }
    }

    @Override
    public void delete(UUID fileId) {
        s3.deleteObject(request -> request.bucket(bucket).key(key(fileId)));
    }

    private String key(UUID fileId) {
        return prefix + fileId;
    }
}
