package eu.postdesk.queues;

import java.util.Map;

/**
 * A support address and how its team works: the languages it answers in, each with its hours
 * (a language without its own hours has the default language's), and whether solved tickets get
 * a satisfaction request.
 */
public record Queue(String address, String defaultLanguage, Map<String, BusinessHours> hours, boolean satisfaction) {

    public boolean speaks(String language) {
        return hours.containsKey(language);
    }

    public BusinessHours hoursFor(String language) {
        BusinessHours own = hours.get(language);
        return own != null ? own : hours.get(defaultLanguage);
    }
}
