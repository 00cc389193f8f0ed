package eu.postdesk.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import eu.postdesk.PostdeskProperties;
import eu.postdesk.RunningPostdesk;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every copy knows its end: after the public acceptance messages with secrets have run through the
 * server, filed, quarantined (the copy an operator may retry), dropped as noise and delivered
 * twice, no byte of the whole data directory (spool, sealed originals, attachments, outbox and
 * every other row of the database, temporary files) holds any of their secrets in clear.
 */
class NoClearCopiesTest extends RunningPostdesk {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    private PostdeskProperties properties;

    /** The built-in chain, with one rule in front that sends a message marked by the test to the error processor (quarantine). */
    @DynamicPropertySource
    static void chainThatQuarantinesOnRequest(DynamicPropertyRegistry registry) throws IOException {
        String chain;
        try (InputStream in = NoClearCopiesTest.class.getResourceAsStream("/conf/mailetcontainer.xml")) {
            chain = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String rule = """
                <processor state="root">
                            <mailet match="HasHeader=X-Test-Quarantine" class="ToProcessor">
                                <processor>error</processor>
                            </mailet>""";
        assertThat(chain).contains("<processor state=\"root\">");
        Path file = Files.createTempFile("postdesk-chain-", ".xml");
        Files.writeString(file, chain.replace("<processor state=\"root\">", rule));
        registry.add("postdesk.pipeline.chain", file::toString);
    }

    @Test
    void noSecretOfTheCorpusIsLeftInClearAnywhereInTheDataDirectory() throws Exception {
        JsonNode expectations = JSON.readTree(resource("/secrets/expectations.json"));
        List<String> secrets = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : expectations.properties()) {
            entry.getValue().get("redacted").forEach(secret -> secrets.add(secret.asString()));
        }
        assertThat(secrets).isNotEmpty();
        int quarantinedBefore = count("quarantine");
        int droppedBefore = count("dropped");
        int duplicatesBefore = jdbc.queryForObject("select count(*) from spool where outcome = 'duplicate'", Integer.class);

        String first = null;
        for (String name : expectations.propertyNames()) {
            deliver("sender@acceptance.test", SUPPORT, resource("/secrets/" + name));
            first = first == null ? name : first;
        }
        String everySecret = String.join("\r\n", secrets);
        deliver("sender@acceptance.test", SUPPORT, mail("sender@acceptance.test", "Please look at this", everySecret, "X-Test-Quarantine: yes"));
        deliver("sender@acceptance.test", SUPPORT, mail("sender@acceptance.test", "Out of office", everySecret, "Auto-Submitted: auto-replied"));
        // the same message again, its bytes changed in front so that the spool takes it: filing finds the duplicate
        byte[] again = resource("/secrets/" + first);
        deliver("sender@acceptance.test", SUPPORT, concat("X-Resent: once more\r\n".getBytes(StandardCharsets.US_ASCII), again));

        awaitSpoolSettled();
        eventually("every outgoing mail delivered", () -> jdbc.queryForObject("select count(*) from outbox where status <> 'sent'", Integer.class) == 0);
        assertThat(count("quarantine")).as("the marked message is quarantined").isEqualTo(quarantinedBefore + 1);
        assertThat(count("dropped")).as("the auto-reply is dropped").isEqualTo(droppedBefore + 1);
        assertThat(jdbc.queryForObject("select count(*) from spool where outcome = 'duplicate'", Integer.class))
                .as("the repeated message is a duplicate").isEqualTo(duplicatesBefore + 1);
        assertThat(jdbc.queryForObject("select count(*) from outbox where raw is not null", Integer.class))
                .as("delivered mail keeps no body").isZero();

        List<String> found = new ArrayList<>();
        Path data = properties.getDataDir();
        try (Stream<Path> files = Files.walk(data)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(file);
                for (String secret : secrets) {
                    if (indexOf(bytes, secret.getBytes(StandardCharsets.UTF_8)) >= 0) {
                        // never the value itself in the failure: it is a secret of the corpus
                        found.add(data.relativize(file) + " holds a redacted value of " + secret.length() + " chars starting "
                                + secret.substring(0, Math.min(3, secret.length())));
                    }
                }
            }
        }
        assertThat(found).isEmpty();
    }

    private int count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Integer.class);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
