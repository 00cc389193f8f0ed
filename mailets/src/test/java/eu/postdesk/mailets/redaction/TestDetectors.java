package eu.postdesk.mailets.redaction;

import eu.postdesk.detect.Detector;
import eu.postdesk.detect.Finding;
import eu.postdesk.detect.SensitiveDataScanner;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small real detectors for the mailet tests; the production families come from the detectors branch. */
final class TestDetectors {
    private TestDetectors() {
    }

    static SensitiveDataScanner scanner() {
        return new SensitiveDataScanner(List.of(labelledPassword(), luhnCard(), pesel(), slackToken()));
    }

    /** The value after a password label in a few of the corpus' languages. */
    static Detector labelledPassword() {
        Pattern label = Pattern.compile(
                "(?iu)(?:passwort|kennwort|hasło|haslo|lösenord|password|adgangskode(?: til [\\p{L}-]+)?)\\s*[:=]\\s*(\\S+)");
        return (text, into) -> {
            Matcher matcher = label.matcher(text);
            while (matcher.find()) {
                into.add(new Finding("PASSWORD", matcher.start(1), matcher.end(1)));
            }
        };
    }

    /** 13 to 19 digits, spaces or dashes between them, that pass Luhn. */
    static Detector luhnCard() {
        Pattern digits = Pattern.compile("(?<![\\d])\\d(?:[ -]?\\d){12,18}(?![\\d])");
        return (text, into) -> {
            Matcher matcher = digits.matcher(text);
            while (matcher.find()) {
                if (luhn(matcher.group().replaceAll("[ -]", ""))) {
                    into.add(new Finding("CARD", matcher.start(), matcher.end()));
                }
            }
        };
    }

    /** Eleven digits with PESEL's weighted check digit. */
    static Detector pesel() {
        Pattern eleven = Pattern.compile("(?<!\\d)\\d{11}(?!\\d)");
        int[] weights = {1, 3, 7, 9, 1, 3, 7, 9, 1, 3};
        return (text, into) -> {
            Matcher matcher = eleven.matcher(text);
            while (matcher.find()) {
                String number = matcher.group();
                int sum = 0;
                for (int i = 0; i < 10; i++) {
                    sum += weights[i] * (number.charAt(i) - '0');
                }
                if ((10 - sum % 10) % 10 == number.charAt(10) - '0') {
                    into.add(new Finding("PESEL", matcher.start(), matcher.end()));
                }
            }
        };
    }

    static Detector slackToken() {
        Pattern token = Pattern.compile("xox[abprs]-[A-Za-z0-9-]{10,}");
        return (text, into) -> {
            Matcher matcher = token.matcher(text);
            while (matcher.find()) {
                into.add(new Finding("SLACK_TOKEN", matcher.start(), matcher.end()));
            }
        };
    }

    static boolean luhn(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
            }
            sum += digit;
        }
        return sum % 10 == 0;
    }
}
