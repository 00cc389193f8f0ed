package eu.postdesk.mailets.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class EncodedWordsTest {

    @Test
    void aShiftJisCharacterSplitAcrossTwoWordsIsJoinedBeforeDecoding() {
        byte[] bytes = "お問い合わせ".getBytes(Charset.forName("Shift_JIS"));
        String header = "=?shift_jis?B?" + Base64.getEncoder().encodeToString(Arrays.copyOf(bytes, 3)) + "?=\r\n =?SHIFT_JIS?B?"
                + Base64.getEncoder().encodeToString(Arrays.copyOfRange(bytes, 3, bytes.length)) + "?=";
        assertThat(EncodedWords.decode(header)).isEqualTo("お問い合わせ");
    }

    @Test
    void aMislabelledLatin1WordIsReadAsWindows1252() {
        assertThat(EncodedWords.decode("Re: =?iso-8859-1?Q?=93Gr=FC=DFe=94_=96_10_=80?= ok")).isEqualTo("Re: “Grüße” – 10 € ok");
    }

    @Test
    void wordsInDifferentCharsetsAndPlainTextBetweenThemKeepTheirSpaces() {
        assertThat(EncodedWords.decode("=?koi8-r?B?8NLJ18XU?= and =?iso-8859-2?Q?=BF=F3=B3w?= end"))
                .isEqualTo("Привет and żółw end");
    }

    @Test
    void aWordThatCannotBeDecodedStaysAsWritten() {
        assertThat(EncodedWords.decode("=?utf-8?X?abc?= x")).isEqualTo("=?utf-8?X?abc?= x");
    }

    @Test
    void anRfc2231NameInALegacyCharsetIsDecoded() {
        assertThat(FileNames.parameter("attachment; filename*=windows-1250'cs'P%F8%EDli%9A.txt", "filename")).isEqualTo("Příliš.txt");
        assertThat(FileNames.parameter("attachment; filename=\"plain name.pdf\"; size=3", "filename")).isEqualTo("plain name.pdf");
    }
}
