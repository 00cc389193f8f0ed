package eu.postdesk.satisfaction;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A customer's rating as they wrote it in reply: a digit 1-5 at the start of their answer
 * ("4", "4/5", "5 stars"), or a word such as "good" or "bad" in one of the languages we speak
 * (good = 5, bad = 1); what follows is the comment.
 */
public record Rating(int score, String comment) {
    static final int MAX_COMMENT = 2000;
    private static final Pattern DIGIT = Pattern.compile("^\\s*([1-5])(?:\\s*(?:/\\s*5|of\\s+5|stars?|\\*+))?(?=$|[\\s.,;:!)\\-])");
    private static final Pattern FIRST_WORD = Pattern.compile("^\\s*([\\p{L}]+(?:\\s+[\\p{L}]+)?)");
    private static final Map<String, Integer> WORDS = Map.ofEntries(
            Map.entry("good", 5), Map.entry("very good", 5), Map.entry("great", 5), Map.entry("excellent", 5), Map.entry("bad", 1), Map.entry("poor", 1),
            Map.entry("dobrze", 5), Map.entry("dobra", 5), Map.entry("dobry", 5), Map.entry("źle", 1), Map.entry("zła", 1), Map.entry("zły", 1),
            Map.entry("god", 5), Map.entry("godt", 5), Map.entry("dårlig", 1), Map.entry("dårligt", 1),
            Map.entry("bra", 5), Map.entry("dålig", 1), Map.entry("dåligt", 1),
            Map.entry("gut", 5), Map.entry("sehr gut", 5), Map.entry("schlecht", 1),
            Map.entry("hyvä", 5), Map.entry("huono", 1),
            Map.entry("labi", 5), Map.entry("slikti", 1),
            Map.entry("bien", 5), Map.entry("bueno", 5), Map.entry("buena", 5), Map.entry("mal", 1), Map.entry("malo", 1), Map.entry("mala", 1),
            Map.entry("bon", 5), Map.entry("bonne", 5), Map.entry("très bien", 5), Map.entry("mauvais", 1), Map.entry("mauvaise", 1),
            Map.entry("جيد", 5), Map.entry("ممتاز", 5), Map.entry("سيء", 1), Map.entry("سيئ", 1));

    /** The rating in the new text of a reply (quoted history already cut); empty when it names none. */
    public static Optional<Rating> in(String newText) {
        if (newText == null || newText.isBlank()) {
            return Optional.empty();
        }
        String text = newText.strip();
        Matcher digit = DIGIT.matcher(text);
        // "5" or "4/5 - fast answer" is a rating, "5 printers are down" is not; nor is "God morgen, jeg har ..."
        if (digit.find() && text.substring(digit.end()).lines().findFirst().orElse("").matches("\\s*(?:[.,;:!)\\-].*)?")) {
            return Optional.of(new Rating(Integer.parseInt(digit.group(1)), comment(text.substring(digit.end()))));
        }
        Matcher word = FIRST_WORD.matcher(text);
        if (word.find()) {
            String two = word.group(1).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
            String one = two.split(" ")[0];
            int oneEnd = word.start(1) + word.group(1).split("\\s+")[0].length();
            // a word counts when it stands alone: "Good", "bad - too slow", "Źle, za długo"; not "God morgen, ..." or "Bra jobbat idag men ..."
            if (WORDS.containsKey(two) && standsAlone(text.substring(word.end()))) {
                return Optional.of(new Rating(WORDS.get(two), comment(text.substring(word.end()))));
            }
            if (WORDS.containsKey(one) && standsAlone(text.substring(oneEnd))) {
                return Optional.of(new Rating(WORDS.get(one), comment(text.substring(oneEnd))));
            }
        }
        return Optional.empty();
    }

    private static boolean standsAlone(String rest) {
        return rest.lines().findFirst().orElse("").matches("\\s*(?:[.,;:!)\\-].*)?");
    }

    private static String comment(String rest) {
        String comment = rest.replaceFirst("^[\\s.,;:!)\\-]+", "").strip();
        if (comment.isEmpty()) {
            return null;
        }
        return comment.length() > MAX_COMMENT ? comment.substring(0, MAX_COMMENT) : comment;
    }
}
