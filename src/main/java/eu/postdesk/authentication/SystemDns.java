package eu.postdesk.authentication;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;

/** Records from the system's DNS resolvers (dnsjava). */
public class SystemDns implements DnsRecords {
    @Override
    public List<String> lookup(String name, DnsRecords.Type type) throws DnsTemporaryFailure {
        Lookup lookup;
        try {
            lookup = new Lookup(name, switch (type) {
                case TXT -> org.xbill.DNS.Type.TXT;
                case A -> org.xbill.DNS.Type.A;
                case AAAA -> org.xbill.DNS.Type.AAAA;
                case MX -> org.xbill.DNS.Type.MX;
                case PTR -> org.xbill.DNS.Type.PTR;
            });
        } catch (TextParseException e) {
            return List.of();
        }
        Record[] records = lookup.run();
        if (lookup.getResult() == Lookup.TRY_AGAIN) {
            throw new DnsTemporaryFailure("DNS did not answer: " + lookup.getErrorString());
        }
        List<String> found = new ArrayList<>();
        if (records == null) {
            return found;
        }
        List<MXRecord> exchangers = new ArrayList<>();
        for (Record record : records) {
            switch (record) {
                case TXTRecord txt -> found.add(String.join("", txt.getStrings()));
                case ARecord a -> found.add(a.getAddress().getHostAddress());
                case AAAARecord aaaa -> found.add(aaaa.getAddress().getHostAddress());
                case MXRecord mx -> exchangers.add(mx);
                case PTRRecord ptr -> found.add(ptr.getTarget().toString(true));
                default -> { }
            }
        }
        exchangers.stream().sorted(Comparator.comparingInt(MXRecord::getPriority)).forEach(mx -> found.add(mx.getTarget().toString(true)));
        return found;
    }

    /** Whether DNS answers at all from here, asked once at start (bounded): the default of {@code postdesk.authentication}. */
    public static boolean reachable(Duration patience) {
        try {
            Lookup lookup = new Lookup("iana.org", org.xbill.DNS.Type.A);
            org.xbill.DNS.Resolver resolver = Lookup.getDefaultResolver();
            resolver.setTimeout(patience);
            lookup.setResolver(resolver);
            lookup.setCache(null);
            lookup.run();
            // a name that certainly exists: a resolver that denies it is a sandbox's, not the Internet's
            return lookup.getResult() == Lookup.SUCCESSFUL;
        } catch (TextParseException | RuntimeException e) {
            return false;
        }
    }
}
