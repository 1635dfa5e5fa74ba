package studybook.stats.regression;

/**
 * A stable sort of row indices by a comparison of primitives (no boxing: sorting boxed indices was
 * most of the time of a Cox fit on 100,000 rows). Stable, as R's order(), so rows with equal keys
 * keep their order and sums run in R's order.
 */
final class CoxOrder {
  /** Compares two row indices. */
  interface RowComparator {
    int compare(int a, int b);
  }

  private CoxOrder() {}

  /** The indices {@code rows} stably sorted by {@code by}. */
  static int[] sort(int[] rows, RowComparator by) {
    int[] a = rows.clone();
    int[] tmp = new int[a.length];
    mergeSort(a, tmp, 0, a.length, by);
    return a;
  }

  /** 0 .. n-1 stably sorted by {@code by}. */
  static int[] sort(int n, RowComparator by) {
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) {
      rows[i] = i;
    }
    return sort(rows, by);
  }

  private static void mergeSort(int[] a, int[] tmp, int from, int to, RowComparator by) {
    if (to - from <= 16) {
      for (int i = from + 1; i < to; i++) {
        int v = a[i];
        int j = i - 1;
        while (j >= from && by.compare(a[j], v) > 0) {
          a[j + 1] = a[j];
          j--;
        }
        a[j + 1] = v;
      }
      return;
    }
    int mid = (from + to) >>> 1;
    mergeSort(a, tmp, from, mid, by);
    mergeSort(a, tmp, mid, to, by);
    if (by.compare(a[mid - 1], a[mid]) <= 0) {
      return;
    }
    System.arraycopy(a, from, tmp, from, to - from);
    int i = from;
    int j = mid;
    for (int k = from; k < to; k++) {
      if (j >= to || i < mid && by.compare(tmp[i], tmp[j]) <= 0) {
        a[k] = tmp[i++];
      } else {
        a[k] = tmp[j++];
      }
    }
  }
}
