package eu.postdesk.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which subjects ask for erasure: the whole subject, in each language we answer in; a question about deleting is not a request. */
class IsErasureRequestTest {
    private static IsErasureRequest builtIn() {
        IsErasureRequest matcher = new IsErasureRequest();
        matcher.configure(null);
        return matcher;
    }

    @Test
    void aSubjectThatAsksForErasureInAnyOfOurLanguagesIsARequest() {
        IsErasureRequest matcher = builtIn();
        for (String subject : new String[] {"Delete my data", "Please delete my data!", "RE: erase my data", "Usuń moje dane", "proszę usuń moje dane",
                "Slet mine data", "Dzēst manus datus", "Bitte meine Daten löschen", "Radera mina uppgifter.", "Poista tietoni", "Fwd: Forget me"}) {
            assertThat(matcher.asks(subject)).as(subject).isTrue();
        }
    }

    @Test
    void aQuestionOrAnotherSubjectIsNot() {
        IsErasureRequest matcher = builtIn();
        for (String subject : new String[] {"How do I delete my data in the app?", "Do not delete my data", "Invoice", "", "delete"}) {
            assertThat(matcher.asks(subject)).as(subject).isFalse();
        }
        assertThat(matcher.asks(null)).isFalse();
    }

    @Test
    void theConditionReplacesTheList() {
        IsErasureRequest matcher = new IsErasureRequest();
        matcher.configure("wipe me | vergeet mij");
        assertThat(matcher.asks("Vergeet mij")).isTrue();
        assertThat(matcher.asks("Delete my data")).isFalse();
    }
}
