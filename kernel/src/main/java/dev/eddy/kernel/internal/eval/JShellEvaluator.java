package dev.eddy.kernel.internal.eval;

import dev.eddy.kernel.internal.util.Log;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.VarSnippet;

/**
 * The JShell of the kernel and the one thread that uses it. JShell is not thread-safe, so everything that
 * touches it — start-up, warm-up, cells, completion, inspection — runs as a task on that thread, in order.
 * Only {@link #interrupt()} is called from elsewhere (the control thread).
 */
public final class JShellEvaluator implements AutoCloseable {
  private static final Log LOG = Log.of(JShellEvaluator.class);
  private static final Set<Snippet.SubKind> VALUE_KINDS = EnumSet.of(Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND,
      Snippet.SubKind.VAR_VALUE_SUBKIND, Snippet.SubKind.ASSIGNMENT_SUBKIND);
  /** Start-up variable name -> its declaration, to run again if JShell resets it (see restoreStartupVars). */
  private final Map<String, String> startupVars = new ConcurrentHashMap<>();
  /** The evaluator thread; replaced by a fresh one when a cell that cannot be stopped is given up. */
  private volatile ExecutorService thread;
  private final AtomicInteger threads = new AtomicInteger();
  private final KernelExecutionControl control = new KernelExecutionControl();
  /** The call running on the evaluator thread and that thread, so that giving the thread up can answer it. */
  private final Object runningLock = new Object();
  private CompletableFuture<?> running;
  private Thread runningThread;
  private final Future<?> ready;
  private final AtomicInteger waiting = new AtomicInteger();
  /** Calls submitted and not yet answered, and when the last one ended: for {@link #awaitIdle}. */
  private final Object activity = new Object();
  private int active;
  private long lastActiveNanos = System.nanoTime();
  private JShell jshell;
  /** Snippet id -> where its source came from, so that stack frames name lines of cells. */
  private final Map<String, Origin> origins = new ConcurrentHashMap<>();
  /** Counts cells, so a frame can say "this cell" or "an earlier cell". */
  private volatile long cellSerial;
  private final JavaErrors.SnippetOrigins frameOrigins = this::locate;

  /** Starts JShell in the background with {@code classpath} and the {@code startup} snippets (imports). */
  public JShellEvaluator(String classpath, List<String> startup, PrintStream log) {
    this.thread = newEvaluatorThread();
    this.ready = thread.submit(() -> start(classpath, startup, log));
    control.onStuck(this::abandon);
  }

  private ExecutorService newEvaluatorThread() {
    int n = threads.incrementAndGet();
    return Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, n == 1 ? "eddy-eval" : "eddy-eval-" + n);
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Gives up the evaluator thread {@code stuck} (a cell that ignored its interrupt): the call waiting for it is
   * answered with {@code why}, work queued behind it moves to a fresh evaluator thread, and the stuck thread is
   * left to itself (it parks for good if it ever returns to the kernel). JShell itself is kept: the cell's
   * variables stay, though the stuck snippet never completes.
   */
  private void abandon(Thread stuck, String why) {
    CompletableFuture<?> answer;
    synchronized (runningLock) {
      if (runningThread != stuck) {
        return; // it ended after all
      }
      ExecutorService old = thread;
      thread = newEvaluatorThread();
      for (Runnable queued : old.shutdownNow()) {
        thread.execute(queued);
      }
      answer = running;
      running = null;
      runningThread = null;
    }
    if (answer != null) {
      answer.completeExceptionally(new StuckCell.Abandoned(why));
    }
  }

  private void start(String classpath, List<String> startup, PrintStream log) {
    long t0 = System.nanoTime();
    // -proc:none: javac would otherwise scan the whole (large) class path for annotation processors on
    // every snippet; measured: first snippet ~400 ms -> ~120 ms.
    jshell = JShell.builder().executionEngine(KernelExecutionControl.provider(control), Map.of())
        .compilerOptions("-proc:none").out(log).err(log).build();
    if (!classpath.isEmpty()) {
      jshell.addToClasspath(classpath);
    }
    LOG.debug("JShell built in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    for (String s : startup) {
      long t1 = System.nanoTime();
      List<SnippetEvent> events = jshell.eval(s);
      LOG.debug(s + " took " + (System.nanoTime() - t1) / 1_000_000 + " ms");
      for (SnippetEvent e : events) {
        if (e.status() == Snippet.Status.REJECTED) {
          LOG.warn("start-up snippet rejected: " + s);
        } else if (e.snippet() instanceof VarSnippet v) {
          startupVars.put(v.name(), s);
        }
      }
    }
    LOG.debug("JShell ready in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
  }

  /**
   * Compiles and runs a few throw-away snippets so the first real cell finds javac loaded and warm. Each snippet
   * is its own task and is skipped once a request is waiting: warm-up never delays real work by more than one
   * snippet.
   */
  public CompletableFuture<Void> warmUp(List<String> snippets) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    long t0 = System.nanoTime();
    for (String s : snippets) {
      execute(() -> {
        if (waiting.get() == 0) {
          warmUpOne(s);
        }
      });
    }
    execute(() -> {
      if (waiting.get() == 0) {
        jshell.sourceCodeAnalysis().completionSuggestions("Strin", 5, new int[1]);
      }
      LOG.debug("warm-up done " + (System.nanoTime() - t0) / 1_000_000 + " ms after it was queued");
      done.complete(null);
    });
    return done;
  }

