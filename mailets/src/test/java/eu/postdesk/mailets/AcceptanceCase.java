package eu.postdesk.mailets;

import jakarta.mail.internet.MimeMessage;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The expectations of the acceptance corpus (../shared/acceptance/README.md) checked on a message after
 * the mailets ran: {@code html_absent}, {@code text_absent}, {@code links_clean}, {@code kept},
 * {@code headers_absent}, with the corpus' own rules (raw and entity-decoded; exact links).
 */
public record AcceptanceCase(MimeMessage message, String html, String text) {

    public static AcceptanceCase of(MimeMessage processed) throws Exception {
        MimeMessage stored = Messages.roundTrip(processed);
        return new AcceptanceCase(stored, String.join("\n", Messages.html(stored)), String.join("\n", Messages.text(stored)));
    }

    public void htmlAbsent(String... fragments) {
        String decoded = Parser.unescapeEntities(html, false);
        for (String fragment : fragments) {
            assertThat(html).as("stored HTML").doesNotContain(fragment);
            assertThat(decoded).as("entity-decoded HTML").doesNotContain(fragment);
        }
    }

    public void textAbsent(String... fragments) {
        for (String fragment : fragments) {
            assertThat(text).as("stored text").doesNotContain(fragment);
        }
    }

    public void kept(String... fragments) {
        for (String fragment : fragments) {
            assertThat(html + "\n" + text).as("what the agent sees").contains(fragment);
        }
    }

    /** An href equal to the URL, or the URL as a complete token of the text. */
    public void linksClean(String... urls) {
        List<String> hrefs = Jsoup.parse(html).select("a[href]").eachAttr("href");
        for (String url : urls) {
            boolean token = Pattern.compile("(?:^|[\\s<>\"(])" + Pattern.quote(url) + "(?:$|[\\s<>\")])").matcher(text).find();
            assertThat(hrefs.contains(url) || token).as("clean link %s among %s", url, hrefs).isTrue();
        }
    }

    public void headersAbsent(String... names) throws Exception {
        for (String name : names) {
            assertThat(message.getHeader(name)).as("header " + name).isNull();
        }
    }

    public List<String> imageSources() {
        return Jsoup.parse(html).select("img").eachAttr("src");
    }

    public List<Element> links() {
        return Jsoup.parse(html).select("a");
    }
}
