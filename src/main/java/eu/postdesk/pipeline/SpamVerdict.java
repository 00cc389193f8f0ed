package eu.postdesk.pipeline;

/**
 * What a spam filter said about one message: spam or not, in the filter's words ({@code action}:
 * rspamd's action, or spamd's "spam"/"ham"), with its score against the score it requires.
 */
public record SpamVerdict(String filter, boolean spam, String action, double score, double requiredScore) {
    /** The {@code X-Spam-Status} header's value. */
    public String status() {
        return (spam ? "Yes" : "No") + ", score=" + score + " required=" + requiredScore + " action=\"" + action + "\" filter=" + filter;
    }

    /** The reason recorded for spam: the filter, its action and score; never the content. */
    public String reason() {
        return CheckSpam.REASON_PREFIX + filter + " action '" + action + "', score " + score + " of " + requiredScore;
    }
}
