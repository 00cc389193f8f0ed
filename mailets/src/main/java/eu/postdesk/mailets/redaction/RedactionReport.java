package eu.postdesk.mailets.redaction;

import org.apache.mailet.AttributeValue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one message's redaction found: distinct values per kind and per location. The values are
 * held only while the message is processed, to count a value repeated in the text and the HTML
 * alternative once and to give it the same placeholder number; only kinds, places and counts leave
 * this class.
 */
final class RedactionReport {
    private final Map<String, Set<String>> valuesByKind = new TreeMap<>();
    private final Map<String, Set<String>> valuesByLocation = new LinkedHashMap<>();
    private final Map<String, Integer> numbers = new HashMap<>();
    private int changes;
    private boolean touched;

    void found(String kind, String value, String location) {
        valuesByKind.computeIfAbsent(kind, k -> new HashSet<>()).add(value);
        valuesByLocation.computeIfAbsent(location, k -> new HashSet<>()).add(kind + '\u0000' + value);
        changes++;
    }

    /** The placeholder number of a value in this message: 1 for the first value found, the same number when it comes again. */
    int number(String value) {
        return numbers.computeIfAbsent(value, v -> numbers.size() + 1);
    }

    /** Counts a change that is not a finding (a quarantined or cleaned attachment). */
    void changed() {
        changes++;
    }

    /** Notes that a part's headers were set (a fate) without changing what it says. */
    void touched() {
        touched = true;
    }

    /** Whether the message must be saved: something changed or a part got a header. */
    boolean isTouched() {
        return touched || changes > 0;
    }

    int changes() {
        return changes;
    }

    boolean isEmpty() {
        return valuesByKind.isEmpty();
    }

    Map<String, AttributeValue<?>> countsByKind() {
        return counts(valuesByKind);
    }

    Map<String, AttributeValue<?>> countsByLocation() {
        return counts(valuesByLocation);
    }

    private static Map<String, AttributeValue<?>> counts(Map<String, Set<String>> values) {
        Map<String, AttributeValue<?>> counts = new LinkedHashMap<>();
        values.forEach((key, set) -> counts.put(key, AttributeValue.of(set.size())));
        return counts;
    }
}
