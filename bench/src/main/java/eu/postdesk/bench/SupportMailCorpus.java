package eu.postdesk.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Deterministic, realistic support-mail text in eight languages for the detector benchmark: "mixed"
 * (ordinary mail with its order numbers, dates, phones, versions, SHAs, UUIDs and rare secrets),
 * "dense" (a planted secret or identifier in every paragraph) and "recall" (each planted secret
 * once, listed with its offsets, to compare which tools find what). Run {@link #main} to write
 * the files that the secretlint comparison reads.
 */
public final class SupportMailCorpus {
    /** A value planted in the text; {@code shared} when secretlint's recommended preset is meant to find it too. */
    public record Planted(String kind, String value, boolean shared) {
    }

    private static final String[] PARAGRAPHS = {
            "Hi team,\nour export to the accounting system stopped working after the update to v%V. The job log says "
                    + "\"connection reset\" at %D. Order #%O is stuck as well. Could you have a look? You can reach me "
                    + "on %P.\n",
            "Dzień dobry,\nod wczoraj nie działa logowanie do panelu. Numer zamówienia %O, faktura FV/%Y/03/%S. "
                    + "Proszę o kontakt pod numerem %P. Wersja aplikacji %V, commit %H.\n",
            "Hej,\nvores bogføringsprogram viser en fejl ved opstart siden %D. Sagsnr. MV-%S. Ring gerne på %P. "
                    + "Fejlkoden er 0x80070005 og versionen er %V.\n",
            "Labdien,\nmūsu e-veikala administrēšanas panelis neielādējas. Pasūtījuma numurs %O, rēķins %S/%Y. "
                    + "Versija %V. Tālrunis %P.\n",
            "Hallo,\nseit dem Update auf Version %V nimmt das Buchungssystem keine Buchungen mehr an. Rechnung "
                    + "RE-%Y-%S, Sendungsnummer 1Z999AA1%S%S. Erreichbar unter %P.\n",
            "Hej,\nvi får inte skrivaren att fungera efter uppdateringen %D. Ordernummer %O, ärende %S. Ring mig på "
                    + "%P. Referens %U.\n",
            "Moi,\nmaksurajapinta palauttaa virheen 401 testeissä. Build %V, pyyntötunniste %U, tilaus %O. "
                    + "Puhelin %P.\n",
            "Hei,\nvi har problemer med fakturaeksporten siden %D. Ordrenummer %O, versjon %V. Ring meg på %P.\n",
            "> On %D, support@example.com wrote:\n> Thank you for your message. Your ticket number is %S.\n"
                    + "> Please keep the reference [#%S] in the subject.\n",
            "Best regards\nJane Doe\nOperations | Example Ltd\nhttps://portal.example.com/tickets/%S?ref=mail\n"
                    + "Tel. %P\n",
    };

    private final Random random;
    private final List<Planted> planted = new ArrayList<>();

    public SupportMailCorpus(long seed) {
        this.random = new Random(seed);
    }

    /** Ordinary mail: one planted value per {@code secretEvery} paragraphs. */
    public String text(int chars, int secretEvery) {
        StringBuilder out = new StringBuilder(chars + 1024);
        int paragraph = 0;
        while (out.length() < chars) {
            out.append(fill(PARAGRAPHS[random.nextInt(PARAGRAPHS.length)])).append('\n');
            if (++paragraph % secretEvery == 0) {
                Planted value = plant();
                out.append(context(value)).append(value.value()).append("\n\n");
            }
        }
        return out.toString();
    }

    /** Each kind of planted secret once per line; {@code into} receives them in order. */
    public String recall(int rounds, List<int[]> offsets, List<Planted> into) {
        StringBuilder out = new StringBuilder();
        for (int round = 0; round < rounds; round++) {
            for (Planted value : secretsOfEveryKind()) {
                out.append(context(value));
                offsets.add(new int[]{out.length(), out.length() + value.value().length()});
                out.append(value.value()).append("\n\n");
                into.add(value);
            }
        }
        return out.toString();
    }

    private String context(Planted value) {
        return switch (value.kind()) {
            case "AWS_SECRET_KEY" -> "AWS_SECRET_ACCESS_KEY=";
            case "PASSWORD" -> "password: ";
            case "PESEL" -> "PESEL: ";
            case "CPR" -> "CPR ";
            case "curl-basic-auth" -> "curl -u deploy:";
            default -> "Here is what we use: ";
        };
    }

    private Planted plant() {
        List<Planted> all = secretsOfEveryKind();
        all.addAll(identifiers());
        return all.get(random.nextInt(all.size()));
    }

    private List<Planted> secretsOfEveryKind() {
        List<Planted> values = new ArrayList<>();
        // secretlint's AWS rule reports access key IDs only with enableIDScanRule, off in the preset.
        values.add(new Planted("AWS_ACCESS_KEY", "AKIA" + chars(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"), false));
        values.add(new Planted("AWS_SECRET_KEY", chars(40, BASE64), true));
        values.add(new Planted("GITHUB_TOKEN", "ghp_" + chars(36, ALNUM), true));
        values.add(new Planted("GITHUB_TOKEN", "github_pat_" + chars(22, ALNUM) + "_" + chars(59, ALNUM), true));
        values.add(new Planted("SLACK_TOKEN", "xoxb-" + digits(12) + "-" + digits(13) + "-" + chars(24, ALNUM), true));
        values.add(new Planted("SLACK_TOKEN", "xoxp-" + digits(12) + "-" + digits(12) + "-" + digits(13) + "-"
                + chars(32, HEX), true));
        values.add(new Planted("SLACK_WEBHOOK", "https://hooks.slack.com/services/T" + chars(8, UPPER_DIGIT) + "/B"
                + chars(10, UPPER_DIGIT) + "/" + chars(24, ALNUM), true));
        values.add(new Planted("SENDGRID_KEY", "SG." + chars(22, ALNUM) + "." + chars(43, ALNUM), true));
        values.add(new Planted("NPM_TOKEN", "npm_" + chars(36, ALNUM), true));
        values.add(new Planted("OPENAI_KEY", "sk-" + chars(20, ALNUM) + "T3BlbkFJ" + chars(20, ALNUM), true));
        values.add(new Planted("OPENAI_KEY", "sk-proj-" + chars(74, ALNUM) + "T3BlbkFJ" + chars(74, ALNUM), true));
        values.add(new Planted("SHOPIFY_TOKEN", "shpat_" + chars(32, HEX), true));
        values.add(new Planted("LINEAR_KEY", "lin_api_" + chars(40, ALNUM), true));
        values.add(new Planted("PRIVATE_KEY", "-----BEGIN RSA PRIVATE KEY-----\n" + chars(64, BASE64) + "\n"
                + chars(64, BASE64) + "\n" + chars(24, BASE64) + "==\n-----END RSA PRIVATE KEY-----", true));
        values.add(new Planted("URL_PASSWORD", "https://deploy:" + chars(14, ALNUM) + "@staging.example.com/", true));
        values.add(new Planted("STRIPE_KEY", "sk_live_" + chars(24, ALNUM), false));
        values.add(new Planted("GITLAB_TOKEN", "glpat-" + chars(20, ALNUM), false));
        values.add(new Planted("GOOGLE_API_KEY", "AIza" + chars(35, ALNUM), false));
        values.add(new Planted("ANTHROPIC_KEY", "sk-ant-api03-" + chars(93, ALNUM) + "AA", false));
        values.add(new Planted("JWT", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI" + chars(40, ALNUM) + "In0."
                + chars(43, ALNUM), false));
        values.add(new Planted("CONNECTION_STRING", "postgres://shop:" + chars(14, ALNUM) + "@db.example.com:5432/shop",
                false));
        values.add(new Planted("PASSWORD", chars(6, ALNUM) + "." + digits(4) + "#", false));
        values.addAll(longTail());
        return values;
    }

    /** Provider tokens of the long tail (conf/redaction/postdesk-secrets.toml), in each provider's published shape. */
    private List<Planted> longTail() {
        String lower = "abcdefghijklmnopqrstuvwxyz";
        String letters = lower + lower.toUpperCase(java.util.Locale.ROOT);
        List<Planted> values = new ArrayList<>();
        values.add(new Planted("gitlab-deploy-token", "gldt-" + chars(20, ALNUM), false));
        values.add(new Planted("gitlab-runner-token", "glrt-" + chars(20, ALNUM), false));
        values.add(new Planted("digitalocean-pat", "dop_v1_" + chars(64, HEX), false));
        values.add(new Planted("heroku-api-key", "HRKU-AA" + chars(58, ALNUM), false));
        values.add(new Planted("flyio-token", "fo1_" + chars(43, ALNUM), false));
        values.add(new Planted("planetscale-api-token", "pscale_tkn_" + chars(43, ALNUM), false));
        values.add(new Planted("doppler-token", "dp.pt." + chars(43, ALNUM), false));
        values.add(new Planted("atlassian-api-token", "ATATT3" + chars(186, ALNUM), false));
        values.add(new Planted("sonarqube-token", "squ_" + chars(40, HEX), false));
        values.add(new Planted("notion-api-token", "ntn_" + digits(11) + chars(35, ALNUM), false));
        values.add(new Planted("mailgun-api-key", "key-" + chars(32, HEX), false));
        values.add(new Planted("brevo-api-key", "xkeysib-" + chars(64, HEX) + "-" + chars(16, ALNUM), false));
        values.add(new Planted("sentry-user-token", "sntryu_" + chars(64, HEX), false));
        values.add(new Planted("grafana-service-account-token", "glsa_" + chars(32, ALNUM) + "_" + chars(8, HEX), false));
        values.add(new Planted("newrelic-user-api-key", "NRAK-" + chars(27, UPPER_DIGIT), false));
        values.add(new Planted("dynatrace-api-token", "dt0c01." + chars(24, UPPER_DIGIT) + "." + chars(64, UPPER_DIGIT), false));
        values.add(new Planted("databricks-api-token", "dapi" + chars(32, HEX), false));
        values.add(new Planted("vault-service-token", "hvs." + chars(95, ALNUM), false));
        values.add(new Planted("huggingface-token", "hf_" + chars(34, letters), false));
        values.add(new Planted("perplexity-api-key", "pplx-" + chars(48, ALNUM), false));
        values.add(new Planted("azure-ad-client-secret", chars(3, ALNUM) + "8Q~" + chars(34, ALNUM), false));
        values.add(new Planted("1password-secret-key", "A3-" + chars(6, UPPER_DIGIT) + "-" + chars(11, UPPER_DIGIT) + "-"
                + chars(5, UPPER_DIGIT) + "-" + chars(5, UPPER_DIGIT) + "-" + chars(5, UPPER_DIGIT), false));
        values.add(new Planted("alibaba-access-key-id", "LTAI" + chars(20, ALNUM), false));
        values.add(new Planted("curl-basic-auth", chars(8, ALNUM) + "!" + digits(3), false));
        return values;
    }

    private List<Planted> identifiers() {
        List<Planted> values = new ArrayList<>();
        String card = "4" + digits(14);
        values.add(new Planted("CARD", card + luhn(card), false));
        values.add(new Planted("PESEL", pesel(), false));
        values.add(new Planted("CPR", "070761-4285", false));
        values.add(new Planted("IBAN", "PL61 1090 1014 0000 0712 1981 2874", false));
        values.add(new Planted("PERSONNUMMER", "811218-9876", false));
        values.add(new Planted("HENKILOTUNNUS", "131052-308T", false));
        return values;
    }

    private String pesel() {
        String body = String.format("%02d%02d%02d", random.nextInt(100), 1 + random.nextInt(12), 1 + random.nextInt(28))
                + digits(4);
        int[] weights = {1, 3, 7, 9, 1, 3, 7, 9, 1, 3};
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += (body.charAt(i) - '0') * weights[i];
        }
        return body + (10 - sum % 10) % 10;
    }

    private static int luhn(String body) {
        for (int c = 0; c < 10; c++) {
            String card = body + c;
            int sum = 0;
            for (int i = 0; i < card.length(); i++) {
                int d = card.charAt(card.length() - 1 - i) - '0';
                if (i % 2 == 1) {
                    d = d * 2 > 9 ? d * 2 - 9 : d * 2;
                }
                sum += d;
            }
            if (sum % 10 == 0) {
                return c;
            }
        }
        throw new IllegalStateException();
    }

    private String fill(String template) {
        StringBuilder out = new StringBuilder(template.length() + 64);
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c != '%' || i + 1 >= template.length()) {
                out.append(c);
                continue;
            }
            char code = template.charAt(++i);
            out.append(switch (code) {
                case 'V' -> (1 + random.nextInt(9)) + "." + random.nextInt(20) + "." + random.nextInt(10);
                case 'D' -> String.format("2025-%02d-%02d %02d:%02d", 1 + random.nextInt(12), 1 + random.nextInt(28),
                        random.nextInt(24), random.nextInt(60));
                case 'O' -> String.valueOf(100000 + random.nextInt(900000));
                case 'P' -> random.nextBoolean() ? "+48 " + digits(3) + " " + digits(3) + " " + digits(3)
                        : "+45 " + digits(2) + " " + digits(2) + " " + digits(2) + " " + digits(2);
                case 'Y' -> String.valueOf(2020 + random.nextInt(6));
                case 'S' -> String.valueOf(1000 + random.nextInt(9000));
                case 'H' -> chars(40, "0123456789abcdef");
                case 'U' -> chars(8, HEX) + "-" + chars(4, HEX) + "-4" + chars(3, HEX) + "-a" + chars(3, HEX) + "-"
                        + chars(12, HEX);
                default -> "%" + code;
            });
        }
        return out.toString();
    }

    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String BASE64 = ALNUM + "+/";
    private static final String HEX = "0123456789abcdef";
    private static final String UPPER_DIGIT = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private String chars(int length, String alphabet) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private String digits(int length) {
        return chars(length, "0123456789");
    }

    /** Writes mixed.txt, dense.txt, recall.txt and recall.tsv (kind, start, end, shared) into the folder given. */
    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args.length > 0 ? args[0] : "bench/results/corpus");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("mixed.txt"), mixed(), StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("dense.txt"), dense(), StandardCharsets.UTF_8);
        List<int[]> offsets = new ArrayList<>();
        List<Planted> values = new ArrayList<>();
        Files.writeString(folder.resolve("recall.txt"), new SupportMailCorpus(3).recall(5, offsets, values),
                StandardCharsets.UTF_8);
        StringBuilder tsv = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            tsv.append(values.get(i).kind()).append('\t').append(offsets.get(i)[0]).append('\t')
                    .append(offsets.get(i)[1]).append('\t').append(values.get(i).shared()).append('\n');
        }
        Files.writeString(folder.resolve("recall.tsv"), tsv.toString(), StandardCharsets.UTF_8);
    }

    /** About 2 MB of ordinary support mail with a planted value every 200 paragraphs. */
    public static String mixed() {
        return new SupportMailCorpus(1).text(2 * 1024 * 1024, 200);
    }

    /** About 1 MB of support mail with a planted value after every paragraph. */
    public static String dense() {
        return new SupportMailCorpus(2).text(1024 * 1024, 1);
    }
}
