package eu.postdesk.api;

import java.nio.file.Path;
import java.time.Clock;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import eu.postdesk.PostdeskProperties;
import eu.postdesk.privacy.AuditTrail;
import eu.postdesk.privacy.MasterKey;

/** A real audit trail on a test's own database, its master key in the test's folder. */
final class AuditTrails {
    private AuditTrails() {
    }

    static AuditTrail on(JdbcTemplate jdbc, Path folder) {
        PostdeskProperties properties = new PostdeskProperties();
        properties.setDataDir(folder);
        return new AuditTrail(jdbc, new MasterKey(properties), Clock.systemUTC(),
                new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource())));
    }
}
