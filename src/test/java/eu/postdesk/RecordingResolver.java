package eu.postdesk;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * The JVM's name resolver for the tests (registered in META-INF/services): the built-in one, but
 * every host name looked up and every address looked up in reverse is recorded, so a test can see
 * whom the server meant to talk to, even when the connection would fail. Only JDK lookups pass here;
 * the server has no resolver of its own (no dnsjava).
 */
public class RecordingResolver extends InetAddressResolverProvider {
    private static final List<String> LOOKUPS = new CopyOnWriteArrayList<>();

    /** Every lookup since the last {@link #clear()}, in order: host names, and "reverse <hex address>". */
    public static List<String> lookups() {
        return List.copyOf(LOOKUPS);
    }

    public static void clear() {
        LOOKUPS.clear();
    }

    @Override
    public InetAddressResolver get(Configuration configuration) {
        InetAddressResolver builtin = configuration.builtinResolver();
        return new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy lookupPolicy) throws UnknownHostException {
                LOOKUPS.add(host);
                return builtin.lookupByName(host, lookupPolicy);
            }

            @Override
            public String lookupByAddress(byte[] address) throws UnknownHostException {
                LOOKUPS.add("reverse " + HexFormat.of().formatHex(address));
                return builtin.lookupByAddress(address);
            }
        };
    }

    @Override
    public String name() {
        return "postdesk-recording-resolver";
    }
}
