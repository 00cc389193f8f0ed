package eu.postdesk.mailets.tracking;

/**
 * One line of {@code parameters.txt}: a query parameter name (exact, or a prefix when written with a
 * trailing {@code *}) that only serves tracking.
 */
record TrackingParameter(String name, boolean prefix, String service, boolean keepOnUnsubscribe) {

    boolean matches(String parameterName) {
        return prefix ? parameterName.startsWith(name) : parameterName.equals(name);
    }
}
