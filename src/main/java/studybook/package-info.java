/**
 * studybook: a reproducible study notebook kernel and report generator. A run flows one way,
 * data, statistics, tables, kernel, report, with the command line on top; see STYLE.md.
 */
package studybook;
