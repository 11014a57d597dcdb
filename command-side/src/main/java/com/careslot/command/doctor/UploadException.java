package com.careslot.command.doctor;

import org.springframework.http.HttpStatus;

/**
 * An uploaded file refused at the edge, before anything is stored: its bytes are not a type we take (415), or it is
 * larger than {@code careslot.uploads.max-file-size} (413). Names the form field and the file.
 */
class UploadException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final String field;
    private final String fileName;

    private UploadException(HttpStatus status, String code, String field, String fileName, String message) {
        super(message);
        this.status = status;
        this.code = code;
        this.field = field;
        this.fileName = fileName;
    }

    static UploadException unsupportedType(String field, String fileName, String detected, String accepted) {
        return new UploadException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-file-type", field, fileName,
                "'" + fileName + "' is " + detected + " by its contents; only " + accepted + " are accepted.");
    }

    static UploadException tooLarge(String field, String fileName, long limit) {
        return new UploadException(HttpStatus.PAYLOAD_TOO_LARGE, "file-too-large", field, fileName,
                "'" + fileName + "' is larger than " + limit + " bytes.");
    }

    static UploadException tooManyPixels(String field, String fileName, long limit) {
        return new UploadException(HttpStatus.UNPROCESSABLE_ENTITY, "image-too-large", field, fileName,
                "'" + fileName + "' has more than " + limit + " pixels.");
    }

    static UploadException unreadableImage(String field, String fileName) {
        return new UploadException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-file-type", field, fileName,
                "'" + fileName + "' could not be read as an image.");
    }

    HttpStatus status() {
        return status;
    }

    String code() {
        return code;
    }

    String field() {
        return field;
    }

    String fileName() {
        return fileName;
    }
}
