package eu.postdesk.detect.rules;

import com.google.re2j.Pattern;

import java.util.List;

/**
 * One kind of secret as gitleaks describes it. Its {@code id} is the kind of its findings
 * ({@code gitlab-pat}); {@code regex} is RE2 syntax; the secret is capture group {@code secretGroup},
 * or the first non-empty group when that is 0, or the whole match without groups; {@code entropy} is
 * the Shannon entropy (bits per character) the secret must exceed, 0 for none; the rule is tried only
 * where one of its {@code keywords} (lower case) occurs, or everywhere without keywords.
 *
 * @param regex {@code null} for a rule that only names files ({@code path} without {@code regex}):
 *              it has nothing to match in a text
 */
public record SecretRule(String id, Pattern regex, int secretGroup, double entropy, List<String> keywords,
                         List<Allowlist> allowlists) {
    public SecretRule {
        keywords = List.copyOf(keywords);
        allowlists = List.copyOf(allowlists);
    }

    /** Whether the rule can find anything in text (a path-only rule cannot). */
    public boolean matchesText() {
        return regex != null;
    }
}
