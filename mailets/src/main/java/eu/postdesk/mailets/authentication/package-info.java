/** Sender authentication recorded before anything rewrites the message: the {@code RecordAuthentication} mailet. */
package eu.postdesk.mailets.authentication;
