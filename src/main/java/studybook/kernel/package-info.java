/**
 * Cells, the dependency graph, content-hash cache, per-cell seeds and the run manifest. Computes no statistic and renders no template.
 */
package studybook.kernel;
