package eu.postdesk.mailets.tracking;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Rules indexed by the domain they name, so that finding the rules for a host costs one map look-up
 * per label of the host rather than a scan of every rule; rules without a domain are tried on every host.
 */
final class DomainIndex<T> {
    private final Map<String, List<T>> byDomain = new HashMap<>();
    private final List<T> everywhere = new ArrayList<>();

    DomainIndex(List<T> rules, Function<T, HostPattern> pattern) {
        for (T rule : rules) {
            String domain = pattern.apply(rule).domain();
            if (domain == null) {
                everywhere.add(rule);
            } else {
                byDomain.computeIfAbsent(domain, d -> new ArrayList<>()).add(rule);
            }
        }
    }

    /** The first rule, most specific domain first, that accepts the address. */
    T find(WebAddress address, Predicate<T> accepts) {
        String host = address.host();
        int from = 0;
        while (from >= 0) {
            List<T> candidates = byDomain.get(from == 0 ? host : host.substring(from));
            if (candidates != null) {
                for (T rule : candidates) {
                    if (accepts.test(rule)) {
                        return rule;
                    }
                }
            }
            int dot = host.indexOf('.', from);
            from = dot < 0 ? -1 : dot + 1;
        }
        for (T rule : everywhere) {
            if (accepts.test(rule)) {
                return rule;
            }
        }
        return null;
    }
}
