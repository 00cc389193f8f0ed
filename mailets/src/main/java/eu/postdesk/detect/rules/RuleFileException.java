package eu.postdesk.detect.rules;

/**
 * A rule file that cannot be used: it names the file, the rule id and what is wrong (the regex
 * error, the bad field), never a value found in mail.
 */
public class RuleFileException extends IllegalArgumentException {
    public RuleFileException(String message) {
        super(message);
    }

    public RuleFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
