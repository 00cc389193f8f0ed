/**
 * The operators' tools: health and metrics (what Prometheus and a load balancer watch), trying a
 * chain on mail without side effects (replay), checking and reloading the chain, and bringing old
 * mail in (import). See docs/operators.md. Nothing here reports personal data: figures, states,
 * mailet class names and reasons only.
 */
package eu.postdesk.operations;
