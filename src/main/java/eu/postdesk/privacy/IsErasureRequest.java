package eu.postdesk.privacy;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.mail.MessagingException;

import org.apache.mailet.Mail;
import org.apache.james.core.MailAddress;
import org.apache.mailet.base.GenericMatcher;

import eu.postdesk.tickets.Threading;

/**
 * Matches a customer's mail whose subject asks for the erasure of their data ("delete my data",
 * "usuń moje dane", "slet mine data", "dzēst manus datus", "meine Daten löschen", "radera mina
 * uppgifter", "poista tietoni", ...): the whole subject, give or take reply prefixes, "please" and
 * punctuation, so that a question about deleting data in an app is still a ticket. The condition,
 * phrases separated by {@code |}, replaces the built-in list.
 *
 * <pre>{@code
 * <mailet match="IsErasureRequest" class="RequestErasure"/>
 * <mailet match="IsErasureRequest=delete my data|usuń moje dane" class="RequestErasure"/>
 * }</pre>
 */
public class IsErasureRequest extends GenericMatcher {
    static final List<String> BUILT_IN = List.of(
            // en
            "delete my data", "erase my data", "remove my data", "delete my personal data", "erase my personal data",
            "delete my account and data", "forget me", "right to erasure", "gdpr erasure", "gdpr delete my data",
            // pl
            "usuń moje dane", "usun moje dane", "usuń moje dane osobowe", "usunięcie moich danych", "prośba o usunięcie danych",
            // da
            "slet mine data", "slet mine oplysninger", "slet mine personoplysninger",
            // lv
            "dzēst manus datus", "dzest manus datus", "izdzēsiet manus datus", "izdzēst manus datus",
            // de
            "meine daten löschen", "lösche meine daten", "löschen sie meine daten", "löschung meiner daten",
            // sv
            "radera mina uppgifter", "radera mina data", "radera mina personuppgifter", "ta bort mina uppgifter",
            // fi
            "poista tietoni", "poista minun tietoni", "poistakaa tietoni", "poista henkilötietoni");
    private static final Set<String> POLITE = Set.of("please", "pls", "proszę", "prosze", "bitte", "venligst", "lūdzu", "ludzu", "snälla", "ole hyvä");

    private Set<String> phrases;

    @Override
    public void init() throws MessagingException {
        configure(getCondition());
    }

    /** Reads the condition: phrases separated by {@code |}, or none for the built-in list. */
    void configure(String condition) {
        List<String> listed = condition == null || condition.isBlank() ? BUILT_IN
                : Arrays.stream(condition.split("\\|")).map(String::strip).filter(p -> !p.isEmpty()).toList();
        phrases = listed.stream().map(IsErasureRequest::normalised).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public Collection<MailAddress> match(Mail mail) throws MessagingException {
        return asks(mail.getMessage().getSubject()) ? mail.getRecipients() : null;
    }

    boolean asks(String subject) {
        return subject != null && phrases.contains(normalised(Threading.title(subject)));
    }

    static String normalised(String text) {
        String words = Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT)
                .replaceAll("[\\p{Punct}\\p{IsPunctuation}]", " ").strip();
        return Arrays.stream(words.split("\\s+")).filter(w -> !POLITE.contains(w)).collect(Collectors.joining(" "));
    }
}
