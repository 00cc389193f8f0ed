package eu.postdesk.mailets.tracking;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The forms in which a tracker URL carries a recipient's address: plain, percent-encoded, base64, and
 * hex MD5, SHA-1 or SHA-256 of the lower-cased address. A remote URL holding any of them tells a third
 * party who opened or clicked.
 */
public final class RecipientAddresses {
    private static final RecipientAddresses NONE = new RecipientAddresses(List.of(), List.of());

    /** Compared case-insensitively (address, percent-encoded form, hex digests), stored lower-case. */
    private final List<String> caseless;
    /** Compared exactly (base64 prefixes). */
    private final List<String> exact;

    private RecipientAddresses(List<String> caseless, List<String> exact) {
        this.caseless = caseless;
        this.exact = exact;
    }

    public static RecipientAddresses none() {
        return NONE;
    }

    public static RecipientAddresses of(Iterable<String> addresses) {
        List<String> caseless = new ArrayList<>();
        List<String> exact = new ArrayList<>();
        for (String address : addresses) {
            String lower = address.strip().toLowerCase(Locale.ROOT);
            if (lower.length() < 3 || lower.indexOf('@') < 1) {
                continue;
            }
            byte[] bytes = lower.getBytes(StandardCharsets.UTF_8);
            caseless.add(lower);
            caseless.add(lower.replace("@", "%40"));
            for (String algorithm : List.of("MD5", "SHA-1", "SHA-256")) {
                caseless.add(HexFormat.of().formatHex(digest(algorithm, bytes)));
            }
            // Only the whole 3-byte groups: their base64 is the same whatever follows the address.
            int stable = bytes.length / 3 * 3;
            if (stable >= 6) {
                byte[] head = java.util.Arrays.copyOf(bytes, stable);
                exact.add(Base64.getEncoder().encodeToString(head));
                exact.add(Base64.getUrlEncoder().encodeToString(head));
                byte[] original = address.strip().getBytes(StandardCharsets.UTF_8);
                if (!java.util.Arrays.equals(original, bytes)) {
                    byte[] originalHead = java.util.Arrays.copyOf(original, original.length / 3 * 3);
                    exact.add(Base64.getEncoder().encodeToString(originalHead));
                    exact.add(Base64.getUrlEncoder().encodeToString(originalHead));
                }
            }
        }
        return new RecipientAddresses(List.copyOf(caseless), List.copyOf(exact));
    }

    /** Whether the URL carries a recipient's address in one of the forms above. */
    boolean leakIn(String url) {
        if (caseless.isEmpty()) {
            return false;
        }
        if (contains(url)) {
            return true;
        }
        String decoded = PercentCoding.decode(url);
        return decoded != url && contains(decoded);
    }

    private boolean contains(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        for (String form : caseless) {
            if (lower.contains(form)) {
                return true;
            }
        }
        for (String form : exact) {
            if (url.contains(form)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK lacks " + algorithm, e);
        }
    }
}
