package eu.postdesk.pipeline;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The spam filter ({@code postdesk.spam.*}): rspamd's HTTP protocol.
 *
 * @param rspamdUrl          rspamd's normal worker, e.g. {@code http://127.0.0.1:11333}; unset = no spam check
 * @param timeout            one check's time limit
 * @param passUncheckedAfter how long a message waits for a filter that is down before it passes unchecked
 */
@ConfigurationProperties(prefix = "postdesk.spam")
public record SpamSettings(URI rspamdUrl, @DefaultValue("20s") Duration timeout, @DefaultValue("10m") Duration passUncheckedAfter) {
    public SpamSettings {
        if (rspamdUrl != null && !"http".equals(rspamdUrl.getScheme()) && !"https".equals(rspamdUrl.getScheme())) {
            throw new IllegalStateException("postdesk.spam.rspamd-url must be an http:// or https:// URL, got " + rspamdUrl);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalStateException("postdesk.spam.timeout must be positive");
        }
        if (passUncheckedAfter.isNegative()) {
            throw new IllegalStateException("postdesk.spam.pass-unchecked-after must not be negative");
        }
    }

    public boolean configured() {
        return rspamdUrl != null;
    }
}
