package studybook.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every count a report prints, as the unknowns of one system of linear equations (what a reader
 * knows: sums, the same count printed twice, a flow box that splits into its children, a
 * denominator a percentage gives away), and the small-cell suppression solved on it: each count
 * 1..K-1 masked by its own risk, then, while the printed numbers still determine a masked count,
 * one more count masked (its complement). Written by hand over the exact integer elimination of
 * {@link CountEquations}. A count is never masked for having the value of a masked count that is
 * also shown, so a mask never tells a reader which cells are equal; values only steer which
 * complement is chosen (one no template prints, where there is a choice) and whether a loose count
 * ({@link #printedLoose}) may be a masked one.
 *
 * <p>A cell is printed (a table cell, a count in a note, a flow box) or <b>hidden</b>: a number the
 * report never prints but a reader may reason with (the denominator of a percentage, the missing
 * values of one group), an unknown that is never masked and never asked for. An equation may belong
 * to a printed cell ({@link #equation(Map, int)}): a percentage, which tells its denominator only
 * while its cell is shown, so masking the cell withdraws it.
 */
final class CountSystem {
  private final int threshold;
  private final List<Long> value = new ArrayList<>();
  private final List<Boolean> hidden = new ArrayList<>();
  private final List<String> where = new ArrayList<>();
  private final List<SmallCellSuppression.Reason> reason = new ArrayList<>();
  private final List<Map<Integer, Integer>> equations = new ArrayList<>();
  private final List<Integer> owners = new ArrayList<>();
  private final Map<Long, Integer> printedUnlinked = new HashMap<>();
  private final Map<Integer, Integer> twins = new HashMap<>();
  private final java.util.Set<Integer> fixed = new java.util.HashSet<>();
  private final java.util.Set<Integer> loose = new java.util.TreeSet<>();

  CountSystem(int threshold) {
    this.threshold = threshold;
  }

  /** A printed count, masked when 1..K-1; its index. */
  int printed(long n, String at) {
    return printed(n, at, true);
  }

  /**
   * A printed count, masked when 1..K-1, and masked as a complement only as a last resort when
   * {@code complement} is false (a group's size in a table's header); its index.
   */
  int printed(long n, String at, boolean complement) {
    if (!complement) {
      fixed.add(value.size());
    }
    value.add(n);
    hidden.add(false);
    where.add(at);
    reason.add(n >= 1 && n < threshold ? SmallCellSuppression.Reason.SMALL_COUNT : null);
    return value.size() - 1;
  }

  /**
   * A printed count whose relations to the others studybook does not know (a note's "44 events",
   * which may be a table's count): masked when 1..K-1, or, as a count a template prints, when it has
   * the value of a masked count and no shown count has that value; its index.
   */
  int printedLoose(long n, String at) {
    loose.add(value.size());
    printedElsewhere(n);
    return printed(n, at);
  }

  /** A number the report does not print but a reader may reason with; its index. */
  int hidden(String at) {
    value.add(-1L);
    hidden.add(true);
    where.add(at);
    reason.add(null);
    return value.size() - 1;
  }

  /**
   * A count printed where studybook cannot tell which count it is (a number a template prints):
   * no unknown of the system, but a cell of the same value is then a poorer complement, since the
   * two may be the same count.
   */
  void printedElsewhere(long n) {
    if (n >= threshold) {
      printedUnlinked.merge(n, 1, Integer::sum);
    }
  }

  /** Cells {@code a} and {@code b} print the same count (in two tables): masking one means masking the other. */
  void same(int a, int b) {
    equation(Map.of(a, 1, b, -1));
    twins.merge(a, 1, Integer::sum);
    twins.merge(b, 1, Integer::sum);
  }

  /** sum(coefficient * cell) is printed (or known): an equation that always holds. */
  void equation(Map<Integer, Integer> e) {
    equation(e, -1);
  }

  /** As above, known only while cell {@code owner} is shown (-1: always). */
  void equation(Map<Integer, Integer> e, int owner) {
    Map<Integer, Integer> copy = new TreeMap<>();
    e.forEach((k, v) -> {
      if (v != 0) {
        copy.merge(k, v, Integer::sum);
      }
    });
    equations.add(copy);
    owners.add(owner);
  }

  int size() {
    return value.size();
  }

  SmallCellSuppression.Reason reason(int i) {
    return reason.get(i);
  }

  boolean masked(int i) {
    return reason.get(i) != null;
  }

  /** Masks complements until no masked count follows from what is printed (or none can be protected further). */
  void solve() {
    while (true) {
      List<Integer> unknowns = new ArrayList<>();
      for (int i = 0; i < value.size(); i++) {
        if (hidden.get(i) || reason.get(i) != null) {
          unknowns.add(i);
        }
      }
      List<Map<Integer, Integer>> active = active();
      int best = -1;
      for (int open : CountEquations.allDetermined(active, unknowns)) {
        if (hidden.get(open)) {
          continue;
        }
        best = partner(active, open);
        if (best >= 0) {
          break;
        }
      }
      if (best < 0) {
        break;
      }
      reason.set(best, SmallCellSuppression.Reason.COMPLEMENTARY);
    }
    java.util.Set<Long> masked = new java.util.TreeSet<>();
    java.util.Set<Long> shown = new java.util.TreeSet<>();
    for (int i = 0; i < value.size(); i++) {
      if (!hidden.get(i) && !loose.contains(i)) {
        (reason.get(i) != null ? masked : shown).add(value.get(i));
      }
    }
    for (int i : loose) {
      if (reason.get(i) == null && masked.contains(value.get(i)) && !shown.contains(value.get(i))) {
        reason.set(i, SmallCellSuppression.Reason.COMPLEMENTARY);
      }
    }
  }

  /** The values of the printed cells the solve masked. */
  java.util.Set<Long> maskedValues() {
    java.util.Set<Long> out = new java.util.TreeSet<>();
    for (int i = 0; i < value.size(); i++) {
      if (!hidden.get(i) && reason.get(i) != null) {
        out.add(value.get(i));
      }
    }
    return out;
  }

  /** The values of the printed cells the solve left shown. */
  java.util.Set<Long> shownValues() {
    java.util.Set<Long> out = new java.util.TreeSet<>();
    for (int i = 0; i < value.size(); i++) {
      if (!hidden.get(i) && reason.get(i) == null) {
        out.add(value.get(i));
      }
    }
    return out;
  }

  /** Where each masked cell is whose value a shown cell also has and {@link #printedElsewhere} printed. */
  List<String> ambiguous() {
    java.util.Set<Long> shown = shownValues();
    List<String> out = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      long v = value.get(i);
      if (!hidden.get(i) && reason.get(i) != null && v >= threshold && shown.contains(v)
          && printedUnlinked.containsKey(v)) {
        out.add(where.get(i));
      }
    }
    return out;
  }

  private List<Map<Integer, Integer>> active() {
    List<Map<Integer, Integer>> out = new ArrayList<>();
    for (int e = 0; e < equations.size(); e++) {
      int owner = owners.get(e);
      if (owner < 0 || reason.get(owner) == null) {
        out.add(equations.get(e));
      }
    }
    return out;
  }

  /**
   * The best shown count whose masking could free cell {@code open}: one in an equation with it, or
   * with a hidden number reached from it through equations, or a shown cell whose percentage is one
   * of those equations. The lowest {@link #cost} comes first, then non-zero ones, then the smallest;
   * -1 if none.
   */
  private int partner(List<Map<Integer, Integer>> active, int open) {
    java.util.Set<Integer> reached = new java.util.HashSet<>(List.of(open));
    java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>(List.of(open));
    java.util.Set<Integer> candidates = new java.util.TreeSet<>();
    List<Integer> activeOwners = new ArrayList<>();
    for (int e = 0; e < equations.size(); e++) {
      int owner = owners.get(e);
      if (owner < 0 || reason.get(owner) == null) {
        activeOwners.add(owner);
      }
    }
    while (!queue.isEmpty()) {
      int x = queue.poll();
      for (int e = 0; e < active.size(); e++) {
        Map<Integer, Integer> eq = active.get(e);
        if (!eq.containsKey(x)) {
          continue;
        }
        if (activeOwners.get(e) >= 0) {
          candidates.add(activeOwners.get(e));
        }
        for (int y : eq.keySet()) {
          if (hidden.get(y)) {
            if (reached.add(y)) {
              queue.add(y);
            }
          } else if (reason.get(y) == null) {
            candidates.add(y);
          }
        }
      }
    }
    int best = -1;
    for (int c : candidates) {
      if (best < 0 || better(c, best)) {
        best = c;
      }
    }
    return best;
  }

  /**
   * What masking cell {@code i} costs beyond itself: its twins, masked with it, and 1 when a count of
   * its value is printed where studybook cannot tell which count it is (that print may be this count);
   * a group's size in a header only when nothing else can be masked instead (every count of the group
   * is a share of it).
   */
  private int cost(int i) {
    return (fixed.contains(i) ? 1000 : 0) + twins.getOrDefault(i, 0) + (printedUnlinked.containsKey(value.get(i)) ? 1 : 0);
  }

  private boolean better(int a, int b) {
    int ca = cost(a);
    int cb = cost(b);
    if (ca != cb) {
      return ca < cb;
    }
    long x = value.get(a);
    long y = value.get(b);
    if ((x == 0) != (y == 0)) {
      return y == 0;
    }
    return x < y;
  }
}
