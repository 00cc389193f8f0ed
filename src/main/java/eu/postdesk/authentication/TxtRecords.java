package eu.postdesk.authentication;

import java.util.List;

/**
 * DNS TXT records by name: where DKIM keys (and later SPF and DMARC policies) are looked up. The
 * server uses {@link DnsTxtRecords}; a test defines its own bean with the records it controls.
 */
public interface TxtRecords {
    /** The TXT records of {@code name}, each one's strings joined; empty when the name has none. */
    List<String> lookup(String name) throws DnsTemporaryFailure;

    /** DNS did not answer now; the answer may come later (a DKIM temperror, not a fail). */
    final class DnsTemporaryFailure extends Exception {
        public DnsTemporaryFailure(String message) {
            super(message);
        }
    }
}
