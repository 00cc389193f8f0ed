package eu.postdesk.mailets.tracking;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Rules indexed by the domain they name, so that finding the rules for a host costs one map look-up
 * per label of the host rather than a scan of every rule; rules without a domain are tried on every host,
 * those with a host regex only on the hosts it matches.
 */
final class DomainIndex<T> {
    private final Map<String, List<T>> byDomain = new HashMap<>();
    private final List<T> everywhere = new ArrayList<>();
    private final boolean anyHostRegex;
    private final Function<T, HostPattern> pattern;

    DomainIndex(List<T> rules, Function<T, HostPattern> pattern) {
        this.pattern = pattern;
        boolean regex = false;
        for (T rule : rules) {
            String domain = pattern.apply(rule).domain();
            if (domain == null) {
                everywhere.add(rule);
                regex |= pattern.apply(rule).hasHostRegex();
            } else {
                byDomain.computeIfAbsent(domain, d -> new ArrayList<>()).add(rule);
            }
        }
        this.anyHostRegex = regex;
    }

    /** Every rule that may apply to the host, most specific domain first, then those for any host. */
    List<T> candidates(String host) {
        List<T> found = null;
        int from = 0;
        // A lone top-level label never names a rule's domain: rules need a dot.
        while (from >= 0 && host.indexOf('.', from) >= 0) {
            List<T> rules = byDomain.get(from == 0 ? host : host.substring(from));
            if (rules != null) {
                if (found == null) {
                    found = new ArrayList<>();
                }
                found.addAll(rules);
            }
            from = host.indexOf('.', from) + 1;
        }
        List<T> elsewhere = anyHostRegex ? everywhere.stream().filter(rule -> pattern.apply(rule).mayMatchHost(host)).toList() : everywhere;
        if (found == null) {
            return elsewhere;
        }
        found.addAll(elsewhere);
        return found;
    }
}
