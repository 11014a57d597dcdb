package com.careslot.platform.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RSA key pair behind access tokens. The command side signs with the private key; every service verifies with
 * the public one. Keys come from configuration ({@code careslot.jwt.private-key} / {@code careslot.jwt.public-key}:
 * PEM text or a path to a PEM file); without it, a pair is generated once into the key directory (by default
 * {@code <data-dir>/keys}) and reused from there, so the embedded default needs no setup.
 */
public final class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    static final String PRIVATE_FILE = "jwt-signing-key.pem";
    static final String PUBLIC_FILE = "jwt-signing-key.pub.pem";

    private final PublicKey publicKey;
    private final PrivateKey privateKey;

    SigningKeys(PublicKey publicKey, PrivateKey privateKey) {
        this.publicKey = publicKey;
        this.privateKey = privateKey;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** The signing key; only processes configured with it (or owning the key directory) have one. */
    public Optional<PrivateKey> privateKey() {
        return Optional.ofNullable(privateKey);
    }

    static SigningKeys load(String configuredPrivate, String configuredPublic, Path keyDirectory) {
        try {
            if (notBlank(configuredPrivate)) {
                PrivateKey privateKey = readPrivate(pem(configuredPrivate));
                PublicKey publicKey = notBlank(configuredPublic) ? readPublic(pem(configuredPublic))
                        : publicOf(privateKey);
                return new SigningKeys(publicKey, privateKey);
            }
            if (notBlank(configuredPublic)) {
                return new SigningKeys(readPublic(pem(configuredPublic)), null);
            }
            return fromDirectory(keyDirectory);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("The configured JWT signing keys cannot be read", e);
        } catch (IOException e) {
            throw new UncheckedIOException("The JWT signing keys cannot be read", e);
        }
    }

    private static SigningKeys fromDirectory(Path directory) throws IOException, GeneralSecurityException {
        Files.createDirectories(directory);
        Path privateFile = directory.resolve(PRIVATE_FILE);
        try (FileChannel lockFile = FileChannel.open(directory.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock ignored = lockFile.lock()) {
            if (!Files.exists(privateFile)) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                write(directory.resolve(PUBLIC_FILE), "PUBLIC KEY", pair.getPublic().getEncoded());
                write(privateFile, "PRIVATE KEY", pair.getPrivate().getEncoded());
                log.info("Generated a new JWT signing key pair in {}", directory);
            }
        }
        PrivateKey privateKey = readPrivate(Files.readString(privateFile));
        return new SigningKeys(publicOf(privateKey), privateKey);
    }

    private static void write(Path file, String type, byte[] der) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
        try {
            Files.setPosixFilePermissions(temporary, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the directory's own permissions apply
        }
        Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static String pem(String valueOrPath) throws IOException {
        return valueOrPath.contains("-----BEGIN") ? valueOrPath : Files.readString(Path.of(valueOrPath.trim()));
    }

    private static byte[] der(String pem) {
        String body = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    private static PrivateKey readPrivate(String pem) throws GeneralSecurityException {
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(pem)));
    }

    private static PublicKey readPublic(String pem) throws GeneralSecurityException {
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(pem)));
    }

    private static PublicKey publicOf(PrivateKey privateKey) throws GeneralSecurityException {
        RSAPrivateCrtKey rsa = (RSAPrivateCrtKey) privateKey;
        return KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }
}
