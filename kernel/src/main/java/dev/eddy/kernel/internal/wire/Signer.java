package dev.eddy.kernel.internal.wire;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC signatures of the four JSON frames (header, parent header, metadata, content). An empty key means
 * signing is off (the signature is empty and not checked), as the protocol allows.
 */
public final class Signer {
  private static final String ALGORITHM = "HmacSHA256";
  private final SecretKeySpec key;
  private final ThreadLocal<Mac> macs;

  public Signer(String key, String scheme) {
    if (!key.isEmpty() && !"hmac-sha256".equals(scheme)) {
      throw new IllegalArgumentException("unsupported signature scheme " + scheme + " (only hmac-sha256)");
    }
    this.key = key.isEmpty() ? null : new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    // Mac objects are not thread-safe and several threads sign (shell, control, iopub writer).
    this.macs = ThreadLocal.withInitial(this::newMac);
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
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }
}
