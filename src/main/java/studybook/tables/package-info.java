/**
 * Table-1, comparison, regression and outcome tables as models of raw numbers; TestPolicy chooses default tests and records why. Formats nothing.
 */
package studybook.tables;
