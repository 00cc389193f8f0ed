package eu.postdesk.queues;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import eu.postdesk.outbound.Wording;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The acknowledgement says when the team will answer, computed from the queue's hours by the
 * server's clock: over a weekend, over public holidays, across a change of summer time; in the
 * customer's language, for each language of the example queue.
 */
class AcknowledgementHoursTest extends RunningQueues {
    private static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");
    private static final ZoneId WARSAW = ZoneId.of("Europe/Warsaw");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void onASaturdayTheFinnishTeamSaysItIsBackOnMondayMorningInTheCustomersZone() throws Exception {
        CLOCK.set("2026-12-05T11:00", HELSINKI);
        String customer = "aino@asiakas.example";
        long number = open(customer, "Lasku", "Hei, en saa laskua auki.", "Content-Language: fi", "Date: Sat, 05 Dec 2026 11:00:00 +0200");

        String ack = text(onlyMailTo(customer));
        Instant monday = java.time.LocalDateTime.parse("2026-12-07T08:00").atZone(HELSINKI).toInstant();
        Instant due = java.time.LocalDateTime.parse("2026-12-07T16:00").atZone(HELSINKI).toInstant();
        assertThat(ack).contains("ei ole juuri nyt töissä").contains("Mon-Fri 08:00-16:00 Europe/Helsinki")
                .contains(Wording.time(monday, ZoneOffset.ofHours(2), "fi"))
                .contains(Wording.time(due, ZoneOffset.ofHours(2), "fi"))
                .contains(Long.toString(number)).contains("salasanoja");
        assertThat(ticket(number).get("firstResponseDue").asString()).isEqualTo("2026-12-07T14:00:00Z");
        assertThat(ticket(number).get("queue").asString()).isEqualTo(SUPPORT);
    }

    @Test
    void beforeChristmasThePolishTeamSkipsTheHolidaysAndTheSunday() throws Exception {
        CLOCK.set("2026-12-23T17:30", WARSAW);
        String customer = "ola@klient.example";
        long number = open(customer, "Faktura", "Dzień dobry, nie mogę pobrać faktury.", "Content-Language: pl", "Date: Wed, 23 Dec 2026 17:30:00 +0100");

        Instant monday = java.time.LocalDateTime.parse("2026-12-28T08:00").atZone(WARSAW).toInstant();
        assertThat(text(onlyMailTo(customer))).contains("nie pracuje w tej chwili")
                .contains(Wording.time(monday, ZoneOffset.ofHours(1), "pl"));
        assertThat(ticket(number).get("firstResponseDue").asString()).isEqualTo("2026-12-28T15:00:00Z");
    }

    @Test
    void onTheFridayBeforeSummerTimeEndsTheGermanTeamAnswersByMondayAfternoonLocalTime() throws Exception {
        CLOCK.set("2026-10-23T16:00", BERLIN);
        String customer = "max@kunde.example";
        // no usable zone in the Date header (-0000): the team's zone is shown
        long number = open(customer, "Rechnung", "Guten Tag, die Rechnung fehlt.", "Content-Language: de", "Date: Fri, 23 Oct 2026 14:00:00 -0000");

        // one working day of 9 h: 1 h on Friday (CEST, +2), 8 h on Monday (CET, +1) -> Monday 16:00 Berlin = 15:00 UTC
        Instant due = Instant.parse("2026-10-26T15:00:00Z");
        assertThat(ticket(number).get("firstResponseDue").asString()).isEqualTo(due.toString());
        assertThat(text(onlyMailTo(customer))).contains("jetzt für Sie da").contains(Wording.time(due, BERLIN, "de")).contains("Europe/Berlin");
    }

    @Test
    void theEnglishTeamWorksRoundTheClock() throws Exception {
        CLOCK.set(Instant.parse("2026-12-25T03:00:00Z"));
        String customer = "sam@customer.example";
        long number = open(customer, "Login", "Hello, I cannot log in to my account. Please help.", "Content-Language: en");
        assertThat(text(onlyMailTo(customer))).contains("at work now (24/7)");
        assertThat(ticket(number).get("firstResponseDue").asString()).isEqualTo("2026-12-26T03:00:00Z");
    }

    @Test
    void aNorwegianCustomerIsAnsweredInNorwegian() throws Exception {
        CLOCK.set(Instant.parse("2026-12-08T09:00:00Z"));
        String customer = "kari@kunde.example";
        long number = open(customer, "Faktura", "Hei, fakturaen mangler.", "Content-Language: nb");
        MimeMessage ack = onlyMailTo(customer);
        assertThat(ack.getHeader("Content-Language", null)).isEqualTo("no");
        assertThat(text(ack)).contains("saksnummer " + number).contains("Teamet vårt er på jobb nå").contains("passord");
    }

    @Test
    void aSpanishCustomerIsRecognisedByTheirWordsAndAnsweredInSpanish() throws Exception {
        CLOCK.set(Instant.parse("2026-12-08T09:00:00Z"));
        String customer = "lucia@cliente.example";
        long number = open(customer, "Factura", "Hola, no puedo descargar la factura. Gracias por su ayuda, saludos.");
        assertThat(text(onlyMailTo(customer))).contains("número de caso " + number).contains("Nuestro equipo está trabajando ahora").contains("contraseñas");
    }

    @Test
    void aFrenchCustomerIsAnsweredInFrench() throws Exception {
        CLOCK.set(Instant.parse("2026-12-12T09:00:00Z"));
        String customer = "claire@client.example";
        long number = open(customer, "Facture", "Bonjour", "Content-Language: fr-FR");
        assertThat(text(onlyMailTo(customer))).contains("numéro de ticket " + number).contains("n'est pas disponible en ce moment")
                .contains("mots de passe");
    }

    @Test
    void anArabicCustomerGetsRightToLeftHtmlWithTheLanguageStated() throws Exception {
        CLOCK.set("2026-12-04T12:00", ZoneId.of("Asia/Riyadh"));
        String customer = "omar@client.example";
        long number = open(customer, "فاتورة", "السلام عليكم، لا أستطيع تنزيل الفاتورة. شكرا", "Date: Fri, 04 Dec 2026 12:00:00 +0300");
        MimeMessage ack = onlyMailTo(customer);
        assertThat(ack.isMimeType("multipart/alternative")).isTrue();
        Multipart parts = (Multipart) ack.getContent();
        String plain = (String) parts.getBodyPart(0).getContent();
        String html = (String) parts.getBodyPart(1).getContent();
        Instant sunday = java.time.LocalDateTime.parse("2026-12-06T09:00").atZone(ZoneId.of("Asia/Riyadh")).toInstant();
        assertThat(plain).contains("رقم التذكرة هو " + number).contains("فريقنا لا يعمل").contains(Wording.time(sunday, ZoneOffset.ofHours(3), "ar"));
        assertThat(html).contains("<html lang=\"ar\" dir=\"rtl\">").contains("فريقنا لا يعمل");
        assertThat(ack.getHeader("Content-Language", null)).isEqualTo("ar");
    }

    @Test
    void aCustomerWhoseLanguageIsUnclearIsAnsweredInTheQueuesDefaultLanguage() throws Exception {
        CLOCK.set(Instant.parse("2026-12-08T09:00:00Z"));
        String customer = "x@unknown.example";
        open(customer, "?", "12345");
        MimeMessage ack = onlyMailTo(customer);
        assertThat(ack.getHeader("Content-Language", null)).isEqualTo("en");
        assertThat(text(ack)).contains("Our team is at work now");
    }
}
