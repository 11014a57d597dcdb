package com.careslot.command.doctor;

/**
 * How much a doctor may upload ({@code careslot.uploads.*}): each file at most {@code maxFileSize} bytes, at most
 * {@code maxDocuments} credential documents per doctor, photos at most {@code maxPhotoPixels} pixels (width × height)
 * once decoded. The servlet container refuses larger requests before reading them (careslot-defaults.properties).
 * Injected into the doctor's command handlers.
 */
public record UploadLimits(long maxFileSize, int maxDocuments, long maxPhotoPixels) {

    public static final UploadLimits DEFAULT = new UploadLimits(10L * 1024 * 1024, 5, 40_000_000L);
}
