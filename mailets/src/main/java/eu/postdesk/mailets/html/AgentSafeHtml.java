package eu.postdesk.mailets.html;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.parser.Parser;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * HTML an agent's screen may show: what a mail client needs to render a message, and nothing that runs,
 * submits, frames, or loads on its own. Built on a jsoup {@link Safelist}: no script, iframe, object,
 * embed, form, event handler, {@code javascript:} URL, meta refresh, style sheet ({@code <style>},
 * {@code <link>}, so no {@code @import} or remote font), {@code srcset}, {@code ping} or prefetch.
 * Inline {@code style} survives only as {@link SafeCss} declarations. Images from {@code cid:},
 * {@code data:image/} and remote URLs stay; {@link #refersToRemoteContent} tells whether any remote one did.
 *
 * <p>The server calls this again when it stores HTML, whatever the mail pipeline did before.
 * Instances are immutable and thread-safe.
 */
public final class AgentSafeHtml {
    private static final Pattern REMOTE_CSS = Pattern.compile("(?i)(url\\(\\s*['\"]?\\s*(https?:|//))|@import");

    private final Safelist safelist;

    public AgentSafeHtml() {
        safelist = Safelist.relaxed()
                .addTags("span", "div", "font", "center", "hr", "small", "big", "s", "strike", "del", "ins", "mark",
                        "abbr", "address", "bdo", "bdi", "section", "article", "header", "footer", "main", "nav",
                        "figure", "figcaption", "tt", "var", "samp", "kbd", "wbr")
                .addAttributes(":all", "style", "dir", "lang", "title", "align")
                .addAttributes("table", "width", "height", "border", "cellpadding", "cellspacing", "bgcolor", "align", "summary")
                .addAttributes("td", "width", "height", "bgcolor", "align", "valign", "nowrap", "colspan", "rowspan")
                .addAttributes("th", "width", "height", "bgcolor", "align", "valign", "nowrap", "colspan", "rowspan", "scope")
                .addAttributes("tr", "bgcolor", "align", "valign", "height")
                .addAttributes("img", "border", "hspace", "vspace")
                .addAttributes("font", "color", "face", "size")
                .addAttributes("hr", "width", "size", "noshade", "color")
                .addAttributes("a", "name")
                .addProtocols("a", "href", "tel")
                .removeProtocols("a", "href", "ftp")
                .addProtocols("img", "src", "cid", "data")
                .addEnforcedAttribute("a", "rel", "noopener noreferrer nofollow");
    }

    /** The HTML body made safe for an agent's screen, as a fragment (the content of {@code <body>}). */
    public String sanitise(String html) {
        return sanitise(html, StandardCharsets.UTF_8);
    }

    /** As {@link #sanitise(String)}, escaping characters the target charset cannot hold. */
    public String sanitise(String html, Charset charset) {
        Document dirty = Parser.htmlParser().parseInput(html == null ? "" : html, "");
        Document clean = new Cleaner(safelist).clean(dirty);
        for (Element element : clean.body().getAllElements()) {
            tidy(element);
        }
        clean.outputSettings().prettyPrint(false).charset(charset).escapeMode(Entities.EscapeMode.base);
        return clean.body().html();
    }

    /**
     * Whether the HTML would load something remote when shown: images, backgrounds, posters, style
     * sheets, frames or CSS {@code url()}s from http(s) or protocol-relative URLs.
     */
    public boolean refersToRemoteContent(String html) {
        if (html == null || html.isEmpty()) {
            return false;
        }
        Document document = Parser.htmlParser().parseInput(html, "");
        for (Element element : document.getAllElements()) {
            if (element.normalName().equals("style") && REMOTE_CSS.matcher(element.data()).find()) {
                return true;
            }
            for (var attribute : element.attributes()) {
                String key = attribute.getKey();
                String value = attribute.getValue();
                boolean loads = switch (key) {
                    case "src", "background", "poster", "data", "srcset", "lowsrc", "dynsrc" -> isRemote(value) || key.equals("srcset") && value.contains("//");
                    case "href" -> element.normalName().equals("link") && isRemote(value);
                    case "style" -> REMOTE_CSS.matcher(value).find();
                    default -> false;
                };
                if (loads) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void tidy(Element element) {
        if (element.hasAttr("style")) {
            String style = SafeCss.declarations(element.attr("style"));
            if (style.isEmpty()) {
                element.removeAttr("style");
            } else {
                element.attr("style", style);
            }
        }
        if (element.normalName().equals("img") && element.hasAttr("src")) {
            String src = element.attr("src").strip().toLowerCase(Locale.ROOT);
            if (src.startsWith("data:") && !src.startsWith("data:image/")) {
                element.removeAttr("src");
            }
        }
    }

    private static boolean isRemote(String url) {
        String value = url.strip().toLowerCase(Locale.ROOT);
        return value.startsWith("http:") || value.startsWith("https:") || value.startsWith("//");
    }
}
