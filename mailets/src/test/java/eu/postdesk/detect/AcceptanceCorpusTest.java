package eu.postdesk.detect;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.tika.Tika;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The public acceptance cases with secrets and identifiers: every value a case lists as redacted is
 * covered by a finding, and no look-alike it lists as kept touches one. The text is what the
 * redaction mailet will see: decoded bodies, the subject, and attachment text extracted by Tika.
 */
class AcceptanceCorpusTest {
    private static final SensitiveDataScanner SCANNER = SensitiveDataScanner.standard();
    private static final Tika TIKA = new Tika();

    @ParameterizedTest
    @ValueSource(strings = {
            "006-da-adgangskode-anydesk", "007-en-github-pat-aws-slack", "008-lv-parole-postgres-basicauth",
            "009-fi-salasana-ec-key-stripe-jwt", "010-pl-pesel-iban", "011-sv-personnummer-dk-cpr",
            "012-us-ssn-card-fi-lv-ids", "013-de-txt-passwort-and-png", "014-sv-forwarded-eml-slack-token",
            "015-en-pdf-card-and-harmless-docx", "016-pl-docx-haslo-csv-jpeg-gps", "030-zip-exe-and-encrypted-zip"})
    void scannerShouldFindEveryRedactedValueAndLeaveEveryLookAlike(String caseName) throws Exception {
        String json = resource(caseName + "/case.json");
        List<String> texts = new ArrayList<>();
        try (InputStream eml = getClass().getResourceAsStream("/acceptance/" + caseName + "/01.eml")) {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), eml);
            texts.add(message.getSubject());
            collect(message, texts);
        }

        List<String> redacted = stringsOf(json, "redacted");
        List<String> kept = stringsOf(json, "kept");
        assertThat(redacted).isNotEmpty();
        int seen = 0;
        for (String text : texts) {
            List<Finding> findings = SCANNER.scan(text);
            for (String value : redacted) {
                for (int at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
                    seen++;
                    assertThat(covered(findings, at, at + value.length()))
                            .as("%s: the redacted value at %d of a %d-character text is covered", caseName, at,
                                    text.length())
                            .isTrue();
                }
            }
            for (String value : kept) {
                for (int at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
                    int start = at;
                    assertThat(findings)
                            .as("%s: kept look-alike '%s' stays untouched", caseName, value)
                            .noneMatch(f -> f.start() < start + value.length() && start < f.end());
                }
            }
        }
        assertThat(seen).as("%s: every redacted value occurs in the extracted text", caseName)
                .isGreaterThanOrEqualTo(redacted.size());
    }

    private static boolean covered(List<Finding> findings, int start, int end) {
        return findings.stream().anyMatch(f -> f.start() <= start && end <= f.end());
    }

    private static void collect(Part part, List<String> texts) throws Exception {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collect(child, texts);
            }
        } else if (part.isMimeType("message/rfc822")) {
            MimeMessage inner = new MimeMessage(Session.getInstance(new Properties()), part.getInputStream());
            texts.add(inner.getSubject());
            collect(inner, texts);
        } else if (part.isMimeType("text/*")) {
            texts.add(part.getContent().toString());
        } else if (!part.isMimeType("image/*")) {
            try (InputStream in = part.getInputStream()) {
                texts.add(TIKA.parseToString(in));
            } catch (Exception unreadable) {
                // Encrypted archives and executables have no text to scan; the mailet quarantines them.
            }
        }
    }

    private static List<String> stringsOf(String json, String key) {
        Matcher array = Pattern.compile("\"" + key + "\"\\s*:\\s*\\[(.*?)\\]", Pattern.DOTALL).matcher(json);
        List<String> values = new ArrayList<>();
        if (array.find()) {
            Matcher string = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(array.group(1));
            while (string.find()) {
                values.add(string.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
            }
        }
        return values;
    }

    private String resource(String name) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/acceptance/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
