package eu.postdesk.detect.rules;

import java.util.HashMap;
import java.util.Map;

/** Shannon entropy in bits per character, as gitleaks computes it for its {@code entropy} threshold. */
final class Entropy {
    private Entropy() {
    }

    static double shannon(CharSequence text) {
        int n = text.length();
        if (n == 0) {
            return 0;
        }
        int[] ascii = new int[128];
        Map<Character, Integer> others = null;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 128) {
                ascii[c]++;
            } else {
                if (others == null) {
                    others = new HashMap<>();
                }
                others.merge(c, 1, Integer::sum);
            }
        }
        double bits = 0;
        for (int count : ascii) {
            bits += term(count, n);
        }
        if (others != null) {
            for (int count : others.values()) {
                bits += term(count, n);
            }
        }
        return bits;
    }

    private static double term(int count, int n) {
        if (count == 0) {
            return 0;
        }
        double p = (double) count / n;
        return -p * Math.log(p) / Math.log(2);
    }
}
