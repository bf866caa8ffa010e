package dev.eddy.kernel.internal.boot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.kernel.api.Notebook;
import dev.eddy.kernel.internal.display.DisplayPublisher;
import dev.eddy.kernel.internal.eval.CellContext;
import dev.eddy.kernel.internal.eval.CellInput;
import dev.eddy.kernel.internal.eval.CellRunner;
import dev.eddy.kernel.internal.eval.JShellEvaluator;
import dev.eddy.kernel.internal.eval.StdStreams;
import dev.eddy.kernel.internal.eval.StreamBuffer;
import dev.eddy.kernel.internal.history.History;
import dev.eddy.kernel.internal.history.HistoryFile;
import dev.eddy.kernel.internal.protocol.CommHandler;
import dev.eddy.kernel.internal.protocol.CompleteHandler;
import dev.eddy.kernel.internal.protocol.ControlHandlers;
import dev.eddy.kernel.internal.protocol.Dispatcher;
import dev.eddy.kernel.internal.protocol.ExecuteHandler;
import dev.eddy.kernel.internal.protocol.HistoryHandler;
import dev.eddy.kernel.internal.protocol.InspectHandler;
import dev.eddy.kernel.internal.protocol.IsCompleteHandler;
import dev.eddy.kernel.internal.protocol.KernelInfoHandler;
import dev.eddy.kernel.internal.protocol.RequestHandler;
import dev.eddy.kernel.internal.transport.Heartbeat;
import dev.eddy.kernel.internal.transport.IopubWriter;
import dev.eddy.kernel.internal.transport.RouterChannel;
import dev.eddy.kernel.internal.transport.StdinChannel;
import dev.eddy.kernel.internal.util.Log;
import dev.eddy.kernel.internal.wire.ConnectionInfo;
import dev.eddy.kernel.internal.wire.Json;
import dev.eddy.kernel.internal.wire.Message;
import dev.eddy.kernel.internal.wire.MessageFactory;
import dev.eddy.kernel.internal.wire.Signer;
import dev.eddy.kernel.internal.wire.WireCodec;
import dev.eddy.magics.api.EddyRuntime;
import dev.eddy.magics.api.MagicProvider;
import dev.eddy.magics.api.MagicRegistry;
import dev.eddy.magics.api.RemoteSessions;
import dev.eddy.magics.api.render.Renderers;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.BiFunction;
import org.zeromq.ZMQ;

/** Wires sockets, handlers, JShell and the display publisher together, and shuts them down. */
public final class Kernel {
    private static final Log LOG = Log.of(Kernel.class);
    /** At most 4 updates per second per display (DESIGN.md). */
    /** Cells of earlier sessions kept in the history file. */
    private static final int HISTORY_ENTRIES = 1000;

    private final ConnectionInfo conn;
    private final MessageFactory messages = MessageFactory.forThisProcess();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final ZMQ.Context context = ZMQ.context(1);
    private final String version;
    private IopubWriter iopub;
    private StdinChannel stdin;
    private RouterChannel shell;
    private RouterChannel control;
    private Heartbeat hb;
    private volatile KernelBackend notebook;

    public Kernel(ConnectionInfo conn, String version) {
        this.conn = conn;
        this.version = version;
    }

