package eu.postdesk.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLTransientConnectionException;

import jakarta.mail.MessagingException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/** Which failures the pipeline retries (they may pass) and which it quarantines at once. */
class TemporaryFailureKindsTest {
    @Test
    void aBusyLockedOrAbsentDatabaseMayPass() {
        assertThat(TemporaryFailure.is(new CannotAcquireLockException("locked"))).isTrue();
        assertThat(TemporaryFailure.is(new QueryTimeoutException("slow"))).isTrue();
        assertThat(TemporaryFailure.is(new CannotGetJdbcConnectionException("away"))).isTrue();
        assertThat(TemporaryFailure.is(new IllegalStateException("wrapped", new SQLTransientConnectionException("away")))).isTrue();
    }

    @Test
    void anUnwritableDataDirectoryMayPassAlsoWhenAMailetWrapsIt() {
        assertThat(TemporaryFailure.is(new UncheckedIOException("disk full", new IOException("No space left on device")))).isTrue();
        MessagingException wrapped = new MessagingException("cannot store");
        wrapped.setNextException(new IOException("read-only file system"));
        assertThat(TemporaryFailure.is(wrapped)).isTrue();
    }

    @Test
    void whatTheMessageItselfCausesIsNotRetried() {
        assertThat(TemporaryFailure.is(new MessagingException("redaction could not finish"))).isFalse();
        assertThat(TemporaryFailure.is(new DataIntegrityViolationException("too long for its column"))).isFalse();
        assertThat(TemporaryFailure.is(new StackOverflowError())).isFalse();
    }
}
