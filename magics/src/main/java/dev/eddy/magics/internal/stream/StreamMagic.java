package dev.eddy.magics.internal.stream;

import dev.eddy.magics.api.EddyRuntime;
import dev.eddy.magics.api.LineMagic;
import dev.eddy.magics.api.MagicContext;
import dev.eddy.magics.api.MagicException;
import dev.eddy.magics.api.MagicHelp;
import dev.eddy.magics.api.render.MimeBundle;
import dev.eddy.magics.internal.args.Args;
import dev.eddy.magics.internal.args.Sizes;
import dev.eddy.magics.internal.live.Views;
import dev.eddy.magics.internal.sql.Launch;
import dev.eddy.magics.internal.sql.QueryLauncher;
import dev.eddy.streaming.api.StreamingQuery;
import dev.eddy.streaming.api.StreamingQueryException;
import java.util.ArrayList;
import java.util.List;

/** {@code %stream}: lists, inspects, stops, restarts and re-opens the views of streaming queries. */
public final class StreamMagic implements LineMagic, MagicHelp {
    static final List<String> SUBCOMMANDS = List.of(
            "list",
            "status",
            "progress",
            "explain",
            "stop",
            "restart",
            "start",
            "await",
            "show",
            "late",
            "state",
            "checkpoint",
            "forget");
    static final String USAGE = "Usage: %stream list | status NAME | progress NAME | explain NAME | stop NAME|--all"
            + " | restart NAME | start NAME | await NAME [TIMEOUT_S] | show NAME | late NAME | state NAME [OPERATOR] | checkpoint NAME"
            + " | forget NAME|--all";
    /** The highest stateful-operator index {@code %stream state} accepts (a plan has far fewer). */
    static final int MAX_OPERATOR = 999;

    private final EddyRuntime runtime;
    private final QueryInfo info;

    public StreamMagic(EddyRuntime runtime) {
        this.runtime = runtime;
        this.info = new QueryInfo(runtime);
    }

    @Override
    public String name() {
        return "stream";
    }

    @Override
    public String help() {
        return "manages streaming queries: list, status, progress, explain, stop, restart, start, await, show, late,"
                + " state, checkpoint, forget";
    }

    @Override
    public Object run(String args, MagicContext ctx) throws Exception {
        List<String> a = Args.split(args);
        String sub = Args.subcommand(a, "stream", SUBCOMMANDS, USAGE);
        if (sub.equals("list")) {
            return info.list();
        }
        if (a.size() < 2) {
            throw new MagicException("%stream " + sub + " needs a query name.\n" + USAGE);
        }
        if (sub.equals("stop") && a.get(1).equals("--all")) {
            return stopAll();
        }
        if (sub.equals("restart")) {
            return restart(a.get(1), ctx);
        }
        if (sub.equals("start")) {
            return start(a.get(1), ctx);
        }
        if (sub.equals("checkpoint")) {
            return info.checkpoint(a.get(1));
        }
        if (sub.equals("forget")) {
            return info.forget(a.get(1));
        }
        StreamingQuery q = info.query(a.get(1));
        return switch (sub) {
            case "status" -> info.status(q);
            case "progress" -> {
                // a live chart: it follows the query's batches until the query ends
                runtime.liveViews()
                        .open(
                                q,
                                () -> QueryInfo.progressTable(q),
                                QueryInfo.PROGRESS_CHART,
                                0,
                                false,
                                ctx::display,
                                Views.sink(ctx));
                yield null;
            }
            case "explain" -> MimeBundle.text(q.explain());
            case "stop" -> stop(q);
            case "await" -> await(q, a);
            case "show" -> {
                Launch l = QueryLauncher.of(runtime).launch(q.name());
                Views.open(runtime, q, l == null ? null : l.chart(), l == null ? 20 : l.maxRows(), ctx);
                yield null;
            }
            case "late" -> info.late(q);
            case "state" -> info.state(q, a.size() > 2 ? Sizes.parse("OPERATOR", a.get(2), 0, MAX_OPERATOR) : 0);
            default -> throw new MagicException(USAGE);
        };
    }

