package eu.postdesk.mailets.tracking;

import eu.postdesk.mailets.PostdeskAttributes;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;

import java.util.Map;
import java.util.TreeMap;

/**
 * Adds a message's removals to the Mail attributes {@link PostdeskAttributes#TRACKERS_BY_KIND} and
 * {@link PostdeskAttributes#TRACKERS_BY_SERVICE}, on top of what earlier mailets reported.
 */
final class TrackingReport {
    private TrackingReport() {
    }

    static void record(Mail mail, Removals removals) {
        merge(mail, PostdeskAttributes.TRACKERS_BY_KIND, removals.byKind());
        merge(mail, PostdeskAttributes.TRACKERS_BY_SERVICE, removals.byService());
    }

    /** The counts an attribute holds, empty when absent or of another shape. */
    static Map<String, Integer> counts(Mail mail, AttributeName name) {
        Map<String, Integer> counts = new TreeMap<>();
        mail.getAttribute(name).map(Attribute::getValue).map(AttributeValue::value).ifPresent(value -> {
            if (value instanceof Map<?, ?> map) {
                map.forEach((key, count) -> {
                    if (key instanceof String k && count instanceof AttributeValue<?> v && v.value() instanceof Integer n) {
                        counts.put(k, n);
                    }
                });
            }
        });
        return counts;
    }

    private static void merge(Mail mail, AttributeName name, Map<String, Integer> added) {
        Map<String, Integer> counts = counts(mail, name);
        added.forEach((key, count) -> counts.merge(key, count, Integer::sum));
        Map<String, AttributeValue<?>> values = new TreeMap<>();
        counts.forEach((key, count) -> values.put(key, AttributeValue.of(count)));
        mail.setAttribute(new Attribute(name, AttributeValue.of(values)));
    }
}
