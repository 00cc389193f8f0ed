package eu.postdesk.bench;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Realistic support messages, each one distinct (the server deduplicates identical bytes): varied
 * customers, subjects and wording, a quarter of them multipart/alternative as webmail sends them,
 * padded with more prose to about the requested size. Message {@code n} is the same on every run.
 */
final class SupportMessages {
    private static final String[] GIVEN = {"Anna", "Jan", "Maria", "Lukas", "Sofia", "Mateo", "Emma", "Noah",
            "Olivia", "Liam", "Zofia", "Jonas", "Elena", "Pierre", "Ingrid", "Kalle", "Aino", "Juris",
            "Chloe", "Tomasz", "Freya", "Marco", "Lea", "Oskar"};
    private static final String[] FAMILY = {"Kowalska", "Novak", "Garcia", "Schmidt", "Rossi", "Dubois", "Jensen",
            "Virtanen", "Berzins", "Smith", "Nielsen", "Fischer", "Martin", "Silva", "Horvath", "Larsen",
            "Andersson", "Moreau", "Kuznetsova", "Byrne"};
    private static final String[] DOMAINS = {"example.com", "mail.example.org", "shop-customer.test",
            "kunde.example.de", "posti.example.fi", "poczta.example.pl", "example.co.uk", "inbox.example.lv"};
    private static final String[] SUBJECTS = {"Order %d has not arrived", "Refund for order %d",
            "Cannot log in to my account (ref %d)", "Invoice %d shows the wrong VAT number",
            "Wrong size delivered, order %d", "Question about my subscription %d",
            "Password reset link does not work (%d)", "Parcel %d damaged on arrival",
            "Change delivery address for order %d", "App crashes after update, ticket %d",
            "Double charge on my card for order %d", "Where is my voucher %d?"};
    private static final String[] OPENINGS = {"Hello,", "Hi there,", "Dear support team,", "Good morning,",
            "Hello support,", "Hi,"};
    private static final String[] SENTENCES = {
            "I placed the order two weeks ago and the tracking page still says it is being prepared.",
            "The confirmation email arrived, but nothing else since then.",
            "Could you please check what happened and let me know when I can expect it?",
            "I have tried to reset my password three times and the link always says it has expired.",
            "The invoice lists my old company address although I changed it in my profile last month.",
            "When I open the app on my phone it closes immediately after the splash screen.",
            "I was charged twice for the same order, once on Monday and again on Wednesday.",
            "The box was crushed and two of the glasses inside were broken.",
            "I would like to return the jacket because the sleeves are too short.",
            "My subscription renewed although I cancelled it before the end of the trial.",
            "The voucher code from your newsletter is rejected at checkout with an error.",
            "Our accounting department needs a corrected invoice before the end of the quarter.",
            "I have attached nothing, but I can send photos of the damage if that helps.",
            "Your chat was closed, so I am writing here instead.",
            "I am travelling next week, so please send the replacement to my office instead.",
            "Thank you in advance for your help, I know you must be busy.",
            "It worked fine until the update last Thursday.",
            "The delivery driver said the address could not be found, but it is correct.",
            "I would prefer a refund to the original payment method rather than store credit.",
            "This is the second time this has happened with an order from your shop."};
    private static final String[] CLOSINGS = {"Best regards,", "Kind regards,", "Thanks,", "Cheers,",
            "Many thanks,", "Regards,"};
    private static final DateTimeFormatter RFC_5322 = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);
    private static final ZonedDateTime EPOCH = ZonedDateTime.of(2026, 11, 2, 8, 0, 0, 0, ZoneOffset.UTC);

    private final int size;
    private final String recipient;
    private final int customers;
    private final long runSeed;

    /**
     * @param size      approximate size in bytes of each message
     * @param customers how many distinct senders the messages come from
     * @param runSeed   changes every message's content, so that runs into the same spool do not collide
     */
    SupportMessages(int size, String recipient, int customers, long runSeed) {
        this.size = size;
        this.recipient = recipient;
        this.customers = customers;
        this.runSeed = runSeed;
    }

    /** The envelope sender of message {@code n}. */
    String sender(int n) {
        int customer = Math.floorMod(n * 7919L + runSeed, customers);
        String given = GIVEN[customer % GIVEN.length];
        String family = FAMILY[(customer / GIVEN.length) % FAMILY.length];
        return (given + "." + family + "." + customer).toLowerCase(Locale.ROOT) + "@" + DOMAINS[customer % DOMAINS.length];
    }

    /** Message {@code n}, CRLF line ends, no line starting with a dot (so no dot-stuffing needed). */
    byte[] message(int n) {
        SplittableRandom random = new SplittableRandom(runSeed * 1_000_003L + n);
        String from = sender(n);
        String local = from.substring(0, from.indexOf('@'));
        String name = capitalise(local.substring(0, local.indexOf('.'))) + " "
                + capitalise(local.substring(local.indexOf('.') + 1, local.lastIndexOf('.')));
        int reference = 100_000 + Math.floorMod((int) (runSeed * 31 + n), 900_000);
        String subject = String.format(Locale.ROOT, SUBJECTS[random.nextInt(SUBJECTS.length)], reference);
        String date = RFC_5322.format(EPOCH.plusSeconds(n * 17L + random.nextInt(17)));
        String messageId = "<" + Long.toHexString(runSeed) + "." + n + "." + Long.toHexString(random.nextLong()) + "@" + from.substring(from.indexOf('@') + 1) + ">";

        StringBuilder headers = new StringBuilder(512)
                .append("Return-Path: <").append(from).append(">\r\n")
                .append("Message-ID: ").append(messageId).append("\r\n")
                .append("Date: ").append(date).append("\r\n")
                .append("From: ").append(name).append(" <").append(from).append(">\r\n")
                .append("To: Support <").append(recipient).append(">\r\n")
                .append("Subject: ").append(subject).append("\r\n")
                .append("MIME-Version: 1.0\r\n");
        boolean alternative = random.nextInt(4) == 0;
        int budget = Math.max(200, size - headers.length() - (alternative ? 400 : 80));
        if (!alternative) {
            headers.append("Content-Type: text/plain; charset=UTF-8; format=flowed\r\n")
                    .append("Content-Transfer-Encoding: 7bit\r\n\r\n")
                    .append(plainBody(random, name, reference, budget));
        } else {
            String boundary = "000000000000" + Long.toHexString(random.nextLong());
            String plain = plainBody(random, name, reference, budget / 3);
            headers.append("Content-Type: multipart/alternative; boundary=\"").append(boundary).append("\"\r\n\r\n")
                    .append("--").append(boundary).append("\r\n")
                    .append("Content-Type: text/plain; charset=\"UTF-8\"\r\n\r\n")
                    .append(plain)
                    .append("--").append(boundary).append("\r\n")
                    .append("Content-Type: text/html; charset=\"UTF-8\"\r\n\r\n")
                    .append(htmlBody(plain, budget - plain.length()))
                    .append("--").append(boundary).append("--\r\n");
        }
        return headers.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String plainBody(SplittableRandom random, String name, int reference, int budget) {
        StringBuilder body = new StringBuilder(budget + 200);
        body.append(OPENINGS[random.nextInt(OPENINGS.length)]).append("\r\n\r\n");
        body.append("This is about my order ").append(reference).append(".\r\n");
        StringBuilder line = new StringBuilder();
        int sentencesInParagraph = 0;
        while (body.length() + line.length() < budget - 60) {
            String sentence = SENTENCES[random.nextInt(SENTENCES.length)];
            for (String word : sentence.split(" ")) {
                if (line.length() + word.length() + 1 > 72) {
                    body.append(line).append(" \r\n");
                    line.setLength(0);
                }
                if (!line.isEmpty()) {
                    line.append(' ');
                }
                line.append(word);
            }
            if (++sentencesInParagraph == 4 + random.nextInt(3)) {
                body.append(line).append("\r\n\r\n");
                line.setLength(0);
                sentencesInParagraph = 0;
            }
        }
        body.append(line).append("\r\n\r\n");
        body.append(CLOSINGS[random.nextInt(CLOSINGS.length)]).append("\r\n").append(name).append("\r\n");
        return body.toString();
    }

    private static String htmlBody(String plain, int budget) {
        StringBuilder html = new StringBuilder(Math.max(budget, 256) + 200).append("<div dir=\"ltr\">");
        String[] paragraphs = plain.split("\r\n\r\n");
        int i = 0;
        do {
            html.append("<p>").append(paragraphs[i % paragraphs.length].replace("\r\n", "<br>\r\n")).append("</p>\r\n");
            i++;
        } while (html.length() < budget - 20 && i < 10_000);
        return html.append("</div>\r\n").toString();
    }

    private static String capitalise(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
