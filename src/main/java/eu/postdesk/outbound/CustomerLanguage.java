package eu.postdesk.outbound;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Guesses the language a customer wrote in, so that the acknowledgement answers in it: the
 * {@code Content-Language} header when the client sent one, otherwise the most frequent common
 * words of the languages we have templates for. English when unsure.
 */
public final class CustomerLanguage {
    public static final String FALLBACK = "en";
    private static final Pattern WORD = Pattern.compile("[\\p{L}']+");
    private static final Map<String, Set<String>> COMMON_WORDS = new LinkedHashMap<>();

    static {
        COMMON_WORDS.put("en", Set.of("the", "and", "you", "is", "to", "of", "please", "with", "for", "thanks", "hello", "our", "not", "can", "we", "my", "it", "have"));
        COMMON_WORDS.put("pl", Set.of("nie", "się", "jest", "na", "że", "dzień", "dobry", "proszę", "oraz", "do", "pozdrawiam", "mam", "czy", "jak", "za", "po", "mój", "moje", "już"));
        COMMON_WORDS.put("da", Set.of("og", "ikke", "jeg", "det", "er", "på", "til", "med", "venlig", "hilsen", "kan", "har", "vi", "en", "af", "hej", "tak", "mit", "min"));
        COMMON_WORDS.put("sv", Set.of("och", "inte", "jag", "det", "är", "på", "till", "med", "vänliga", "hälsningar", "kan", "har", "vi", "en", "av", "hej", "tack", "mitt", "min", "för"));
        COMMON_WORDS.put("de", Set.of("und", "nicht", "ich", "ist", "die", "der", "das", "mit", "bitte", "freundlichen", "grüßen", "wir", "sie", "für", "auf", "ein", "eine", "mein", "guten", "tag"));
        COMMON_WORDS.put("fi", Set.of("ja", "ei", "on", "että", "se", "kiitos", "hei", "terveisin", "olen", "minun", "voi", "myös", "kun", "ole", "mutta", "tai", "meidän", "ystävällisin"));
        COMMON_WORDS.put("no", Set.of("ikkje", "takk", "vennlig", "dere", "noe", "fungerer", "hvordan", "vennligst", "hilsener", "mvh", "ønsker"));
        COMMON_WORDS.put("es", Set.of("hola", "gracias", "por", "favor", "que", "el", "los", "las", "una", "es", "mi", "con", "para", "saludos", "buenos", "días", "está", "no", "puedo", "factura"));
        COMMON_WORDS.put("fr", Set.of("bonjour", "merci", "le", "les", "et", "est", "je", "vous", "pour", "avec", "une", "ne", "pas", "mon", "cordialement", "nous", "dans", "facture", "votre"));
        COMMON_WORDS.put("ar", Set.of("في", "من", "على", "أن", "هذا", "مرحبا", "شكرا", "لا", "ما", "إلى", "عن", "مع", "السلام", "عليكم", "الفاتورة", "أستطيع", "يرجى"));
        COMMON_WORDS.put("lv", Set.of("un", "ir", "nav", "lūdzu", "labdien", "ar", "cieņu", "es", "mēs", "man", "jūs", "par", "vai", "kā", "uz", "no", "bet", "paldies", "mans"));
    }

    private CustomerLanguage() {
    }

    public static String of(String contentLanguage, String text) {
        return detect(contentLanguage, text).orElse(FALLBACK);
    }

    /** The customer's language when the header names one we have, or enough common words say so; empty when unsure. */
    public static java.util.Optional<String> detect(String contentLanguage, String text) {
        if (contentLanguage != null) {
            String first = contentLanguage.split("[,;]", 2)[0].strip().toLowerCase(Locale.ROOT);
            String code = first.length() >= 2 ? first.substring(0, 2) : first;
            if (code.equals("nb") || code.equals("nn")) {
                code = "no";
            }
            if (COMMON_WORDS.containsKey(code)) {
                return java.util.Optional.of(code);
            }
        }
        if (text == null || text.isBlank()) {
            return java.util.Optional.empty();
        }
        Map<String, Integer> hits = new LinkedHashMap<>();
        var words = WORD.matcher(text.length() > 20_000 ? text.substring(0, 20_000) : text);
        while (words.find()) {
            String word = words.group().toLowerCase(Locale.ROOT);
            for (var language : COMMON_WORDS.entrySet()) {
                if (language.getValue().contains(word)) {
                    hits.merge(language.getKey(), 1, Integer::sum);
                }
            }
        }
        return hits.entrySet().stream().max(Map.Entry.comparingByValue()).filter(e -> e.getValue() >= 2)
                .map(Map.Entry::getKey);
    }

    public static List<String> supported() {
        return List.copyOf(COMMON_WORDS.keySet());
    }
}
