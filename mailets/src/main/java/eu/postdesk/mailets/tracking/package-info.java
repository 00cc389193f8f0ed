/**
 * Tracking removal for inbound mail: the {@code StripTracking} and {@code RemoveReadReceiptRequests}
 * mailets, the tracker rules they read from {@code conf/tracking/} (classpath
 * {@code /postdesk-conf/tracking/}), and the pieces that apply them to URLs, HTML and plain text.
 */
package eu.postdesk.mailets.tracking;
