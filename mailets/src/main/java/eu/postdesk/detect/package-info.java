/**
 * Detection of secrets and identifiers in plain text, without any mail API so that it can be reused
 * and benchmarked alone: {@link eu.postdesk.detect.SensitiveDataScanner} runs the detectors (one
 * class per family: keyword-introduced credentials, provider secrets, private keys, URL and header
 * credentials, cards, IBAN/NRB, national identifiers) and returns validated, merged
 * {@link eu.postdesk.detect.Finding}s. Every detector runs in time linear in the text (hand-written
 * scanners behind literal or character-class prefilters, every look-ahead bounded).
 */
package eu.postdesk.detect;
