package dev.eddy.magics.internal.builtin;

import dev.eddy.magics.api.CellMagic;
import dev.eddy.magics.api.LineMagic;
import dev.eddy.magics.api.MagicException;
import dev.eddy.magics.api.MagicRegistry;
import dev.eddy.magics.api.render.MimeBundle;
import dev.eddy.magics.internal.parse.NearestName;
import java.util.Map;

/** The first magics every kernel has: {@code %lsmagic}, {@code %help}, {@code %%html}, {@code %%markdown}. */
public final class BuiltinMagics {
    private BuiltinMagics() {}

    public static void registerInto(MagicRegistry r) {
        r.register(LineMagic.of("lsmagic", "lists the available magics", (args, ctx) -> list(ctx.registry())));
        r.register(
                LineMagic.of("help", "shows help for a magic: %help NAME", (args, ctx) -> help(ctx.registry(), args)));
        r.register(CellMagic.of("html", "renders the cell as HTML", (args, body, ctx) -> MimeBundle.html(body, body)));
        r.register(CellMagic.of(
                "markdown", "renders the cell as Markdown", (args, body, ctx) -> MimeBundle.markdown(body)));
    }

    static MimeBundle list(MagicRegistry r) {
        StringBuilder text = new StringBuilder("Line magics:\n");
        r.lineMagics()
                .forEach((n, h) ->
                        text.append("  %").append(n).append("  ").append(h).append('\n'));
        text.append("Cell magics:\n");
        r.cellMagics()
                .forEach((n, h) ->
                        text.append("  %%").append(n).append("  ").append(h).append('\n'));
        return MimeBundle.text(text.toString());
    }

    static MimeBundle help(MagicRegistry r, String args) {
        String name = args.strip();
        if (name.isEmpty()) {
            return MimeBundle.text(
                    "Eddy runs Java cells in JShell. Magics start with % (one line) or %% (whole cell).\n"
                            + "Use %lsmagic to list them and %help NAME for one of them.\n"
                            + "In Java cells: display(obj) shows an object and returns its display id, updateDisplay(id, obj) "
                            + "replaces it, clearOutput() clears the cell's output.");
        }
        boolean cellOnly = name.startsWith("%%");
        String bare = name.replaceFirst("^%{1,2}", "");
        StringBuilder out = new StringBuilder();
        if (!cellOnly) {
            r.line(bare)
                    .ifPresent(m -> out.append('%')
                            .append(bare)
                            .append(": ")
                            .append(m.help())
                            .append('\n'));
        }
        r.cell(bare)
                .ifPresent(m -> out.append("%%")
                        .append(bare)
                        .append(": ")
                        .append(m.help())
                        .append('\n'));
        if (out.length() == 0) {
            Map<String, String> all = r.lineMagics();
            all.putAll(r.cellMagics());
            String hint = NearestName.of(bare, all.keySet())
                    .map(n -> " Did you mean " + n + "?")
                    .orElse("");
            throw new MagicException("No magic named " + name + "." + hint + " Try %lsmagic for the list.");
        }
        return MimeBundle.text(out.toString().strip());
    }
}
