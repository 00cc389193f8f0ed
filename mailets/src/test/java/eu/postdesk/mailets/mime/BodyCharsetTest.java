package eu.postdesk.mailets.mime;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class BodyCharsetTest {
    private static final String POLISH = "Dzień dobry, moje hasło: Tajne!2024xyz";

    @Test
    void undeclaredValidUtf8IsReadAsUtf8() {
        assertThat(BodyCharset.decode(null, POLISH.getBytes(StandardCharsets.UTF_8))).isEqualTo(POLISH);
    }

    @Test
    void undeclaredEightBitThatIsNotUtf8IsReadAsWindows1252() {
        byte[] bytes = "Grüße – “Köln”".getBytes(Charset.forName("windows-1252"));
        assertThat(BodyCharset.forContentType("text/plain", bytes)).isEqualTo(BodyCharset.WINDOWS_1252);
        assertThat(BodyCharset.decode("text/plain", bytes)).isEqualTo("Grüße – “Köln”");
    }

    @Test
    void aDeclaredUsAsciiThatIsNotAsciiIsReadAsWhatTheBytesAre() {
        assertThat(BodyCharset.decode("text/plain; charset=us-ascii", POLISH.getBytes(StandardCharsets.UTF_8))).isEqualTo(POLISH);
        assertThat(BodyCharset.decode("text/plain; charset=\"US-ASCII\"", "Grüße".getBytes(StandardCharsets.ISO_8859_1))).isEqualTo("Grüße");
    }

    @Test
    void anUnknownCharsetIsReadAsWhatTheBytesAre() {
        assertThat(BodyCharset.decode("text/plain; charset=x-no-such-charset", POLISH.getBytes(StandardCharsets.UTF_8))).isEqualTo(POLISH);
    }

    @Test
    void aDeclaredCharsetIsBelieved() {
        byte[] latin2 = "Dzień".getBytes(Charset.forName("ISO-8859-2"));
        assertThat(BodyCharset.decode("text/plain; charset=iso-8859-2", latin2)).isEqualTo("Dzień");
        assertThat(BodyCharset.forContentType("text/plain; charset=utf-8", "abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void plainAsciiStaysAscii() {
        assertThat(BodyCharset.forContentType(null, "hello".getBytes(StandardCharsets.US_ASCII))).isEqualTo(StandardCharsets.US_ASCII);
    }

    @Test
    void utf8IsCheckedAsTheStandardDefinesIt() {
        assertThat(BodyCharset.isUtf8("Dzień 😀 ķ".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(BodyCharset.isUtf8(new byte[] {(byte) 0xC0, (byte) 0xAF})).as("overlong /").isFalse();
        assertThat(BodyCharset.isUtf8(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})).as("surrogate").isFalse();
        assertThat(BodyCharset.isUtf8(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80})).as("above U+10FFFF").isFalse();
        assertThat(BodyCharset.isUtf8(new byte[] {'a', (byte) 0xE2, (byte) 0x82})).as("cut short by a bounded read").isTrue();
        assertThat(BodyCharset.isUtf8(new byte[] {(byte) 0xE2, 'a'})).as("broken sequence").isFalse();
        assertThat(BodyCharset.isUtf8(new byte[] {(byte) 0xE9, 't', 'e'})).as("Latin-1 é").isFalse();
    }

    @Test
    void aRewrittenUndeclaredUtf8BodyReadsTheSameAndSaysItsCharset() throws Exception {
        byte[] raw = ("From: a@example.test\r\nSubject: x\r\n\r\n" + POLISH + " https://x.example/?utm_source=y\r\n")
                .getBytes(StandardCharsets.UTF_8);
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));

        boolean changed = new TextParts(1 << 20).rewrite(message, false, (text, html, charset) -> text.replace("?utm_source=y", ""));

        assertThat(changed).isTrue();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        MimeMessage reread = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(out.toByteArray()));
        assertThat(reread.getContentType()).containsIgnoringCase("charset=UTF-8");
        assertThat((String) reread.getContent()).contains(POLISH + " https://x.example/");
    }
}
