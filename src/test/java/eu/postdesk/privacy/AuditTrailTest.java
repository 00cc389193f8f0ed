package eu.postdesk.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import eu.postdesk.PostdeskProperties;

/** The audit trail's hash chain on the real schema in an H2 file database, tampered with in SQL as an intruder would. */
class AuditTrailTest {
    private static final String ANNA = "anna.berg@customer.example";

    @TempDir
    Path folder;
    private JdbcTemplate jdbc;
    private AuditTrail trail;

    @BeforeEach
    void aTrailOfFourRecords() {
        JdbcDataSource data = new JdbcDataSource();
        data.setURL("jdbc:h2:file:" + folder.resolve("audit") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        Flyway.configure().dataSource(data).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(data);
        PostdeskProperties properties = new PostdeskProperties();
        properties.setDataDir(folder);
        trail = new AuditTrail(jdbc, new MasterKey(properties), Clock.systemUTC(), new TransactionTemplate(new DataSourceTransactionManager(data)));
        trail.record(AuditTrail.REVEAL, "officer [token 0123456789ab]", "privacy-officer", "message 7", "customer asked for the original");
        trail.record(AuditTrail.EXPORT, "officer [token 0123456789ab]", "privacy-officer", trail.person(ANNA), "access request of " + ANNA);
        trail.record(AuditTrail.TOKEN_CHANGE, "admin [token ba9876543210]", "admin", "token 00aa00aa00aa", "issued a agent token");
        trail.record(AuditTrail.AUTHENTICATION_FAILED, null, null, trail.person("192.0.2.7"), "refused an unknown token");
    }

    @Test
    void anUntouchedTrailVerifies() {
        AuditTrail.Verification verification = trail.verify();
        assertThat(verification.intact()).isTrue();
        assertThat(verification.records()).isEqualTo(4);
        assertThat(verification.firstBroken()).isNull();
        assertThat(verification.head()).isEqualTo(trail.entries().get(3).get("hash"));
    }

    @Test
    void aChangedReasonIsNamed() {
        jdbc.update("update audit_trail set reason = 'routine check' where seq = 1");
        assertThat(trail.verify()).extracting(AuditTrail.Verification::intact, AuditTrail.Verification::firstBroken).containsExactly(false, 1L);
    }

    @Test
    void aChangedActionOrRoleIsNamed() {
        jdbc.update("update audit_trail set role = 'agent' where seq = 3");
        AuditTrail.Verification verification = trail.verify();
        assertThat(verification.firstBroken()).isEqualTo(3L);
        assertThat(verification.problem()).isEqualTo("its content does not match its hash");
    }

    @Test
    void aRecordWhoseHashWasRecomputedNoLongerLinksToTheNext() {
        jdbc.update("update audit_trail set action = 'hold', record_hash = '" + "ab".repeat(32) + "' where seq = 2");
        assertThat(trail.verify().firstBroken()).isEqualTo(2L);
    }

    @Test
    void aDeletedRecordIsNamed() {
        jdbc.update("delete from audit_trail where seq = 2");
        AuditTrail.Verification verification = trail.verify();
        assertThat(verification.firstBroken()).isEqualTo(2L);
        assertThat(verification.problem()).isEqualTo("record 2 is missing");
    }

    @Test
    void aCutOffTailIsNamed() {
        jdbc.update("delete from audit_trail where seq = 4");
        assertThat(trail.verify()).extracting(AuditTrail.Verification::intact, AuditTrail.Verification::firstBroken).containsExactly(false, 4L);
    }

    @Test
    void aPersonIsNeverStoredInClearOutsideTheFreeTextsAndForgettingThemKeepsTheChainValid() {
        assertThat(jdbc.queryForObject("select count(*) from audit_trail where target like '%customer.example%' or target like '%192.0.2.7%'", Integer.class)).isZero();

        int forgotten = trail.forget(trail.person(ANNA.toUpperCase()));

        assertThat(forgotten).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from audit_trail where reason like '%customer.example%' or who like '%customer.example%'", Integer.class)).isZero();
        assertThat(trail.verify().intact()).isTrue();
        assertThat(trail.entries()).hasSize(4);
    }

    @Test
    void recordsAppendedLaterContinueTheChain() {
        trail.record(AuditTrail.HOLD, "officer", "privacy-officer", "ticket 1001", "litigation");
        assertThat(trail.verify()).extracting(AuditTrail.Verification::intact, AuditTrail.Verification::records).containsExactly(true, 5L);
    }
}
