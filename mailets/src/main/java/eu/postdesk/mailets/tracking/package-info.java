/**
 * Tracking removal for inbound mail: the {@code StripTracking} and {@code RemoveReadReceiptRequests}
 * mailets, the tracker rules they read from {@code conf/tracking/} (classpath
 * {@code /postdesk-conf/tracking/}), and the pieces that apply them to URLs, HTML and plain text ({@code HtmlTrackers} is public for callers
 * outside a mailet chain).
 */
package eu.postdesk.mailets.tracking;
