package dev.eddy.streaming.api.spi;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Hides credentials in option values before they are shown (catalog listings, progress, error messages, logs).
 * A key that names a credential ({@code password}, {@code user}, {@code secret}, {@code token}, ...) has its value
 * replaced by {@code ***}; in URLs (a JDBC {@code url}, a broker address) the user-info part
 * ({@code //user:pw@host}) and {@code password=}/{@code user=} parameters are masked.
 */
public final class Secrets {
    /** What a hidden value is shown as. */
    public static final String MASK = "***";

    private static final Pattern SECRET_KEY = Pattern.compile(
            "(?i).*(password|passwd|pwd|secret|token|credential|user|sasl\\.jaas|access\\.?key|private\\.?key).*");
    private static final Pattern USER_INFO = Pattern.compile("//[^/@?;\\s]+@");
    private static final Pattern URL_PARAM = Pattern.compile(
            "(?i)((?:[?&;:]|^)(?:password|passwd|pwd|user|username|secret|token|access\\.?key)=)[^&;]*");

    private Secrets() {}

    /** Whether an option key names a credential. */
    public static boolean isSecretKey(String key) {
        return SECRET_KEY.matcher(key).matches();
    }

    /** The value as it may be shown for {@code key}: masked for a credential key, credentials in URLs masked. */
    public static String redact(String key, String value) {
        if (value == null) {
            return null;
        }
        return isSecretKey(key) ? MASK : redactUrl(value);
    }

    /** {@code text} with URL user-info and credential parameters masked. */
    public static String redactUrl(String text) {
        if (text == null) {
            return null;
        }
        String s = USER_INFO.matcher(text).replaceAll("//" + MASK + "@");
        return URL_PARAM.matcher(s).replaceAll("$1" + MASK);
    }

    /** A copy of the options, in the same order, with every value redacted. */
    public static Map<String, String> redacted(Map<String, String> options) {
        Map<String, String> out = new LinkedHashMap<>();
        options.forEach((k, v) -> out.put(k, redact(k.toLowerCase(Locale.ROOT), v)));
        return out;
    }

    /** {@code text} with every given secret value replaced by {@code ***} (for driver messages that echo them). */
    public static String scrub(String text, Iterable<String> secrets) {
        if (text == null) {
            return null;
        }
        String s = text;
        for (String secret : secrets) {
            if (secret != null && secret.length() >= 3) {
                s = s.replace(secret, MASK);
            }
        }
        return redactUrl(s);
    }
}
