package eu.postdesk.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * A list of networks in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}, or a single
 * address), for who may call the API from where. Only literal addresses: parsing never asks DNS.
 * An empty list allows every address.
 */
public record Networks(List<Network> networks) {

    public record Network(byte[] address, int prefix) {
        boolean contains(byte[] candidate) {
            if (candidate.length != address.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (candidate[i] != address[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (candidate[full] & mask) == (address[full] & mask);
        }
    }

    public static Networks any() {
        return new Networks(List.of());
    }

    /** Parses each entry; the message of the {@link IllegalArgumentException} names the entry that is wrong. */
    public static Networks parse(List<String> entries) {
        List<Network> out = new ArrayList<>();
        for (String entry : entries == null ? List.<String>of() : entries) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            out.add(one(entry.strip()));
        }
        return new Networks(List.copyOf(out));
    }

    public static Networks parse(String commaSeparated) {
        return commaSeparated == null || commaSeparated.isBlank() ? any() : parse(List.of(commaSeparated.split(",")));
    }

    private static Network one(String entry) {
        int slash = entry.indexOf('/');
        String literal = slash < 0 ? entry : entry.substring(0, slash);
        if (!literal.matches("[0-9a-fA-F:.]+") || (!literal.contains(":") && !literal.matches("\\d{1,3}(\\.\\d{1,3}){3}"))) {
            throw new IllegalArgumentException("'" + entry + "' is not a network: write an address or address/prefix, e.g. 10.0.0.0/8 or 2001:db8::/32");
        }
        byte[] address;
        try {
            address = InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + entry + "' is not a network: " + literal + " is not an IP address");
        }
        int prefix = address.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > address.length * 8) {
                throw new IllegalArgumentException("'" + entry + "' is not a network: the prefix must be 0 to " + address.length * 8);
            }
        }
        return new Network(address, prefix);
    }

    public boolean isEmpty() {
        return networks.isEmpty();
    }

    /** Whether this address (a literal, as the servlet container gives it) is in one of the networks; an empty list allows all. */
    public boolean allows(String remoteAddress) {
        if (networks.isEmpty()) {
            return true;
        }
        if (remoteAddress == null || !remoteAddress.matches("[0-9a-fA-F:.]+(%[0-9a-zA-Z]+)?")) {
            return false;
        }
        byte[] candidate;
        try {
            candidate = InetAddress.getByName(remoteAddress).getAddress();
        } catch (UnknownHostException e) {
            return false;
        }
        if (candidate.length == 16 && isMappedIpv4(candidate)) {
            byte[] v4 = new byte[4];
            System.arraycopy(candidate, 12, v4, 0, 4);
            candidate = v4;
        }
        for (Network network : networks) {
            if (network.contains(candidate)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isMappedIpv4(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
    }

    /** As stored with a token: the entries, comma-separated. */
    public static String canonical(List<String> entries) {
        parse(entries);
        return entries == null ? null : String.join(",", entries.stream().map(String::strip).filter(s -> !s.isEmpty()).toList());
    }
}
