package eu.postdesk.mailets.tracking;

/** One line of {@code services.txt}: where a tracker service's pixels or click wrappers live. */
record TrackerService(String name, HostPattern where, Role role) {
}
