package dev.eddy.magics.internal.parse;

import java.util.Collection;
import java.util.Optional;

/** Finds the known name closest to a mistyped one (edit distance), for "did you mean" hints. */
public final class NearestName {
  private NearestName() {}

  /** The nearest name if it is close enough to be a plausible typo (distance at most a third, min 2). */
  public static Optional<String> of(String typed, Collection<String> known) {
    String best = null;
    int bestD = Integer.MAX_VALUE;
    for (String k : known) {
      int d = distance(typed.toLowerCase(), k.toLowerCase());
      if (d < bestD) {
        bestD = d;
        best = k;
      }
    }
    int limit = Math.max(2, typed.length() / 3);
    return best != null && bestD <= limit ? Optional.of(best) : Optional.empty();
  }

  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
