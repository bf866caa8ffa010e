package dev.eddy.sql.internal.spark;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Spark's text functions that Calcite lacks or answers differently (substring, concat, regexp_extract, lpad, locate,
 * trim, ...).
 * Called by Calcite's generated code in batch queries and by the engine in streaming queries (public static, boxed
 * so SQL NULL arrives as null), with Eddy's values: TIMESTAMP as epoch microseconds (UTC), DATE as days since the
 * epoch. Errors carry Spark's error class.
 */
public final class SparkStringFunctions {
    /** Spark's substring: 1-based, 0 is the first character, a negative position counts from the end. */
    public static String substring(String s, Integer pos, Integer length) {
        if (s == null || pos == null || length == null) {
            return null;
        }
        int len = s.codePointCount(0, s.length());
        long start = pos > 0 ? pos - 1 : pos < 0 ? len + pos : 0;
        long end = Math.min(start + length, len);
        start = Math.max(start, 0);
        if (start >= end) {
            return "";
        }
        return s.substring(s.offsetByCodePoints(0, (int) start), s.offsetByCodePoints(0, (int) end));
    }

    public static String substring(String s, Integer pos) {
        return substring(s, pos, Integer.MAX_VALUE);
    }

    /** {@code concat(a, b)}: NULL if any argument is NULL. */
    public static String concat(String a, String b) {
        return a == null || b == null ? null : a + b;
    }

    /** The longest lpad/rpad result: a length near 2^31 would take the kernel's memory (Spark's fails as well). */
    private static final int MAX_PAD = 10_000_000;

    /** {@code regexp_extract(s, regex, group)}: the group of the first match, '' when there is none. */
    public static String regexpExtract(String s, String regex, Integer group) {
        if (s == null || regex == null || group == null) {
            return null;
        }
        Matcher m = pattern(regex, "regexp_extract").matcher(s);
        if (group < 0 || group > m.groupCount()) {
            throw new IllegalArgumentException("[INVALID_PARAMETER_VALUE.REGEX_GROUP_INDEX] The value of parameter"
                    + " `idx` in `regexp_extract` is invalid: expects group index between 0 and " + m.groupCount()
                    + ", but got " + group + ".");
        }
        if (!m.find()) {
            return "";
        }
        String g = m.group(group);
        return g == null ? "" : g;
    }

    public static String regexpExtract(String s, String regex) {
        return regexpExtract(s, regex, 1);
    }

    /** {@code regexp_replace(s, regex, replacement)}: every match replaced ($1 names a group, as in Java). */
    public static String regexpReplace(String s, String regex, String replacement) {
        if (s == null || regex == null || replacement == null) {
            return null;
        }
        try {
            return pattern(regex, "regexp_replace").matcher(s).replaceAll(replacement);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException(
                    "[INVALID_PARAMETER_VALUE.PATTERN] invalid replacement '" + SparkErrors.clip(replacement) + "'");
        }
    }

    private static Pattern pattern(String regex, String function) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("[INVALID_PARAMETER_VALUE.PATTERN] The value of parameter `regexp` in `"
                    + function + "` is invalid: '" + SparkErrors.clip(regex) + "'");
        }
    }

    /** {@code lpad(s, len, pad)}: s cut to len, or padded on the left with pad repeated; '' for len <= 0. */
    public static String lpad(String s, Integer len, String pad) {
        return pad(s, len, pad, true);
    }

    public static String lpad(String s, Integer len) {
        return pad(s, len, " ", true);
    }

    public static String rpad(String s, Integer len, String pad) {
        return pad(s, len, pad, false);
    }

    public static String rpad(String s, Integer len) {
        return pad(s, len, " ", false);
    }

    private static String pad(String s, Integer len, String pad, boolean left) {
        if (s == null || len == null || pad == null) {
            return null;
        }
        int[] cps = s.codePoints().toArray();
        if (len <= 0) {
            return "";
        }
        if (len <= cps.length || pad.isEmpty()) {
            return new String(cps, 0, Math.min(len, cps.length));
        }
        int[] padCps = pad.codePoints().toArray();
        if (len > MAX_PAD) {
            throw new IllegalArgumentException(
                    "[lpad/rpad] a result of " + len + " characters is too long (at most " + MAX_PAD + ")");
        }
        StringBuilder fill = new StringBuilder();
        for (int i = 0; i < len - cps.length; i++) {
            fill.appendCodePoint(padCps[i % padCps.length]);
        }
        return left ? fill + s : s + fill;
    }

    /** {@code initcap(s)}: lower case, then each letter after a space (or at the start) in title case. */
    public static String initcap(String s) {
        if (s == null) {
            return null;
        }
        String lower = s.toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder(lower.length());
        boolean start = true;
        for (int i = 0; i < lower.length(); ) {
            int cp = lower.codePointAt(i);
            b.appendCodePoint(start ? Character.toTitleCase(cp) : cp);
            start = cp == ' ';
            i += Character.charCount(cp);
        }
        return b.toString();
    }

    /** {@code instr(s, sub)}: the 1-based position of sub's first occurrence, 0 if none. */
    public static Integer instr(String s, String sub) {
        if (s == null || sub == null) {
            return null;
        }
        int at = s.indexOf(sub);
        return at < 0 ? 0 : s.codePointCount(0, at) + 1;
    }

    /**
     * {@code locate(sub, s, pos)}: as instr, searching from the 1-based pos; 0 for pos < 1 and for a NULL pos (whatever
     * the strings, as Spark's StringLocate), 1 for an empty sub at any pos &ge; 1 (Spark's UTF8String.indexOf finds the
     * empty string at the start, even past the end).
     */
    public static Integer locate(String sub, String s, Integer pos) {
        if (pos == null) {
            return 0;
        }
        if (sub == null || s == null) {
            return null;
        }
        if (pos < 1) {
            return 0;
        }
        if (sub.isEmpty()) {
            return 1;
        }
        int length = s.codePointCount(0, s.length());
        if (pos - 1 > length) {
            return 0;
        }
        int from = s.offsetByCodePoints(0, pos - 1);
        int at = s.indexOf(sub, from);
        return at < 0 ? 0 : s.codePointCount(0, at) + 1;
    }

    public static Integer locate(String sub, String s) {
        return locate(sub, s, 1);
    }

    /** {@code ltrim(s)}: leading spaces (only ' ', as Spark) removed. */
    public static String ltrim(String s) {
        if (s == null) {
            return null;
        }
        int i = 0;
        while (i < s.length() && s.charAt(i) == ' ') i++;
        return s.substring(i);
    }

    public static String rtrim(String s) {
        if (s == null) {
            return null;
        }
        int j = s.length();
        while (j > 0 && s.charAt(j - 1) == ' ') j--;
        return s.substring(0, j);
    }

    /** {@code btrim(s)} and {@code trim(s)}: spaces removed at both ends. */
    public static String btrim(String s) {
        return s == null ? null : rtrim(ltrim(s));
    }

    private SparkStringFunctions() {}
}
