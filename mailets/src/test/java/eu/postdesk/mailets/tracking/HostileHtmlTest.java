package eu.postdesk.mailets.tracking;

import eu.postdesk.mailets.Messages;
import eu.postdesk.mailets.html.AgentSafeHtml;
import eu.postdesk.mailets.html.SanitizeHtml;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile HTML must finish and come out clean: huge bodies, very many links, very deep nesting and
 * broken markup. Tests assert completion and output, never wall time.
 */
class HostileHtmlTest {
    private final StripTracking stripTracking = new StripTracking();
    private final SanitizeHtml sanitizeHtml = new SanitizeHtml();

    @BeforeEach
    void setUp() throws Exception {
        stripTracking.init(FakeMailetConfig.builder().mailetName("StripTracking").build());
        sanitizeHtml.init(FakeMailetConfig.builder().mailetName("SanitizeHtml").build());
    }

    private String runBoth(String html) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom("a@customer.example");
        message.setSubject("hostile");
        message.setContent(html, "text/html; charset=utf-8");
        message.saveChanges();
        FakeMail mail = FakeMail.builder().name("m").mimeMessage(message).recipient("support@helpdesk.test").build();
        stripTracking.service(mail);
        sanitizeHtml.service(mail);
        return Messages.html(Messages.roundTrip(mail.getMessage())).getFirst();
    }

    @Test
    void tenMegabytesOfHtmlShouldBeCleaned() throws Exception {
        StringBuilder html = new StringBuilder(10_500_000).append("<html><body>");
        int row = 0;
        while (html.length() < 10_000_000) {
            html.append("<p>Row ").append(row++).append(" <a href=\"https://shop.example/p/").append(row)
                    .append("?utm_source=news&amp;id=").append(row).append("\">item</a>")
                    .append("<img src=\"https://u1.ct.sendgrid.net/wf/open?upn=").append(row).append("\"></p>");
        }
        html.append("</body></html>");

        String result = runBoth(html.toString());

        assertThat(result).doesNotContain("utm_source", "sendgrid").contains("https://shop.example/p/1?id=1", "Row " + (row - 1));
    }

    @Test
    void oneHundredThousandLinksShouldAllBeCleaned() throws Exception {
        StringBuilder html = new StringBuilder("<html><body>");
        for (int i = 0; i < 100_000; i++) {
            html.append("<a href=\"https://x").append(i % 7).append(".list-manage.com/track/click?u=").append(i).append("\">L")
                    .append(i).append("</a> <a href='https://eur03.safelinks.protection.outlook.com/?url=https%3A%2F%2Fdocs.example%2F")
                    .append(i).append("&data=1'>D</a>\n");
        }

        String result = runBoth(html.append("</body></html>").toString());

        assertThat(result).doesNotContain("list-manage", "safelinks").contains("L99999", "https://docs.example/99999");
        assertThat(Jsoup.parse(result).select("a[href]")).hasSize(100_000);
    }

    @Test
    void tenThousandDeepNestingShouldNotOverflow() throws Exception {
        String html = "<div>".repeat(10_000) + "<img src='https://t.example/o.gif' width=1 height=1>deep"
                + "<a href='https://shop.example/?fbclid=1'>x</a>" + "</div>".repeat(10_000)
                + "<span>".repeat(10_000) + "<script>alert(1)</script>" + "<b><i>".repeat(5_000);

        String result = runBoth(html);

        assertThat(result).contains("deep").doesNotContain("t.example", "fbclid", "<script");
    }

    @Test
    void brokenMarkupShouldComeOutSafe() throws Exception {
        String html = "<html><body<p>Hi <a href=\"https://shop.example/?gclid=1\"  <img src=x onerror=alert(1)// <scr<script>ipt>alert(2)</script>"
                + "<table><tr><td><a href='javascript:alert(3)'>x</td></table></a><!-- <script>alert(4)</script> --<![CDATA[ x ]]>"
                + "<iframe src=\"https://evil.example/\"<style>@import 'https://evil.example/s.css'</style><svg><foreignObject><script>alert(5)</script>"
                + "\u0000\uFFFF&#0;&#xD800;<a href=\"jav&#x0A;ascript:alert(6)\">y</a><math><mtext><table><mglyph><style><img src=x onerror=alert(7)>";

        String result = runBoth(html);

        String lower = result.toLowerCase();
        assertThat(lower).doesNotContain("<script", "onerror", "javascript", "<iframe", "evil.example", "@import", "gclid");
        assertThat(new AgentSafeHtml().sanitise(result)).isEqualTo(result);
    }

    @Test
    void plainTextWithManyUrlsShouldBeCleaned() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            text.append("see https://shop.example/").append(i).append("?utm_medium=email&a=").append(i).append(").\n");
        }
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setText(text.toString(), "utf-8");
        message.saveChanges();
        FakeMail mail = FakeMail.builder().name("m").mimeMessage(message).recipient("support@helpdesk.test").build();

        stripTracking.service(mail);

        String result = Messages.text(Messages.roundTrip(mail.getMessage())).getFirst();
        assertThat(result).doesNotContain("utm_medium").contains("see https://shop.example/99999?a=99999).");
    }
}
