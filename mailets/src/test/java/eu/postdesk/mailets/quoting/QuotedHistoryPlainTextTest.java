package eu.postdesk.mailets.quoting;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class QuotedHistoryPlainTextTest {

    private final QuotedHistory quotedHistory = QuotedHistory.withDefaults();

    @Test
    void newTextShouldDropTopPostedQuoteAndItsAttribution() {
        String text = """
                The export works again, thanks.

                Anna

                On Wed, 12 Mar 2025 at 09:30, Helpdesk <support@helpdesk.test> wrote:
                > We have fixed the export.
                >
                > > Earlier: the export fails.
                """;

        assertThat(quotedHistory.newText(text)).isEqualTo("The export works again, thanks.\n\nAnna");
    }

    @Test
    void newTextShouldKeepAnswersBetweenQuotes() {
        String text = """
                On 12/03/2025 09:30, Helpdesk wrote:
                > Which version do you use?
                Version 4.2.

                > And which browser?
                Firefox 136.
                """;

        assertThat(quotedHistory.newText(text)).isEqualTo("Version 4.2.\n\nFirefox 136.");
    }

    @Test
    void newTextShouldRecogniseAnAttributionWrappedOverTwoLines() {
        String text = """
                Still broken.

                On Wed, 12 Mar 2025 at 09:30, Helpdesk Support Team of Example <
                support@helpdesk.test> wrote:

                > We have fixed the export.
                """;

        assertThat(quotedHistory.newText(text)).isEqualTo("Still broken.");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "On Wed, 12 Mar 2025 at 09:30, Helpdesk <support@helpdesk.test> wrote:",
            "On 12 Mar 2025, at 09:30, Helpdesk <support@helpdesk.test> wrote:",
            "Am Mi., 12. März 2025 um 09:30 Uhr schrieb Helpdesk <support@helpdesk.test>:",
            "Am 12.03.25 um 09:30 schrieb Helpdesk:",
            "W dniu śr., 12.03.2025 o 09:30 Helpdesk <support@helpdesk.test> napisał(a):",
            "W dniu 12.03.2025 o 09:30, Helpdesk pisze:",
            "Den 11. mar. 2025 kl. 08.40 skrev Helpdesk <support@helpdesk.test>:",
            "ons 12 mars 2025 kl 10:04 skrev Helpdesk <support@helpdesk.test>:",
            "ke 12. maalisk. 2025 klo 9.30 Helpdesk <support@helpdesk.test> kirjoitti:",
            "Helpdesk kirjoitti 12.3.2025 klo 9.30:",
            "trešd., 2025. g. 12. marts, plkst. 09:30 — lietotājs Helpdesk (<support@helpdesk.test>) rakstīja:",
            "Le mer. 12 mars 2025 à 09:30, Helpdesk <support@helpdesk.test> a écrit :",
            "El mié, 12 mar 2025 a las 9:30, Helpdesk (<support@helpdesk.test>) escribió:"})
    void newTextShouldRecogniseLocalisedAttributionLines(String attribution) {
        String text = "Danke, das hilft.\n\n" + attribution + "\n> Bitte starten Sie neu.\n";

        assertThat(quotedHistory.newText(text)).isEqualTo("Danke, das hilft.");
    }

    @Test
    void newTextShouldKeepASentenceThatOnlyLooksLikeAnAttribution() {
        String text = """
                On Monday the system wrote:
                Error 500: export failed
                """;

        assertThat(quotedHistory.newText(text)).isEqualTo("On Monday the system wrote:\nError 500: export failed");
    }

    @Test
    void newTextShouldCutAtAnUnquotedAttributionNamingSenderAndDate() {
        String text = """
                See below.

                On Wed, 12 Mar 2025 at 09:30, Helpdesk <support@helpdesk.test> wrote:
                We have fixed the export.
                """;

        assertThat(quotedHistory.newText(text)).isEqualTo("See below.");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "From: Helpdesk <support@helpdesk.test>\nSent: Wednesday, March 12, 2025 9:30 AM\nTo: Anna\nSubject: RE: Export",
            "Von: Helpdesk <support@helpdesk.test>\nGesendet: Mittwoch, 12. März 2025 09:30\nAn: Anna\nBetreff: AW: Export",
            "Od: Helpdesk <support@helpdesk.test>\nWysłano: środa, 12 marca 2025 09:30\nDo: Anna\nTemat: RE: Eksport",
            "Fra: Helpdesk <support@helpdesk.test>\nSendt: 12. marts 2025 09:30\nTil: Anna\nEmne: SV: Eksport",
            "Från: Helpdesk <support@helpdesk.test>\nSkickat: den 12 mars 2025 09:30\nTill: Anna\nÄmne: SV: Export",
            "Lähettäjä: Helpdesk <support@helpdesk.test>\nLähetetty: keskiviikko 12. maaliskuuta 2025 9.30\nVastaanottaja: Anna\nAihe: VS: Vienti",
            "No: Helpdesk <support@helpdesk.test>\nNosūtīts: trešdiena, 2025. gada 12. martā 09:30\nKam: Anna\nTēma: RE: Eksports",
            "*From:* Helpdesk <support@helpdesk.test>\n*Sent:* Wednesday, March 12, 2025 9:30 AM\n*To:* Anna\n*Subject:* RE: Export"})
    void newTextShouldCutAtLocalisedOutlookHeaderBlocks(String headerBlock) {
        String text = "Thanks, it works.\n\n________________________________\n" + headerBlock
                + "\n\nWe have fixed the export.\n";

        assertThat(quotedHistory.newText(text)).isEqualTo("Thanks, it works.");
    }

    @Test
    void newTextShouldKeepAFromLineThatStartsNoHeaderBlock() {
        String text = "From: the accounting team\nWe need a new login.";

        assertThat(quotedHistory.newText(text)).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "-----Original Message-----",
            "-----Ursprüngliche Nachricht-----",
            "-----Oryginalna wiadomość-----",
            "-----Oprindelig meddelelse-----",
            "-------- Original Message --------",
            "---------- Forwarded message ---------",
            "Begin forwarded message:",
            "-------- Alkuperäinen viesti --------"})
    void newTextShouldCutAtSeparators(String separator) {
        String text = "Please see below.\n\n" + separator + "\nThe old message.\n";

        assertThat(quotedHistory.newText(text)).isEqualTo("Please see below.");
    }

    @Test
    void newTextShouldKeepSeparatorWordsInsideASentence() {
        String text = "The original message was lost";

        assertThat(quotedHistory.newText(text)).isEqualTo(text);
    }

    @Test
    void newTextShouldDropTheRfc3676Signature() {
        String text = "The export fails.\n\n-- \nAnna Kowalska\nACME Sp. z o.o.\n+48 22 000 00 00\n";

        assertThat(quotedHistory.newText(text)).isEqualTo("The export fails.");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Sent from my iPhone", "Gesendet von meinem iPhone", "Von meinem iPhone gesendet", "Wysłane z iPhone'a",
            "Sendt fra min iPhone", "Skickat från min iPhone", "Lähetetty iPhonesta", "Nosūtīts no mana iPhone",
            "Sent from Outlook for Android", "Get Outlook for iOS<https://aka.ms/o0ukef>",
            "Sent from my Samsung Galaxy smartphone."})
    void newTextShouldDropMobileSignatures(String signature) {
        String text = "Die Lieferung fehlt.\n\n" + signature + "\n";

        assertThat(quotedHistory.newText(text)).isEqualTo("Die Lieferung fehlt.");
    }

    @Test
    void newTextShouldKeepTheTextWhenItIsAllSignature() {
        String text = "-- \nAnna Kowalska\nACME";

        assertThat(quotedHistory.newText(text)).isEqualTo("--\nAnna Kowalska\nACME");
    }

    @Test
    void newTextShouldKeepAMobileSignatureThatIsAllTheMessageSays() {
        assertThat(quotedHistory.newText("Sent from my iPhone")).isEqualTo("Sent from my iPhone");
    }

    @Test
    void newTextShouldBeEmptyWhenEverythingIsQuoted() {
        String text = "On Wed, 12 Mar 2025 at 09:30, Helpdesk <support@helpdesk.test> wrote:\n> All quoted.\n>\n";

        assertThat(quotedHistory.newText(text)).isEmpty();
    }

    @Test
    void newTextShouldBeEmptyForNothing() {
        assertThat(quotedHistory.newText(null)).isEmpty();
        assertThat(quotedHistory.newText(" \r\n ")).isEmpty();
    }

    @Test
    void newTextShouldNormaliseLineEndsAndBlankRuns() {
        assertThat(quotedHistory.newText("Hello\r\n\r\n\r\n\r\nWorld  \r\n")).isEqualTo("Hello\n\nWorld");
    }

    @Test
    void newTextShouldHandleHostileRepetitionQuickly() {
        String manySignatures = "Hello\n" + "Sent from my iPhone\n".repeat(200_000);
        String manyHeaders = "Hello\n" + "From: x\n".repeat(200_000);
        String longLine = "On " + "x".repeat(1_000_000) + " wrote:\n> q";

        assertThat(quotedHistory.newText(manySignatures)).startsWith("Hello\nSent from my iPhone");
        assertThat(quotedHistory.newText(manyHeaders)).startsWith("Hello\nFrom: x");
        assertThat(quotedHistory.newText(longLine)).startsWith("On xxx");
    }
}
