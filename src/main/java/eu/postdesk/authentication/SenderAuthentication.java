package eu.postdesk.authentication;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import eu.postdesk.mailets.authentication.AuthenticationResults;
import eu.postdesk.mailets.authentication.TrustHeaders;

/**
 * Postdesk's own check of who sent a message ({@code postdesk.authentication}): SPF of the
 * envelope sender from the connecting address, DKIM of the message as it arrived, DMARC of the
 * {@code From} domain, recorded as {@code Authentication-Results: postdesk; spf=... ; dkim=... ; dmarc=...}
 * before the chain runs. Any header claiming the {@code postdesk} authserv-id that arrived from
 * outside is removed before that ({@link TrustHeaders}), so one that names it is ours.
 */
public class SenderAuthentication {
    public static final String HEADER = "Authentication-Results";
    /** Our own Received line, first in every spooled message: {@code from HELO ([ADDRESS])}. */
    private static final Pattern OUR_TRACE = Pattern.compile("^from (\\S+) \\(\\[([0-9A-Fa-f:.]+)]\\)");
    private static final AuthenticationResults OURS = new AuthenticationResults(Set.of(TrustHeaders.OWN_AUTHSERV_ID));

    private final SpfCheck spf;
    private final DkimVerification dkim;
    private final DmarcCheck dmarc;

    public SenderAuthentication(DnsRecords dns, DkimVerification dkim) {
        this.spf = new SpfCheck(dns);
        this.dkim = dkim;
        this.dmarc = new DmarcCheck(dns);
    }

    /** The results, as the header value Postdesk records. */
    public record Verdict(String spf, String spfDomain, String dkim, Set<String> dkimDomains, String dmarc, String fromDomain) {
        public String header() {
            List<String> parts = new ArrayList<>();
            parts.add("spf=" + spf + (spfDomain == null ? "" : " smtp.mailfrom=" + spfDomain));
            if (dkimDomains.isEmpty()) {
                parts.add("dkim=" + dkim);
            } else {
                dkimDomains.stream().sorted().forEach(d -> parts.add("dkim=pass header.d=" + d));
            }
            parts.add("dmarc=" + dmarc + (fromDomain == null ? "" : " header.from=" + fromDomain));
            return TrustHeaders.OWN_AUTHSERV_ID + "; " + String.join(";\r\n\t", parts);
        }
    }

    /**
     * Checks the message and adds our header to {@code message}. {@code raw} is the message as it
     * arrived (for DKIM); the client's address and HELO name come from our own Received line.
     */
    public Verdict record(MimeMessage message, InputStream raw, String envelopeSender) throws MessagingException, IOException {
        String[] received = message.getHeader("Received");
        String helo = null;
        String address = null;
        if (received != null && received.length > 0) {
            Matcher trace = OUR_TRACE.matcher(received[0].strip());
            if (trace.find()) {
                helo = trace.group(1);
                address = trace.group(2);
            }
        }
        String spfDomain = envelopeSender != null && envelopeSender.contains("@")
                ? envelopeSender.substring(envelopeSender.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT)
                : helo == null ? null : helo.toLowerCase(Locale.ROOT);
        String spfResult = spf.check(address, envelopeSender, helo);
        DkimVerification.Outcome signatures = dkim.verify(raw);
        String dkimResult = !signatures.passedDomains().isEmpty() ? "pass"
                : signatures.failure() != null && signatures.failure().startsWith("DKIM temperror") ? "temperror"
                : signatures.failure() != null && signatures.failure().startsWith("DKIM fail") ? "fail" : "none";
        String fromDomain = fromDomain(message);
        String dmarcResult = dmarc.check(fromDomain, spfResult, spfDomain, signatures.passedDomains());
        Verdict verdict = new Verdict(spfResult, spfDomain, dkimResult, signatures.passedDomains(), dmarcResult, fromDomain);
        message.addHeader(HEADER, verdict.header());
        return verdict;
    }

    /** The domain of the single From address; null when there is none or several. */
    private static String fromDomain(MimeMessage message) {
        try {
            String[] from = message.getHeader("From");
            if (from == null || from.length != 1) {
                return null;
            }
            InternetAddress[] addresses = InternetAddress.parseHeader(from[0], false);
            if (addresses.length != 1 || addresses[0].getAddress() == null || !addresses[0].getAddress().contains("@")) {
                return null;
            }
            String address = addresses[0].getAddress();
            return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    /** What our own header on this message says DMARC gave; empty when we wrote none (checks off). */
    public static Optional<String> dmarcOf(MimeMessage message) {
        try {
            return OURS.firstTrusted(message.getHeader(HEADER))
                    .flatMap(results -> results.stream().filter(r -> "dmarc".equals(r.method())).map(AuthenticationResults.Result::result).findFirst());
        } catch (MessagingException e) {
            return Optional.empty();
        }
    }

    /** Whether the message's From failed DMARC by our own check: such a From proves nothing about its sender. */
    public static boolean fromFailsDmarc(MimeMessage message) {
        return dmarcOf(message).filter("fail"::equals).isPresent();
    }
}
