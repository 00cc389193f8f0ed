package eu.postdesk.mailets.quoting;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuotedHistoryRulesTest {

    @Test
    void operatorRulesShouldAddToTheDefaults(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("attribution-lines.txt"), "# Dutch webmail\n^.{1,300} heeft geschreven:$\n");
        Files.writeString(folder.resolve("mobile-signatures.txt"), "Verzonden met\n");
        QuotedHistory withOperator = QuotedHistory.withOperatorRules(folder);
        String text = "Dank je.\n\nVerzonden met mijn telefoon\n\nHelpdesk heeft geschreven:\n> Opgelost.\n";

        assertThat(withOperator.newText(text)).isEqualTo("Dank je.");
        assertThat(QuotedHistory.withDefaults().newText(text)).contains("Verzonden met mijn telefoon");
        assertThat(withOperator.newText("Thanks\n\nOn Monday, X <x@y.z> wrote:\n> old")).isEqualTo("Thanks");
    }

    @Test
    void operatorRulesShouldFailWithFileAndLineOnABadExpression(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("attribution-lines.txt"), "# comment\n\n^(unclosed wrote:$\n");

        assertThatThrownBy(() -> QuotedHistory.withOperatorRules(folder))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("attribution-lines.txt:3");
    }

    @Test
    void operatorRulesShouldFailWithFileAndLineOnABadHtmlRule(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("html.txt"), "remove div.x\n");

        assertThatThrownBy(() -> QuotedHistory.withOperatorRules(folder))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("html.txt:1")
                .hasMessageContaining("quote, cut or signature");
    }

    @Test
    void operatorRulesShouldFailOnABadSelector(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("html.txt"), "quote div[[\n");

        assertThatThrownBy(() -> QuotedHistory.withOperatorRules(folder))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("html.txt:1");
    }

    @Test
    void operatorRulesShouldFailOnAnUnknownHeaderLabelKind(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("header-labels.txt"), "sender: Absender\n");

        assertThatThrownBy(() -> QuotedHistory.withOperatorRules(folder))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("header-labels.txt:1");
    }
}
