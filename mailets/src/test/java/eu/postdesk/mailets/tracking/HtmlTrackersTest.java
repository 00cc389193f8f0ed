package eu.postdesk.mailets.tracking;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlTrackersTest {
    private static TrackerRules rules;
    private final Removals removals = new Removals();

    @BeforeAll
    static void loadRules() throws Exception {
        rules = TrackerRules.defaults();
    }

    private String strip(String html) {
        LinkCleaner cleaner = new LinkCleaner(rules, RecipientAddresses.of(List.of("support@helpdesk.test")));
        return new HtmlTrackers(cleaner).strip(html, StandardCharsets.UTF_8, removals);
    }

    private Document stripped(String body) {
        return Jsoup.parse(strip("<html><body><p>Hello</p>" + body + "</body></html>"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<img src='https://t.example/o.gif' width='1' height='1'>",
            "<img src='https://t.example/o.gif' width='0' height='0'>",
            "<img src='https://t.example/o.gif' height='1'>",
            "<img src='https://t.example/o.gif' style='width:1px;height:1px'>",
            "<img src='https://t.example/o.gif' style='width: 2px !important; height: 2px'>",
            "<img src='https://t.example/o.gif' style='display:none'>",
            "<img src='https://t.example/o.gif' style='visibility: hidden'>",
            "<img src='https://t.example/o.gif' style='opacity:0'>",
            "<img src='https://t.example/o.gif' style='max-height:0px'>",
            "<img src='https://t.example/o.gif' hidden>",
            "<div style='display:none'><table><tr><td><img src='https://t.example/o.gif' width='300'></td></tr></table></div>",
            "<div style='height:0;overflow:hidden'><img src='https://t.example/o.gif'></div>",
            "<span style='max-height:0;'><span><img src='//t.example/o.gif'></span></span>",
            "<img src='https://booktrade.us6.list-manage.com/track/open.php?u=1' width='600' height='200'>",
            "<img src='https://u1.ct.sendgrid.net/wf/open?upn=x'>",
            "<img src='https://img.example/p.png?who=support%40helpdesk.test' width='120'>",
    })
    void stripShouldRemovePixels(String pixel) {
        Document result = stripped(pixel);

        assertThat(result.select("img")).isEmpty();
        assertThat(result.text()).isEqualTo("Hello");
        assertThat(removals.total()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<img src='cid:logo@shop' width='1' height='1'>",
            "<img src='data:image/gif;base64,R0lGODlhAQABAAAAACw=' width='1' height='1'>",
            "<img src='https://cdn.shop.example/logo.png' width='150' height='40' alt='Shop'>",
            "<img src='https://cdn.shop.example/logo.png'>",
            "<img src='https://cdn.shop.example/divider.png' width='600' height='1'>",
            "<div style='display:block'><img src='https://cdn.shop.example/photo.jpg' style='width:100%'></div>",
    })
    void stripShouldKeepRealImagesAndReturnTheInputUntouched(String image) {
        String html = "<html><body><p>Hello</p>" + image + "</body></html>";

        assertThat(strip(html)).isSameAs(html);
        assertThat(removals.isEmpty()).isTrue();
    }

    @Test
    void stripShouldReplaceTrackerUrlsInInlineStyleStyleBlocksAndBackgroundAttributes() {
        String html = "<html><head><style>.a{background:url('https://t.sidekickopen01.com/x.gif')} .b{background:url(https://cdn.shop.example/bg.png)}</style></head>"
                + "<body><div style=\"background-image:url(https://u1.ct.sendgrid.net/wf/open?upn=1)\">A</div>"
                + "<table background=\"https://track.hubspot.com/__ptq.gif?a=1\"><tr><td>B</td></tr></table></body></html>";

        String result = strip(html);

        assertThat(result).doesNotContain("sidekickopen", "sendgrid", "hubspot")
                .contains("background:none", "background-image:none", "https://cdn.shop.example/bg.png");
        assertThat(removals.byKind()).containsEntry(Removals.CSS, 3);
        assertThat(removals.byService()).containsKeys("HubSpot", "HubSpot Sales", "SendGrid");
    }

    @Test
    void stripShouldNeutraliseOpaqueWrappersButKeepTheirText() {
        Document result = stripped("<a href='https://x.us6.list-manage.com/track/click?u=1' ping='https://t.example/p' data-saferedirecturl='https://www.google.com/url?q=x'>Book a stand</a>");

        assertThat(result.select("a").attr("href")).isEmpty();
        assertThat(result.select("a").first().attributes().size()).isZero();
        assertThat(result.text()).contains("Book a stand");
    }

    @Test
    void stripShouldCleanUrlsWrittenInTheText() {
        Document result = stripped("<p>See https://shop.example/a?utm_source=x&amp;id=2. Or https://u1.ct.sendgrid.net/ls/click?upn=abc</p>");

        assertThat(result.text()).contains("https://shop.example/a?id=2.", TextLinks.MARKER).doesNotContain("sendgrid", "utm_");
    }

    @Test
    void stripShouldKeepCharactersTheCharsetCannotHoldAsReferences() {
        LinkCleaner cleaner = new LinkCleaner(rules, RecipientAddresses.none());
        String html = "<p>Zaż&oacute;łć &euro; <a href='https://a.example/?utm_source=x'>x</a></p>";

        String result = new HtmlTrackers(cleaner).strip(html, StandardCharsets.ISO_8859_1, removals);

        assertThat(StandardCharsets.ISO_8859_1.newEncoder().canEncode(result)).isTrue();
        assertThat(Jsoup.parse(result).text()).isEqualTo("Zażółć € x");
    }
}
