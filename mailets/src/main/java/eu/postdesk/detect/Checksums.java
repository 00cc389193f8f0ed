package eu.postdesk.detect;

import java.util.Locale;

/** The check-digit arithmetic the identifiers share: weighted sums, Luhn, mod 97, dates. */
final class Checksums {
    private Checksums() {
    }

    static int weightedSum(int[] digits, int[] weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += digits[i] * weights[i];
        }
        return sum;
    }

    /** Luhn over all digits, the last being the check digit. */
    static boolean luhn(int[] digits) {
        return luhn(digits, 0, digits.length);
    }

    static boolean luhn(int[] digits, int from, int to) {
        int sum = 0;
        boolean twice = false;
        for (int i = to - 1; i >= from; i--) {
            int d = digits[i];
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    /** The remainder modulo 97 of a string of digits and letters (A=10 ... Z=35), as IBAN reads it. */
    static int mod97(CharSequence alphanumeric) {
        int remainder = 0;
        for (int i = 0; i < alphanumeric.length(); i++) {
            char c = alphanumeric.charAt(i);
            if (c >= '0' && c <= '9') {
                remainder = (remainder * 10 + (c - '0')) % 97;
            } else {
                remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
            }
        }
        return remainder;
    }

    static int number(int[] digits, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + digits[i];
        }
        return value;
    }

    static boolean isDate(int year, int month, int day) {
        if (month < 1 || month > 12 || day < 1) {
            return false;
        }
        return day <= daysIn(year, month);
    }

    /** A date whose century is unknown: February 29 is allowed in any year divisible by four. */
    static boolean isDateAnyCentury(int twoDigitYear, int month, int day) {
        return isDate(2000 + twoDigitYear, month, day);
    }

    static int daysIn(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Whether one of {@code words} (lower case) occurs in the {@code window} characters before {@code start}. */
    static boolean precededBy(String text, int start, int window, String... words) {
        // One lower-cased copy of the window and a search per word: a case-insensitive comparison at
        // every position of the window for every word cost more than all the checksums together.
        String before = text.substring(Math.max(0, start - window), start).toLowerCase(Locale.ROOT);
        for (String word : words) {
            if (before.contains(word)) {
                return true;
            }
        }
        return false;
    }
}
