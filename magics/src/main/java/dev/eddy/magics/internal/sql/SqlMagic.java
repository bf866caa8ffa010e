package dev.eddy.magics.internal.sql;

import dev.eddy.magics.api.CellMagic;
import dev.eddy.magics.api.EddyRuntime;
import dev.eddy.magics.api.MagicContext;
import dev.eddy.magics.api.MagicException;
import dev.eddy.magics.api.MagicHelp;
import dev.eddy.magics.api.render.MimeBundle;
import dev.eddy.magics.internal.args.Args;
import dev.eddy.magics.internal.chart.ChartSpec;
import dev.eddy.magics.internal.chart.Charts;
import dev.eddy.magics.internal.live.Views;
import dev.eddy.sql.api.SqlException;
import dev.eddy.sql.api.SqlResult;
import dev.eddy.streaming.api.StreamingQuery;
import dev.eddy.streaming.api.StreamingQueryException;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code %%sql}: runs the statements of the cell in order. DDL answers with its confirmation, a batch SELECT
 * shows its table (and chart), a streaming SELECT starts a query and opens its live view, then the cell returns.
 */
public final class SqlMagic implements CellMagic, MagicHelp {
    private final EddyRuntime runtime;

    public SqlMagic(EddyRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public String name() {
        return "sql";
    }

    @Override
    public String help() {
        return "runs SQL; streaming queries get a live view: %%sql [--name N] [--mode M] [--trigger 2s] [--chart line"
                + " --x COL --y COL] [--max-rows N]";
    }

    @Override
    public Object run(String args, String body, MagicContext ctx) {
        SqlOptions o = Args.parse(new SqlOptions(), args);
        int maxRows = o.maxRows();
        ChartSpec chart = chart(o);
        // checked before any SQL runs, also for a batch SELECT that would not use them
        if (o.mode != null) {
            QueryLauncher.mode(o.mode);
        }
        QueryLauncher.trigger(o.trigger);
        if (body.isBlank()) {
            throw new MagicException(
                    "%%sql needs SQL in the cell below its first line.\n\n" + Args.usage(new SqlOptions()));
        }
        List<SqlResult> results;
        // on a remote engine, INSERT INTO must not start on the embedded one: keep its writer for the remote engine
        boolean remote = RemoteLaunch.wanted(runtime, o.engine);
        try {
            if (remote) {
                runtime.sql().startInserts(false);
            }
            results = runtime.sql().executeAll(body);
        } catch (SqlException e) {
            throw new MagicException(e.getMessage());
        } finally {
            if (remote) {
                runtime.sql().startInserts(true);
            }
        }
        List<String> texts = StatementTexts.of(body);
        for (int i = 0; i < results.size(); i++) {
            show(results.get(i), i < texts.size() ? texts.get(i) : null, o, chart, ctx);
        }
        return null;
    }

    private void show(SqlResult r, String text, SqlOptions o, ChartSpec chart, MagicContext ctx) {
        if (r instanceof SqlResult.Message m) {
            ctx.display(MimeBundle.text(m.text()));
        } else if (r instanceof SqlResult.Plan p) {
            ctx.display(MimeBundle.text(p.text()));
        } else if (r instanceof SqlResult.Rows rows) {
            if (chart != null) {
                checkChartColumns(chart, rows.table().columnNames());
            }
            ctx.display(ctx.renderers().render(rows.table()));
            if (chart != null) {
                ctx.display(Charts.render(chart, rows.table(), null));
            }
        } else if (r instanceof SqlResult.Streaming s) {
            startStreaming(s, text == null ? s.sql() : text, o, chart, ctx);
        }
    }

    /** --x, --y and --color must name result columns (case-insensitively), refused before anything is shown. */
    static void checkChartColumns(ChartSpec chart, List<String> columns) {
        String[][] given = {{"--x", chart.x()}, {"--y", chart.y()}, {"--color", chart.color()}};
        for (String[] g : given) {
            if (g[1] != null && columns.stream().noneMatch(c -> c.equalsIgnoreCase(g[1]))) {
                String shown = g[1].length() > 60 ? g[1].substring(0, 60) + "..." : g[1];
                throw new MagicException("No column '" + shown + "' for " + g[0] + "; the result's columns are "
                        + String.join(", ", columns));
            }
        }
    }

    /** The columns a live view shows: a STRUCT (window) as its fields, window_start and window_end. */
    private static List<String> viewColumns(Schema schema) {
        List<String> names = new ArrayList<>();
        for (Field f : schema.fields()) {
            if (f.children().isEmpty()) {
                names.add(f.name());
            } else {
                f.children().forEach(c -> names.add(f.name() + "_" + c.name()));
            }
        }
        return names;
    }

    private void startStreaming(SqlResult.Streaming s, String text, SqlOptions o, ChartSpec chart, MagicContext ctx) {
        if (chart != null && s.schema() != null) {
            checkChartColumns(chart, viewColumns(s.schema()));
        }
        QueryLauncher launcher = QueryLauncher.of(runtime);
        if (s.query() == null && s.writer() != null && RemoteLaunch.wanted(runtime, o.engine)) {
            RemoteLaunch.insert(runtime, s.writer(), o, chart, ctx);
            return;
        }
        if (s.query() == null && s.dataset() != null && RemoteLaunch.wanted(runtime, o.engine)) {
            RemoteLaunch.start(runtime, s.dataset(), launcher.name(o.name, ctx.cellId()), o, chart, ctx);
            return;
        }
        StreamingQuery q = s.query();
        if (q == null) {
            if (s.dataset() == null) {
                throw new MagicException("This SQL needs the engine session, which is not bound");
            }
            Launch l = new Launch(
                    text, launcher.name(o.name, ctx.cellId()), o.mode, o.trigger, o.checkpoint, chart, o.maxRows());
            try {
                q = launcher.start(s.dataset(), l);
            } catch (MagicException e) {
                throw e;
            } catch (StreamingQueryException e) {
                throw failedToStart(l.name(), e); // e.g. an unusable checkpoint: the query stays addressable
            } catch (RuntimeException e) {
                throw new MagicException("Could not start the query: " + e.getMessage());
            }
        }
        var failed = q.exception();
        if (failed.isPresent() && q.lastProgress() == null) {
            throw failedToStart(q.name(), failed.get());
        }
        Views.open(runtime, q, chart, o.maxRows(), ctx);
    }

    private static MagicException failedToStart(String name, Exception failure) {
        return new MagicException(
                "Query '" + name + "' failed before its first batch: " + failure.getCause() + "\n%stream status " + name
                        + " shows it; fix the cause and run the cell again or %stream restart " + name);
    }

    static ChartSpec chart(SqlOptions o) {
        if (o.chart == null) {
            if (o.x != null || o.y != null || o.color != null) {
                throw new MagicException("--x, --y and --color need --chart line|bar|area|point");
            }
            return null;
        }
        try {
            return new ChartSpec(ChartSpec.Kind.parse(o.chart), o.x, o.y, o.color);
        } catch (IllegalArgumentException e) {
            throw new MagicException(e.getMessage());
        }
    }

    @Override
    public String usage() {
        return Args.usage(new SqlOptions());
    }

    @Override
    public List<String> completeArgs(String argsBeforeCursor) {
        String prev = previousWord(argsBeforeCursor);
        return switch (prev) {
            case "--mode" -> List.of("append", "update", "complete");
            case "--trigger" -> List.of("1s", "2s", "500ms", "available-now", "once");
            case "--chart" -> List.of("line", "bar", "area", "point");
            default -> Args.optionNames(new SqlOptions());
        };
    }

    @Override
    public List<String> completeBody() {
        return SqlWords.all(runtime);
    }

    static String previousWord(String argsBeforeCursor) {
        List<String> words = List.of(argsBeforeCursor.strip().split("\\s+"));
        int i = words.size() - (Args.typingAWord(argsBeforeCursor) ? 2 : 1);
        return i >= 0 && i < words.size() ? words.get(i) : "";
    }
}
