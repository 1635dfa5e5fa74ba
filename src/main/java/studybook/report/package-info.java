/**
 * The only place numbers become text: the number style, Freemarker models, footnotes, flexmark HTML, figures and the atomic swap of the output folder. Recomputes nothing.
 */
package studybook.report;
