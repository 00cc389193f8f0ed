/**
 * Quoted history: {@link eu.postdesk.mailets.quoting.QuotedHistory} finds what a message adds to a
 * conversation, without the quoted earlier messages and the sender's signature, in plain text and
 * in HTML; {@link eu.postdesk.mailets.quoting.ExtractNewText} is the mailet that stores it on the
 * mail. The recognised client styles are data under {@code conf/quoting/}.
 */
package eu.postdesk.mailets.quoting;
