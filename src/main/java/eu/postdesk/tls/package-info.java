/**
 * TLS shared by the doors: PEM certificates and keys, the self-signed certificate of the embedded
 * default, and the protocols and cipher suites every listener and client allows.
 */
package eu.postdesk.tls;
