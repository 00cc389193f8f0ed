package eu.postdesk.detect;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Provider secrets recognised by their published formats: AWS access key IDs and (near an AWS
 * context) secret keys, GitHub, Slack tokens and webhooks, Stripe, Google API, SendGrid,
 * Twilio (near the word "Twilio"), Azure storage keys, npm, PyPI, OpenAI and Anthropic keys, Shopify,
 * Linear and 1Password service-account tokens, and
 * JWTs whose header decodes to JSON naming an {@code alg}. A table of literal prefixes indexed by
 * first character is the prefilter: only a word start whose character begins some prefix is looked at.
 * GitLab's token kinds are rules in {@code conf/redaction/postdesk-secrets.toml} (one owner per kind).
 * Placeholders ({@code ghp_xxxx…}, {@code AKIAIOSFODNN7EXAMPLE}) are not findings: see {@link Placeholders};
 * except a GitHub token whose CRC32 tail checks out ({@link GitHubTokenChecksum}), which is GitHub's.
 */
public final class ProviderSecretDetector implements WordStartDetector {
    private static final int ALNUM = 1;
    private static final int UNDERSCORE = 2;
    private static final int DASH = 4;
    private static final int UPPER_DIGIT = 8;
    private static final int BASE64 = 16;
    private static final int SLASH = 32;
    private static final int PLUS = 64;
    private static final int DOT = 128;
    private static final int TOKEN = ALNUM | UNDERSCORE | DASH;
    private static final int AWS_CONTEXT_WINDOW = 160;
    private static final int TWILIO_CONTEXT_WINDOW = 200;
    private static final int MAX_JWT_HEADER = 512;
    private static final int MAX_JWT_PAYLOAD = 16384;
    private static final int MAX_JWT_SIGNATURE = 1024;

    private enum Special { NONE, JWT, SENDGRID, TWILIO, AWS_CONTEXT }

    /** A literal prefix, the characters and length of the body that follows, and the kind. */
    private record Shape(String prefix, String kind, int charset, int minBody, int maxBody, boolean spanIsBody,
                         Special special) {
        static Shape of(String prefix, String kind, int charset, int minBody, int maxBody) {
            return new Shape(prefix, kind, charset, minBody, maxBody, false, Special.NONE);
        }
    }

    private static final List<Shape> SHAPES = shapes();
    private final Shape[][] byFirstChar = new Shape[128][];
    // First two characters of every prefix: most word starts are dismissed with one lookup.
    private final boolean[] startPairs = new boolean[128 * 128];

    public ProviderSecretDetector() {
        List<List<Shape>> buckets = new ArrayList<>();
        for (int c = 0; c < 128; c++) {
            buckets.add(new ArrayList<>());
        }
        for (Shape shape : SHAPES) {
            String prefix = shape.prefix();
            startPairs[prefix.charAt(0) * 128 + prefix.charAt(1)] = true;
            if (shape.special() == Special.AWS_CONTEXT) {
                buckets.get('A').add(shape);
                for (char a : new char[]{'a', 'A'}) {
                    for (char w : new char[]{'w', 'W'}) {
                        startPairs[a * 128 + w] = true;
                    }
                }
            }
            buckets.get(shape.prefix().charAt(0)).add(shape);
        }
        for (int c = 0; c < 128; c++) {
            if (!buckets.get(c).isEmpty()) {
                byFirstChar[c] = buckets.get(c).toArray(Shape[]::new);
            }
        }
    }

