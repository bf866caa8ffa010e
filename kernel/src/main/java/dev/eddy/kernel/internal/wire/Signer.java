package dev.eddy.kernel.internal.wire;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC signatures of the four JSON frames (header, parent header, metadata, content). An empty key means
 * signing is off (the signature is empty and not checked), as the protocol allows. The scheme is
 * {@code hmac-<hash>} as jupyter_client names it after Python's hashlib: every hash the JDK has an HMAC for
 * ({@code sha256}, {@code sha512}, {@code sha384}, {@code sha224}, {@code sha1}, {@code md5}, {@code sha3_256},
 * ...); any other is refused when the kernel starts.
 */
public final class Signer {
    private static final Map<String, String> ALGORITHMS = Map.ofEntries(
            Map.entry("hmac-sha256", "HmacSHA256"), Map.entry("hmac-sha512", "HmacSHA512"),
            Map.entry("hmac-sha384", "HmacSHA384"), Map.entry("hmac-sha224", "HmacSHA224"),
            Map.entry("hmac-sha1", "HmacSHA1"), Map.entry("hmac-md5", "HmacMD5"),
            Map.entry("hmac-sha3_224", "HmacSHA3-224"), Map.entry("hmac-sha3_256", "HmacSHA3-256"),
            Map.entry("hmac-sha3_384", "HmacSHA3-384"), Map.entry("hmac-sha3_512", "HmacSHA3-512"),
            Map.entry("hmac-sha512_224", "HmacSHA512/224"), Map.entry("hmac-sha512_256", "HmacSHA512/256"));
    private final String algorithm;
    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    /** @throws IllegalArgumentException (one line) for a scheme this kernel cannot sign with */
    public Signer(String key, String scheme) {
        this.algorithm = algorithm(scheme);
        this.key = key.isEmpty() ? null : new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm);
        // Mac objects are not thread-safe and several threads sign (shell, control, iopub writer).
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** The JDK's HMAC algorithm for a Jupyter {@code signature_scheme}; one-line error if there is none. */
    public static String algorithm(String scheme) {
        String a = ALGORITHMS.get(scheme == null ? "" : scheme.toLowerCase(Locale.ROOT));
        if (a == null) {
            throw new IllegalArgumentException("unsupported signature_scheme '" + scheme + "' in the connection file;"
                    + " use one of " + new TreeSet<>(ALGORITHMS.keySet()));
        }
        return a;
    }

    public boolean enabled() {
        return key != null;
    }

    /** Hex HMAC of the frames, or "" when signing is off. */
    public String sign(List<byte[]> frames) {
        if (key == null) {
            return "";
        }
        Mac mac = macs.get();
        for (byte[] f : frames) {
            mac.update(f);
        }
        return HexFormat.of().formatHex(mac.doFinal());
    }

    /** Constant-time comparison of the received signature with the expected one. */
    public boolean verify(byte[] signature, List<byte[]> frames) {
        if (key == null) {
            return true;
        }
        byte[] expected = sign(frames).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " unavailable", e);
        }
    }
}
