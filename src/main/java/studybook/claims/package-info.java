/**
 * The claims file, rounding-aware comparison of published with recomputed numbers, and verdict records. Never feeds published numbers back into results.
 */
package studybook.claims;
