package eu.postdesk.console;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A message's sanitised HTML as the {@code srcdoc} of a sandboxed frame: remote images replaced by
 * a placeholder (their address dropped) unless the agent asked for this message's images; no
 * referrer either way. The frame's {@code sandbox} (no {@code allow-scripts}) and the page's policy
 * stop script even if the sanitiser let some through.
 */
final class MessageFrame {
    private MessageFrame() {
    }

    static String srcdoc(String html, boolean showRemoteImages) {
        Document document = Jsoup.parse(html);
        if (!showRemoteImages) {
            for (Element image : document.select("img[src], img[srcset], picture source")) {
                String src = image.attr("src");
                if (!src.startsWith("data:") || image.hasAttr("srcset")) {
                    image.removeAttr("src").removeAttr("srcset");
                    image.attr("alt", "[" + (image.attr("alt").isBlank() ? "image" : image.attr("alt")) + "]");
                }
            }
            for (Element styled : document.select("[style*=url], [background]")) {
                styled.removeAttr("style").removeAttr("background");
            }
        }
        document.head().prependElement("meta").attr("name", "referrer").attr("content", "no-referrer");
        return document.outerHtml();
    }

    static boolean hasRemoteImages(String html) {
        return html != null && !Jsoup.parse(html).select("img[src^=http], img[src^=//], img[srcset]").isEmpty();
    }
}
