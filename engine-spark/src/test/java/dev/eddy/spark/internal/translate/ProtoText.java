package dev.eddy.spark.internal.translate;

import org.sparkproject.com.google.protobuf.Message;
import org.sparkproject.com.google.protobuf.TextFormat;

/**
 * A Spark Connect plan message as one line of protobuf text without its {@code common} blocks (plan ids and the
 * call-site origins, which change with every line of the test), so tests can look for the relations and functions
 * the translator produced.
 */
final class ProtoText {
    private ProtoText() {}

    static String of(Message m) {
        String text = TextFormat.printer().shortDebugString(m);
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("common {", i)) {
                int depth = 0;
                int j = i + "common ".length();
                do {
                    char c = text.charAt(j);
                    if (c == '{') {
                        depth++;
                    } else if (c == '}') {
                        depth--;
                    } else if (c == '"') {
                        j = text.indexOf('"', j + 1);
                        while (text.charAt(j - 1) == '\\') {
                            j = text.indexOf('"', j + 1);
                        }
                    }
                    j++;
                } while (depth > 0);
                i = j;
                while (i < text.length() && text.charAt(i) == ' ') {
                    i++;
                }
            } else {
                out.append(text.charAt(i++));
            }
        }
        return out.toString().replaceAll("\\s+", " ").strip();
    }
}
