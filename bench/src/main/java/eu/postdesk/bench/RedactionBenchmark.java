package eu.postdesk.bench;

import eu.postdesk.mailets.redaction.RedactSensitiveData;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Cost of the RedactSensitiveData mailet per message, parsing included: a text-only mail, a mail
 * with a PDF and a .docx, and one with a .docx, a CSV and a JPEG (acceptance cases 002, 015, 016).
 * Measures the walk, Tika detection and extraction and the masking with the standard scanner.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RedactionBenchmark {
    @Param({"redaction-002.eml", "redaction-015.eml", "redaction-016.eml"})
    public String message;

    private byte[] raw;
    private RedactSensitiveData mailet;
    private Session session;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        try (InputStream in = RedactionBenchmark.class.getResourceAsStream("/bench/" + message)) {
            raw = in.readAllBytes();
        }
        session = Session.getDefaultInstance(new Properties());
        mailet = new RedactSensitiveData();
        mailet.init(FakeMailetConfig.builder().mailetName("RedactSensitiveData").build());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        mailet.destroy();
    }

    @Benchmark
    public FakeMail redact() throws Exception {
        FakeMail mail = FakeMail.builder().name("bench").mimeMessage(new MimeMessage(session, new ByteArrayInputStream(raw))).build();
        mailet.service(mail);
        return mail;
    }
}
