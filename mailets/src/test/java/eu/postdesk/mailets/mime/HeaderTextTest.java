package eu.postdesk.mailets.mime;

import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class HeaderTextTest {

    @Test
    void oneLineTurnsEveryBreakAndControlIntoOneSpace() {
        assertThat(HeaderText.oneLine("a.pdf\r\nBcc: x@example.test\u2028\u0085\u0000b")).isEqualTo("a.pdf Bcc: x@example.test b");
        assertThat(HeaderText.oneLine(null)).isEmpty();
    }

    @Test
    void eightBitRepairedReadsRawHeaderBytesByTheBodysRule() {
        String rawUtf8 = new String("Rēķins".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        String rawWindows1252 = new String("“Köln”".getBytes(Charset.forName("windows-1252")), StandardCharsets.ISO_8859_1);

        assertThat(HeaderText.eightBitRepaired(rawUtf8)).isEqualTo("Rēķins");
        assertThat(HeaderText.eightBitRepaired(rawWindows1252)).isEqualTo("“Köln”");
        assertThat(HeaderText.eightBitRepaired("already Łódź")).isEqualTo("already Łódź");
        assertThat(HeaderText.eightBitRepaired("plain")).isEqualTo("plain");
    }
}
