package eu.postdesk.mailets.tracking;

import eu.postdesk.mailets.html.AgentSafeHtml;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Properties: a URL without tracking parameters comes out byte-identical, and stripping is idempotent. */
class TrackingProperties {
    /** Random names that happen to be tracking parameters (epik, wtmc, ...) are not "ordinary" ones. */
    private static final TrackerRules DEFAULT_RULES = defaultRules();

    private final TrackerRules rules;
    private final LinkCleaner cleaner;

    TrackingProperties() throws Exception {
        rules = TrackerRules.defaults();
        cleaner = new LinkCleaner(rules, RecipientAddresses.of(List.of("support@helpdesk.test")));
    }

    private static TrackerRules defaultRules() {
        try {
            return TrackerRules.defaults();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Property
    void urlWithoutTrackingParameterIsByteIdentical(@ForAll("cleanUrls") String url) {
        Removals removals = new Removals();

        assertThat(cleaner.cleanLink(url, removals)).isEqualTo(url);
        assertThat(new TextLinks(cleaner).clean("Link: " + url + " end", removals)).isEqualTo("Link: " + url + " end");
        assertThat(removals.isEmpty()).isTrue();
    }

    @Property
    void cleaningALinkIsIdempotent(@ForAll("anyUrls") String url) {
        String once = cleaner.cleanLink(url, new Removals());
        if (once != null) {
            assertThat(cleaner.cleanLink(once, new Removals())).isEqualTo(once);
        }
    }

    @Property
    void cleaningAUrlRemovesEveryTrackingParameterAndKeepsTheOthersInOrder(@ForAll("anyUrls") String url) {
        String cleaned = cleaner.cleanLink(url, new Removals());
        if (cleaned == null || !url.startsWith("https://shop.example")) {
            return;
        }
        List<String> before = names(url);
        List<String> after = names(cleaned);
        assertThat(after).noneMatch(name -> rules.parameter(name) != null && !name.equals("mkt_tok"));
        assertThat(after).isEqualTo(before.stream().filter(name -> rules.parameter(name) == null || name.equals("mkt_tok") && cleaned.contains("unsub")).toList());
    }

    @Property(tries = 300)
    void strippingHtmlIsIdempotent(@ForAll("newsletters") String html) {
        HtmlTrackers trackers = new HtmlTrackers(cleaner);
        String once = trackers.strip(html, StandardCharsets.UTF_8, new Removals());
        Removals second = new Removals();

        assertThat(trackers.strip(once, StandardCharsets.UTF_8, second)).isEqualTo(once);
        assertThat(second.isEmpty()).isTrue();
    }

    @Property(tries = 300)
    void sanitisingIsIdempotent(@ForAll("newsletters") String html) {
        AgentSafeHtml safe = new AgentSafeHtml();
        String once = safe.sanitise(html);

        assertThat(safe.sanitise(once)).isEqualTo(once);
    }

    private static List<String> names(String url) {
        int hash = url.indexOf('#');
        int end = hash < 0 ? url.length() : hash;
        int q = url.indexOf('?');
        if (q < 0 || q > end) {
            return List.of();
        }
        String query = url.substring(q + 1, end);
        return java.util.Arrays.stream(query.split("&", -1)).filter(s -> !s.isEmpty()).map(s -> s.split("=", 2)[0]).toList();
    }

    private static Arbitrary<String> parameterNames(boolean tracking) {
        Arbitrary<String> ordinary = Arbitraries.oneOf(
                Arbitraries.of("id", "page", "q", "FBCLID", "fbclid1", "UTM_SOURCE", "xutm_source", "ref", "lang", "mc_cidx", "_hsencx", "gclid_"),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(6).filter(s -> DEFAULT_RULES.parameter(s) == null));
        if (!tracking) {
            return ordinary;
        }
        return Arbitraries.oneOf(ordinary, Arbitraries.of("utm_source", "utm_medium", "utm_x", "mc_cid", "mc_eid", "_hsenc", "_hsmi",
                "__hstc", "__hssc", "__hsfp", "hsCtaTracking", "fbclid", "gclid", "gbraid", "wbraid", "dclid", "msclkid", "yclid",
                "igshid", "mkt_tok", "vero_id", "_ke", "s_cid", "oly_enc_id", "oly_anon_id", "_ga", "_gl"));
    }

    private static Arbitrary<String> urls(boolean tracking) {
        Arbitrary<String> value = Arbitraries.strings().withChars("abcXYZ019-._~%2F=+").ofMaxLength(8);
        Arbitrary<String> parameter = Combinators.combine(parameterNames(tracking), value, Arbitraries.of("=", "", "=="))
                .as((name, v, eq) -> eq.isEmpty() ? name : name + eq + v);
        Arbitrary<String> query = parameter.list().ofMaxSize(6).map(list -> list.isEmpty() ? "" : "?" + String.join("&", list));
        Arbitrary<String> path = Arbitraries.of("/", "/a/b", "/unsubscribe", "", "/p;x=1", "/%7Euser/");
        Arbitrary<String> fragment = Arbitraries.of("", "#top", "#a?utm_source=x", "#");
        Arbitrary<String> host = Arbitraries.of("https://shop.example", "http://Shop.Example:8080", "https://user@shop.example");
        return Combinators.combine(host, path, query, fragment).as((h, p, q, f) -> h + p + q + f);
    }

    @Provide
    Arbitrary<String> cleanUrls() {
        return urls(false);
    }

    @Provide
    Arbitrary<String> anyUrls() {
        return Arbitraries.oneOf(urls(true), urls(true).map(u -> "https://eur01.safelinks.protection.outlook.com/?url="
                + java.net.URLEncoder.encode(u, StandardCharsets.UTF_8) + "&data=05%7C02"));
    }

    @Provide
    Arbitrary<String> newsletters() {
        Arbitrary<String> fragment = Arbitraries.oneOf(
                urls(true).map(u -> "<a href=\"" + u.replace("&", "&amp;").replace("\"", "&quot;") + "\">link</a>"),
                urls(true).map(u -> "<p>" + u.replace("&", "&amp;").replace("<", "&lt;") + "</p>"),
                Arbitraries.of(
                        "<img src=\"https://x.list-manage.com/track/open.php?u=1\" width=\"1\" height=\"1\">",
                        "<img src=\"https://cdn.shop.example/logo.png\" width=\"150\">",
                        "<img src=\"cid:logo\">",
                        "<div style=\"display:none\"><img src=\"https://t.example/o.gif\"></div>",
                        "<td style=\"background:url(https://u1.ct.sendgrid.net/wf/open?upn=1)\">x</td>",
                        "<style>.a{background:url(https://track.hubspot.com/p.gif)}</style>",
                        "<a href=\"https://u1.ct.sendgrid.net/ls/click?upn=x\">Buy</a>",
                        "<script>alert(1)</script>", "<b>bold", "</div>", "<table><tr><td>cell", "text & more", "<p style=\"color:red\">red</p>"));
        return fragment.list().ofMaxSize(12).map(list -> "<html><body>" + String.join("", list) + "</body></html>");
    }
}
