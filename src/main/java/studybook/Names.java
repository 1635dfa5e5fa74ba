package studybook;

import java.util.Collection;
import java.util.Optional;

/** Suggests the name a user probably meant, for errors about unknown columns, cells and levels. */
public final class Names {
  private Names() {}

  /** The candidate nearest to {@code wanted} by edit distance, if any is close enough to be a likely typo. */
  public static Optional<String> nearest(String wanted, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    int limit = Math.max(2, wanted.length() / 3);
    for (String c : candidates) {
      // The length difference bounds the distance from below: a candidate that cannot come within the
      // limit is not compared, so a hostile 10 MB name costs one pass, not length x length steps.
      if (Math.abs(c.length() - wanted.length()) > limit) {
        continue;
      }
      int d = distance(wanted.toLowerCase(java.util.Locale.ROOT), c.toLowerCase(java.util.Locale.ROOT));
      if (d < bestDistance || (d == bestDistance && best != null && c.compareTo(best) < 0)) {
        best = c;
        bestDistance = d;
      }
    }
    if (best == null || bestDistance > limit) {
      return Optional.empty();
    }
    return Optional.of(best);
  }

  /** "; did you mean 'x'?" or the empty string: ready to append to an error message. */
  public static String didYouMean(String wanted, Collection<String> candidates) {
    return nearest(wanted, candidates).map(n -> "; did you mean '" + n + "'?").orElse("");
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
