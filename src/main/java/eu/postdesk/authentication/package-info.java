/**
 * Who really sent a message: DNS look-ups behind one interface ({@link eu.postdesk.authentication.DnsRecords},
 * which tests replace with records they control) and DKIM verified by Apache James jDKIM
 * ({@link eu.postdesk.authentication.DkimVerification}).
 */
package eu.postdesk.authentication;
