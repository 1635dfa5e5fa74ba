package studybook.report;

import com.vladsch.flexmark.ast.Image;
import com.vladsch.flexmark.ast.ImageRef;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.html.HtmlWriter;
import com.vladsch.flexmark.html.renderer.NodeRenderer;
import com.vladsch.flexmark.html.renderer.NodeRendererContext;
import com.vladsch.flexmark.html.renderer.NodeRenderingHandler;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.ast.TextCollectingVisitor;
import com.vladsch.flexmark.util.data.MutableDataHolder;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * flexmark renderer for images: a figure of the run is drawn inline as its SVG, any other image is
 * replaced by its alt text, so the page stays one file that fetches nothing.
 */
final class InlineFigures implements HtmlRenderer.HtmlRendererExtension {
  private final ReportFigures figures;
  private final boolean markCells;

  /** With {@code markCells}, each figure sits in a {@code <span data-sb-cell="name">} (serve's click-to-cell). */
  InlineFigures(ReportFigures figures, boolean markCells) {
    this.figures = figures;
    this.markCells = markCells;
  }

  @Override
  public void rendererOptions(MutableDataHolder options) {}

  @Override
  public void extend(HtmlRenderer.Builder builder, String rendererType) {
    builder.nodeRendererFactory(options -> new NodeRenderer() {
      @Override
      public Set<NodeRenderingHandler<?>> getNodeRenderingHandlers() {
        return Set.of(new NodeRenderingHandler<>(Image.class, InlineFigures.this::image),
            new NodeRenderingHandler<>(ImageRef.class, (node, context, html) -> altText(node, html)));
      }
    });
  }

  /** Figures drawn so far in this rendering, for their numbers (one renderer per rendering). */
  private int figureCount;

  private void image(Image node, NodeRendererContext context, HtmlWriter html) {
    Matcher m = ReportFigures.TARGET.matcher(node.getUrl().toString());
    String svg = figures != null && m.matches() ? figures.inline(m.group(1)) : null;
    if (svg == null) {
      altText(node, html);
      return;
    }
    if (markCells) {
      // The figure's name is its cell's name (letters, digits, '.', '_', '-': nothing to escape).
      html.raw("<span class=\"sb-figure\" data-sb-cell=\"" + m.group(1) + "\">");
    }
    html.raw(svg);
    // A numbered caption from the image's alt text. A span, not <figure>/<figcaption>: the image sits in
    // a paragraph, where only phrasing content is valid HTML.
    figureCount++;
    html.withAttr().attr("class", "figure-caption").tag("span");
    html.text("Figure " + figureCount + ". " + new TextCollectingVisitor().collectAndGetText(node));
    html.tag("/span");
    if (markCells) {
      html.raw("</span>");
    }
  }

  private static void altText(Node node, HtmlWriter html) {
    html.withAttr().attr("class", "missing-image").tag("span");
    html.text(new TextCollectingVisitor().collectAndGetText(node));
    html.tag("/span");
  }
}
