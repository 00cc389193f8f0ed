package eu.postdesk.mailets.redaction;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

import java.nio.charset.StandardCharsets;

/** Masks findings in an HTML body's text nodes, attribute values (href, title, ...), scripts, styles and comments, keeping the markup. */
final class HtmlMasking {
    private final Masking masking;

    HtmlMasking(Masking masking) {
        this.masking = masking;
    }

    /** The masked HTML, or {@code html} itself when nothing was found. */
    String mask(String html, String location, RedactionReport report) {
        Document document = Jsoup.parse(html);
        int before = report.changes();
        document.traverse((node, depth) -> maskNode(node, location, report));
        if (report.changes() == before) {
            return html;
        }
        // The part is rewritten as UTF-8; a <meta charset> naming another charset would contradict it.
        document.charset(StandardCharsets.UTF_8);
        document.outputSettings().prettyPrint(false).escapeMode(Entities.EscapeMode.base);
        return document.outerHtml();
    }

    private void maskNode(Node node, String location, RedactionReport report) {
        if (node instanceof TextNode text) {
            String masked = masking.mask(text.getWholeText(), location, report);
            if (!masked.equals(text.getWholeText())) {
                text.text(masked);
            }
        } else if (node instanceof DataNode data) {
            String masked = masking.mask(data.getWholeData(), location, report);
            if (!masked.equals(data.getWholeData())) {
                data.setWholeData(masked);
            }
        } else if (node instanceof Comment comment) {
            String masked = masking.mask(comment.getData(), location, report);
            if (!masked.equals(comment.getData())) {
                comment.setData(masked);
            }
        } else if (node instanceof Element element) {
            for (Attribute attribute : element.attributes()) {
                String masked = masking.mask(attribute.getValue(), location, report);
                if (!masked.equals(attribute.getValue())) {
                    attribute.setValue(masked);
                }
            }
        }
    }
}