    private static List<Shape> shapes() {
        List<Shape> shapes = new ArrayList<>();
        for (String prefix : List.of("AKIA", "ASIA", "AGPA", "AIDA", "AROA", "AIPA", "ANPA", "ANVA", "ABIA", "ACCA")) {
            shapes.add(Shape.of(prefix, "AWS_ACCESS_KEY", UPPER_DIGIT, 16, 16));
        }
        for (String prefix : List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_")) {
            shapes.add(Shape.of(prefix, "GITHUB_TOKEN", ALNUM | UNDERSCORE, 36, 255));
        }
        shapes.add(Shape.of("github_pat_", "GITHUB_TOKEN", ALNUM | UNDERSCORE, 22, 255));
        for (String prefix : List.of("xoxb-", "xoxp-", "xoxa-", "xoxo-", "xoxs-", "xoxr-", "xoxe-", "xapp-")) {
            shapes.add(Shape.of(prefix, "SLACK_TOKEN", ALNUM | DASH, 10, 255));
        }
        shapes.add(new Shape("hooks.slack.com/services/", "SLACK_WEBHOOK", ALNUM | UNDERSCORE | SLASH, 20, 255, true,
                Special.NONE));
        for (String prefix : List.of("sk_live_", "rk_live_", "sk_test_", "rk_test_", "whsec_")) {
            shapes.add(Shape.of(prefix, "STRIPE_KEY", ALNUM, 16, 255));
        }
        for (String prefix : List.of("shpat_", "shpca_", "shppa_", "shpss_")) {
            shapes.add(Shape.of(prefix, "SHOPIFY_TOKEN", ALNUM, 32, 64));
        }
        shapes.add(Shape.of("lin_api_", "LINEAR_KEY", ALNUM | UNDERSCORE, 32, 128));
        shapes.add(Shape.of("ops_ey", "ONEPASSWORD_TOKEN", BASE64, 100, 1300));
        shapes.add(Shape.of("AIza", "GOOGLE_API_KEY", TOKEN, 35, 35));
        shapes.add(new Shape("SG.", "SENDGRID_KEY", TOKEN | DOT, 66, 66, false, Special.SENDGRID));
        shapes.add(Shape.of("npm_", "NPM_TOKEN", ALNUM, 36, 36));
        shapes.add(Shape.of("pypi-", "PYPI_TOKEN", TOKEN, 50, 1024));
        shapes.add(Shape.of("sk-ant-", "ANTHROPIC_KEY", TOKEN, 32, 255));
        for (String prefix : List.of("sk-proj-", "sk-svcacct-", "sk-admin-")) {
            shapes.add(Shape.of(prefix, "OPENAI_KEY", TOKEN, 40, 255));
        }
        shapes.add(Shape.of("sk-", "OPENAI_KEY", ALNUM, 32, 64));
        shapes.add(new Shape("eyJ", "JWT", TOKEN, 0, 0, false, Special.JWT));
        shapes.add(new Shape("SK", "TWILIO_KEY", ALNUM, 32, 32, false, Special.TWILIO));
        shapes.add(new Shape("AC", "TWILIO_KEY", ALNUM, 32, 32, false, Special.TWILIO));
        shapes.add(new Shape("AccountKey=", "AZURE_KEY", BASE64, 20, 255, true, Special.NONE));
        shapes.add(new Shape("SharedAccessKey=", "AZURE_KEY", BASE64, 20, 255, true, Special.NONE));
        shapes.add(new Shape("aws", "AWS_SECRET_KEY", BASE64, 40, 40, false, Special.AWS_CONTEXT));
        // Longer prefixes first, so that "sk-ant-" is tried before "sk-".
        shapes.sort((a, b) -> Integer.compare(b.prefix().length(), a.prefix().length()));
        return List.copyOf(shapes);
    }

    @Override
    public boolean mayStart(char first, char second) {
        return first < 128 && second < 128 && startPairs[first * 128 + second];
    }

    @Override
    public int atWordStart(String text, int i, List<Finding> into) {
        for (Shape shape : byFirstChar[text.charAt(i)]) {
            if (shape.special() == Special.AWS_CONTEXT) {
                if (text.regionMatches(true, i, "aws", 0, 3)) {
                    awsSecretNear(text, i + 3, into);
                }
                continue;
            }
            if (!text.startsWith(shape.prefix(), i)) {
                continue;
            }
            int end = match(text, i, shape);
            if (end > 0) {
                int start = shape.spanIsBody() ? i + shape.prefix().length() : i;
                // A GitHub token whose CRC32 tail checks out is real, however it looks; one whose tail
                // does not (or an older, longer one) is masked unless it is a placeholder.
                if (Placeholders.isPlaceholder(text.substring(start, end), shape.spanIsBody() ? 0 : shape.prefix().length())
                        && !(shape.kind().equals("GITHUB_TOKEN") && GitHubTokenChecksum.holds(text, start, end))) {
                    return end;
                }
                into.add(new Finding(shape.kind(), start, end));
                if (shape.kind().equals("AWS_ACCESS_KEY")) {
                    awsSecretNear(text, end, into);
                }
                return end;
            }
        }
        return i + 1;
    }

