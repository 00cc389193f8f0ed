/**
 * Sender authentication and the headers we trust: {@code RemoveForgedTrustHeaders} removes what a
 * sender could forge ({@code X-Postdesk-*}, Authentication-Results claiming our own authserv-id),
 * {@code RecordAuthentication} records our border MTA's verdict before anything rewrites the message.
 */
package eu.postdesk.mailets.authentication;
