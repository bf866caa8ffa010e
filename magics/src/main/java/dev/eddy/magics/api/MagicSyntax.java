package dev.eddy.magics.api;

import java.util.ArrayList;
import java.util.List;

/**
 * Recognises magics before JShell sees a cell. A cell starting with {@code %%} is a cell magic. Otherwise each
 * line starting with {@code %} (after optional blanks) is a line magic and the lines between them are Java.
 * Java never starts a line with {@code %}, so this cannot steal valid Java.
 */
public final class MagicSyntax {
    private MagicSyntax() {}

    public static boolean startsWithMagic(String code) {
        return code.stripLeading().startsWith("%");
    }

    public static boolean hasMagic(String code) {
        for (String line : code.split("\n", -1)) {
            if (line.stripLeading().startsWith("%")) {
                return true;
            }
        }
        return false;
    }

    public static List<CellPart> split(String code) {
        String lead = code.stripLeading();
        if (lead.startsWith("%%")) {
            int nl = lead.indexOf('\n');
            String first = nl < 0 ? lead : lead.substring(0, nl);
            String body = nl < 0 ? "" : lead.substring(nl + 1);
            String[] nameArgs = nameAndArgs(first.substring(2));
            return List.of(new CellPart.CellCall(nameArgs[0], nameArgs[1], body));
        }
        List<CellPart> parts = new ArrayList<>();
        String[] lines = code.split("\n", -1);
        StringBuilder java = new StringBuilder();
        int javaStart = 1;
        for (int i = 0; i < lines.length; i++) {
            String stripped = lines[i].strip();
            if (stripped.startsWith("%")) {
                addJava(parts, java, javaStart);
                String[] nameArgs = nameAndArgs(stripped.substring(1));
                parts.add(new CellPart.LineCall(nameArgs[0], nameArgs[1], i + 1));
                javaStart = i + 2;
            } else {
                java.append(lines[i]).append('\n');
            }
        }
        addJava(parts, java, javaStart);
        return parts;
    }

    private static void addJava(List<CellPart> parts, StringBuilder java, int line) {
        if (!java.toString().isBlank()) {
            parts.add(new CellPart.Java(java.toString(), line));
        }
        java.setLength(0);
    }

    /** Splits {@code "name rest of args"}; the name stops at the first blank. */
    static String[] nameAndArgs(String s) {
        String t = s.strip();
        int sp = 0;
        while (sp < t.length() && !Character.isWhitespace(t.charAt(sp))) {
            sp++;
        }
        return new String[] {t.substring(0, sp), t.substring(sp).strip()};
    }
}
