package eu.postdesk.privacy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.mail.MessagingException;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import eu.postdesk.PostdeskProperties;
import eu.postdesk.outbound.Letter;
import eu.postdesk.outbound.Outbox;

/**
 * Erasure asked for by mail: the request is recorded awaiting confirmation and a one-time
 * confirmation mail goes to the address that asked, with a single-use, expiring reply address
 * ({@link ConfirmationAddress}); only an answer to that address from that same address confirms,
 * and the request then runs like one the privacy officer confirmed. Nothing is ever erased on the
 * strength of the first mail alone.
 */
@Component
public class ErasureByMail {
    /** What an answer to a confirmation address came to. */
    public enum Answer { CONFIRMED, UNKNOWN, EXPIRED, USED, WRONG_SENDER, HELD }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Erasure erasure;
    private final Outbox outbox;
    private final ConfirmationAddress addresses;
    private final PostdeskProperties properties;

    public ErasureByMail(JdbcTemplate jdbc, TransactionTemplate transaction, Clock clock, Erasure erasure, Outbox outbox,
                         ConfirmationAddress addresses, PostdeskProperties properties) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
        this.erasure = erasure;
        this.outbox = outbox;
        this.addresses = addresses;
        this.properties = properties;
    }

    /** Records the request of {@code address} and queues its confirmation mail, in one transaction; returns the request's id. */
    public String request(String address) {
        String customer = address.strip().toLowerCase(Locale.ROOT);
        return transaction.execute(status -> {
            String id = erasure.request(new Erasure.Scope(List.of(customer), null, null),
                    "asked by mail to the support address", "the data subject (by mail)", "mail");
            String token = ConfirmationAddress.freshToken();
            Instant expires = clock.instant().plus(properties.getErasure().getConfirmationValid());
            jdbc.update("insert into erasure_confirmations (token_hash, request_id, expires_at) values (?, ?, ?)",
                    hash(token), id, Timestamp.from(expires));
            try {
                String support = properties.primarySupportAddress();
                Letter letter = Letter.of("erasure", 0, properties.effectiveReplyDomain())
                        .from(support, null, support)
                        .to(customer)
                        .replyTo(addresses.of(token))
                        .subject("Confirm the erasure of your data")
                        .text("""
                                We received a request to erase everything we hold about this address: your tickets,
                                messages and attachments.

                                To confirm, answer this mail (the answer goes to a one-time address). Nothing is
                                erased until you do. If you did not ask for this, ignore this mail.
                                This confirmation is valid until %s.

                                Potwierdź, odpowiadając na tę wiadomość. / Bekræft ved at svare på denne mail. /
                                Apstipriniet, atbildot uz šo vēstuli. / Bestätigen Sie durch eine Antwort auf diese Mail. /
                                Bekräfta genom att svara på detta mejl. / Vahvista vastaamalla tähän viestiin.
                                """.formatted(expires.toString()));
                outbox.enqueue("erasure", null, support, customer, letter.build());
            } catch (MessagingException e) {
                throw new IllegalStateException("cannot write the erasure confirmation mail (" + e.getClass().getSimpleName() + ")", e);
            }
            return id;
        });
    }

    private record Check(Answer answer, String requestId, String tokenHash) {
    }

    /** What an answer to {@code recipient} from {@code sender} would come to, without using its token. */
    public Answer peek(String recipient, String sender) {
        return check(recipient, sender).answer();
    }

    /**
     * An answer to a confirmation address from {@code sender}: confirms and runs the request when the
     * token is genuine, unused and unexpired and the sender is the address that asked; otherwise nothing happens.
     */
    public Answer answer(String recipient, String sender) {
        Check check = check(recipient, sender);
        if (check.answer() != Answer.CONFIRMED) {
            return check.answer();
        }
        // used once: the update that marks it decides, even with two answers at the same moment
        if (jdbc.update("update erasure_confirmations set used_at = ? where token_hash = ? and used_at is null",
                Timestamp.from(clock.instant()), check.tokenHash()) != 1) {
            return Answer.USED;
        }
        return erasure.confirm(check.requestId(), "the data subject (confirmed by mail)")
                .map(refusal -> refusal == Erasure.Refusal.HELD ? Answer.HELD : Answer.USED).orElse(Answer.CONFIRMED);
    }

    private Check check(String recipient, String sender) {
        var token = addresses.tokenOf(recipient);
        if (token.isEmpty()) {
            return new Check(Answer.UNKNOWN, null, null);
        }
        String tokenHash = hash(token.get());
        List<Map<String, Object>> rows = jdbc.queryForList("select request_id, used_at from erasure_confirmations where token_hash = ?", tokenHash);
        if (rows.isEmpty()) {
            return new Check(Answer.UNKNOWN, null, null);
        }
        String requestId = rows.get(0).get("request_id").toString();
        if (rows.get(0).get("used_at") != null) {
            return new Check(Answer.USED, requestId, tokenHash);
        }
        Timestamp expires = jdbc.queryForObject("select expires_at from erasure_confirmations where token_hash = ?", Timestamp.class, tokenHash);
        if (!clock.instant().isBefore(expires.toInstant())) {
            return new Check(Answer.EXPIRED, requestId, tokenHash);
        }
        String asked = jdbc.queryForList("select subjects from erasure_requests where id = ? and status = ?", String.class, requestId, Erasure.AWAITING)
                .stream().findFirst().orElse(null);
        if (asked == null) {
            return new Check(Answer.USED, requestId, tokenHash);
        }
        if (sender == null || !asked.equals(sender.strip().toLowerCase(Locale.ROOT))) {
            return new Check(Answer.WRONG_SENDER, requestId, tokenHash);
        }
        return new Check(Answer.CONFIRMED, requestId, tokenHash);
    }

    /**
     * Forgets requests by mail whose confirmation expired unanswered (they hold the address that
     * asked); returns how many. Called by every retention run.
     */
    public int forgetExpired() {
        Timestamp now = Timestamp.from(clock.instant());
        return transaction.execute(status -> {
            int forgotten = jdbc.update("delete from erasure_requests where status = ? and channel = 'mail' and id in"
                    + " (select request_id from erasure_confirmations where expires_at < ? and used_at is null)", Erasure.AWAITING, now);
            jdbc.update("delete from erasure_confirmations where expires_at < ? and request_id not in (select id from erasure_requests)", now);
            return forgotten;
        });
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
