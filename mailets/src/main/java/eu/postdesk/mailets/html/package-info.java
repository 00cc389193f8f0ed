/**
 * HTML made safe for agents: {@code AgentSafeHtml}, the sanitiser the server also calls when it stores
 * HTML, and the {@code SanitizeHtml} mailet that applies it to every HTML body of a message.
 */
package eu.postdesk.mailets.html;
