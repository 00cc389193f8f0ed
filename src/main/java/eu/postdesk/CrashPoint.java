package eu.postdesk;

/**
 * Named points where a test may stop the server dead, as a power cut or {@code kill -9} would: the
 * JVM halts there when started with {@code -Dpostdesk.test.crash-at=<name>}. Without that system
 * property (always, outside the crash tests) a crash point does nothing.
 */
public final class CrashPoint {
    /** Inside the filing transaction, after everything is written and before it commits. */
    public static final String FILING = "filing";
    /** After the outbox row is committed, before the mail goes to the relay. */
    public static final String BEFORE_SEND = "before-send";
    /** After an erasure request's first ticket is erased and committed, before the next one. */
    public static final String ERASURE = "erasure";

    private static final String AT = System.getProperty("postdesk.test.crash-at");

    private CrashPoint() {
    }

    public static void reached(String name) {
        if (name.equals(AT)) {
            Runtime.getRuntime().halt(137);
        }
    }
}
