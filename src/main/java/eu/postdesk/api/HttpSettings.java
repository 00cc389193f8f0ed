package eu.postdesk.api;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the API and console are served ({@code postdesk.http.*}); HTTPS itself is Spring Boot's SSL
 * bundle ({@code server.ssl.bundle}).
 *
 * @param allowPlainOnNetwork true lets plain HTTP listen beyond loopback (behind a TLS proxy), with a warning
 * @param hstsMaxAge          max-age of Strict-Transport-Security on HTTPS responses
 */
@ConfigurationProperties(prefix = "postdesk.http")
public record HttpSettings(@DefaultValue("false") boolean allowPlainOnNetwork, @DefaultValue("365d") Duration hstsMaxAge) {
    public HttpSettings {
        if (hstsMaxAge.isNegative()) {
            throw new IllegalStateException("postdesk.http.hsts-max-age must not be negative");
        }
    }
}
