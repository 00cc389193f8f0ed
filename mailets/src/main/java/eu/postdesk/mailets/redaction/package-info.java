/**
 * Redaction of secrets and identifiers for agents: the {@code RedactSensitiveData} mailet masks
 * findings in the subject, the text and HTML parts and in attachments, decides each attachment's
 * fate ({@code kept}, {@code redacted}, {@code quarantined}) and strips photo metadata.
 */
package eu.postdesk.mailets.redaction;
