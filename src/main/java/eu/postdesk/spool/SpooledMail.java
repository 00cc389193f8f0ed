package eu.postdesk.spool;

import java.time.Instant;
import java.util.List;

/** A message as the SMTP client handed it over: envelope and where its raw bytes are kept. */
public record SpooledMail(long id, String envelopeFrom, List<String> recipients, Instant receivedAt, long size) {
}
