package eu.postdesk.authentication;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.apache.james.jspf.core.DNSRequest;
import org.apache.james.jspf.core.DNSService;
import org.apache.james.jspf.core.exceptions.TimeoutException;
import org.apache.james.jspf.executor.SPFResult;
import org.apache.james.jspf.impl.SPF;

/**
 * SPF (RFC 7208) of the envelope sender, or of the HELO name for the null sender, with Apache
 * James jSPF asking {@link DnsRecords}. The answer is jSPF's result word: {@code pass}, {@code fail},
 * {@code softfail}, {@code neutral}, {@code none}, {@code temperror} or {@code permerror}.
 */
public class SpfCheck {
    private final SPF spf;

    public SpfCheck(DnsRecords dns) {
        this.spf = new SPF(new Adapter(dns));
        spf.setUseBestGuess(false);
    }

    public String check(String clientAddress, String envelopeSender, String helo) {
        if (clientAddress == null || clientAddress.isBlank()) {
            return "none";
        }
        SPFResult result = spf.checkSPF(clientAddress, envelopeSender == null ? "" : envelopeSender, helo == null ? "unknown" : helo);
        String word = result.getResult();
        return word == null || word.isBlank() ? "none" : word;
    }

    /** jSPF's view of our resolver: it wants null for "no such records". */
    private static final class Adapter implements DNSService {
        private final DnsRecords dns;
        private int recordLimit = 10;

        Adapter(DnsRecords dns) {
            this.dns = dns;
        }

        @Override
        public List<String> getRecords(DNSRequest request) throws TimeoutException {
            DnsRecords.Type type = switch (request.getRecordType()) {
                case DNSRequest.A -> DnsRecords.Type.A;
                case DNSRequest.AAAA -> DnsRecords.Type.AAAA;
                case DNSRequest.MX -> DnsRecords.Type.MX;
                case DNSRequest.PTR -> DnsRecords.Type.PTR;
                // the obsolete SPF record type (RFC 7208 §3.1): jSPF asks it first; the policy is in TXT
                case DNSRequest.TXT, DNSRequest.SPF -> DnsRecords.Type.TXT;
                default -> null;
            };
            if (type == null) {
                return null;
            }
            try {
                List<String> records = dns.lookup(request.getHostname(), type);
                return records.isEmpty() ? null : records;
            } catch (DnsRecords.DnsTemporaryFailure e) {
                throw new TimeoutException(e.getMessage());
            }
        }

        @Override
        public CompletionStage<List<String>> getRecordsAsync(DNSRequest request) {
            try {
                return CompletableFuture.completedFuture(getRecords(request));
            } catch (TimeoutException e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        @Override
        public List<String> getLocalDomainNames() {
            return List.of();
        }

        @Override
        public void setTimeOut(int timeOut) {
        }

        @Override
        public int getRecordLimit() {
            return recordLimit;
        }

        @Override
        public void setRecordLimit(int recordLimit) {
            this.recordLimit = recordLimit;
        }
    }
}