    /**
     * Binds the five sockets and answers kernel_info at once; the rest of the wiring follows while the first
     * requests wait in their queues. JShell starts and warms up in the background.
     */
    public void start() {
        StartTimeline timeline = StartTimeline.sinceJvmStart();
        PrintStream realErr = System.err;
        // JShell's first compile is the slowest part of a start: begin it before anything else. (Begun after the
        // sockets, the client saw the kernel ready sooner but got its first cell's result later: measured.)
        JShellEvaluator java = new JShellEvaluator(System.getProperty("java.class.path"), Startup.IMPORTS, realErr);
        CompletableFuture<Void> jshellWarm = java.warmUp(Startup.WARM_UP);
        // A client shows the kernel as ready once a kernel_info reply and an IOPub message have arrived
        // (jupyter_client's wait_for_ready, JupyterLab's nudge); only the other requests need the wiring below.
        WireCodec codec = new WireCodec(new Signer(conn.key(), conn.signatureScheme()));
        iopub = new IopubWriter(context, conn.endpoint(conn.iopubPort()), codec);
        shell = new RouterChannel("shell", context, conn.endpoint(conn.shellPort()), codec);
        control = new RouterChannel("control", context, conn.endpoint(conn.controlPort()), codec);
        stdin = new StdinChannel(context, conn.endpoint(conn.stdinPort()), codec, messages);
        hb = new Heartbeat(context, conn.endpoint(conn.hbPort()));
        iopub.start();
        hb.start();
        iopub.publish(messages.publication("status", Json.object(), status("starting"), Json.object()));
        KernelInfoHandler info = new KernelInfoHandler(version);
        CompletableFuture<Map<String, RequestHandler>> wiredShell = new CompletableFuture<>();
        CompletableFuture<Map<String, RequestHandler>> wiredControl = new CompletableFuture<>();
        control.start(new Dispatcher(DeferredHandlers.of(info, CONTROL_TYPES, wiredControl), messages, iopub));
        shell.start(new Dispatcher(DeferredHandlers.of(info, SHELL_TYPES, wiredShell), messages, iopub));
        stdin.start();
        timeline.mark("sockets bound, kernel_info answered");
        try {
            wire(java, jshellWarm, info, wiredShell, wiredControl);
        } catch (RuntimeException | LinkageError e) {
            // the requests waiting on the wiring get an error reply instead of waiting for ever
            wiredShell.completeExceptionally(e);
            wiredControl.completeExceptionally(e);
            throw e;
        }
        timeline.mark("serving");
        LOG.info("Eddy kernel " + version + " serving, session " + messages.session());
    }

    /** Request types other than kernel_info, answered once {@link #wire} has run. */
    static final Set<String> SHELL_TYPES = Set.of(
            "execute_request",
            "history_request",
            "complete_request",
            "inspect_request",
            "is_complete_request",
            "comm_info_request",
            "comm_open",
            "comm_msg",
            "comm_close",
            "shutdown_request");

    static final Set<String> CONTROL_TYPES = Set.of("interrupt_request", "shutdown_request");

    private void wire(
            JShellEvaluator java,
            CompletableFuture<Void> jshellWarm,
            KernelInfoHandler info,
            CompletableFuture<Map<String, RequestHandler>> wiredShell,
            CompletableFuture<Map<String, RequestHandler>> wiredControl) {
        // the session %%sql and Java cells share; its queries stop and its registries are cleared at shutdown
        EddyRuntime runtime = EddyRuntime.shared();
        RemoteSessions.host(new CellSessions(java)); // %engine connect spark: cells get `spark`
        StdStreams.install();
        ScheduledThreadPoolExecutor timer = timer();
        // one update interval for every display: a cell's updateDisplay calls and the live views (eddy.live.intervalMs)
        DisplayPublisher display = new DisplayPublisher(
                iopub,
                messages,
                Renderers.withDefaults(),
                timer,
                runtime.liveViews().settings().intervalMillis(),
                runtime);
        List<MagicProvider> providers = new ArrayList<>();
        ServiceLoader.load(MagicProvider.class).forEach(providers::add);
        MagicRegistry magics = MagicRegistry.withBuiltins();
        providers.forEach(p -> p.registerInto(magics));
        magics.register(new JarsMagic(java));
        WarmUps.start(java, jshellWarm, providers);
        // magics get the same backend as the cell helpers; it exists before the shell handlers, so before any cell
        CellRunner runner = new CellRunner(java, magics, r -> notebook);
        notebook = new KernelBackend(display, magics, runner::variable);
        Notebook.bind(notebook);
        wiredControl.complete(declared(
                CONTROL_TYPES,
                Map.of(
                        "kernel_info_request", info,
                        "interrupt_request", ControlHandlers.interrupt(runner),
                        "shutdown_request", ControlHandlers.shutdown(this::shutdown))));
        wiredShell.complete(declared(SHELL_TYPES, shellHandlers(info, runner, display, timer)));
    }

