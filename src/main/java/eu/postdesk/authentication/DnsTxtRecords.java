package eu.postdesk.authentication;

import java.util.ArrayList;
import java.util.List;

import org.xbill.DNS.Lookup;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/** TXT records from the system's DNS resolvers (dnsjava). */
public class DnsTxtRecords implements TxtRecords {
    @Override
    public List<String> lookup(String name) throws DnsTemporaryFailure {
        Lookup lookup;
        try {
            lookup = new Lookup(name, Type.TXT);
        } catch (TextParseException e) {
            return List.of();
        }
        Record[] records = lookup.run();
        if (lookup.getResult() == Lookup.TRY_AGAIN) {
            throw new DnsTemporaryFailure("DNS did not answer for a TXT record: " + lookup.getErrorString());
        }
        List<String> found = new ArrayList<>();
        if (records != null) {
            for (Record record : records) {
                if (record instanceof TXTRecord txt) {
                    found.add(String.join("", txt.getStrings()));
                }
            }
        }
        return found;
    }
}
