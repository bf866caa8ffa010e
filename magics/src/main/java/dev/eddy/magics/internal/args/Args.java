package dev.eddy.magics.internal.args;

import dev.eddy.magics.api.MagicException;
import dev.eddy.magics.internal.parse.NearestName;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Magic arguments through picocli: shell-like splitting, and errors as one message followed by the usage. */
public final class Args {
    private Args() {}

    /**
     * For Tab on a magic's line: which argument the cursor is in (0 for the first), given the text before the cursor.
     * Right after a blank that is the next argument.
     */
    public static int wordIndex(String argsBeforeCursor) {
        return split(argsBeforeCursor).size() - (typingAWord(argsBeforeCursor) ? 1 : 0);
    }

    /** Whether {@code textBeforeCursor} ends inside a word (not empty, not after a blank). */
    public static boolean typingAWord(String textBeforeCursor) {
        return !textBeforeCursor.isEmpty()
                && !Character.isWhitespace(textBeforeCursor.charAt(textBeforeCursor.length() - 1));
    }

    /** Splits on blanks; single or double quotes keep blanks inside one argument. */
    public static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        boolean inArg = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inArg = true;
            } else if (Character.isWhitespace(c)) {
                if (inArg) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    inArg = false;
                }
            } else {
                cur.append(c);
                inArg = true;
            }
        }
        if (quote != 0) {
            throw new MagicException("Unclosed quote " + quote + " in: " + line);
        }
        if (inArg) {
            out.add(cur.toString());
        }
        return out;
    }

    /**
     * The first argument, which must be one of {@code subcommands}: with none the error is the usage, with another
     * one it names the nearest subcommand ({@code magic} is the magic's name without its {@code %}).
     */
    public static String subcommand(List<String> args, String magic, List<String> subcommands, String usage) {
        if (args.isEmpty()) {
            throw new MagicException(usage);
        }
        String sub = args.get(0);
        if (!subcommands.contains(sub)) {
            throw new MagicException("Unknown %" + magic + " command '" + sub + "'."
                    + NearestName.hint(sub, subcommands) + "\n" + usage);
        }
        return sub;
    }

    /** Parses {@code line} into {@code options} (a picocli-annotated object) or fails with message and usage. */
    public static <T> T parse(T options, String line) {
        CommandLine cl = new CommandLine(options);
        try {
            cl.parseArgs(split(line).toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new MagicException(e.getMessage() + "\n\n" + usage(cl));
        }
        return options;
    }

    public static String usage(Object options) {
        return usage(new CommandLine(options));
    }

    private static String usage(CommandLine cl) {
        StringWriter w = new StringWriter();
        cl.usage(new PrintWriter(w), CommandLine.Help.Ansi.OFF);
        return w.toString().strip();
    }

    /** Every option name of a picocli-annotated object (for completion). */
    public static List<String> optionNames(Object options) {
        List<String> names = new ArrayList<>();
        new CommandLine(options).getCommandSpec().options().forEach(o -> names.addAll(List.of(o.names())));
        return names;
    }
}
