package eu.postdesk.mailets.redaction;

/** The values of the attachment fate header, as the server's API lists them. */
final class Fate {
    static final String KEPT = "kept";
    static final String REDACTED = "redacted";
    static final String QUARANTINED = "quarantined";

    private Fate() {
    }
}
