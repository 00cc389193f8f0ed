package eu.postdesk.ingress;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

import eu.postdesk.spool.Spool;
import eu.postdesk.spool.SpooledMail;

/**
 * Writes one arriving message (over LMTP or from a polled mailbox) into the spool, bounded in
 * size, and commits it: only a committed message may be acknowledged, or moved, flagged or deleted
 * where it came from. The same bytes arriving twice are the same spooled mail.
 */
final class ArrivingMail {
    /** What the message is read from; writes its raw bytes. */
    interface Source {
        void writeTo(OutputStream out) throws Exception;
    }

    /** The message is larger than postdesk.smtp.max-message-size. */
    static final class TooBig extends IOException {
        TooBig(long limit) {
            super("larger than " + limit + " bytes");
        }
    }

    private ArrivingMail() {
    }

    /**
     * The first bytes of a message, up to the end of its header (at most 64 KB): who sent it, for a
     * message that arrives without an envelope (from a polled mailbox): its Return-Path, else its From.
     */
    private static final class HeadOfMessage {
        private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();

        void add(byte[] buffer, int offset, int length) {
            int room = 64 * 1024 - bytes.size();
            if (room > 0) {
                bytes.write(buffer, offset, Math.min(room, length));
            }
        }

        String sender() {
            try {
                var headers = new jakarta.mail.internet.InternetHeaders(new java.io.ByteArrayInputStream(bytes.toByteArray()));
                String returnPath = headers.getHeader("Return-Path", null);
                if (returnPath != null) {
                    String path = returnPath.strip().replaceAll("^<|>$", "").strip();
                    return path.isEmpty() ? null : path;
                }
                String from = headers.getHeader("From", ",");
                if (from != null) {
                    var addresses = jakarta.mail.internet.InternetAddress.parseHeader(from, false);
                    return addresses.length == 0 ? null : addresses[0].getAddress();
                }
            } catch (jakarta.mail.MessagingException | RuntimeException unreadable) {
                // a header we cannot read gives no sender: the pipeline treats the message as from nobody
            }
            return null;
        }
    }

    /**
     * Spools what {@code source} writes, with our {@code trace} header ahead of it (outside the
     * content hash) and the envelope sender {@code from}, or when null the
     * one its header names; throws {@link TooBig} beyond {@code limit}, or what the source throws; nothing is
     * left in the spool then.
     */
    static SpooledMail spool(Spool spool, byte[] trace, long limit, Source source, String from, List<String> recipients) throws Exception {
        Spool.IncomingFile file = spool.open();
        boolean committed = false;
        try {
            file.writeTrace(trace);
            HeadOfMessage head = new HeadOfMessage();
            source.writeTo(new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] buffer, int offset, int length) throws IOException {
                    if (file.written() + length > limit) {
                        throw new TooBig(limit);
                    }
                    file.write(buffer, offset, length);
                    head.add(buffer, offset, length);
                }
            });
            SpooledMail spooled = spool.commit(file, from != null ? from : head.sender(), recipients);
            committed = true;
            return spooled;
        } finally {
            if (!committed) {
                spool.discard(file);
            }
        }
    }
}
