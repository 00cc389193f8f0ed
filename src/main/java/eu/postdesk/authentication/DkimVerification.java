package eu.postdesk.authentication;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.apache.james.jdkim.exceptions.TempFailException;

/**
 * Verifies the DKIM signatures of a message as it arrived (RFC 6376) with Apache James jDKIM,
 * fetching the keys through {@link DnsRecords}. The answer is the set of signing domains
 * ({@code d=}) whose signature verified; a message with no valid signature has none.
 */
public class DkimVerification {
    private final DnsRecords dns;

    public DkimVerification(DnsRecords dns) {
        this.dns = dns;
    }

    /** What the verification found: the domains that signed validly, or why none did. */
    public record Outcome(Set<String> passedDomains, String failure) {
        public boolean passedFor(String domain) {
            return domain != null && passedDomains.contains(domain.toLowerCase(Locale.ROOT));
        }
    }

    public Outcome verify(InputStream message) throws IOException {
        DKIMVerifier verifier = new DKIMVerifier((method, selector, domain) -> {
            if (!"dns/txt".equalsIgnoreCase(method.toString())) {
                throw new PermFailException("only dns/txt keys are supported");
            }
            try {
                return dns.txt(selector + "._domainkey." + domain);
            } catch (DnsRecords.DnsTemporaryFailure e) {
                throw new TempFailException(e.getMessage());
            }
        });
        try {
            List<SignatureRecord> passed = verifier.verify(message);
            Set<String> domains = new LinkedHashSet<>();
            if (passed != null) {
                passed.forEach(signature -> domains.add(signature.getDToken().toString().toLowerCase(Locale.ROOT)));
            }
            return new Outcome(Set.copyOf(domains), domains.isEmpty() ? "no DKIM signature" : null);
        } catch (FailException e) {
            // jDKIM's message names the failing check (body hash, signature, key), never the content
            return new Outcome(Set.of(), "DKIM " + (e instanceof TempFailException ? "temperror" : "fail") + ": " + e.getMessage());
        }
    }
}
