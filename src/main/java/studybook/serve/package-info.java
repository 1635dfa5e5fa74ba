/**
 * {@code studybook serve}: a live preview of a study in the browser. {@link studybook.serve.LiveStudy}
 * watches the study's inputs and reruns it through the kernel (whose cache reruns only what changed),
 * rendering the page in memory; {@link studybook.serve.PreviewServer} serves that page and pushes each new
 * version to open tabs over server-sent events, on loopback, behind a random token.
 */
package studybook.serve;
