package com.careslot.platform.privacy;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Authenticated encryption with the JDK's AES-256-GCM: a fresh random 96-bit nonce per message, a 128-bit tag, and
 * associated data binding a ciphertext to its context (the subject's id), so a text copied into another subject's
 * event does not decrypt. The output is {@code nonce || ciphertext+tag}. Nothing else here: no mode of our own.
 */
final class Aead {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;

    Aead(SecretKey key) {
        this.key = key;
    }

    static Aead of(byte[] rawKey) {
        if (rawKey.length != 32) {
            throw new IllegalArgumentException("An AES-256 key has 32 bytes, not " + rawKey.length);
        }
        return new Aead(new SecretKeySpec(rawKey, "AES"));
    }

    static byte[] newKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, RANDOM);
            return generator.generateKey().getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256 is not available", e);
        }
    }

    byte[] encrypt(byte[] plaintext, byte[] associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** The plaintext; a wrong key, wrong associated data or any changed byte is a {@link GeneralSecurityException}. */
    byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
        if (ciphertext.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new GeneralSecurityException("Ciphertext too short");
        }
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, ciphertext, 0, NONCE_BYTES));
        cipher.updateAAD(associatedData);
        return cipher.doFinal(ciphertext, NONCE_BYTES, ciphertext.length - NONCE_BYTES);
    }
}
