package eu.postdesk.satisfaction;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;


import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import eu.postdesk.PostdeskProperties;

/**
 * The address a ticket's satisfaction request is answered to, {@code support+rate-NUMBER-TOKEN@reply-domain}:
 * TOKEN is an HMAC of the ticket number under its own server secret, so a rating reaches only the
 * ticket it was asked for, and a rating address is never a reply address (it cannot speak to the customer).
 */
@Component
public class RatingAddress {
    private static final String KEY_NAME = "rating-address";
    private static final int TOKEN_LENGTH = 12;

    private final String localPart;
    private final String domain;
    private final eu.postdesk.tickets.ServerKey key;
    private final Pattern shape;

    public RatingAddress(PostdeskProperties properties, JdbcTemplate jdbc) {
        String support = properties.primarySupportAddress();
        this.localPart = support.substring(0, support.indexOf('@'));
        this.domain = properties.effectiveReplyDomain();
        this.key = eu.postdesk.tickets.ServerKey.named(jdbc, KEY_NAME);
        this.shape = Pattern.compile(Pattern.quote(localPart) + "\\+rate-(\\d{1,18})-([0-9a-f]{" + TOKEN_LENGTH + "})@" + Pattern.quote(domain));
    }

    public String of(long ticketNumber) {
        return localPart + "+rate-" + ticketNumber + "-" + token(ticketNumber) + "@" + domain;
    }

    /** The ticket behind a genuine rating address; empty for anything else, forged tokens included. */
    public Optional<Long> ticketOf(String address) {
        if (address == null) {
            return Optional.empty();
        }
        Matcher matcher = shape.matcher(address.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            return Optional.empty();
        }
        long number = Long.parseLong(matcher.group(1));
        boolean genuine = MessageDigest.isEqual(token(number).getBytes(StandardCharsets.US_ASCII), matcher.group(2).getBytes(StandardCharsets.US_ASCII));
        return genuine ? Optional.of(number) : Optional.empty();
    }

    private String token(long ticketNumber) {
        return key.token("rate:" + ticketNumber, TOKEN_LENGTH);
    }
}
