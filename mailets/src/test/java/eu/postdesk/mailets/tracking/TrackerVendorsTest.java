package eu.postdesk.mailets.tracking;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per vendor, a realistic pixel or click link in a forwarded newsletter goes through {@link StripTracking}
 * and is removed, neutralised or unwrapped; a look-alike that tracks nobody comes out byte for byte.
 */
class TrackerVendorsTest {

    /**
     * @param service   the name the report gives it
     * @param tracker   the HTML a sender writes
     * @param gone      what must no longer be in the HTML
     * @param kept      what must still be there (the link text, or the unwrapped destination)
     * @param lookAlike HTML of the same shape that is not a tracker
     */
    record Vendor(String service, String tracker, String gone, String kept, String lookAlike) {
        @Override
        public String toString() {
            return service + ": " + gone;
        }
    }

    private static Vendor link(String service, String url, String lookAlikeUrl) {
        return new Vendor(service, "<a href=\"" + url + "\">Track my parcel</a>", url, ">Track my parcel</a>",
                "<a href=\"" + lookAlikeUrl + "\">Track my parcel</a>");
    }

    private static Vendor unwrap(String service, String url, String destination, String lookAlikeUrl) {
        return new Vendor(service, "<a href=\"" + url + "\">Track my parcel</a>", url, "href=\"" + destination + "\"",
                "<a href=\"" + lookAlikeUrl + "\">Track my parcel</a>");
    }

    private static Vendor pixel(String service, String src, String lookAlike) {
        return new Vendor(service, "<img src=\"" + src + "\" alt=\"\">", src, "Order 4711", lookAlike);
    }

