package dev.eddy.streaming.internal.format;

/** Recognises the textual shape of a value, for parsing and schema inference. */
public final class Texts {
    private Texts() {}

    /** The text without one line break at its end (Spark's corrupt-record text of a CSV record). */
    public static String stripLineEnd(String s) {
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }

    static Boolean parseBoolean(String s) {
        if (s.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (s.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        return null;
    }

    /** The narrowest type that parses the text, or null for empty text (which says nothing about the type). */
    static ValueType typeOf(String text) {
        String s = text.trim();
        if (s.isEmpty()) {
            return null;
        }
        if (parseBoolean(s) != null) {
            return ValueType.BOOLEAN;
        }
        if (looksIntegral(s)) {
            try {
                Integer.parseInt(s);
                return ValueType.INT;
            } catch (NumberFormatException e) {
                try {
                    Long.parseLong(s);
                    return ValueType.LONG;
                } catch (NumberFormatException tooBig) {
                    return ValueType.DOUBLE;
                }
            }
        }
        if (looksDecimal(s)) {
            return ValueType.DOUBLE;
        }
        if (Character.isDigit(s.charAt(0)) && Timestamps.parseMicros(s) != Timestamps.INVALID) {
            return ValueType.TIMESTAMP;
        }
        return ValueType.STRING;
    }

    private static boolean looksIntegral(String s) {
        int i = (s.charAt(0) == '-' || s.charAt(0) == '+') ? 1 : 0;
        if (i == s.length()) {
            return false;
        }
        for (; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Plain decimals and exponents only, so "NaN", "Infinity" or "1d" (Java literals) stay strings. */
    private static boolean looksDecimal(String s) {
        boolean digit = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isDigit(c)) {
                digit = true;
            } else if ("+-.eE".indexOf(c) < 0) {
                return false;
            }
        }
        if (!digit) {
            return false;
        }
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
