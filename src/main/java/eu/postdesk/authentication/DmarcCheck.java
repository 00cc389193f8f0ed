package eu.postdesk.authentication;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * DMARC (RFC 7489) of the {@code From} domain: pass when SPF passed for an aligned envelope
 * domain or DKIM passed for an aligned signing domain, under the alignment modes the domain's
 * {@code _dmarc} record asks for ({@code aspf}, {@code adkim}; relaxed by default). The
 * organizational domain is taken as the last two labels (no public suffix list): under
 * {@code co.uk}-style suffixes relaxed alignment is stricter than it should be, never looser.
 */
public class DmarcCheck {
    private final DnsRecords dns;

    public DmarcCheck(DnsRecords dns) {
        this.dns = dns;
    }

    /** {@code pass}, {@code fail}, {@code none} (no From domain or no policy) or {@code temperror}. */
    public String check(String fromDomain, String spf, String spfDomain, Collection<String> dkimPassDomains) {
        if (fromDomain == null || fromDomain.isBlank()) {
            return "none";
        }
        String from = fromDomain.toLowerCase(Locale.ROOT);
        Optional<String> record;
        try {
            record = policy(from);
            if (record.isEmpty() && !organizational(from).equals(from)) {
                record = policy(organizational(from));
            }
        } catch (DnsRecords.DnsTemporaryFailure e) {
            return "temperror";
        }
        if (record.isEmpty()) {
            return "none";
        }
        boolean strictSpf = "s".equals(tag(record.get(), "aspf"));
        boolean strictDkim = "s".equals(tag(record.get(), "adkim"));
        boolean spfAligned = "pass".equals(spf) && spfDomain != null && aligned(spfDomain, from, strictSpf);
        boolean dkimAligned = dkimPassDomains.stream().anyMatch(d -> aligned(d, from, strictDkim));
        return spfAligned || dkimAligned ? "pass" : "fail";
    }

    private Optional<String> policy(String domain) throws DnsRecords.DnsTemporaryFailure {
        List<String> records = dns.txt("_dmarc." + domain);
        return records.stream().filter(r -> r.strip().regionMatches(true, 0, "v=DMARC1", 0, 8)).findFirst();
    }

    private static String tag(String record, String name) {
        for (String part : record.split(";")) {
            String[] pair = part.split("=", 2);
            if (pair.length == 2 && pair[0].strip().equalsIgnoreCase(name)) {
                return pair[1].strip().toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    static boolean aligned(String domain, String from, boolean strict) {
        String d = domain.toLowerCase(Locale.ROOT);
        return strict ? d.equals(from) : organizational(d).equals(organizational(from));
    }

    static String organizational(String domain) {
        String[] labels = domain.split("\\.");
        return labels.length <= 2 ? domain : labels[labels.length - 2] + "." + labels[labels.length - 1];
    }
}
