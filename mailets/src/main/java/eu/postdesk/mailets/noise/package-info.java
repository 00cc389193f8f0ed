/**
 * Noise: matchers that recognise mail which must not open a ticket or must not be answered
 * (auto-replies, bounces, bulk mail, our own mail coming back, mailing-list posts), and the small
 * mailets that record why ({@link eu.postdesk.mailets.noise.RecordNoise}) or forbid an
 * acknowledgement ({@link eu.postdesk.mailets.noise.MarkNoAutoReply}).
 *
 * <p>Each matcher returns all recipients of the mail when it matches and none otherwise; none of
 * them changes the mail.
 */
package eu.postdesk.mailets.noise;
