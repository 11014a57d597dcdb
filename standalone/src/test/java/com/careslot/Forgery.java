package com.careslot;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.function.UnaryOperator;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Access tokens an attacker can make: altered, unsigned, signed with the wrong key or the wrong algorithm. */
final class Forgery {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder BASE64URL_DECODER = Base64.getUrlDecoder();

    private Forgery() {
    }

    /**
     * An RS256 token shaped like the server's own, signed with {@code key}: made with the JDK alone, as an attacker
     * holding a key would, not with the library the server verifies with.
     */
    static String signed(PrivateKey key, String issuer, UUID subject, String role, Instant expiresAt) {
        long expiry = expiresAt.getEpochSecond();
        String claims = "{\"iss\":\"" + issuer + "\",\"sub\":\"" + subject + "\",\"role\":\"" + role
                + "\",\"jti\":\"" + UUID.randomUUID() + "\",\"iat\":" + (expiry - Duration.ofMinutes(15).toSeconds())
                + ",\"exp\":" + expiry + "}";
        String signingInput = encode("{\"alg\":\"RS256\"}") + "." + encode(claims);
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + BASE64URL.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The claims the server would put in a valid token for this account and role. */
    static String claims(UUID subject, String role) {
        long now = Instant.now().getEpochSecond();
        return "{\"iss\":\"careslot\",\"sub\":\"" + subject + "\",\"role\":\"" + role + "\",\"iat\":" + now
                + ",\"exp\":" + (now + 900) + "}";
    }

    /** {@code alg: none}: the claims with no signature at all. */
    static String unsigned(String claims) {
        return encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + encode(claims) + ".";
    }

    /** HS256 with a secret of the attacker's choosing (the classic: the server's public key bytes). */
    static String hmacSigned(byte[] secret, String claims) {
        String signingInput = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + encode(claims);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return signingInput + "." + BASE64URL.encodeToString(
                    mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The token with its claims edited and its original signature kept. */
    static String withClaims(String token, UnaryOperator<String> edit) {
        String[] parts = token.split("\\.");
        String claims = new String(BASE64URL_DECODER.decode(parts[1]), StandardCharsets.UTF_8);
        String edited = edit.apply(claims);
        if (edited.equals(claims)) {
            throw new IllegalArgumentException("The edit changed nothing in " + claims);
        }
        return parts[0] + "." + encode(edited) + "." + parts[2];
    }

    /** The token with one character in the middle of its signature changed. */
    static String withSignatureAltered(String token) {
        int middle = token.lastIndexOf('.') + (token.length() - token.lastIndexOf('.')) / 2;
        char replacement = token.charAt(middle) == 'A' ? 'B' : 'A';
        return token.substring(0, middle) + replacement + token.substring(middle + 1);
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