  /** Runs the warm-up snippets now, all of them, and waits (for the class-data-sharing training run). */
  public void warmUpAndWait(List<String> snippets) throws Exception {
    call(() -> {
      snippets.forEach(this::warmUpOne);
      jshell.sourceCodeAnalysis().completionSuggestions("Strin", 5, new int[1]);
      return null;
    });
  }

  private void warmUpOne(String source) {
    for (SnippetEvent e : jshell.eval(source)) {
      if (e.causeSnippet() == null && e.snippet().kind() != Snippet.Kind.IMPORT) {
        jshell.drop(e.snippet());
      }
    }
  }

  /**
   * Adds a jar or directory to the class path of the cells. Call it on the evaluator thread, as magics run (JShell
   * is not thread-safe, and {@link #call} from that thread would wait for itself).
   */
  public void addToClasspath(String path) throws Exception {
    ready.get();
    jshell.addToClasspath(path);
  }

  /**
   * Runs {@code task} on the evaluator thread and waits for it. A cell given up after an interrupt surfaces here
   * as {@link StuckCell.Abandoned}.
   */
  public <T> T call(Callable<T> task) throws Exception {
    waiting.incrementAndGet();
    synchronized (activity) {
      active++;
    }
    CompletableFuture<T> f = new CompletableFuture<>();
    execute(() -> {
      waiting.decrementAndGet();
      synchronized (runningLock) {
        running = f;
        runningThread = Thread.currentThread();
      }
      try {
        ready.get();
        f.complete(task.call());
      } catch (Throwable t) {
        f.completeExceptionally(t);
      } finally {
        synchronized (runningLock) {
          if (running == f) {
            running = null;
            runningThread = null;
          }
        }
        control.parkIfAbandoned();
      }
    });
    try {
      return unwrap(f);
    } finally {
      synchronized (activity) {
        active--;
        lastActiveNanos = System.nanoTime();
        activity.notifyAll();
      }
    }
  }

  /** Queues {@code task} on the current evaluator thread (never on one being given up). */
  private void execute(Runnable task) {
    synchronized (runningLock) {
      thread.execute(task);
    }
  }

