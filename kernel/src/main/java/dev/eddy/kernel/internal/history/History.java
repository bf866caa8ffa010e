package dev.eddy.kernel.internal.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The inputs (and text outputs) of this kernel process, numbered by execution count, for history requests.
 * Session numbers follow IPython: this process is session 1 and 0 means "the current session". Thread-safe.
 */
public final class History {
  public static final int SESSION = 1;
  private final List<Entry> entries = new ArrayList<>();

  /** One history row: session, line (execution count), input, and the output's text/plain or null. */
  public record Entry(int session, int line, String input, String output) {
    Entry withOutput(String o) {
      return new Entry(session, line, input, o);
    }
  }

  public synchronized void add(int line, String input) {
    entries.add(new Entry(SESSION, line, input, null));
  }

  public synchronized void setOutput(int line, String output) {
    for (int i = entries.size() - 1; i >= 0; i--) {
      if (entries.get(i).line() == line) {
        entries.set(i, entries.get(i).withOutput(output));
        return;
      }
    }
  }

  /** The last {@code n} entries, oldest first. */
  public synchronized List<Entry> tail(int n) {
    return List.copyOf(entries.subList(Math.max(0, entries.size() - Math.max(0, n)), entries.size()));
  }

  /** Entries with {@code start <= line < stop} of {@code session}; {@code stop <= 0} means "to the end". */
  public synchronized List<Entry> range(int session, int start, int stop) {
    if (session != 0 && session != SESSION) {
      return List.of();
    }
    return entries.stream().filter(e -> e.line() >= start && (stop <= 0 || e.line() < stop)).toList();
  }

  /**
   * Inputs matching a glob ({@code *} and {@code ?}, whole input), oldest first: the last {@code n} matches
   * ({@code n <= 0}: all), with {@code unique} keeping only the latest of equal inputs.
   */
  public synchronized List<Entry> search(String glob, int n, boolean unique) {
    Pattern p = globToRegex(glob);
    List<Entry> hits = entries.stream().filter(e -> p.matcher(e.input()).matches()).toList();
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
