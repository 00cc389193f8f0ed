package eu.postdesk.mailets.quoting;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Renders HTML as the plain text a reader sees: one line per block, {@code <br>} as a line break,
 * and the content of a {@code <blockquote>} prefixed with {@code "> "} per level, so that the
 * plain-text rules recognise it as quoted. Walks the tree without recursion (hostile nesting).
 * The server uses it too, for the text of a message that has only an HTML body.
 */
public final class HtmlText {

    private static final Set<String> SKIPPED = Set.of("head", "style", "script", "title", "template", "noscript",
            "object", "iframe", "svg", "xml");
    private static final Set<String> BLOCKS = Set.of("p", "div", "li", "ul", "ol", "tr", "table", "tbody", "thead",
            "tfoot", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "hr", "section", "article", "header",
            "footer", "address", "dl", "dt", "dd", "center", "form", "fieldset", "main", "aside", "nav", "figure");

    private HtmlText() {
    }

    /** The text of a whole HTML document or fragment, as a reader sees it; null for null. */
    public static String of(String html) {
        if (html == null) {
            return null;
        }
        return render(org.jsoup.Jsoup.parse(html).body()).strip();
    }

    static String render(Element root) {
        Renderer renderer = new Renderer();
        NodeTraversor.filter(renderer, root);
        renderer.flush();
        return String.join("\n", renderer.lines);
    }

    private static final class Renderer implements NodeFilter {
        private final List<String> lines = new ArrayList<>();
        private final StringBuilder line = new StringBuilder();
        private int quoteDepth;
        private int preDepth;

        @Override
        public FilterResult head(Node node, int depth) {
            if (node instanceof TextNode text) {
                append(text.getWholeText());
                return FilterResult.CONTINUE;
            }
            if (!(node instanceof Element element)) {
                return FilterResult.CONTINUE;
            }
            String tag = element.normalName();
            if (SKIPPED.contains(tag) || hidden(element)) {
                return FilterResult.SKIP_ENTIRELY;
            }
            if (tag.equals("br")) {
                flush();
            } else if (BLOCKS.contains(tag)) {
                flushIfStarted();
                if (tag.equals("blockquote")) {
                    quoteDepth++;
                } else if (tag.equals("pre")) {
                    preDepth++;
                }
            } else if ((tag.equals("td") || tag.equals("th")) && !line.isEmpty()) {
                line.append(' ');
            }
            return FilterResult.CONTINUE;
        }

        @Override
        public FilterResult tail(Node node, int depth) {
            if (node instanceof Element element && BLOCKS.contains(element.normalName())) {
                flushIfStarted();
                if (element.normalName().equals("blockquote")) {
                    quoteDepth--;
                } else if (element.normalName().equals("pre")) {
                    preDepth--;
                }
            }
            return FilterResult.CONTINUE;
        }

        private void append(String text) {
            if (preDepth > 0) {
                String[] parts = text.split("\r\n|\r|\n", -1);
                for (int i = 0; i < parts.length; i++) {
                    if (i > 0) {
                        flush();
                    }
                    line.append(parts[i].replace('\u00a0', ' '));
                }
                return;
            }
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\u00a0') {
                    // A non-breaking space is content: Outlook's empty paragraphs are made of it.
                    line.append(' ');
                } else if (Character.isWhitespace(c)) {
                    if (!line.isEmpty() && line.charAt(line.length() - 1) != ' ') {
                        line.append(' ');
                    }
                } else {
                    line.append(c);
                }
            }
        }

        private void flushIfStarted() {
            if (!line.isEmpty()) {
                flush();
            }
        }

        void flush() {
            // Indentation is content in preformatted text, elsewhere it is markup.
            String text = preDepth > 0 ? line.toString().stripTrailing() : line.toString().strip();
            line.setLength(0);
            lines.add(quoteDepth > 0 ? "> ".repeat(quoteDepth) + text : text);
        }

        private static boolean hidden(Element element) {
            String style = element.attr("style");
            if (style.isEmpty()) {
                return element.hasAttr("hidden");
            }
            String compact = style.toLowerCase(Locale.ROOT).replace(" ", "");
            return compact.contains("display:none");
        }
    }
}
