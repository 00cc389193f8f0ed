package eu.postdesk.privacy;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import eu.postdesk.PostdeskProperties;

/**
 * The one-time address a customer answers to confirm an erasure they asked for by mail:
 * {@code support+erase-TOKEN@reply-domain}, TOKEN 128 random bits in hex. Only its SHA-256 is stored;
 * whether a token is genuine, unused and unexpired is decided by {@link ErasureByMail}.
 */
@Component
public class ConfirmationAddress {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String localPart;
    private final String domain;
    private final Pattern shape;

    public ConfirmationAddress(PostdeskProperties properties) {
        String support = properties.primarySupportAddress();
        this.localPart = support.substring(0, support.indexOf('@'));
        this.domain = properties.effectiveReplyDomain();
        this.shape = Pattern.compile(Pattern.quote(localPart) + "\\+erase-([0-9a-f]{32})@" + Pattern.quote(domain));
    }

    /** A fresh token (128 random bits, hex). */
    static String freshToken() {
        byte[] token = new byte[16];
        RANDOM.nextBytes(token);
        return HexFormat.of().formatHex(token);
    }

    String of(String token) {
        return localPart + "+erase-" + token + "@" + domain;
    }

    /** The token of an address of this shape (genuine or not); empty for any other address. */
    public Optional<String> tokenOf(String address) {
        if (address == null) {
            return Optional.empty();
        }
        Matcher matcher = shape.matcher(address.strip().toLowerCase(Locale.ROOT));
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
