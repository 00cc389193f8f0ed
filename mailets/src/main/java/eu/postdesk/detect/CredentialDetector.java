package eu.postdesk.detect;

import java.util.List;

/**
 * Passwords, PINs and remote-support credentials introduced by a keyword in the customer's language
 * ({@code adgangskode: ...}, {@code Passwort ist ...}, {@code AnyDesk: 983 029 486}). Kinds
 * {@code PASSWORD}, {@code PIN}, {@code REMOTE_ACCESS}, and {@code CONNECTION_STRING} for
 * {@code Password=...;} inside an ADO.NET connection string.
 */
public final class CredentialDetector extends KeywordIntroducedDetector {

    public CredentialDetector(Keywords keywords) {
        super(keywords);
    }

    /** With the default keyword list. */
    public CredentialDetector() {
        this(Keywords.defaults());
    }

    @Override
    boolean handles(Keywords.Group group) {
        return group == Keywords.Group.PASSWORD || group == Keywords.Group.PIN || group == Keywords.Group.REMOTE
                || group == Keywords.Group.TOOL;
    }

    @Override
    int onKeyword(String text, int keywordStart, int keywordEnd, Keywords.Group group, List<Finding> into) {
        Value value = switch (group) {
            case PIN -> valueAfter(text, keywordEnd, 4, 8);
            case TOOL -> valueAfter(text, keywordEnd, 7, 12);
            default -> valueAfter(text, keywordEnd, 0, 0);
        };
        if (value == null || !plausible(text, value, group)) {
            return keywordEnd;
        }
        into.add(new Finding(kindOf(group, value), value.start(), value.end()));
        return value.end();
    }

    private static boolean plausible(String text, Value value, Keywords.Group group) {
        return switch (group) {
            case PIN -> value.digitsOnly() && value.end() - value.start() >= 4 && value.end() - value.start() <= 8;
            // A remote tool's name alone introduces its ID; a password needs a password word too.
            case TOOL -> value.digitsOnly() || (value.afterCredentialWord() && acceptable(text, value));
            default -> acceptable(text, value);
        };
    }

    private static boolean acceptable(String text, Value value) {
        if (value.linked()) {
            return looksChosen(text, value);
        }
        return value.end() - value.start() >= 3 && !continuesSentence(text, value);
    }

    private static String kindOf(Keywords.Group group, Value value) {
        return switch (group) {
            case PIN -> "PIN";
            case REMOTE, TOOL -> "REMOTE_ACCESS";
            default -> value.endsAtSemicolon() ? "CONNECTION_STRING" : "PASSWORD";
        };
    }
}