    private static String base64(String json) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static List<Vendor> vendors() {
        // Mandrill's p is a signed document whose "p" is itself a JSON document, escaped as a string.
        String mandrill = base64("{\"p\":\"{\\\"u\\\":30001234,\\\"v\\\":1,\\\"url\\\":\\\"https:\\\\\\/\\\\\\/www.brand.example\\\\\\/returns?id=7\\\","
                + "\\\"id\\\":\\\"4f1c\\\"}\",\"s\":\"k3Jx0a\"}");
        String customerIo = base64("{\"email_id\":\"RPyFAwUAAX_TgwA\",\"href\":\"https://www.brand.example/help?utm_source=cio\",\"link_id\":12}");
        return List.of(
                unwrap("Mandrill", "https://mandrillapp.com/track/click/30001234/www.brand.example?p=" + mandrill,
                        "https://www.brand.example/returns?id=7", "https://mandrillapp.com/api/docs/"),
                unwrap("Customer.io", "https://e.brand.example/e/c/" + customerIo + "/Zm9vYmFyYmF6", "https://www.brand.example/help",
                        "https://www.brand.example/e/c/contact-us"),
                link("Mailgun", "https://email.shop-example.com/c/eJwlzEEOgiAQheHbsBRhxLowcGkS3qAhQNXUDJkxbZy",
                        "https://email.shop-example.com/c/products/winter-sale"),
                pixel("Mailgun", "https://email.shop-example.com/o/eJwlzEEOgiAQheHbsBRhxLowcGkS3qAhQNXU",
                        "<img src=\"https://cdn.shop-example.com/o/logo.png\" width=\"200\" height=\"60\">"),
                link("SendGrid", "https://url1234.brand.example/ls/click?upn=u001.Ab3dXyZ-2BqLm0-3D",
                        "https://www.brand.example/ls/click?id=5"),
                link("SendGrid", "https://url1234.brand.example/wf/click?upn=u001.KxRv7-2FpQ-3D",
                        "https://help.brand.example/wf/click-and-collect"),
                pixel("SendGrid", "https://url1234.brand.example/wf/open?upn=u001.Zm9vYmFy-3D",
                        "<img src=\"https://www.brand.example/wf/openings.png\" width=\"300\" height=\"100\">"),
                link("SparkPost", "https://click.news.brand.example/f/a/Xz4kQm1vB2wR9t~~/AAAHahA~/RgRnA1pQP0QoaHR0cHM6Ly93~",
                        "https://www.brand.example/f/a/faq"),
                pixel("SparkPost", "https://click.news.brand.example/q/Mz8kQp1vB2wR9t~~/AAAHahA~/RgRnA1pQPlcDc3Bj",
                        "<img src=\"https://www.brand.example/q/quarterly-report.png\" width=\"400\" height=\"300\">"),
                link("Postmark", "https://click.pstmrk.it/3s/www.brand.example%2Fbilling/1AbC/2dEf/AQ/6f1d2e3c",
                        "https://postmarkapp.com/support/article/1060-how-does-link-tracking-work"),
                link("Mandrill", "https://mandrillapp.com/track/click/30001234/www.brand.example?p=eyJzIjoiYWJjIiwidiI6MX0",
                        "https://www.brand.example/track/click/123/shipment?id=9"),
                link("Mandrill", "https://links.brand.example/track/click/30001234/www.brand.example?p=eyJzIjoiYWJjIiwidiI6MX0",
                        "https://links.brand.example/track/click/30001234/shipment"),
                unwrap("Amazon SES", "https://track.brand.example/CL0/https:%2F%2Fwww.brand.example%2Forders%2F4711/1/0100018c2f3a4b5c-1a2b3c4d-000000/AbCdEf=123",
                        "https://www.brand.example/orders/4711", "https://www.brand.example/CL0/help"),
                pixel("Amazon SES", "https://track.brand.example/CI0/0100018c2f3a4b5c-1a2b3c4d-5e6f-000000/Zm9vYmFy=359",
                        "<img src=\"https://www.brand.example/CI0/banner.png\" width=\"600\" height=\"200\">"),
                link("Customer.io", "https://e.brand.example/e/c/eyJlbWFpbF9pZCI6IlJQeUZBd1VBQVhfVGd3QSJ9/Zm9vYmFyYmF6",
                        "https://www.brand.example/e/c/contact"),
                pixel("Customer.io", "https://e.brand.example/e/o/eyJlbWFpbF9pZCI6IlJQeUZBd1VBQVhfVGd3QSJ9",
                        "<img src=\"https://www.brand.example/e/o/team.jpg\" width=\"320\" height=\"240\">"),
                link("Klaviyo", "https://ctrk.klclick3.com/l/01HABCDEFXYZ_abc", "https://www.klaviyo.com/blog"),
                new Vendor("Klaviyo", "<a href=\"https://www.brand.example/sale?_kx=AbC123.XyZ&amp;color=blue\">Sale</a>", "_kx=",
                        "href=\"https://www.brand.example/sale?color=blue\"", "<a href=\"https://www.brand.example/sale?kx=1&amp;color=blue\">Sale</a>"),
                link("Braze", "https://ablink.news.brand.example/ls/click?upn=u001.Ab3dXyZ", "https://ablinkage.brand.example/ls/click?id=3"),
                pixel("Braze", "https://ablink.news.brand.example/wf/open?upn=u001.Zm9vYmFy",
                        "<img src=\"https://cdn.brand.example/ablink/logo.png\" width=\"120\" height=\"40\">"),
                link("HubSpot", "https://info.brand.example/e3t/Ctc/LX+113/cJhL-04/VWxXk5Qm2gR", "https://www.brand.example/e3t/docs"),
                pixel("HubSpot", "https://info.brand.example/e2t/to/VWxXk5Qm2gRW8sZ3yT",
                        "<img src=\"https://www.brand.example/e2t/team.png\" width=\"200\" height=\"200\">"),
                link("Salesforce Marketing Cloud", "https://click.e.brand.example/?qs=4f6c0e8a9b1d2c3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e",
                        "https://www.brand.example/?qs=spring"),
                pixel("Salesforce Marketing Cloud", "https://click.e.brand.example/open.aspx?ffcb10-fe8a1234567d-fe2a1d7771620c7d7c1d",
                        "<img src=\"https://www.brand.example/open-account.png\" width=\"300\" height=\"80\">"),
                link("Marketo", "https://info.brand.example/MzY5LUxRRS0yMjQAAAGOdBXEq0v7u2TqXo5B3mFfW",
                        "https://www.brand.example/MyAccountSettings/Overview"),
                pixel("Marketo", "https://info.brand.example/trk?t=1&amp;mid=MzY5LUxRRS0yMjQ6MTIzNDU2",
                        "<img src=\"https://www.brand.example/trk/truck.png\" width=\"300\" height=\"200\">"),
                link("Oracle Responsys", "https://link.brand.example/pub/cc?_ri_=X0Gzc2X%3DYQpglLjHJlTQGp0", "https://www.brand.example/pub/cc-license"),
                new Vendor("Oracle Eloqua", "<a href=\"https://www.brand.example/webinar?elqTrackId=4f1c2d&amp;elq=abc&amp;elqaid=123&amp;elqat=1\">Webinar</a>",
                        "elq", "href=\"https://www.brand.example/webinar\"", "<a href=\"https://www.brand.example/webinar?elqa=1\">Webinar</a>"),
                pixel("GitHub", "https://github.com/notifications/beacon/AAB2XYZ4GHQ7VOJ3.gif",
                        "<img src=\"https://github.com/octocat.png\" width=\"64\" height=\"64\">"),
                pixel("HubSpot Sales", "https://t.senaluno.com/e1t/o/5/f18dQhb0S7lC8dDMPbW2n0x6l2B9nMJN7t5XZs",
                        "<img src=\"https://www.senaluno.example/logo.png\" width=\"100\" height=\"40\">"),
                pixel("Mailjet", "https://news.brand.example/oo/BAAAAB4kLAgAAAAAAAAAAA2lQf8/a1b2c3d4/e.gif",
                        "<img src=\"https://news.brand.example/oo/gallery/e.gif\" width=\"90\" height=\"90\">"),
                unwrap("Yesware", "https://t.yesware.com/tl/0a1b2c3d/?ytl=https%3A%2F%2Fwww.brand.example%2Fdemo", "https://www.brand.example/demo",
                        "https://www.yesware.example/tl/pricing"),
                unwrap("Reddit Redirect", "https://out.reddit.com/t3_abc?url=https%3A%2F%2Fwww.brand.example%2Fpost&amp;token=xyz",
                        "https://www.brand.example/post", "https://www.reddit.com/r/helpdesk/"),
                unwrap("DuckDuckGo Redirect", "https://duckduckgo.com/l/?uddg=https%3A%2F%2Fwww.brand.example%2F&amp;rut=abc",
                        "https://www.brand.example/", "https://duckduckgo.com/?q=brand"),
                unwrap("Awin", "https://www.awin1.com/cread.php?awinmid=1234&amp;awinaffid=5678&amp;ued=https%3A%2F%2Fwww.brand.example%2Fshoes",
                        "https://www.brand.example/shoes", "https://www.brand.example/affiliates?ued=none"),
                new Vendor("Matomo", "<a href=\"https://www.brand.example/?mtm_campaign=spring&amp;mtm_kwd=mail\">Shop</a>", "mtm_",
                        "href=\"https://www.brand.example/\"", "<a href=\"https://www.brand.example/?mtm=1\">Shop</a>"));
    }

    @ParameterizedTest
    @MethodSource("vendors")
    void serviceShouldRemoveTheVendorsTracker(Vendor vendor) throws Exception {
        NewsletterMail result = NewsletterMail.stripped(vendor.tracker());

        assertThat(result.html()).doesNotContain(vendor.gone()).contains(vendor.kept(), "Order 4711", "Anna");
        assertThat(result.byService()).containsKey(vendor.service());
    }

    @ParameterizedTest
    @MethodSource("vendors")
    void serviceShouldLeaveTheVendorsLookAlikeByteForByte(Vendor vendor) throws Exception {
        NewsletterMail result = NewsletterMail.stripped(vendor.lookAlike());

        assertThat(result.untouched()).as(result.html()).isTrue();
    }
}
