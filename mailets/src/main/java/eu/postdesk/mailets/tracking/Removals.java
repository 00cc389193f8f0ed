package eu.postdesk.mailets.tracking;

import java.util.Map;
import java.util.TreeMap;

/** A tally of what was removed from one message, by kind and by service; never the removed values. */
public final class Removals {
    /** An open pixel: a tiny, hidden or off-screen remote image, an image of a known tracker service, or an unsized one at an open-tracking path. */
    public static final String PIXEL = "pixel";
    /** A CSS {@code url()} or {@code background} attribute pointing at a tracker. */
    public static final String CSS = "css";
    /** A redirector unwrapped to the destination it carried. */
    public static final String UNWRAPPED = "unwrapped-link";
    /** An opaque click wrapper whose URL was dropped, its text kept. */
    public static final String CLICK_WRAPPER = "click-wrapper";
    /** A link cleaned of tracking parameters. */
    public static final String PARAMETER = "parameter";
    /** A remote URL carrying a recipient's address. */
    public static final String RECIPIENT_LEAK = "recipient-leak";
    /** A read-receipt request header. */
    public static final String READ_RECEIPT = "read-receipt";
    /** A header identifying the sender's machine or network. */
    public static final String SENDER_HEADER = "sender-header";

    private final Map<String, Integer> byKind = new TreeMap<>();
    private final Map<String, Integer> byService = new TreeMap<>();

    void add(String kind, String service) {
        byKind.merge(kind, 1, Integer::sum);
        if (service != null) {
            byService.merge(service, 1, Integer::sum);
        }
    }

    public boolean isEmpty() {
        return byKind.isEmpty();
    }

    public int total() {
        return byKind.values().stream().mapToInt(Integer::intValue).sum();
    }

    public Map<String, Integer> byKind() {
        return Map.copyOf(byKind);
    }

    public Map<String, Integer> byService() {
        return Map.copyOf(byService);
    }
}
