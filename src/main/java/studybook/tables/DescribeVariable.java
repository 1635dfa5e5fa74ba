package studybook.tables;

import java.util.List;
import studybook.stats.compare.TestResult;
import studybook.stats.describe.LevelCounts;
import studybook.stats.describe.Summary;

/** One variable of a {@link DescribeTable}: its summaries overall and per group, and its group comparison. */
public sealed interface DescribeVariable {
  String name();

  TestChoice choice();

  TestResult test();

  /**
   * A continuous variable.
   *
   * @param groups one summary per group, in group order
   */
  record Continuous(String name, Summary overall, List<Summary> groups, TestChoice choice, TestResult test)
      implements DescribeVariable {
    public Continuous {
      groups = List.copyOf(groups);
    }
  }

  /**
   * A categorical variable.
   *
   * @param levels the level names, reference first
   * @param groups one set of counts per group, in group order
   */
  record Categorical(String name, List<String> levels, LevelCounts overall, List<LevelCounts> groups,
      TestChoice choice, TestResult test) implements DescribeVariable {
    public Categorical {
      levels = List.copyOf(levels);
      groups = List.copyOf(groups);
    }

    /** counts[level][group]. */
    public long[][] table() {
      long[][] t = new long[levels.size()][groups.size()];
      for (int g = 0; g < groups.size(); g++) {
        for (int l = 0; l < levels.size(); l++) {
          t[l][g] = groups.get(g).count(l);
        }
      }
      return t;
    }
  }
}