    /** The end of the secret starting at {@code start}, or -1. */
    private static int match(String text, int start, Shape shape) {
        if (shape.special() == Special.JWT) {
            return jwtEnd(text, start);
        }
        int bodyStart = start + shape.prefix().length();
        int end = runEnd(text, bodyStart, shape.charset(), shape.maxBody() + 1);
        int body = end - bodyStart;
        if (body < shape.minBody() || body > shape.maxBody()) {
            return -1;
        }
        if (end < text.length() && isAlnum(text.charAt(end))) {
            return -1;
        }
        return switch (shape.special()) {
            case SENDGRID -> text.charAt(bodyStart + 22) == '.' && text.indexOf('.', bodyStart + 23) < 0 || text.indexOf('.', bodyStart + 23) >= end
                    ? end : -1;
            case TWILIO -> isHex(text, bodyStart, end) && mentions(text, start, end, "twilio") ? end : -1;
            default -> end;
        };
    }

    /** A JWT: three base64url segments, the header decoding to a JSON object with "alg". */
    private static int jwtEnd(String text, int start) {
        int headerEnd = runEnd(text, start, TOKEN, MAX_JWT_HEADER);
        if (headerEnd >= text.length() || text.charAt(headerEnd) != '.' || headerEnd - start < 10) {
            return -1;
        }
        String header;
        try {
            header = new String(Base64.getUrlDecoder().decode(stripPadding(text.substring(start, headerEnd))),
                    StandardCharsets.UTF_8).strip();
        } catch (IllegalArgumentException notBase64) {
            return -1;
        }
        if (!header.startsWith("{") || !header.contains("\"alg\"")) {
            return -1;
        }
        int payloadEnd = runEnd(text, headerEnd + 1, TOKEN, MAX_JWT_PAYLOAD);
        if (payloadEnd - headerEnd - 1 < 2 || payloadEnd >= text.length() || text.charAt(payloadEnd) != '.') {
            return -1;
        }
        int signatureEnd = runEnd(text, payloadEnd + 1, TOKEN, MAX_JWT_SIGNATURE);
        return signatureEnd > payloadEnd + 1 ? signatureEnd : payloadEnd + 1;
    }

    private static String stripPadding(String segment) {
        int end = segment.length();
        while (end > 0 && segment.charAt(end - 1) == '=') {
            end--;
        }
        return segment.substring(0, end);
    }

    /** Looks for a 40-character AWS secret access key shortly after an AWS context ("aws", an access key ID). */
    private static int awsSecretNear(String text, int from, List<Finding> into) {
        int limit = Math.min(text.length(), from + AWS_CONTEXT_WINDOW);
        int i = from;
        while (i < limit) {
            if (!isBase64(text.charAt(i))) {
                i++;
                continue;
            }
            int end = runEnd(text, i, ALNUM | SLASH | PLUS, 64);
            int length = end - i;
            boolean bounded = (i == 0 || !isBase64(text.charAt(i - 1)))
                    && (end >= text.length() || !isBase64(text.charAt(end)));
            if (length == 40 && bounded && hasUpperLowerDigit(text, i, end)
                    && !Placeholders.isPlaceholder(text.substring(i, end), 0)) {
                into.add(new Finding("AWS_SECRET_KEY", i, end));
            }
            i = end + 1;
        }
        return Math.max(limit, i);
    }

    private static boolean hasUpperLowerDigit(String text, int start, int end) {
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
            digit |= c >= '0' && c <= '9';
        }
        return upper && lower && digit;
    }

    private static boolean mentions(String text, int start, int end, String word) {
        int from = Math.max(0, start - TWILIO_CONTEXT_WINDOW);
        int to = Math.min(text.length(), end + TWILIO_CONTEXT_WINDOW) - word.length();
        for (int i = from; i <= to; i++) {
            if (text.regionMatches(true, i, word, 0, word.length())) {
                return true;
            }
        }
        return false;
    }

    private static int runEnd(String text, int from, int charset, int maxLength) {
        int limit = Math.min(text.length(), from + maxLength);
        int i = from;
        while (i < limit && inCharset(text.charAt(i), charset)) {
            i++;
        }
        return i;
    }

    private static boolean inCharset(char c, int charset) {
        if (c >= 128) {
            return false;
        }
        if ((charset & UPPER_DIGIT) != 0 && ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
            return true;
        }
        if ((charset & (ALNUM | BASE64)) != 0 && isAlnum(c)) {
            return true;
        }
        return ((charset & UNDERSCORE) != 0 && c == '_')
                || ((charset & DASH) != 0 && c == '-')
                || ((charset & BASE64) != 0 && (c == '+' || c == '/' || c == '='))
                || ((charset & SLASH) != 0 && c == '/')
                || ((charset & PLUS) != 0 && c == '+')
                || ((charset & DOT) != 0 && c == '.');
    }

    private static boolean isHex(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBase64(char c) {
        return isAlnum(c) || c == '+' || c == '/';
    }

    static boolean isAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
