package eu.postdesk.mailets.tracking;

import com.google.re2j.Pattern;

/**
 * Decides what becomes of one URL found in a message: links are unwrapped, cleaned of tracking
 * parameters, or neutralised; images are kept or removed. Nothing is ever fetched.
 */
final class LinkCleaner {
    /** Unsubscribe links need their {@code mkt_tok} to work. */
    private static final Pattern UNSUBSCRIBE = Pattern.compile("(?i)unsub|opt-?out|abmeld|afmeld|avregistr|wypisz");
    private static final int MAX_UNWRAPS = 5;

    /** Hosts remembered per message; a hostile message with endless distinct hosts stops being cached. */
    private static final int MAX_HOSTS_REMEMBERED = 1_000;

    private final TrackerRules rules;
    private final RecipientAddresses recipients;
    /** The rules that may apply to each host seen in this message: newsletters repeat a few hosts. */
    private final java.util.Map<String, TrackerRules.HostRules> byHost = new java.util.HashMap<>();

    LinkCleaner(TrackerRules rules, RecipientAddresses recipients) {
        this.rules = rules;
        this.recipients = recipients;
    }

    /**
     * The URL a link should point to: the same string when nothing tracks, its destination or a
     * cleaned copy, or {@code null} when the link must be neutralised (opaque wrapper, recipient leak).
     */
    String cleanLink(String url, Removals removals) {
        WebAddress address = WebAddress.parse(url);
        if (address == null) {
            return url;
        }
        String current = url;
        for (int hop = 0; hop < MAX_UNWRAPS; hop++) {
            ClickWrapper wrapper = rulesFor(address).wrapper(address);
            if (wrapper == null) {
                break;
            }
            String destination = wrapper.destination(address);
            if (destination == null) {
                removals.add(Removals.CLICK_WRAPPER, wrapper.name());
                return null;
            }
            removals.add(Removals.UNWRAPPED, wrapper.name());
            current = destination;
            address = WebAddress.parse(destination);
            if (address == null) {
                return current;
            }
        }
        TrackerService service = rulesFor(address).service(address, false);
        if (service != null) {
            removals.add(Removals.CLICK_WRAPPER, service.name());
            return null;
        }
        String cleaned = withoutTrackingParameters(current, removals);
        if (recipients.leakIn(cleaned)) {
            removals.add(Removals.RECIPIENT_LEAK, null);
            return null;
        }
        return cleaned;
    }

    /** Whether an image or CSS URL is a tracker (known open-tracking service or recipient leak). */
    boolean isTrackingImage(String url, String kind, Removals removals) {
        WebAddress address = WebAddress.parse(url);
        if (address == null) {
            return false;
        }
        TrackerService service = rulesFor(address).service(address, true);
        if (service != null) {
            removals.add(kind, service.name());
            return true;
        }
        if (recipients.leakIn(url)) {
            removals.add(Removals.RECIPIENT_LEAK, null);
            return true;
        }
        return false;
    }

    /** The name of the tracker service behind an image URL, or {@code null}. */
    String imageService(String url) {
        WebAddress address = WebAddress.parse(url);
        TrackerService service = address == null ? null : rulesFor(address).service(address, true);
        return service == null ? null : service.name();
    }

    /** The open-tracking path shape of an image URL on any host, or {@code null}; see {@link Role#SHAPE}. */
    TrackerService openTrackingShape(String url) {
        WebAddress address = WebAddress.parse(url);
        return address == null ? null : rulesFor(address).shape(address);
    }

    private TrackerRules.HostRules rulesFor(WebAddress address) {
        TrackerRules.HostRules known = byHost.get(address.host());
        if (known == null) {
            known = rules.rulesFor(address.host());
            if (byHost.size() < MAX_HOSTS_REMEMBERED) {
                byHost.put(address.host(), known);
            }
        }
        return known;
    }

    /**
     * The URL without tracking parameters: other parameters keep their order and spelling, a {@code ?}
     * left empty goes, the fragment stays. The same string instance when nothing was removed.
     */
    String withoutTrackingParameters(String url, Removals removals) {
        int hash = url.indexOf('#');
        int end = hash < 0 ? url.length() : hash;
        int question = url.indexOf('?');
        if (question < 0 || question > end) {
            return url;
        }
        StringBuilder kept = null;
        Boolean unsubscribe = null;
        int at = question + 1;
        while (at <= end) {
            int amp = url.indexOf('&', at);
            int stop = amp < 0 || amp > end ? end : amp;
            int eq = url.indexOf('=', at);
            String name = url.substring(at, eq >= 0 && eq < stop ? eq : stop);
            TrackingParameter parameter = name.isEmpty() ? null : rules.parameter(name);
            if (parameter != null && parameter.keepOnUnsubscribe()) {
                if (unsubscribe == null) {
                    unsubscribe = UNSUBSCRIBE.matcher(url).find();
                }
                if (unsubscribe) {
                    parameter = null;
                }
            }
            if (parameter != null) {
                if (kept == null) {
                    kept = new StringBuilder(url.length());
                    kept.append(url, question + 1, at);
                }
                removals.add(Removals.PARAMETER, parameter.service());
            } else if (kept != null) {
                kept.append(url, at, stop).append('&');
            }
            at = stop + 1;
        }
        if (kept == null) {
            return url;
        }
        if (!kept.isEmpty() && kept.charAt(kept.length() - 1) == '&') {
            kept.setLength(kept.length() - 1);
        }
        StringBuilder out = new StringBuilder(url.length()).append(url, 0, question);
        if (!kept.isEmpty()) {
            out.append('?').append(kept);
        }
        return out.append(url, end, url.length()).toString();
    }
}
