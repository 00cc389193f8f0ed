package eu.postdesk.detect.rules;

import com.google.re2j.Pattern;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What gitleaks calls an allowlist: regexes (against the secret, the whole match or its line) and
 * stopwords (contained in the secret, any case) that mark a match as not a secret. Criteria are
 * OR-ed by default, AND-ed with {@code condition = "AND"}. Mail has no commit and no file path, so an
 * allowlist's {@code commits} and {@code paths} criteria never hold here: an OR list still works by
 * its other criteria, an AND list that needs a path never allows anything.
 *
 * @param targetRules for a global {@code [[allowlists]]}: the rule ids it applies to; empty for all
 */
public record Allowlist(boolean all, Target target, List<Pattern> regexes, List<String> stopwords,
                        boolean needsPathOrCommit, Set<String> targetRules) {
    /** What an allowlist's regexes are matched against ({@code regexTarget}). */
    public enum Target { SECRET, MATCH, LINE }

    public Allowlist {
        regexes = List.copyOf(regexes);
        stopwords = stopwords.stream().map(word -> word.toLowerCase(Locale.ROOT)).toList();
        targetRules = Set.copyOf(targetRules);
    }

    boolean appliesTo(String ruleId) {
        return targetRules.isEmpty() || targetRules.contains(ruleId);
    }

    /** Whether this allowlist lets the finding through as harmless. */
    boolean allows(String secret, String match, String line) {
        if (all && needsPathOrCommit) {
            return false;
        }
        Boolean byRegex = regexes.isEmpty() ? null : anyRegexFinds(switch (target) {
            case SECRET -> secret;
            case MATCH -> match;
            case LINE -> line;
        });
        Boolean byStopword = stopwords.isEmpty() ? null : containsStopword(secret);
        if (all) {
            return (byRegex != null || byStopword != null) && byRegex != Boolean.FALSE && byStopword != Boolean.FALSE;
        }
        return byRegex == Boolean.TRUE || byStopword == Boolean.TRUE;
    }

    private boolean anyRegexFinds(String subject) {
        for (Pattern regex : regexes) {
            if (regex.matcher(subject).find()) {
                return true;
            }
        }
        return false;
    }

    private boolean containsStopword(String secret) {
        String lower = secret.toLowerCase(Locale.ROOT);
        for (String stopword : stopwords) {
            if (lower.contains(stopword)) {
                return true;
            }
        }
        return false;
    }
}