  private static <T> T unwrap(Future<T> f) throws Exception {
    try {
      return f.get();
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof Exception ex) {
        throw ex;
      }
      if (c instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }

  /**
   * Waits until no request has used JShell for {@code quietMillis} (none running or queued): background work
   * calls it between its steps so that it runs only while the user is not waiting for a cell.
   */
  public void awaitIdle(long quietMillis) throws InterruptedException {
    long quiet = quietMillis * 1_000_000;
    synchronized (activity) {
      while (true) {
        long left = active > 0 ? quiet : lastActiveNanos + quiet - System.nanoTime();
        if (active == 0 && left <= 0) {
          return;
        }
        activity.wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  /** Waits until JShell has started (or failed to); for background work that should not compete with it. */
  public void awaitReady() {
    try {
      ready.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      LOG.warn("JShell failed to start", e.getCause());
    }
  }

  /**
   * Puts {@code jars} on the cells' class path and returns the class loader that now loads them for cells, so that
   * the kernel can load a library once and share its objects with cells (the Spark engine and its session). Runs on
   * the evaluator thread (a magic calls it); empty if JShell has not loaded a class yet.
   */
  public Optional<ClassLoader> shareWithCells(List<Path> jars) {
    ClassLoader cells = control.cellLoader();
    if (cells == null) {
      return Optional.empty();
    }
    for (Path jar : jars) {
      jshell.addToClasspath(jar.toString());
    }
    return Optional.of(cells);
  }

  /**
   * Declares {@code type name = initializer;} for cells, and declares it again if a cell's redefinition of
   * something it depends on resets it; on the evaluator thread if called from there, else queued on it.
   */
  public void bind(String name, String type, String initializer) {
    onEvaluator(() -> {
      String declaration = type + " " + name + " = " + initializer + ";";
      for (SnippetEvent e : jshell.eval(declaration)) {
        if (e.status() == Snippet.Status.REJECTED || e.exception() != null) {
          LOG.warn("could not bind " + name + ": " + declaration);
          return;
        }
      }
      startupVars.put(name, declaration);
    });
  }

  /** Removes a variable {@link #bind} declared (a cell that uses it then fails to compile, naming it). */
  public void unbind(String name) {
    onEvaluator(() -> {
      if (startupVars.remove(name) == null) {
        return;
      }
      jshell.variables().filter(v -> v.name().equals(name)).forEach(jshell::drop);
    });
  }

  private void onEvaluator(Runnable task) {
    boolean here;
    synchronized (runningLock) {
      here = runningThread == Thread.currentThread();
    }
    if (here) {
      task.run();
    } else {
      execute(() -> {
        try {
          ready.get();
          task.run();
        } catch (Exception e) {
          LOG.warn("a binding for cells failed", e);
        }
      });
    }
  }

  /** Marks the start of a cell for interrupts; on the evaluator thread. */
  void beginCell() {
    cellSerial++;
    control.beginCell();
  }

  void endCell() {
    control.endCell();
  }

  /** A magic starts (on the evaluator thread); false if an interrupt came first and it must not run. */
  boolean magicEnter() {
    return control.magicEnter();
  }

  void magicLeave() {
    control.magicLeave();
  }

  /** True once if an interrupt stopped what ran last; clears the flag. */
  boolean takeStopped() {
    return control.takeStopped();
  }

  /** Stops the running cell, if any. Safe from any thread. */
  public void interrupt() {
    control.stop();
  }

  /** Runs Java source snippet by snippet; must run on the evaluator thread. {@code firstLine} is for errors. */
  EvalResult runJava(String code, int firstLine) {
    SourceCodeAnalysis sca = jshell.sourceCodeAnalysis();
    String rest = code;
    EvalResult result = EvalResult.Ok.none();
    while (!rest.isBlank()) {
      int offset = code.length() - rest.length() + leadingBlanks(rest);
      SourceCodeAnalysis.CompletionInfo ci = sca.analyzeCompletion(rest);
      if (ci.completeness() == Completeness.EMPTY) {
        break;
      }
      if (!ci.completeness().isComplete()) {
        return JavaErrors.incomplete(rest);
      }
      rest = ci.remaining();
      // Without the blank lines before it: JShell numbers a snippet's lines wrongly after a leading newline, and
      // offset already points past them.
      result = runSnippet(ci.source().stripLeading(), code, offset, firstLine);
      if (result instanceof EvalResult.Error) {
        return result;
      }
    }
    return result;
  }

  /**
   * Every snippet goes through javac, even {@code 1 + 1} (~15-20 ms warm, nearly all of a warm execute). A
   * shortcut that evaluates literals itself was considered and rejected: JShell gives every expression a
   * temporary variable ({@code $1}, {@code $2}...) that later cells may use, numbers them with its own counter,
   * and reports overflow, constant folding, string conversion and errors exactly as javac does; skipping
   * javac would break {@code $N} or renumber it. JShell's API offers no way to reuse a compiled snippet either.
   */
  private EvalResult runSnippet(String source, String cell, int offset, int firstLine) {
    control.resetValue();
    List<SnippetEvent> events = jshell.eval(source);
    if (control.takeStopped()) {
      return JavaErrors.interrupted();
    }
    restoreStartupVars(events);
    int snippetLine = firstLine + (int) cell.substring(0, offset).chars().filter(c -> c == '\n').count();
    String text = source.strip().lines().findFirst().orElse("");
    for (SnippetEvent e : events) {
      if (e.causeSnippet() != null) {
        continue;
      }
      origins.put(e.snippet().id(), new Origin(cellSerial, snippetLine, text));
      if (e.status() == Snippet.Status.REJECTED) {
        return JavaErrors.compile(jshell, e.snippet(), cell, offset, firstLine);
      }
      if (e.exception() != null) {
        return JavaErrors.runtime(e.exception(), frameOrigins);
      }
      if (e.status() == Snippet.Status.RECOVERABLE_DEFINED || e.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
        System.err.println("Note: " + e.snippet().source().strip().split("\n")[0]
            + " refers to something not yet defined; define it before using this.");
      }
      Object v = control.lastValue();
      if (VALUE_KINDS.contains(e.snippet().subKind()) && v != KernelExecutionControl.NO_VALUE) {
        return new EvalResult.Ok(true, v);
      }
    }
    return EvalResult.Ok.none();
  }

  /**
   * JShell re-declares an existing variable when a later snippet (e.g. a cell of imports) changes how its
   * declaration compiles, and a re-declared variable starts again from its default, null. The start-up
   * variables (the shared session {@code eddy} and {@code sql}) must never silently become null, so their
   * declarations are run again. A user's own redeclaration has no cause snippet and is left alone.
   */
  private void restoreStartupVars(List<SnippetEvent> events) {
    for (SnippetEvent e : events) {
      if (e.causeSnippet() != null && e.snippet() instanceof VarSnippet v && startupVars.containsKey(v.name())
          && e.status().isActive()) {
        jshell.eval(startupVars.get(v.name()));
      }
    }
  }

  /** Completeness of Java source; must run on the evaluator thread. */
  String completeness(String code) {
    SourceCodeAnalysis sca = jshell.sourceCodeAnalysis();
    String rest = code;
    while (!rest.isBlank()) {
      SourceCodeAnalysis.CompletionInfo ci = sca.analyzeCompletion(rest);
      switch (ci.completeness()) {
        case EMPTY:
          return "complete";
        case DEFINITELY_INCOMPLETE:
        case CONSIDERED_INCOMPLETE:
          return "incomplete";
        case UNKNOWN:
          return "invalid";
        default:
          rest = ci.remaining();
      }
    }
    return "complete";
  }

  /** Completion candidates at {@code cursor} (a UTF-16 index); must run on the evaluator thread. */
  Completions complete(String code, int cursor) {
    int[] anchor = new int[1];
    List<SourceCodeAnalysis.Suggestion> s = jshell.sourceCodeAnalysis().completionSuggestions(code, cursor, anchor);
    List<String> matches = s.stream().sorted((a, b) -> Boolean.compare(b.matchesType(), a.matchesType()))
        .map(SourceCodeAnalysis.Suggestion::continuation).distinct().toList();
    return new Completions(matches, anchor[0] < 0 ? cursor : anchor[0], cursor);
  }

  /** Signatures (and Javadoc where the JDK has sources) at {@code cursor}; on the evaluator thread. */
  List<String> documentation(String code, int cursor) {
    SourceCodeAnalysis sca = jshell.sourceCodeAnalysis();
    List<SourceCodeAnalysis.Documentation> docs = sca.documentation(code, cursor, true);
    if (docs.isEmpty()) {
      // "Math.max|" has no documentation in JShell, "Math.max(|" has: look it up as a call.
      int end = identifierEnd(code, cursor);
      String call = code.substring(0, end) + "(";
      docs = sca.documentation(call, call.length(), true);
    }
    return docs.stream().map(d -> d.javadoc() == null || d.javadoc().isBlank() ? d.signature()
        : d.signature() + "\n\n" + d.javadoc()).distinct().toList();
  }

  /** The live value of an active variable declared in a cell; on the evaluator thread. */
  Optional<Object> variable(String name) {
    boolean exists = jshell.variables().map(VarSnippet::name).anyMatch(name::equals);
    if (!exists) {
      return Optional.empty();
    }
    control.resetValue();
    for (SnippetEvent e : jshell.eval(name + ";")) {
      if (e.causeSnippet() == null) {
        jshell.drop(e.snippet());
      }
    }
    Object v = control.lastValue();
    return v == KernelExecutionControl.NO_VALUE ? Optional.empty() : Optional.ofNullable(v);
  }

  private static int identifierEnd(String code, int cursor) {
    int i = Math.min(cursor, code.length());
    while (i < code.length() && Character.isJavaIdentifierPart(code.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int leadingBlanks(String s) {
    int i = 0;
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }

  private String locate(String snippetId, int snippetLine) {
    Origin o = origins.get(snippetId);
    if (o == null) {
      return null;
    }
    int line = o.firstLine() + Math.max(0, snippetLine - 1);
    return o.cell() == cellSerial ? "line " + line + " of this cell"
        : "line " + line + " of an earlier cell: " + (o.text().length() > 60 ? o.text().substring(0, 57) + "..."
            : o.text());
  }

  private record Origin(long cell, int firstLine, String text) {}

  /** Completion matches and the range of the cell they replace (UTF-16 indexes). */
  public record Completions(List<String> matches, int start, int end) {}
}
