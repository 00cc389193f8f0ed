package eu.postdesk.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeywordsTest {

    @Test
    void defaultsShouldHoldEveryLanguageOfTheIssue() {
        Keywords keywords = Keywords.defaults();
        assertThat(keywords.count(Keywords.Group.PASSWORD)).isGreaterThanOrEqualTo(15);
        assertThat(keywords.count(Keywords.Group.LINK)).isGreaterThanOrEqualTo(8);
        assertThat(keywords.count(Keywords.Group.SECRET)).isGreaterThanOrEqualTo(10);
    }

    @Test
    void ofShouldNameFileAndLineOfAnUnknownGroup() {
        assertThatThrownBy(() -> Keywords.of("extra.txt", "password secret\nlink is\n\npasword geslo\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("extra.txt line 4")
                .hasMessageContaining("unknown group 'pasword'");
    }

    @Test
    void ofShouldRejectDuplicatesAndPhrasesWithoutText() {
        assertThatThrownBy(() -> Keywords.of("k.txt", "password geslo\nlink is\npassword GESLO\n"))
                .hasMessageContaining("k.txt line 3").hasMessageContaining("twice");
        assertThatThrownBy(() -> Keywords.of("k.txt", "password\n"))
                .hasMessageContaining("k.txt line 1");
        assertThatThrownBy(() -> Keywords.of("k.txt", "link is\n"))
                .hasMessageContaining("no 'password'");
    }

    @Test
    void operatorAdditionsShouldExtendTheScanner(@TempDir Path dir) throws Exception {
        Path extra = dir.resolve("keywords.txt");
        Files.writeString(extra, "# Slovenian\npassword geslo\n");
        assertThat(Found.by(SensitiveDataScanner.standard(), "geslo: Triglav#2864")).isEmpty();
        assertThat(Found.by(SensitiveDataScanner.standard(extra), "geslo: Triglav#2864"))
                .containsExactly("PASSWORD Triglav#2864");
    }
}
