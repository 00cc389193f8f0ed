package eu.postdesk.bench;

import eu.postdesk.mailets.tracking.HtmlTrackers;
import eu.postdesk.mailets.tracking.RecipientAddresses;
import eu.postdesk.mailets.tracking.Removals;
import eu.postdesk.mailets.tracking.StripTracking;
import eu.postdesk.mailets.tracking.TrackerRules;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Tracking removal on realistic newsletters (50-200 KB of ESP-style HTML, 120-700 links), against jsoup
 * parsing alone on the same input, the ceiling for a jsoup-based design. Throughput in operations per
 * second; MB/s is that times the newsletter's size (docs/benchmarks.md, "Tracking removal").
 *
 * <ul>
 *   <li>{@code parseOnly}: jsoup parses the HTML.</li>
 *   <li>{@code stripHtml}: {@link HtmlTrackers} parses, walks once, and serialises when it removed something.</li>
 *   <li>{@code stripTrackingMailet}: the whole mailet on a multipart/alternative message (text + HTML,
 *       quoted-printable): MIME parsing, decoding, both bodies, re-encoding.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class StripTrackingBenchmark {
    @Param({"retail", "saas", "news"})
    public String newsletter;

    private String html;
    private byte[] message;
    private HtmlTrackers trackers;
    private StripTracking mailet;
    private final Session session = Session.getInstance(new Properties());

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        try (InputStream in = StripTrackingBenchmark.class.getResourceAsStream("/newsletters/" + newsletter + ".html")) {
            html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        trackers = new HtmlTrackers(TrackerRules.defaults(), RecipientAddresses.of(List.of("support@helpdesk.test")));
        mailet = new StripTracking();
        mailet.init(FakeMailetConfig.builder().mailetName("StripTracking").build());
        message = mimeMessage(html);
        System.out.printf("%n%s: %d bytes of HTML, %d bytes of message%n", newsletter, html.getBytes(StandardCharsets.UTF_8).length, message.length);
    }

    @Benchmark
    public Document parseOnly() {
        return Parser.htmlParser().parseInput(html, "");
    }

    @Benchmark
    public String stripHtml() {
        return trackers.strip(html, StandardCharsets.UTF_8, new Removals());
    }

    @Benchmark
    public MimeMessage stripTrackingMailet() throws Exception {
        MimeMessage parsed = new MimeMessage(session, new ByteArrayInputStream(message));
        FakeMail mail = FakeMail.builder().name("bench").mimeMessage(parsed).recipient("support@helpdesk.test").build();
        mailet.service(mail);
        return mail.getMessage();
    }

    private static byte[] mimeMessage(String html) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom("news@shop.example");
        message.setSubject("Weekly");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(Parser.htmlParser().parseInput(html, "").text(), "utf-8");
        MimeBodyPart rich = new MimeBodyPart();
        rich.setContent(html, "text/html; charset=utf-8");
        rich.setHeader("Content-Transfer-Encoding", "quoted-printable");
        message.setContent(new MimeMultipart("alternative", text, rich));
        message.saveChanges();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

}
