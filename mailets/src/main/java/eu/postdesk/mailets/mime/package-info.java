/**
 * MIME plumbing shared by Postdesk's mailets and by filing, so that all read a message alike: which
 * parts are the body ({@link eu.postdesk.mailets.mime.BodyText}), which charset a body is read in
 * ({@link eu.postdesk.mailets.mime.BodyCharset}), customer text fit for a header line
 * ({@link eu.postdesk.mailets.mime.HeaderText}), rewriting bodies and markup attachments, and saving safely.
 */
package eu.postdesk.mailets.mime;
