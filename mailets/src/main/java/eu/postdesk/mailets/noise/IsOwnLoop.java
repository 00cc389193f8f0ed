package eu.postdesk.mailets.noise;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Matches our own mail coming back: a message that carries an {@code X-Loop} header naming one of
 * our addresses, or whose {@code From} or envelope sender is one of our addresses. Answering it
 * would start a mail loop.
 *
 * <p>The condition is the comma-separated list of our addresses (the server writes it from
 * {@code postdesk.support-addresses}). Sub-addresses count as the address:
 * {@code support+42-x7@helpdesk.test} is {@code support@helpdesk.test}.
 * <pre>{@code
 * <mailet match="eu.postdesk.mailets.noise.IsOwnLoop=support@helpdesk.test, billing@helpdesk.test"
 *         class="eu.postdesk.mailets.noise.RecordNoise">
 *     <reason>loop</reason>
 *     <processor>noise</processor>
 * </mailet>
 * }</pre>
 */
public class IsOwnLoop extends NoiseMatcher {

    private Set<String> ownAddresses = Set.of();

    @Override
    public void init() throws MessagingException {
        String condition = getCondition();
        if (condition == null || condition.isBlank()) {
            throw new MessagingException("IsOwnLoop needs our addresses as its condition, e.g. "
                    + "IsOwnLoop=support@helpdesk.test");
        }
        Set<String> addresses = new LinkedHashSet<>();
        for (String part : condition.split(",")) {
            String candidate = part.strip();
            if (candidate.isEmpty()) {
                continue;
            }
            try {
                addresses.add(canonical(new MailAddress(candidate)));
            } catch (AddressException e) {
                throw new MessagingException("IsOwnLoop: '" + candidate
                        + "' in the condition is not an e-mail address", e);
            }
        }
        if (addresses.isEmpty()) {
            throw new MessagingException("IsOwnLoop needs at least one address in its condition");
        }
        ownAddresses = Set.copyOf(addresses);
    }

    @Override
    boolean isNoise(Mail mail, MimeMessage message) throws MessagingException {
        if (mail.getMaybeSender().asOptional().map(IsOwnLoop::canonical).filter(ownAddresses::contains).isPresent()) {
            return true;
        }
        for (String loop : xLoopAddresses(message)) {
            if (ownAddresses.contains(loop)) {
                return true;
            }
        }
        for (String from : fromAddresses(message)) {
            if (ownAddresses.contains(from)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> xLoopAddresses(MimeMessage message) {
        List<String> addresses = new ArrayList<>();
        String[] values;
        try {
            values = message.getHeader("X-Loop");
        } catch (MessagingException | RuntimeException e) {
            return addresses;
        }
        if (values == null) {
            return addresses;
        }
        for (String value : values) {
            addresses.addAll(parse(value));
        }
        return addresses;
    }

    private static List<String> fromAddresses(MimeMessage message) {
        List<String> addresses = new ArrayList<>();
        try {
            Address[] from = message.getFrom();
            if (from != null) {
                for (Address address : from) {
                    if (address instanceof InternetAddress internet && internet.getAddress() != null) {
                        addresses.add(canonical(internet.getAddress()));
                    }
                }
            }
        } catch (MessagingException | RuntimeException e) {
            // A From we cannot parse may still be ours: look at its raw text.
            Headers.first(message, "From").ifPresent(raw -> addresses.addAll(parse(raw)));
        }
        return addresses;
    }

    private static List<String> parse(String value) {
        List<String> addresses = new ArrayList<>();
        try {
            for (InternetAddress address : InternetAddress.parseHeader(value, false)) {
                if (address.getAddress() != null) {
                    addresses.add(canonical(address.getAddress()));
                }
            }
        } catch (AddressException | RuntimeException e) {
            String bare = value.strip();
            int open = bare.lastIndexOf('<');
            int close = bare.lastIndexOf('>');
            if (open >= 0 && close > open) {
                bare = bare.substring(open + 1, close);
            }
            addresses.add(canonical(bare));
        }
        return addresses;
    }

    private static String canonical(MailAddress address) {
        return canonical(address.asString());
    }

    /** Lower-case, without a {@code +detail} sub-address, so every reply address counts as ours. */
    static String canonical(String address) {
        String lower = address.strip().toLowerCase(Locale.ROOT);
        int at = lower.lastIndexOf('@');
        if (at < 0) {
            return lower;
        }
        String local = lower.substring(0, at);
        int plus = local.indexOf('+');
        if (plus > 0) {
            local = local.substring(0, plus);
        }
        return local + lower.substring(at);
    }
}
