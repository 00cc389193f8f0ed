package eu.postdesk.pipeline;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The spam filter ({@code postdesk.spam.*}): rspamd's HTTP protocol, or SpamAssassin's spamd.
 *
 * @param rspamdUrl            rspamd's normal worker, e.g. {@code http://127.0.0.1:11333}
 * @param rspamdControllerUrl  rspamd's controller worker, e.g. {@code http://127.0.0.1:11334}: where {@code #spam} teaches it; unset = no learning
 * @param rspamdPassword       the controller's password, when it wants one
 * @param spamdAddress         SpamAssassin's spamd as {@code host:port}, e.g. {@code 127.0.0.1:783}; the alternative to rspamd
 * @param timeout              one check's time limit
 * @param passUncheckedAfter   how long a message waits for a filter that is down before it passes unchecked
 * @param keepFor              how long spam is kept (sealed) for an admin to release it, before it is erased
 */
@ConfigurationProperties(prefix = "postdesk.spam")
public record SpamSettings(URI rspamdUrl, URI rspamdControllerUrl, String rspamdPassword, String spamdAddress,
                           @DefaultValue("20s") Duration timeout, @DefaultValue("10m") Duration passUncheckedAfter,
                           @DefaultValue("30d") Duration keepFor) {
    public SpamSettings {
        for (URI url : new URI[] {rspamdUrl, rspamdControllerUrl}) {
            if (url != null && !"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
                throw new IllegalStateException("postdesk.spam.rspamd-url and .rspamd-controller-url must be http:// or https:// URLs, got " + url);
            }
        }
        if (rspamdUrl != null && spamdAddress != null && !spamdAddress.isBlank()) {
            throw new IllegalStateException("postdesk.spam.rspamd-url and postdesk.spam.spamd-address are both set: choose one spam filter");
        }
        if (spamdAddress != null && !spamdAddress.isBlank() && !spamdAddress.strip().matches("[^:\\s]+:\\d{1,5}")) {
            throw new IllegalStateException("postdesk.spam.spamd-address must be host:port, e.g. 127.0.0.1:783, got '" + spamdAddress + "'");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalStateException("postdesk.spam.timeout must be positive");
        }
        if (passUncheckedAfter.isNegative()) {
            throw new IllegalStateException("postdesk.spam.pass-unchecked-after must not be negative");
        }
        if (keepFor.isNegative() || keepFor.isZero()) {
            throw new IllegalStateException("postdesk.spam.keep-for must be positive, e.g. 30d");
        }
    }

    public boolean configured() {
        return rspamdUrl != null || spamdConfigured();
    }

    public boolean spamdConfigured() {
        return spamdAddress != null && !spamdAddress.isBlank();
    }
}
