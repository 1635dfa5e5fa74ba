/**
 * The command line: picocli commands, JSON output, exit codes, and the stdout/stderr discipline
 * (stdout carries only the answer; progress and errors go to stderr). Computes and formats nothing.
 */
package studybook.cli;
