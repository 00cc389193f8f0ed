package eu.postdesk.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

import eu.postdesk.Postdesk;
import eu.postdesk.RunningPostdesk;
import eu.postdesk.SmtpConversation;

/**
 * The README's Postfix lines, proven with a real Postfix from Debian's package, run as its own
 * instance ({@code postfix -c DIR start}) from a temporary configuration on loopback ports: mail
 * submitted to Postfix reaches a ticket over LMTP, and Postdesk's outbound mail (the acknowledgement)
 * leaves through Postfix, which delivers it to a GreenMail sink. No system service is touched.
 */
class PostfixTest {
    private static final Path POSTFIX = Path.of("/usr/sbin/postfix");

    private static GreenMail sink;
    private static ConfigurableApplicationContext postdesk;
    private static Path instance;
    private static int postfixPort;

    @BeforeAll
    static void start() throws Exception {
        if (!Files.isExecutable(POSTFIX) || !"root".equals(System.getProperty("user.name"))) {
            System.out.println("PostfixTest skipped: needs the Debian package postfix (/usr/sbin/postfix) and root to start an instance");
            Assumptions.abort("postfix (Debian package postfix) not installed, or not root");
        }
        sink = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        sink.start();
        postfixPort = freePort();
        Path data = Files.createTempDirectory("postdesk-postfix-");
        postdesk = new SpringApplicationBuilder(Postdesk.class).run(
                "--server.port=0", "--postdesk.smtp.port=0", "--postdesk.lmtp.port=0", "--postdesk.data-dir=" + data,
                "--postdesk.support-addresses=support@helpdesk.test", "--postdesk.api.admin-token=postfix-test-admin-token-0123456789",
                "--postdesk.outbound.host=127.0.0.1", "--postdesk.outbound.port=" + postfixPort, "--postdesk.outbound.poll=100ms",
                "--postdesk.outbound.first-retry=1s", "--postdesk.conf-dir=" + data.resolve("no-conf"));
        instance = postfixInstance(postdesk.getBean(LmtpIngress.class).port(), sink.getSmtp().getPort());
        run("start");
    }

    @AfterAll
    static void stop() throws Exception {
        if (instance != null) {
            run("stop");
            try (var files = Files.walk(instance)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        if (postdesk != null) {
            postdesk.close();
        }
        if (sink != null) {
            sink.stop();
        }
    }

    @Test
    void mailSubmittedToPostfixBecomesATicketAndTheAcknowledgementLeavesThroughPostfix() throws Exception {
        JdbcTemplate jdbc = postdesk.getBean(JdbcTemplate.class);
        try (SmtpConversation smtp = new SmtpConversation("127.0.0.1", postfixPort)) {
            smtp.expect("220");
            smtp.command("EHLO customer.example").expect("250");
            smtp.command("MAIL FROM:<anna@customer.example>").expect("250");
            smtp.command("RCPT TO:<support@helpdesk.test>").expect("250");
            smtp.command("DATA").expect("354");
            smtp.data(("From: Anna <anna@customer.example>\r\nTo: support@helpdesk.test\r\nSubject: printer through postfix\r\n"
                    + "Message-ID: <postfix-1@customer.example>\r\n\r\nThe printer is on fire.\r\n").getBytes(StandardCharsets.UTF_8)).expect("250");
            smtp.command("QUIT");
        }

        RunningPostdesk.eventually("the ticket", () -> jdbc.queryForObject(
                "select count(*) from tickets where subject = 'printer through postfix'", Long.class) == 1, Duration.ofSeconds(60));
        assertThat(jdbc.queryForObject("select count(*) from spool where recipients = 'support@helpdesk.test'", Long.class)).isEqualTo(1);

        RunningPostdesk.eventually("the acknowledgement at the sink", () -> Arrays.stream(sink.getReceivedMessages()).anyMatch(m -> {
            try {
                return m.getAllRecipients()[0].toString().contains("anna@customer.example");
            } catch (Exception e) {
                return false;
            }
        }), Duration.ofSeconds(60));
        var acknowledgement = Arrays.stream(sink.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().contains("anna@customer.example");
            } catch (Exception e) {
                return false;
            }
        }).findFirst().orElseThrow();
        assertThat(String.join("\n", acknowledgement.getHeader("Received"))).as("relayed by Postfix").contains("postfix.test");
        assertThat(Files.readString(instance.resolve("maillog"))).contains("relay=127.0.0.1[127.0.0.1]:" + postdesk.getBean(LmtpIngress.class).port());
    }

    /** A Postfix instance of its own: queue, data and log under a temporary folder, listening on one loopback port. */
    private static Path postfixInstance(int lmtpPort, int sinkPort) throws IOException {
        Path dir = Files.createTempDirectory("postfix-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(dir.resolve("queue"));
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.setOwner(data, dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postfix"));
        Files.writeString(dir.resolve("main.cf"), String.join("\n",
                "compatibility_level = 3.6",
                "queue_directory = " + dir.resolve("queue"),
                "data_directory = " + data,
                "maillog_file = " + dir.resolve("maillog"),
                "maillog_file_prefixes = " + dir,
                "mail_owner = postfix",
                "setgid_group = postdrop",
                "inet_interfaces = 127.0.0.1",
                "inet_protocols = ipv4",
                "myhostname = postfix.test",
                "mydestination =",
                "local_recipient_maps =",
                "alias_maps =",
                "alias_database =",
                "mynetworks = 127.0.0.0/8",
                "smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination",
                "smtp_dns_support_level = disabled",
                "lmtp_dns_support_level = disabled",
                // the README's lines: the support domain goes to Postdesk over LMTP ...
                "relay_domains = helpdesk.test",
                "transport_maps = inline:{ helpdesk.test=lmtp:inet:127.0.0.1:" + lmtpPort + " }",
                // ... and what Postdesk sends out is relayed on (here to the sink, in life to the Internet)
                "relayhost = [127.0.0.1]:" + sinkPort,
                ""));
        Files.writeString(dir.resolve("master.cf"), String.join("\n",
                "127.0.0.1:" + postfixPort + " inet n - n - - smtpd",
                "cleanup   unix  n - n - 0 cleanup",
                "qmgr      unix  n - n 300 1 qmgr",
                "rewrite   unix  - - n - - trivial-rewrite",
                "bounce    unix  - - n - 0 bounce",
                "defer     unix  - - n - 0 bounce",
                "trace     unix  - - n - 0 bounce",
                "verify    unix  - - n - 1 verify",
                "flush     unix  n - n 1000? 0 flush",
                "proxymap  unix  - - n - - proxymap",
                "smtp      unix  - - n - - smtp",
                "relay     unix  - - n - - smtp",
                "showq     unix  n - n - - showq",
                "error     unix  - - n - - error",
                "retry     unix  - - n - - error",
                "discard   unix  - - n - - discard",
                "lmtp      unix  - - n - - lmtp",
                "anvil     unix  - - n - 1 anvil",
                "scache    unix  - - n - 1 scache",
                "postlog   unix-dgram n - n - 1 postlogd",
                ""));
        return dir;
    }

    private static void run(String command) throws Exception {
        Process process = new ProcessBuilder(List.of(POSTFIX.toString(), "-c", instance.toString(), command))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            String log = Files.exists(instance.resolve("maillog")) ? Files.readString(instance.resolve("maillog")) : "";
            throw new AssertionError("postfix " + command + " failed: " + output + log);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