    private Object stopAll() {
        List<StreamingQuery> active = runtime.eddy().streams().active();
        active.forEach(StreamingQuery::stop);
        return MimeBundle.text("Stopped " + active.size() + " queries");
    }

    private Object stop(StreamingQuery q) {
        q.stop();
        return MimeBundle.text("Stopped " + q.name() + " (" + q.state() + ")");
    }

    /**
     * Works for a running query and for one that stopped or failed, started from {@code %%sql} or from Java: the
     * engine keeps how each named query was started. With a checkpoint it resumes with its state; without one it
     * starts fresh, and the answer says so.
     */
    private Object restart(String name, MagicContext ctx) {
        var streams = runtime.eddy().streams();
        info.requireStarted(name);
        StreamingQuery again;
        try {
            again = streams.restart(name);
        } catch (StreamingQueryException e) {
            throw new MagicException("Restarted '" + name + "', and it failed before its first batch: " + e.getCause()
                    + "\n%stream status " + name + " shows it");
        } catch (RuntimeException e) {
            throw new MagicException("Could not restart '" + name + "': " + e.getMessage());
        }
        if (again.exception().isPresent() && again.lastProgress() == null) {
            throw new MagicException("Restarted '" + name + "', and it failed before its first batch: "
                    + again.exception().get().getCause() + "\n%stream status " + name + " shows it");
        }
        Launch l = QueryLauncher.of(runtime).launch(name);
        Views.open(runtime, again, l == null ? null : l.chart(), l == null ? 20 : l.maxRows(), ctx);
        // the cell's result, under the new live view
        return MimeBundle.text(
                streams.hasCheckpoint(name)
                        ? "Restarted " + name + " from its checkpoint: same id, state and offsets kept."
                        : "Restarted " + name + " without a checkpoint: it starts fresh (no state or offsets kept).");
    }

    /**
     * Starts a stopped, finished or failed query again, as {@code restart} does; a running one is left alone, and
     * the error says so and how to restart it or show it (e.g. a notebook's start cell run a second time).
     */
    private Object start(String name, MagicContext ctx) {
        var running = runtime.eddy().streams().get(name).filter(StreamingQuery::isActive);
        if (running.isPresent()) {
            StreamingQuery q = running.get();
            throw new MagicException("Query '" + name + "' is already running (" + q.state() + ", run "
                    + q.runId().toString().substring(0, 8) + "): nothing to start. %stream restart " + name
                    + " stops it and starts it again; %stream show " + name + " opens its live view");
        }
        return restart(name, ctx);
    }

    private Object await(StreamingQuery q, List<String> a) throws InterruptedException {
        long timeoutMs = a.size() > 2 ? Sizes.seconds("TIMEOUT_S", a.get(2), Sizes.MAX_AWAIT_SECONDS) : Long.MAX_VALUE;
        boolean done = timeoutMs == Long.MAX_VALUE ? awaitForever(q) : q.awaitTermination(timeoutMs);
        return MimeBundle.text(q.name()
                + (done ? " terminated: " : " still running after timeout: ")
                + q.state()
                + q.exception().map(e -> " (" + e.getMessage() + ")").orElse(""));
    }

    private static boolean awaitForever(StreamingQuery q) throws InterruptedException {
        try {
            q.awaitTermination();
        } catch (RuntimeException failed) {
            // the failure is part of the answer below
        }
        return true;
    }

    @Override
    public String usage() {
        return USAGE;
    }

    @Override
    public List<String> completeArgs(String argsBeforeCursor) {
        List<String> words = Args.split(argsBeforeCursor);
        int index = Args.wordIndex(argsBeforeCursor);
        if (index == 0) {
            return SUBCOMMANDS;
        }
        if (index == 1) {
            List<String> names = new ArrayList<>();
            if (words.get(0).equals("restart")) {
                return new ArrayList<>(runtime.eddy().streams().restartable());
            }
            var streams = runtime.eddy().streams();
            (words.get(0).equals("stop") ? streams.active() : streams.all()).forEach(q -> {
                if (q.name() != null) {
                    names.add(q.name());
                }
            });
            if (words.get(0).equals("stop") || words.get(0).equals("forget")) {
                names.add("--all");
            }
            return names;
        }
        return List.of();
    }
}
