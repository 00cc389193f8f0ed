package eu.postdesk.mailets.html;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.select.NodeTraversor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An SVG image made inert for an agent's screen: it still draws, but nothing in it runs or loads.
 * SVG is XML that a browser treats like a page: scripts, event handlers, {@code <foreignObject>}
 * HTML, animations that rewrite links, and references to other files ({@code href}, CSS
 * {@code url()}, {@code @import}, {@code <?xml-stylesheet?>}) that would fetch from a tracker.
 * All of these are removed; only references inside the image ({@code #id}) and embedded raster
 * images ({@code data:image/png|jpeg|gif|webp}) stay. The DOCTYPE goes too, and with it any entity
 * declarations, and so do processing instructions. Instances are immutable and thread-safe.
 */
public final class AgentSafeSvg {
    /** Elements that run, embed other documents, or change attributes (and so links) over time. */
    private static final Set<String> REMOVED = Set.of("script", "foreignobject", "iframe", "embed", "object", "handler",
            "listener", "animate", "set", "animatemotion", "animatetransform", "animatecolor", "discard", "audio", "video",
            "meta", "link", "base");
    private static final Pattern EXTERNAL_CSS = Pattern.compile("(?i)@import|expression\\s*\\(|url\\s*\\((?!\\s*['\"]?\\s*#)");
    private static final Pattern SAFE_REFERENCE = Pattern.compile("(?i)^\\s*(#|data:image/(png|jpeg|gif|webp)[;,])");

    /** The SVG without anything that runs or loads; well-formed XML. */
    public String sanitise(String svg) {
        Document document = Jsoup.parse(svg == null ? "" : svg, "", Parser.xmlParser());
        List<Node> doomed = new ArrayList<>();
        // the DOCTYPE (entity declarations) and every processing instruction (xml-stylesheet); the
        // XML declaration too, whose encoding would no longer be the one the file is written in
        NodeTraversor.traverse((node, depth) -> {
            // only elements, text and comments stay: whatever else a parser makes of <!...> and <?...?> goes
            if (!(node instanceof Document || node instanceof Element || node instanceof TextNode || node instanceof DataNode
                    || node instanceof Comment)) {
                doomed.add(node);
            }
        }, document);
        for (Element element : document.getAllElements()) {
            String name = localName(element.tagName());
            if (REMOVED.contains(name) || (name.equals("style") && EXTERNAL_CSS.matcher(element.data() + element.wholeText()).find())) {
                doomed.add(element);
                continue;
            }
            List<String> unsafe = new ArrayList<>();
            for (Attribute attribute : element.attributes()) {
                if (!isSafe(attribute)) {
                    unsafe.add(attribute.getKey());
                }
            }
            unsafe.forEach(element::removeAttr);
        }
        doomed.forEach(Node::remove);
        document.outputSettings().prettyPrint(false).syntax(Document.OutputSettings.Syntax.xml).escapeMode(Entities.EscapeMode.xhtml);
        return document.outerHtml();
    }

    private static boolean isSafe(Attribute attribute) {
        String name = localName(attribute.getKey());
        String value = attribute.getValue();
        if (name.startsWith("on")) {
            return false;
        }
        if (name.equals("href") || name.equals("src") || name.equals("action") || name.equals("formaction")) {
            return SAFE_REFERENCE.matcher(value).find();
        }
        String compact = value.toLowerCase(Locale.ROOT).replaceAll("[\\s\\u0000]+", "");
        return !compact.startsWith("javascript:") && !compact.startsWith("vbscript:") && !EXTERNAL_CSS.matcher(value).find();
    }

    /** The name without its namespace prefix ({@code svg:script}, {@code xlink:href}), lower case. */
    private static String localName(String qualified) {
        int colon = qualified.lastIndexOf(':');
        return (colon < 0 ? qualified : qualified.substring(colon + 1)).toLowerCase(Locale.ROOT);
    }
}
