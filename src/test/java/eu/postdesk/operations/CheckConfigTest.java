package eu.postdesk.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/postdesk check-config}: the server built as it would start, against a throwaway
 * database; the shipped chain passes, and a bad chain or property fails with its file, line and problem.
 */
class CheckConfigTest {
    @TempDir
    Path folder;

    private record Verdict(int exit, String out, String err) {
    }

    private Verdict check(String... arguments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of(arguments));
        args.add("--postdesk.support-addresses=support@check.example");
        int exit = CheckConfig.check(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Verdict(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path shippedChainWith(String from, String to) throws Exception {
        String shipped = Files.readString(Path.of("../conf/mailetcontainer.xml"));
        assertThat(shipped).contains(from);
        Path file = folder.resolve("mailetcontainer.xml");
        Files.writeString(file, shipped.replace(from, to));
        return file;
    }

    @Test
    void theShippedChainAndTheDefaultPropertiesPass() throws Exception {
        Verdict verdict = check("--postdesk.conf-dir=" + Path.of("../conf").toAbsolutePath().normalize());
        assertThat(verdict.exit()).as(verdict.err()).isZero();
        assertThat(verdict.out()).contains("configuration OK").contains("mailetcontainer.xml");
    }

    @Test
    void aMisspelledMailetFailsWithTheFileTheLineAndTheProblem() throws Exception {
        Path chain = shippedChainWith("class=\"StripTracking\"", "class=\"StripTrakcing\"");
        int line = lineOf(chain, "StripTrakcing");
        Verdict verdict = check("--postdesk.pipeline.chain=" + chain);
        assertThat(verdict.exit()).isEqualTo(1);
        assertThat(verdict.err()).contains(chain.toString()).contains("line " + line).contains("unknown mailet 'StripTrakcing'");
    }

    @Test
    void aChainThatIsNotXmlFailsWithItsLine() throws Exception {
        Path chain = shippedChainWith("<processor state=\"agent-answer\">", "<processor state=\"agent-answer\"");
        Verdict verdict = check("--postdesk.pipeline.chain=" + chain);
        assertThat(verdict.exit()).isEqualTo(1);
        assertThat(verdict.err()).contains(chain.toString()).containsPattern("line \\d+");
    }

    @Test
    void aBadPropertyFailsNamingTheProperty() {
        Verdict verdict = check("--postdesk.pipeline.workers=0");
        assertThat(verdict.exit()).isEqualTo(1);
        assertThat(verdict.err()).contains("postdesk.pipeline.workers must be at least 1");
    }

    @Test
    void aPortOutOfRangeFailsThoughTheCheckListensElsewhere() {
        Verdict verdict = check("--postdesk.smtp.port=70000");
        assertThat(verdict.exit()).isEqualTo(1);
        assertThat(verdict.err()).contains("postdesk.smtp.port must be between 0 and 65535, got '70000'");
    }

    private static int lineOf(Path file, String text) throws Exception {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }
}
