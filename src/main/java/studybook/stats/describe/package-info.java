/**
 * Descriptive statistics of one variable (n, missing, mean, SD, quartiles, level counts) and
 * standardized differences between two groups. Pure computations on arrays; never formats or reads files.
 */
package studybook.stats.describe;
