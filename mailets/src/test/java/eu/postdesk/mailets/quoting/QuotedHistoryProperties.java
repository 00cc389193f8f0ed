package eu.postdesk.mailets.quoting;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class QuotedHistoryProperties {

    private final QuotedHistory quotedHistory = QuotedHistory.withDefaults();

    @Property(tries = 200)
    void ownTextIsNeverLost(@ForAll("paragraphs") List<String> lines) {
        String text = String.join("\n", lines);

        assertThat(quotedHistory.newText(text)).isNotEmpty().contains(lines.get(0).strip());
    }

    @Property(tries = 200)
    void quotedHistoryBelowAddsNothing(@ForAll("paragraphs") List<String> own, @ForAll("paragraphs") List<String> old) {
        String answer = String.join("\n", own);
        String quoted = old.stream().map(line -> "> " + line).collect(Collectors.joining("\n"));
        String reply = answer + "\n\nOn Wed, 12 Mar 2025 at 09:30, Helpdesk <support@helpdesk.test> wrote:\n" + quoted;

        assertThat(quotedHistory.newText(reply)).isEqualTo(quotedHistory.newText(answer));
    }

    @Property(tries = 200)
    void anyInputIsHandled(@ForAll String anything) {
        assertThat(quotedHistory.newText(anything)).isNotNull();
        assertThat(quotedHistory.newTextFromHtml(anything)).isNotNull();
    }

    @Provide
    Arbitrary<List<String>> paragraphs() {
        Arbitrary<String> word = Arbitraries.strings().withCharRange('a', 'z').withChars('ä', 'ł', 'ø', 'ā').ofMinLength(1).ofMaxLength(10);
        Arbitrary<String> line = word.list().ofMinSize(1).ofMaxSize(8).map(words -> String.join(" ", words));
        return line.list().ofMinSize(1).ofMaxSize(6);
    }
}
