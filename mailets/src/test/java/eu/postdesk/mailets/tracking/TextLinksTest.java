package eu.postdesk.mailets.tracking;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextLinksTest {
    private static TextLinks textLinks;
    private final Removals removals = new Removals();

    @BeforeAll
    static void loadRules() throws Exception {
        textLinks = new TextLinks(new LinkCleaner(TrackerRules.defaults(), RecipientAddresses.none()));
    }

    @Test
    void cleanShouldRemoveParametersAndKeepSentencePunctuation() {
        String text = "Details (see https://shop.example/a?utm_source=x&id=2), or https://shop.example/b?fbclid=1.";

        assertThat(textLinks.clean(text, removals))
                .isEqualTo("Details (see https://shop.example/a?id=2), or https://shop.example/b.");
    }

    @Test
    void cleanShouldReplaceBracketedWrapperWithTheMarker() {
        String text = "Book a stand<https://booktrade.us6.list-manage.com/track/click?u=3f&id=96>\nNext line";

        assertThat(textLinks.clean(text, removals)).isEqualTo("Book a stand " + TextLinks.MARKER + "\nNext line");
    }

    @Test
    void cleanShouldUnwrapSafeLinksInsideAngleBrackets() {
        String text = "VPN<https://eur03.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwiki.example%2Fvpn&data=05%7C02>";

        assertThat(textLinks.clean(text, removals)).isEqualTo("VPN<https://wiki.example/vpn>");
    }

    @Test
    void cleanShouldReturnTextWithoutTrackersAsTheSameInstance() {
        String text = "See https://example.com/a?id=1 and (https://example.com/wiki/Foo_(bar)) today.";

        assertThat(textLinks.clean(text, removals)).isSameAs(text);
    }
}
