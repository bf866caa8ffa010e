package dev.eddy.kernel.internal.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The inputs (and text outputs) of this kernel process and of earlier ones, numbered by session and execution
 * count, for history requests. Sessions follow IPython: every kernel start is a new session, numbered up from 1;
 * in a request 0 means "this session" and a negative number counts back from it. Thread-safe.
 */
public final class History {
    /** Entries kept in memory beyond this are dropped oldest first (the file keeps a bounded tail too). */
    static final int MAX_ENTRIES = 5000;

    private final List<Entry> entries = new ArrayList<>();
    private final Store log;

    /** One history row: session, line (execution count), input, and the output's text/plain or null. */
    public record Entry(int session, int line, String input, String output) {
        Entry withOutput(String o) {
            return new Entry(session, line, input, o);
        }
    }

    /** Where history is kept beyond this process: the session number, the earlier entries, new rows. */
    public interface Store {
        int session();

        List<Entry> previous();

        void input(int line, String input);

        void output(int line, String output);

        /** No persistence: session 1 and nothing earlier. */
        static Store inMemory() {
            return new Store() {
                @Override
                public int session() {
                    return 1;
                }

                @Override
                public List<Entry> previous() {
                    return List.of();
                }

                @Override
                public void input(int line, String input) {}

                @Override
                public void output(int line, String output) {}
            };
        }
    }

    /** History of this process only. */
    public History() {
        this(Store.inMemory());
    }

    public History(Store log) {
        this.log = log;
        entries.addAll(log.previous());
    }

    /** This kernel's session number. */
    public int session() {
        return log.session();
    }

    public synchronized void add(int line, String input) {
        entries.add(new Entry(log.session(), line, input, null));
        if (entries.size() > MAX_ENTRIES + MAX_ENTRIES / 10) {
            entries.subList(0, entries.size() - MAX_ENTRIES).clear();
        }
        log.input(line, input);
    }

    public synchronized void setOutput(int line, String output) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            Entry e = entries.get(i);
            if (e.session() == log.session() && e.line() == line) {
                entries.set(i, e.withOutput(output));
                log.output(line, output);
                return;
            }
        }
    }

    /** The last {@code n} entries of all sessions, oldest first. */
    public synchronized List<Entry> tail(int n) {
        return List.copyOf(entries.subList(Math.max(0, entries.size() - Math.max(0, n)), entries.size()));
    }

    /**
     * Entries with {@code start <= line < stop} of {@code session} (0: this one, negative: counted back from it);
     * {@code stop <= 0} means "to the end".
     */
    public synchronized List<Entry> range(int session, int start, int stop) {
        int wanted = session <= 0 ? log.session() + session : session;
        return entries.stream()
                .filter(e -> e.session() == wanted && e.line() >= start && (stop <= 0 || e.line() < stop))
                .toList();
    }

    /**
     * Inputs matching a glob ({@code *} and {@code ?}, whole input), oldest first: the last {@code n} matches
     * ({@code n <= 0}: all), with {@code unique} keeping only the latest of equal inputs.
     */
    public synchronized List<Entry> search(String glob, int n, boolean unique) {
        Pattern p = globToRegex(glob);
        List<Entry> hits =
                entries.stream().filter(e -> p.matcher(e.input()).matches()).toList();
        if (unique) {
            Map<String, Entry> latest = new LinkedHashMap<>();
            for (Entry e : hits) {
                latest.remove(e.input());
                latest.put(e.input(), e);
            }
            hits = List.copyOf(latest.values());
        }
        return n > 0 && hits.size() > n ? hits.subList(hits.size() - n, hits.size()) : hits;
    }

    static Pattern globToRegex(String glob) {
        StringBuilder r = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> r.append(".*");
                case '?' -> r.append('.');
                default -> r.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(r.toString(), Pattern.DOTALL);
    }
}
