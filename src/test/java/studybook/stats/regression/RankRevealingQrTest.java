package studybook.stats.regression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** R's dqrdc2 pivoting: aliased columns are the later ones of a dependent set, as lm and glm report NA. */
class RankRevealingQrTest {
  @Test
  void aConstantBesideTheInterceptIsAliasedNotTheIntercept() {
    double[][] x = {{1, 1, 5}, {1, 2, 5}, {1, 3, 5}, {1, 4, 5}};
    RankRevealingQr qr = RankRevealingQr.of(x, RankRevealingQr.LM_TOLERANCE);
    assertEquals(2, qr.rank());
    assertArrayEquals(new int[] {2}, qr.aliased());
    assertArrayEquals(new int[] {0, 1, 2}, qr.pivot());
    assertEquals(List.of("c"), qr.aliasedNames(List.of("(Intercept)", "x", "c")));
  }

  @Test
  void aDependentColumnInTheMiddleMovesToTheEnd() {
    // lm(y ~ a + b + c + d) with b = 2a: R's NA is b, and c, d keep their order
    double[][] x = new double[6][];
    double[] a = {1, 4, 2, 8, 5, 7};
    double[] c = {3, 1, 4, 1, 5, 9};
    double[] d = {2, 7, 1, 8, 2, 8};
    for (int i = 0; i < 6; i++) {
      x[i] = new double[] {1, a[i], 2 * a[i], c[i], d[i]};
    }
    RankRevealingQr qr = RankRevealingQr.of(x, RankRevealingQr.LM_TOLERANCE);
    assertEquals(4, qr.rank());
    assertArrayEquals(new int[] {0, 1, 3, 4, 2}, qr.pivot());
    assertArrayEquals(new int[] {0, 1, 3, 4}, qr.kept());
  }

  @Test
  void theRankOfATallMatrixIsDecidedOnItsFactorAsOnItself() {
    SplittableRandom random = new SplittableRandom(11);
    int n = RankRevealingQr.TALL_ROWS + 5_000;
    double[][] x = new double[n][];
    for (int i = 0; i < n; i++) {
      double u = random.nextGaussian();
      double v = random.nextGaussian();
      double g = random.nextInt(3);
      x[i] = new double[] {1, u, v, g == 1 ? 1 : 0, g == 2 ? 1 : 0, u - 3 * v, g == 0 ? 1 : 0, u + 1e-3 * random.nextGaussian()};
    }
    RankRevealingQr full = RankRevealingQr.of(x, RankRevealingQr.GLM_TOLERANCE);
    RankRevealingQr tall = RankRevealingQr.aliasing(x, RankRevealingQr.GLM_TOLERANCE);
    assertArrayEquals(new int[] {5, 6}, full.aliased());
    assertArrayEquals(full.aliased(), tall.aliased());
    assertEquals(full.rank(), tall.rank());
    assertThrows(IllegalStateException.class, () -> tall.solve(new double[n]));
  }
}
