package eu.postdesk.authentication;

import java.util.List;

/**
 * DNS records by name and type: where DKIM keys, SPF and DMARC policies (and the addresses SPF
 * compares) are looked up. The server uses {@link SystemDns}; a test defines a {@code @Primary}
 * bean with the records it controls.
 */
public interface DnsRecords {
    /** The record types sender authentication asks for. */
    enum Type { TXT, A, AAAA, MX, PTR }

    /**
     * The records of {@code name}: TXT strings joined, A/AAAA addresses, MX and PTR host names
     * (MX without preference, best first); empty when the name has none or does not exist.
     */
    List<String> lookup(String name, Type type) throws DnsTemporaryFailure;

    default List<String> txt(String name) throws DnsTemporaryFailure {
        return lookup(name, Type.TXT);
    }

    /** DNS did not answer now; the answer may come later (a temperror, not a fail). */
    final class DnsTemporaryFailure extends Exception {
        public DnsTemporaryFailure(String message) {
            super(message);
        }
    }
}
