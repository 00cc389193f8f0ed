package eu.postdesk.satisfaction;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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
    private final byte[] key;
    private final Pattern shape;

    public RatingAddress(PostdeskProperties properties, JdbcTemplate jdbc) {
        String support = properties.primarySupportAddress();
        this.localPart = support.substring(0, support.indexOf('@'));
        this.domain = properties.effectiveReplyDomain();
        this.key = serverKey(jdbc);
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
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal(("rate:" + ticketNumber).getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest).substring(0, TOKEN_LENGTH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static byte[] serverKey(JdbcTemplate jdbc) {
        var existing = jdbc.query("select key_value from server_keys where name = ?", (rs, n) -> rs.getBytes(1), KEY_NAME);
        if (!existing.isEmpty()) {
            return existing.get(0);
        }
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        try {
            jdbc.update("insert into server_keys (name, key_value) values (?, ?)", KEY_NAME, fresh);
            return fresh;
        } catch (org.springframework.dao.DuplicateKeyException raced) {
            return jdbc.queryForObject("select key_value from server_keys where name = ?", byte[].class, KEY_NAME);
        }
    }
}
