package dev.eddy.magics.api;

import dev.eddy.magics.internal.builtin.BuiltinMagics;
import dev.eddy.magics.internal.parse.NearestName;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The magics a kernel knows, by name. Registering replaces a magic of the same name, so a module may override
 * a built-in. Thread-safe.
 *
 * <pre>{@code
 * registry.register(LineMagic.of("hello", "greets", (args, ctx) -> "hello " + args));
 * }</pre>
 */
public final class MagicRegistry {
    private final Map<String, LineMagic> lines = new ConcurrentSkipListMap<>();
    private final Map<String, CellMagic> cells = new ConcurrentSkipListMap<>();

    /** An empty registry. */
    public MagicRegistry() {}

    /** A registry with {@code %lsmagic}, {@code %help}, {@code %%html} and {@code %%markdown}. */
    public static MagicRegistry withBuiltins() {
        MagicRegistry r = new MagicRegistry();
        BuiltinMagics.registerInto(r);
        return r;
    }

    public MagicRegistry register(LineMagic magic) {
        lines.put(checkName(magic.name()), magic);
        return this;
    }

    public MagicRegistry register(CellMagic magic) {
        cells.put(checkName(magic.name()), magic);
        return this;
    }

    public Optional<LineMagic> line(String name) {
        return Optional.ofNullable(lines.get(name));
    }

    public Optional<CellMagic> cell(String name) {
        return Optional.ofNullable(cells.get(name));
    }

    /** Line magic name to help, sorted by name. */
    public Map<String, String> lineMagics() {
        return helpByName(lines);
    }

    /** Cell magic name to help, sorted by name. */
    public Map<String, String> cellMagics() {
        return helpByName(cells);
    }

    private static Map<String, String> helpByName(Map<String, ? extends Magic> magics) {
        Map<String, String> m = new TreeMap<>();
        magics.forEach((k, v) -> m.put(k, v.help()));
        return m;
    }

    /** Runs one parsed magic call; unknown names fail with a message naming the nearest known magic. */
    public Object run(CellPart part, MagicContext context) throws Exception {
        if (part instanceof CellPart.LineCall c) {
            LineMagic m = line(c.name()).orElseThrow(() -> unknown("%", c.name()));
            return m.run(c.args(), context);
        }
        if (part instanceof CellPart.CellCall c) {
            CellMagic m = cell(c.name()).orElseThrow(() -> unknown("%%", c.name()));
            return m.run(c.args(), c.body(), context);
        }
        throw new IllegalArgumentException("not a magic call: " + part);
    }

    /** Completions for a magic being typed: {@code prefix} is the text after {@code %} or {@code %%}. */
    public List<String> complete(String prefix, boolean cellMagic) {
        return (cellMagic ? cells : lines)
                .keySet().stream().filter(n -> n.startsWith(prefix)).toList();
    }

    /** Tab on a magic's line after its name: candidates for the word being typed (options, names, ...). */
    public List<String> completeArgs(String name, boolean cellMagic, String argsBeforeCursor) {
        String word = lastWord(argsBeforeCursor);
        return help(name, cellMagic).map(h -> h.completeArgs(argsBeforeCursor)).orElse(List.of()).stream()
                .filter(c -> c.startsWith(word))
                .distinct()
                .toList();
    }

    /** Tab in the body of a cell magic: candidates starting with {@code word} (case-insensitive). */
    public List<String> completeBody(String name, String word) {
        String w = word.toLowerCase(Locale.ROOT);
        return help(name, true).map(MagicHelp::completeBody).orElse(List.of()).stream()
                .filter(c -> c.toLowerCase(Locale.ROOT).startsWith(w))
                .distinct()
                .toList();
    }

    /** Shift-Tab on a magic: its one-line help and, if it has them, its full usage. */
    public Optional<String> inspect(String name, boolean cellMagic) {
        Optional<? extends Magic> m = cellMagic ? cell(name) : line(name);
        if (m.isEmpty()) {
            return Optional.empty();
        }
        String help = (cellMagic ? "%%" : "%") + name + ": " + m.get().help();
        return Optional.of(
                help(name, cellMagic).map(h -> help + "\n\n" + h.usage()).orElse(help));
    }

    /** The part of {@code text} after its last blank. */
    public static String lastWord(String text) {
        int i = text.length();
        while (i > 0 && !Character.isWhitespace(text.charAt(i - 1))) {
            i--;
        }
        return text.substring(i);
    }

    private Optional<MagicHelp> help(String name, boolean cellMagic) {
        Object m = cellMagic ? cells.get(name) : lines.get(name);
        return m instanceof MagicHelp h ? Optional.of(h) : Optional.empty();
    }

    MagicException unknown(String sigil, String name) {
        if (name.isEmpty()) {
            return new MagicException("Empty magic name after '" + sigil + "'. Try %lsmagic for the list.");
        }
        Map<String, ?> same = sigil.equals("%") ? lines : cells;
        Map<String, ?> other = sigil.equals("%") ? cells : lines;
        String otherSigil = sigil.equals("%") ? "%%" : "%";
        StringBuilder msg = new StringBuilder("Unknown magic " + sigil + name + ".");
        if (other.containsKey(name)) {
            msg.append(" Did you mean ")
                    .append(otherSigil)
                    .append(name)
                    .append(" (a ")
                    .append(otherSigil.equals("%%") ? "cell" : "line")
                    .append(" magic)?");
        } else {
            NearestName.of(name, same.keySet())
                    .ifPresent(n ->
                            msg.append(" Did you mean ").append(sigil).append(n).append('?'));
        }
        msg.append(" Try %lsmagic for the list.");
        return new MagicException(msg.toString());
    }

    private static String checkName(String name) {
        if (name == null
                || name.isEmpty()
                || !name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.')) {
            throw new IllegalArgumentException("magic names are letters, digits, '_', '-' or '.': " + name);
        }
        return name;
    }
}
