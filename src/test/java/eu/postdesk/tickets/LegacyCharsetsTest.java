package eu.postdesk.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Mail in the legacy charsets real clients still send reads as its writer wrote it: the body, the
 * subject's encoded words (split mid-character, as old clients do) and the attachment names, both
 * RFC 2231 ({@code filename*0*=}) and encoded words in a quoted name. Each case is written in the
 * charset the client really used and labelled with the name the client really wrote.
 */
class LegacyCharsetsTest {

    @ParameterizedTest(name = "{0} labelled {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ISO-8859-2      | iso-8859-2  | Zażółć gęślą jaźń, proszę o pomoc
            windows-1250    | windows-1250| Příliš žluťoučký kůň – „úpěl“ ďábelské ódy
            windows-1257    | windows-1257| Ąžuolų gatvė – „Rīgas“ iela, Šiauliai
            KOI8-R          | koi8-r      | Съешь же ещё этих мягких французских булок
            windows-31j     | Shift_JIS   | お問い合わせありがとうございます①～
            x-windows-50221 | ISO-2022-JP | ご注文の件について①、ｶﾀｶﾅ
            GB18030         | GB18030     | 您好，我的订单号是多少？𠀀
            GB18030         | gb2312      | 您好，朱镕基的订单
            Big5            | big5        | 您好，請問我的訂單何時出貨？
            windows-1252    | iso-8859-1  | “Grüße” – 10 € … naïve Œuvre
            """)
    void textInTheCharsetTheClientUsedReadsAsWritten(String realCharset, String label, String words) throws Exception {
        Charset charset = Charset.forName(realCharset);
        byte[] bytes = words.getBytes(charset);
        assertThat(new String(bytes, charset)).as("the sample is writable in " + realCharset).isEqualTo(words);
        byte[] name = (words + ".txt").getBytes(charset);
        int half = name.length / 2 + 1; // splits a multi-byte character where there is one
        String mail = """
                From: customer@example.com
                To: support@example.com
                Subject: =?%1$s?B?%2$s?= =?%1$s?B?%3$s?=
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="b"

                --b
                Content-Type: text/plain; charset="%1$s"
                Content-Transfer-Encoding: base64

                %4$s
                --b
                Content-Type: application/octet-stream
                Content-Disposition: attachment;
                 filename*0*=%1$s''%5$s;
                 filename*1*=%6$s

                first
                --b
                Content-Type: application/octet-stream; name="=?%1$s?B?%7$s?="
                Content-Disposition: attachment; filename="=?%1$s?B?%7$s?="

                second
                --b--
                """.formatted(label, base64(Arrays.copyOf(bytes, bytes.length / 2 + 1)),
                base64(Arrays.copyOfRange(bytes, bytes.length / 2 + 1, bytes.length)), base64(bytes),
                percent(Arrays.copyOf(name, half)), percent(Arrays.copyOfRange(name, half, name.length)), base64(name))
                .replace("\n", "\r\n");

        MessageContent content = MessageContent.of(new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(mail.getBytes(StandardCharsets.US_ASCII))));

        assertThat(content.subject()).isEqualTo(words);
        assertThat(content.text()).isEqualTo(words);
        assertThat(content.attachments()).extracting(MessageContent.Attachment::name).containsExactly(words + ".txt", words + ".txt");
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String percent(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append('%').append(String.format("%02X", b & 0xFF));
        }
        return out.toString();
    }
}