    /** A handler whose type is not declared would never be reached: the channels route only declared types. */
    private static Map<String, RequestHandler> declared(Set<String> types, Map<String, RequestHandler> handlers) {
        for (String type : handlers.keySet()) {
            if (!type.equals("kernel_info_request") && !types.contains(type)) {
                throw new IllegalStateException(type + " has a handler but is missing from Kernel's request types");
            }
        }
        return handlers;
    }

    private Map<String, RequestHandler> shellHandlers(
            KernelInfoHandler info, CellRunner runner, DisplayPublisher display, ScheduledExecutorService timer) {
        Map<String, RequestHandler> h = new HashMap<>();
        History history = new History(HistoryFile.open(HistoryFile.defaultPath(System.getenv()), HISTORY_ENTRIES));
        h.put("kernel_info_request", info);
        h.put("execute_request", new ExecuteHandler(runner, display, history, cellRouting(timer, stdin)));
        h.put("history_request", new HistoryHandler(history));
        h.put("complete_request", new CompleteHandler(runner));
        h.put("inspect_request", new InspectHandler(runner));
        h.put("is_complete_request", new IsCompleteHandler(runner));
        h.put("comm_info_request", CommHandler::info);
        h.put("comm_open", CommHandler::open);
        h.put("comm_msg", CommHandler::ignore);
        h.put("comm_close", CommHandler::ignore);
        h.put("shutdown_request", ControlHandlers.shutdown(this::shutdown)); // older clients send it on shell
        return h;
    }

    /** Blocks until a shutdown request has been handled. */
    public void awaitShutdown() throws InterruptedException {
        stopped.await();
    }

    /** The timer for output flushes and coalesced display updates. */
    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "eddy-output-timer");
            t.setDaemon(true);
            return t;
        });
        timer.prestartAllCoreThreads(); // created now, so it inherits no cell's routing
        return timer;
    }

    private BiFunction<Message, Boolean, CellContext> cellRouting(ScheduledExecutorService timer, StdinChannel stdin) {
        return (request, allowStdin) -> {
            JsonNode parent = request.headerJson();
            CellInput input = allowStdin
                    ? new CellInput(
                            (prompt, password) -> stdin.requestInput(request.identities(), parent, prompt, password))
                    : CellInput.none();
            JsonNode cellId = request.metadata().path("cellId"); // JupyterLab's id of the notebook cell
            return new CellContext(
                    parent,
                    stream("stdout", parent, timer),
                    stream("stderr", parent, timer),
                    input,
                    cellId.isTextual() && !cellId.asText().isBlank() ? cellId.asText() : null);
        };
    }

    private StreamBuffer stream(String name, JsonNode parent, ScheduledExecutorService timer) {
        return new StreamBuffer(name, timer, text -> {
            ObjectNode c = Json.object();
            c.put("name", name);
            c.put("text", text);
            iopub.publish(messages.publication("stream", parent, c, Json.object()));
        });
    }

    private void shutdown(boolean restart) {
        Thread t = new Thread(
                () -> {
                    LOG.info("shutting down" + (restart ? " for a restart" : ""));
                    EddyRuntime.shutdownShared(); // queries stop cleanly and send their final updates first
                    if (notebook != null) {
                        Notebook.unbind(notebook);
                    }
                    try {
                        // In order, each socket closed by the thread that owns it before the context ends (a
                        // socket closing while the context terminates around it made ZeroMQ's I/O thread print a
                        // ClosedChannelException now and then): the last IOPub messages first, then the channels.
                        // A cell still running on the shell thread keeps that socket open; term() then gives up
                        // on it below.
                        iopub.close(1000);
                        control.stop();
                        stdin.stop();
                        hb.stop();
                        shell.stop();
                        control.awaitStopped(1000);
                        stdin.awaitStopped(1000);
                        hb.awaitStopped(1000);
                        shell.awaitStopped(1000);
                        Thread term = new Thread(context::term, "eddy-zmq-term");
                        term.setDaemon(true);
                        term.start();
                        term.join(2000); // a cell still running on the shell thread must not keep the process alive
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    stopped.countDown();
                    System.exit(0);
                },
                "eddy-shutdown");
        t.start();
    }

    private static ObjectNode status(String s) {
        ObjectNode c = Json.object();
        c.put("execution_state", s);
        return c;
    }
}
