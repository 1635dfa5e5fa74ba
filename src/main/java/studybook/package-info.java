/**
 * studybook: a reproducible study notebook kernel and report generator. A run flows one way, data,
 * statistics, tables, kernel, report, with the command line on top: each package uses only those before
 * it, and each package's own documentation says what it holds.
 */
package studybook;
