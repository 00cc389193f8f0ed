package eu.postdesk.tickets;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;

import eu.postdesk.mailets.PostdeskAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the privacy mailets did to one message, read from their Mail attributes and stored as
 * JSON with it: redactions by kind (never values), trackers removed by kind and by service.
 */
public record PrivacyReport(Map<String, Integer> redactions, Map<String, Integer> trackersByKind,
                            Map<String, Integer> trackersByService) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static PrivacyReport of(Mail mail) {
        return new PrivacyReport(counts(mail, PostdeskAttributes.REDACTIONS_BY_KIND),
                counts(mail, PostdeskAttributes.TRACKERS_BY_KIND), counts(mail, PostdeskAttributes.TRACKERS_BY_SERVICE));
    }

    public static PrivacyReport none() {
        return new PrivacyReport(Map.of(), Map.of(), Map.of());
    }

    public int trackersRemoved() {
        return trackersByKind.values().stream().mapToInt(Integer::intValue).sum();
    }

    public String toJson() {
        return JSON.writeValueAsString(Map.of("redactions", redactions, "trackersByKind", trackersByKind, "trackersByService", trackersByService));
    }

    @SuppressWarnings("unchecked")
    public static PrivacyReport fromJson(String json) {
        if (json == null || json.isBlank()) {
            return none();
        }
        Map<String, Object> map = JSON.readValue(json, Map.class);
        return new PrivacyReport((Map<String, Integer>) map.getOrDefault("redactions", Map.of()),
                (Map<String, Integer>) map.getOrDefault("trackersByKind", Map.of()),
                (Map<String, Integer>) map.getOrDefault("trackersByService", Map.of()));
    }

    /** The API's {@code privacy} object. */
    public Map<String, Object> forApi() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("redactions", redactions.entrySet().stream().map(e -> Map.of("kind", e.getKey(), "count", e.getValue())).toList());
        out.put("trackersRemoved", trackersRemoved());
        out.put("trackers", trackersByKind.entrySet().stream().map(e -> Map.of("kind", e.getKey(), "count", e.getValue())).toList());
        out.put("trackerServices", trackersByService.entrySet().stream().map(e -> Map.of("service", e.getKey(), "count", e.getValue())).toList());
        return out;
    }

    private static Map<String, Integer> counts(Mail mail, AttributeName name) {
        Map<String, Integer> out = new LinkedHashMap<>();
        mail.getAttribute(name).map(a -> a.getValue().value()).ifPresent(value -> {
            if (value instanceof Map<?, ?> map) {
                map.forEach((k, v) -> {
                    Object number = v instanceof AttributeValue<?> av ? av.value() : v;
                    if (number instanceof Number n) {
                        out.put(String.valueOf(k), n.intValue());
                    }
                });
            } else if (value instanceof List<?>) {
                // not a shape we know; ignored rather than guessed
            }
        });
        return out;
    }
}
