package eu.postdesk.mailets.tracking;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LinkCleanerTest {
    private static TrackerRules rules;
    private final Removals removals = new Removals();

    @BeforeAll
    static void loadRules() throws Exception {
        rules = TrackerRules.defaults();
    }

    private String clean(String url) {
        return new LinkCleaner(rules, RecipientAddresses.of(List.of("support@helpdesk.test"))).cleanLink(url, removals);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ' ', value = {
            "https://shop.example/a?utm_source=x&utm_medium=y https://shop.example/a",
            "https://shop.example/a?id=7&utm_source=x&page=2 https://shop.example/a?id=7&page=2",
            "https://shop.example/a?utm_source=x&id=7#top https://shop.example/a?id=7#top",
            "https://shop.example/a?utm_source=x#top https://shop.example/a#top",
            "https://shop.example/?fbclid=IwAR0 https://shop.example/",
            "https://shop.example/p?gclid=1&gbraid=2&wbraid=3&dclid=4&msclkid=5&yclid=6&igshid=7 https://shop.example/p",
            "https://shop.example/p?mc_cid=1&mc_eid=2&_hsenc=3&_hsmi=4&__hstc=5&__hssc=6&__hsfp=7&hsCtaTracking=8 https://shop.example/p",
            "https://shop.example/p?vero_id=1&vero_conv=2&_ke=3&s_cid=4&oly_enc_id=5&oly_anon_id=6&_ga=7&_gl=8 https://shop.example/p",
            "https://shop.example/p?mkt_tok=abc&q=1 https://shop.example/p?q=1",
    })
    void cleanLinkShouldRemoveTrackingParametersAndKeepTheRest(String dirty, String clean) {
        assertThat(clean(dirty)).isEqualTo(clean);
        assertThat(removals.byKind()).containsKey(Removals.PARAMETER);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://shop.example/p?FBCLID=1",
            "https://shop.example/p?fbclid1=1",
            "https://shop.example/p?UTM_SOURCE=x",
            "https://shop.example/p?xutm_source=x&a=&&b",
            "https://shop.example/p?mkt_tok=abc&unsubscribe=1",
            "https://shop.example/unsubscribe?mkt_tok=abc",
            "https://shop.example/p#utm_source=x",
            "https://shop.example/p?",
            "mailto:someone@example.com?subject=utm_source",
    })
    void cleanLinkShouldLeaveAUrlWithoutTrackingParametersByteIdentical(String url) {
        assertThat(clean(url)).isSameAs(url);
        assertThat(removals.isEmpty()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = ' ', value = {
            "https://eur03.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwiki.example%2Fa%3Fb%3D1&data=05%7C02&reserved=0 https://wiki.example/a?b=1",
            "https://www.google.com/url?q=https://docs.example/x&sa=D&ust=1 https://docs.example/x",
            "https://urldefense.proofpoint.com/v2/url?u=https-3A__www.example.com_path-3Fa-3D1&d=DwMF&c=x https://www.example.com/path?a=1",
            "https://urldefense.com/v3/__https://www.example.com/a*b__;Kg!!ABC$ https://www.example.com/a*b",
            "https://urldefense.com/v3/__https://www.example.com/x?q=1**A__;JiY!!ABC$ https://www.example.com/x?q=1&&",
            "https://a1b2.r.us-east-1.awstrack.me/L0/https:%2F%2Fwww.example.com%2Forder%3Fid=5/1/0100-abc/xyz=123 https://www.example.com/order?id=5",
            "https://l.facebook.com/l.php?u=https%3A%2F%2Fevent.example%2F%3Ffbclid%3D1&h=AT0 https://event.example/",
    })
    void cleanLinkShouldUnwrapRedirectorsThatCarryTheirDestination(String wrapped, String destination) {
        assertThat(clean(wrapped)).isEqualTo(destination);
        assertThat(removals.byKind()).containsKey(Removals.UNWRAPPED);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ' ', value = {
            "{\"href\":\"https://docs.example/a?b=1\",\"link_id\":3} https://docs.example/a?b=1",
            "{\"p\":\"{\\\"url\\\":\\\"https:\\\\/\\\\/docs.example\\\\/x\\\"}\"} https://docs.example/x",
            "{\"href\":\"https:\\u002F\\u002Fdocs.example\\u002Fu\"} https://docs.example/u",
    })
    void cleanLinkShouldReadTheDestinationFromBase64Json(String json, String destination) {
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        String field = json.contains("href") ? "href" : "url";
        String url = field.equals("href") ? "https://e.shop.example/e/c/" + token + "/sig" : "https://mandrillapp.com/track/click/1/docs.example?p=" + token;

        assertThat(clean(url)).isEqualTo(destination);
        assertThat(removals.byKind()).containsKey(Removals.UNWRAPPED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"href\":42}", "{\"link\":\"https://docs.example/\"}", "{\"href\":\"javascript:alert(1)\"}", "not json", "{\"href\":\"https://docs"})
    void cleanLinkShouldNeutraliseBase64JsonWithoutADestination(String json) {
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));

        assertThat(clean("https://mandrillapp.com/track/click/1/docs.example?p=" + token)).isNull();
        assertThat(removals.byKind()).containsKey(Removals.CLICK_WRAPPER);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://booktrade.us6.list-manage.com/track/click?u=3f8e&id=969a&e=6896",
            "https://u2091057.ct.sendgrid.net/ls/click?upn=u001.abc",
            "https://links.brand.example/ls/click?upn=u001.abc",
            "https://d2v8tf04.na1.hubspotlinks.com/Ctc/5D+113/d2v8/VW",
            "https://click.s7.exct.net/?qs=abc",
            "https://email.mg.example.com.mailgun.org/c/eJx",
            "https://track.customer.io/e/c/eyJlbWFpbF9pZCI6",
            "https://mailtrack.io/trace/link/abc",
            "https://urldefense.com/v3/__https://www.example.com/a*b__;!!ABC$",
    })
    void cleanLinkShouldNeutraliseOpaqueClickWrappers(String wrapper) {
        assertThat(clean(wrapper)).isNull();
        assertThat(removals.byKind()).containsKey(Removals.CLICK_WRAPPER);
    }

    @Test
    void cleanLinkShouldReportTheServiceOfAWrapper() {
        clean("https://booktrade.us6.list-manage.com/track/click?u=1");
        clean("https://www.booktrade.example/?utm_source=mailchimp&mc_cid=1");

        assertThat(removals.byService()).containsEntry("Mailchimp", 2).containsEntry("Urchin (UTM)", 1);
        assertThat(removals.byKind()).containsEntry(Removals.CLICK_WRAPPER, 1).containsEntry(Removals.PARAMETER, 2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "encoded", "base64", "base64url", "md5", "sha1", "sha256", "upper-md5"})
    void cleanLinkShouldNeutraliseUrlsThatCarryTheRecipientsAddress(String form) throws Exception {
        String address = "support@helpdesk.test";
        byte[] bytes = address.getBytes(StandardCharsets.UTF_8);
        String carried = switch (form) {
            case "plain" -> address;
            case "encoded" -> "support%40helpdesk.test";
            case "base64" -> Base64.getEncoder().encodeToString(bytes);
            case "base64url" -> Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            case "md5" -> hex("MD5", bytes);
            case "sha1" -> hex("SHA-1", bytes);
            case "sha256" -> hex("SHA-256", bytes);
            default -> hex("MD5", bytes).toUpperCase();
        };
        assertThat(clean("https://news.example/read?r=" + carried + "&x=1")).isNull();
        assertThat(new LinkCleaner(rules, RecipientAddresses.of(List.of("support@helpdesk.test")))
                .isTrackingImage("https://img.example/p.gif?r=" + carried, Removals.PIXEL, removals)).isTrue();
        assertThat(removals.byKind()).containsKey(Removals.RECIPIENT_LEAK);
    }

    @Test
    void cleanLinkShouldKeepUrlsCarryingSomeoneElsesAddress() {
        String url = "https://news.example/read?r=" + hex("MD5", "other@example.com".getBytes(StandardCharsets.UTF_8));
        assertThat(clean(url)).isSameAs(url);
    }

    @Test
    void isTrackingImageShouldKnowOpenPixelsButNotLogos() {
        LinkCleaner cleaner = new LinkCleaner(rules, RecipientAddresses.none());
        assertThat(cleaner.isTrackingImage("https://booktrade.us6.list-manage.com/track/open.php?u=1", Removals.PIXEL, removals)).isTrue();
        assertThat(cleaner.isTrackingImage("https://u1.ct.sendgrid.net/wf/open?upn=x", Removals.PIXEL, removals)).isTrue();
        assertThat(cleaner.isTrackingImage("https://cdn.shop.example/logo.png", Removals.PIXEL, removals)).isFalse();
        assertThat(cleaner.isTrackingImage("cid:logo@shop", Removals.PIXEL, removals)).isFalse();
        assertThat(cleaner.isTrackingImage("data:image/gif;base64,R0lGOD", Removals.PIXEL, removals)).isFalse();
    }

    private static String hex(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
