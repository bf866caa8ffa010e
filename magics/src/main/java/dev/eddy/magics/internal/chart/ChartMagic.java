package dev.eddy.magics.internal.chart;

import dev.eddy.magics.api.EddyRuntime;
import dev.eddy.magics.api.LineMagic;
import dev.eddy.magics.api.MagicContext;
import dev.eddy.magics.api.MagicException;
import dev.eddy.magics.api.MagicHelp;
import dev.eddy.magics.internal.args.Args;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tech.tablesaw.api.Table;

/** {@code %chart NAME --kind line --x COL --y COL [--color COL]}: charts a memory table, query or Java variable. */
public final class ChartMagic implements LineMagic, MagicHelp {
    private final EddyRuntime runtime;

    /** The arguments of {@code %chart}. */
    @Command(name = "%chart", description = "Charts a table: a query's memory table, or a Java Table variable.")
    public static final class Options {
        @Parameters(index = "0", paramLabel = "NAME", description = "memory table, query or Java variable")
        String name;

        @Option(names = "--kind", defaultValue = "line", paramLabel = "line|bar|area|point")
        String kind;

        @Option(names = "--x", paramLabel = "COL")
        String x;

        @Option(names = "--y", paramLabel = "COL")
        String y;

        @Option(names = "--color", paramLabel = "COL")
        String color;
    }

    public ChartMagic(EddyRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public String name() {
        return "chart";
    }

    @Override
    public String help() {
        return "charts a table or query: %chart NAME [--kind line|bar|area|point] [--x COL] [--y COL] [--color COL]";
    }

    @Override
    public Object run(String args, MagicContext ctx) {
        Options o = Args.parse(new Options(), args);
        Table t = table(o.name, ctx);
        try {
            return Charts.render(new ChartSpec(ChartSpec.Kind.parse(o.kind), o.x, o.y, o.color), t, o.name);
        } catch (IllegalArgumentException e) {
            throw new MagicException(e.getMessage());
        }
    }

    private Table table(String name, MagicContext ctx) {
        if (runtime.eddy().memoryTableNames().contains(name)) {
            return runtime.eddy().table(name);
        }
        Object v = ctx.variable(name).orElse(null);
        if (v instanceof Table t) {
            return t;
        }
        List<String> known = List.copyOf(runtime.eddy().memoryTableNames());
        throw new MagicException("No table or query named '" + name + "' (memory tables: " + known + ")");
    }

    @Override
    public String usage() {
        return Args.usage(new Options());
    }

    @Override
    public List<String> completeArgs(String argsBeforeCursor) {
        List<String> out = new ArrayList<>(Args.optionNames(new Options()));
        out.addAll(runtime.eddy().memoryTableNames());
        out.addAll(List.of("line", "bar", "area", "point"));
        return out;
    }
}
