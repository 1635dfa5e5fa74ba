/**
 * Reading CSV data (with or without a codebook) into typed Tablesaw tables: types, missing
 * tokens, level order, labels, line numbers for errors. Never computes statistics or formats text.
 */
package studybook.data;
