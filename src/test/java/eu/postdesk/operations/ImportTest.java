package eu.postdesk.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import eu.postdesk.RunningPostdesk;
import picocli.CommandLine;

/**
 * {@code bin/postdesk import}: old mail from an mbox or a maildir is filed through the running
 * server's chain and threaded, nobody is acknowledged or notified, running it again files nothing
 * twice, and an import stopped halfway resumes where it stopped.
 */
class ImportTest extends RunningPostdesk {
    @TempDir
    Path folder;

    private record Run(int exit, String out) {
    }

    private Run command(String... args) {
        StringWriter out = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(1, List.of("--url", "http://127.0.0.1:" + httpPort, "--token", ADMIN_TOKEN));
        int exit = new CommandLine(new Commands()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(out, true)).execute(all.toArray(String[]::new));
        return new Run(exit, out.toString());
    }

    private static String old(String from, String id, String subject, String body, String inReplyTo) {
        return "From: " + from + "\nTo: " + SUPPORT + "\nSubject: " + subject + "\nMessage-ID: <" + id + ">\n"
                + (inReplyTo == null ? "" : "In-Reply-To: <" + inReplyTo + ">\nReferences: <" + inReplyTo + ">\n")
                + "Date: Mon, 03 Feb 2025 09:00:00 +0100\nMIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n\n" + body + "\n";
    }

    private long messagesOf(String customer) {
        return jdbc.queryForObject("select count(*) from messages m join tickets t on t.id = m.ticket_id where m.direction = 'inbound' and m.from_address = ?",
                Long.class, customer);
    }

    private long ourMailAbout(String customer) {
        return jdbc.queryForObject("select count(*) from outbox o join tickets t on t.id = o.ticket_id join messages m on m.ticket_id = t.id "
                + "where m.from_address = ?", Long.class, customer);
    }

    @Test
    void anMboxIsFiledAndThreadedWithoutAcknowledgementsAndASecondRunFilesNothingTwice() throws Exception {
        String anna = "anna.import@old-customer.example";
        String ben = "ben.import@old-customer.example";
        Path mbox = folder.resolve("support.mbox");
        Files.writeString(mbox, "From anna Mon Feb  3 09:00:00 2025\n" + old(anna, "a1@old-customer.example", "Printer offline", "It stopped.\n>From the office, Anna", null)
                + "\nFrom ben Mon Feb  3 10:00:00 2025\n" + old(ben, "b1@old-customer.example", "Invoice copy", "Please send it again.", null)
                + "\nFrom anna Mon Feb  3 11:00:00 2025\n" + old(anna, "a2@old-customer.example", "Re: Printer offline", "Still offline.", "a1@old-customer.example"));

        Run first = command("import", "mbox", mbox.toString());

        assertThat(first.exit()).as(first.out()).isZero();
        assertThat(first.out()).contains("3 imported");
        assertThat(ticketsOf(anna)).hasSize(1);
        assertThat(ticketsOf(ben)).hasSize(1);
        assertThat(messagesOf(anna)).isEqualTo(2);
        assertThat(ticket(ticketsOf(anna).get(0).get("number").asLong()).get("messages").get(0).get("text").asString())
                .contains("From the office, Anna").doesNotContain(">From");
        assertThat(ourMailAbout(anna) + ourMailAbout(ben)).as("no acknowledgement, no notification").isZero();

        Run again = command("import", "mbox", mbox.toString());
        assertThat(again.exit()).as(again.out()).isZero();
        assertThat(again.out()).contains("0 imported").contains("3 imported before");
        assertThat(ticketsOf(anna)).hasSize(1);
        assertThat(messagesOf(anna)).isEqualTo(2);
        assertThat(messagesOf(ben)).isEqualTo(1);
    }

    @Test
    void aMaildirImportStoppedHalfwayResumesWhereItStopped() throws Exception {
        Path maildir = folder.resolve("Maildir");
        Files.createDirectories(maildir.resolve("cur"));
        Files.createDirectories(maildir.resolve("new"));
        Files.createDirectories(maildir.resolve("tmp"));
        for (int i = 1; i <= 4; i++) {
            String customer = "maildir" + i + ".import@old-customer.example";
            Files.writeString(maildir.resolve(i <= 2 ? "cur" : "new").resolve("173800000" + i + ".M" + i + "P1.host" + (i <= 2 ? ":2,S" : "")),
                    old(customer, "m" + i + "@old-customer.example", "Question " + i, "Question number " + i + ".", null));
        }

        Run stopped = command("import", "--max", "2", "maildir", maildir.toString());
        assertThat(stopped.exit()).as(stopped.out()).isZero();
        assertThat(stopped.out()).contains("2 imported").contains("2 left for the next run");
        assertThat(ticketsOf("maildir3.import@old-customer.example")).isEmpty();

        Run resumed = command("import", "maildir", maildir.toString());
        assertThat(resumed.exit()).as(resumed.out()).isZero();
        assertThat(resumed.out()).contains("resuming: 2 of 4").contains("2 imported").contains("imported 2 of 2");
        for (int i = 1; i <= 4; i++) {
            assertThat(ticketsOf("maildir" + i + ".import@old-customer.example")).as("customer " + i).hasSize(1);
            assertThat(messagesOf("maildir" + i + ".import@old-customer.example")).isEqualTo(1);
        }
    }

    @Test
    void replayOnTheCommandLineShowsEachMailetAndTheOutcome() throws Exception {
        Path eml = folder.resolve("question.eml");
        Files.writeString(eml, old("replay.cli@customer.example", "r1@customer.example", "Out of Office: back Monday", "I am away.", null)
                .replace("MIME-Version", "Auto-Submitted: auto-replied\nMIME-Version"));
        Run run = command("replay", eml.toString());
        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out()).contains("== question.eml").contains("IsAutoReply -> matched: DropNoise")
                .contains("outcome: dropped (auto-reply").contains("(same as the running chain)");
        assertThat(ticketsOf("replay.cli@customer.example")).isEmpty();

        Run json = command("replay", "--json", eml.toString());
        assertThat(json.exit()).isZero();
        assertThat(ServerApi.JSON.readTree(json.out()).get("messages").get(0).get("outcome").get("kind").asString()).isEqualTo("dropped");
    }
}
