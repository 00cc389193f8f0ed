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
import org.jsoup.select.NodeVisitor;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Masks findings in an HTML body, keeping the markup. The text is scanned as a reader sees it: the
 * text nodes of inline elements are joined, so a value split over several elements
 * ({@code <span>4405</span><span>1401359</span>}) is found, and its pieces are replaced, the
 * placeholder in the first; block elements and {@code <br>} separate. Attribute values (href,
 * title, ...), scripts, styles and comments are masked each on its own.
 */
final class HtmlMasking {
    private final Masking masking;

    HtmlMasking(Masking masking) {
        this.masking = masking;
    }

    /** The masked HTML, or {@code html} itself when nothing was found. */
    String mask(String html, String location, RedactionReport report) {
        Document document = Jsoup.parse(html);
        int before = report.changes();
        maskText(document, location, report);
        document.traverse((node, depth) -> maskOther(node, location, report));
        if (report.changes() == before) {
            return html;
        }
        // The part is rewritten as UTF-8; a <meta charset> naming another charset would contradict it.
        document.charset(StandardCharsets.UTF_8);
        document.outputSettings().prettyPrint(false).escapeMode(Entities.EscapeMode.base);
        return document.outerHtml();
    }

    private void maskText(Document document, String location, RedactionReport report) {
        RenderedText rendered = new RenderedText();
        document.traverse(rendered);
        List<Masking.Masked> found = masking.find(rendered.text.toString(), location, report);
        if (found.isEmpty()) {
            return;
        }
        List<List<Edit>> edits = new ArrayList<>(rendered.nodes.size());
        for (int i = 0; i < rendered.nodes.size(); i++) {
            edits.add(new ArrayList<>());
        }
        for (Masking.Masked masked : found) {
            boolean placed = false;
            for (int i = rendered.nodeAt(masked.start()); i < rendered.nodes.size() && rendered.starts.get(i) < masked.end(); i++) {
                int nodeStart = rendered.starts.get(i);
                int nodeEnd = nodeStart + rendered.nodes.get(i).getWholeText().length();
                int from = Math.max(masked.start(), nodeStart);
                int to = Math.min(masked.end(), nodeEnd);
                if (from >= to) {
                    continue;
                }
                edits.get(i).add(new Edit(from - nodeStart, to - nodeStart, placed ? "" : masked.placeholder()));
                placed = true;
            }
        }
        for (int i = 0; i < rendered.nodes.size(); i++) {
            if (!edits.get(i).isEmpty()) {
                TextNode node = rendered.nodes.get(i);
                node.text(apply(node.getWholeText(), edits.get(i)));
            }
        }
    }

    private static String apply(String text, List<Edit> edits) {
        StringBuilder result = new StringBuilder(text.length());
        int copied = 0;
        for (Edit edit : edits) {
            result.append(text, copied, edit.from()).append(edit.replacement());
            copied = edit.to();
        }
        return result.append(text, copied, text.length()).toString();
    }

    private record Edit(int from, int to, String replacement) {
    }

    private void maskOther(Node node, String location, RedactionReport report) {
        if (node instanceof DataNode data) {
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

    /** The document's text nodes joined as they render: inline elements glue, blocks and line breaks separate. */
    private static final class RenderedText implements NodeVisitor {
        final StringBuilder text = new StringBuilder();
        final List<TextNode> nodes = new ArrayList<>();
        final List<Integer> starts = new ArrayList<>();

        @Override
        public void head(Node node, int depth) {
            if (node instanceof TextNode textNode) {
                starts.add(text.length());
                nodes.add(textNode);
                text.append(textNode.getWholeText());
            } else if (separates(node)) {
                text.append('\n');
            }
        }

        @Override
        public void tail(Node node, int depth) {
            if (separates(node)) {
                text.append('\n');
            }
        }

        private static boolean separates(Node node) {
            return node instanceof Element element && (element.isBlock() || element.nameIs("br"));
        }

        /** The index of the text node holding {@code offset}, or of the first one after it. */
        int nodeAt(int offset) {
            int low = 0;
            int high = starts.size() - 1;
            int found = 0;
            while (low <= high) {
                int middle = (low + high) >>> 1;
                if (starts.get(middle) <= offset) {
                    found = middle;
                    low = middle + 1;
                } else {
                    high = middle - 1;
                }
            }
            return found;
        }
    }
}
