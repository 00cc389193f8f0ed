/**
 * Benchmarks and load generators: {@link eu.postdesk.bench.SmtpLoad} drives a running server over
 * SMTP and reads its pipeline figures; JMH benchmarks of the mailets sit beside it.
 */
package eu.postdesk.bench;
