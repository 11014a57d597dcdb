package com.careslot.platform.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master key that wraps every subject key: 32 bytes, Base64, from {@code careslot.privacy.master-key}
 * ({@code CARESLOT_MASTER_KEY}); without it one is generated once into the key directory (by default
 * {@code <data-dir>/keys/master.key}) and reused, as the JWT signing keys are, so the embedded default needs no setup.
 */
final class MasterKey {

    private static final Logger log = LoggerFactory.getLogger(MasterKey.class);
    static final String FILE = "master.key";

    private MasterKey() {
    }

    static Aead load(String configured, Path keyDirectory) {
        if (configured != null && !configured.isBlank()) {
            return Aead.of(decode(configured.trim(), "careslot.privacy.master-key (CARESLOT_MASTER_KEY)"));
        }
        try {
            Path file = keyDirectory.resolve(FILE);
            if (Files.exists(file)) { // read-only key volumes (the query side's in docker-compose) need no lock
                return Aead.of(decode(Files.readString(file).trim(), file.toString()));
            }
            Files.createDirectories(keyDirectory);
            try (FileChannel lockFile = FileChannel.open(keyDirectory.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock ignored = lockFile.lock()) {
                if (!Files.exists(file)) {
                    Path temporary = keyDirectory.resolve(FILE + ".tmp");
                    Files.writeString(temporary, Base64.getEncoder().encodeToString(Aead.newKey()) + "\n");
                    try {
                        Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
                    } catch (UnsupportedOperationException notPosix) {
                        // Windows: the directory's own permissions apply
                    }
                    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
                    log.info("Generated a new master key for personal data in {}", keyDirectory);
                }
            }
            return Aead.of(decode(Files.readString(file).trim(), file.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("The master key for personal data cannot be read", e);
        }
    }

    private static byte[] decode(String base64, String source) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not Base64", e);
        }
    }
}
