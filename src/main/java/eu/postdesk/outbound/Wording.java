package eu.postdesk.outbound;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

import eu.postdesk.ConfFiles;

/**
 * What Postdesk says to customers, in each language it speaks: the templates
 * {@code conf/templates/<kind>.<language>.txt} and the sentences they are made of,
 * {@code conf/templates/phrases.<language>.properties} (UTF-8). English stands in for anything a
 * language lacks. Loaded once.
 */
@Component
public class Wording {
    private static final Set<String> RIGHT_TO_LEFT = Set.of("ar", "he", "fa", "ur");
    private static final String[] KINDS = {"acknowledgement", "satisfaction"};

    private final Map<String, String> templates = new HashMap<>();
    private final Map<String, Properties> phrases = new HashMap<>();

    public Wording(ConfFiles conf) {
        for (String language : CustomerLanguage.supported()) {
            for (String kind : KINDS) {
                conf.text("templates/" + kind + "." + language + ".txt").ifPresent(text -> templates.put(kind + "." + language, text));
            }
            conf.text("templates/phrases." + language + ".properties").ifPresent(text -> {
                Properties p = new Properties();
                try {
                    p.load(new StringReader(text));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                phrases.put(language, p);
            });
        }
        for (String kind : KINDS) {
            if (!templates.containsKey(kind + "." + CustomerLanguage.FALLBACK)) {
                throw new IllegalStateException("conf/templates/" + kind + ".en.txt is missing: every text needs at least its English template");
            }
        }
        if (!phrases.containsKey(CustomerLanguage.FALLBACK)) {
            throw new IllegalStateException("conf/templates/phrases.en.properties is missing: the acknowledgement needs at least the English sentences");
        }
    }

    /** The template of this kind in this language, or the English one. */
    public String template(String kind, String language) {
        String own = templates.get(kind + "." + language);
        return own != null ? own : templates.get(kind + "." + CustomerLanguage.FALLBACK);
    }

    /** The language a text of this kind actually goes out in. */
    public String languageOf(String kind, String language) {
        return templates.containsKey(kind + "." + language) ? language : CustomerLanguage.FALLBACK;
    }

    public String phrase(String language, String key) {
        Properties own = phrases.get(language);
        String value = own == null ? null : own.getProperty(key);
        return value != null ? value : phrases.get(CustomerLanguage.FALLBACK).getProperty(key, "");
    }

    /** A date and time as people of that language write it, with the zone it is in. */
    public static String time(Instant at, ZoneId zone, String language) {
        Locale locale = Locale.forLanguageTag(language);
        String when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.FULL, FormatStyle.SHORT).withLocale(locale).format(at.atZone(zone));
        String name = zone instanceof ZoneOffset offset ? (offset.equals(ZoneOffset.UTC) ? "UTC" : "UTC" + offset.getId()) : zone.getId();
        return when + " (" + name + ")";
    }

    public static boolean isRightToLeft(String language) {
        return RIGHT_TO_LEFT.contains(language);
    }

    /** The text as HTML with its language and direction stated, so that right-to-left text reads correctly. */
    public static String html(String text, String language) {
        String dir = isRightToLeft(language) ? "rtl" : "ltr";
        StringBuilder out = new StringBuilder("<!DOCTYPE html>\n<html lang=\"").append(language).append("\" dir=\"").append(dir)
                .append("\">\n<head><meta charset=\"utf-8\"></head>\n<body dir=\"").append(dir).append("\">\n");
        for (String paragraph : text.strip().split("\\n\\s*\\n")) {
            out.append("<p>").append(HtmlUtils.htmlEscape(paragraph.strip(), "UTF-8").replace("\n", "<br>\n")).append("</p>\n");
        }
        return out.append("</body>\n</html>\n").toString();
    }
}
