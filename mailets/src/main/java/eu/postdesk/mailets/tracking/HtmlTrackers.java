package eu.postdesk.mailets.tracking;

import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes trackers from one HTML body: parses it once and walks it once, removing pixels, tracker
 * {@code url()}s and {@code background}s, unwrapping or neutralising links, and cleaning URLs written
 * in the text. Returns the input unchanged when it holds no tracker.
 */
public final class HtmlTrackers {
    private static final Pattern CSS_URL = Pattern.compile("(?i)url\\(\\s*(['\"]?)([^'\")]*)\\1\\s*\\)");
    /** Hidden containers are looked for this far up; deeper wrappers gain a tracker nothing. */
    private static final int ANCESTORS_CHECKED = 12;

    private final LinkCleaner cleaner;
    private final TextLinks textLinks;

    HtmlTrackers(LinkCleaner cleaner) {
        this.cleaner = cleaner;
        this.textLinks = new TextLinks(cleaner);
    }

    /** Removes trackers by {@code rules}, treating URLs that carry one of {@code recipients} as trackers. */
    public HtmlTrackers(TrackerRules rules, RecipientAddresses recipients) {
        this(new LinkCleaner(rules, recipients));
    }

    /**
     * The HTML without its trackers, serialised for {@code charset}; the same instance when it held none.
     * What was removed is added to {@code removals}.
     */
    public String strip(String html, Charset charset, Removals removals) {
        Document document = Parser.htmlParser().parseInput(html, "");
        int before = removals.total();
        Walk walk = new Walk(removals);
        NodeTraversor.traverse(walk, document);
        if (removals.total() == before) {
            return html;
        }
        walk.removed.forEach(Node::remove);
        document.outputSettings().prettyPrint(false).charset(charset).escapeMode(Entities.EscapeMode.base);
        return document.outerHtml();
    }

    private final class Walk implements NodeVisitor {
        private final Removals removals;
        private final List<Element> removed = new ArrayList<>();

        Walk(Removals removals) {
            this.removals = removals;
        }

        @Override
        public void head(Node node, int depth) {
            if (node instanceof TextNode text) {
                String content = text.getWholeText();
                String cleaned = textLinks.clean(content, removals);
                if (cleaned != content) {
                    text.text(cleaned);
                }
            } else if (node instanceof DataNode data && "style".equals(data.parentNode() == null ? null : data.parentNode().nodeName())) {
                String css = data.getWholeData();
                String cleaned = cleanCss(css);
                if (cleaned != css) {
                    data.setWholeData(cleaned);
                }
            } else if (node instanceof Element element && element.attributesSize() > 0) {
                element(element);
            }
        }

        private void element(Element element) {
            String tag = element.normalName();
            if (tag.equals("img") || (tag.equals("input") && "image".equalsIgnoreCase(element.attr("type")))) {
                if (isPixel(element)) {
                    removed.add(element);
                    return;
                }
            } else if (tag.equals("a") || tag.equals("area")) {
                link(element);
            } else if (tag.equals("link") && element.hasAttr("href")
                    && cleaner.isTrackingImage(element.attr("href"), Removals.CSS, removals)) {
                removed.add(element);
                return;
            }
            removeTrackingAttribute(element, "background");
            removeTrackingAttribute(element, "poster");
            String style = element.attr("style");
            if (style.contains("url(") || style.contains("URL(")) {
                String cleaned = cleanCss(style);
                if (cleaned != style) {
                    element.attr("style", cleaned);
                }
            }
        }

        private void removeTrackingAttribute(Element element, String name) {
            if (element.hasAttr(name) && cleaner.isTrackingImage(element.attr(name), Removals.CSS, removals)) {
                element.removeAttr(name);
            }
        }

        private void link(Element element) {
            if (element.hasAttr("data-saferedirecturl")) {
                // Gmail's copy of the link behind its own redirector keeps every tracker the href loses.
                element.removeAttr("data-saferedirecturl");
            }
            String href = element.attr("href");
            if (href.isEmpty()) {
                return;
            }
            String cleaned = cleaner.cleanLink(href, removals);
            if (cleaned == null) {
                element.removeAttr("href");
                for (Attribute attribute : element.attributes().asList()) {
                    if (attribute.getKey().startsWith("data-") || attribute.getKey().equals("ping")) {
                        element.removeAttr(attribute.getKey());
                    }
                }
            } else if (cleaned != href) {
                element.attr("href", cleaned);
            }
        }

        private boolean isPixel(Element image) {
            String src = image.attr("src");
            if (!WebAddress.isRemote(src)) {
                return false;
            }
            if (cleaner.isTrackingImage(src, Removals.PIXEL, removals)) {
                return true;
            }
            ImageSize size = ImageSize.of(image);
            if (size.tiny() || isHidden(image)) {
                removals.add(Removals.PIXEL, cleaner.imageService(src));
                return true;
            }
            // A picture-sized image at a generic open-tracking path (/open, /o/, /pixel ...) is kept:
            // a logo or a product photo may live there too.
            TrackerService shape = size.picture() ? null : cleaner.openTrackingShape(src);
            if (shape != null) {
                removals.add(Removals.PIXEL, shape.name());
                return true;
            }
            return false;
        }

        private boolean isHidden(Element image) {
            Element current = image;
            for (int level = 0; current != null && level <= ANCESTORS_CHECKED; level++) {
                String style = current.attr("style");
                if (current.hasAttr("hidden") || InlineStyle.mayHide(style) && InlineStyle.of(style).hides()) {
                    return true;
                }
                if (level > 0 && (isZeroAttribute(current, "width") || isZeroAttribute(current, "height"))) {
                    return true;
                }
                current = current.parent();
            }
            return false;
        }

        private boolean isZeroAttribute(Element element, String name) {
            return element.hasAttr(name) && InlineStyle.isZero(element.attr(name));
        }

        /** The CSS with every tracker {@code url()} replaced by {@code none}; the same instance when clean. */
        private String cleanCss(String css) {
            Matcher matcher = CSS_URL.matcher(css);
            StringBuilder out = null;
            int copied = 0;
            while (matcher.find()) {
                if (cleaner.isTrackingImage(matcher.group(2).strip(), Removals.CSS, removals)) {
                    if (out == null) {
                        out = new StringBuilder(css.length());
                    }
                    out.append(css, copied, matcher.start()).append("none");
                    copied = matcher.end();
                }
            }
            return out == null ? css : out.append(css, copied, css.length()).toString();
        }
    }
}
