package eu.postdesk.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import eu.postdesk.PostdeskProperties;

/** The configured tokens across restarts, on the real schema in an H2 file database. */
class ApiTokensTest {
    @TempDir
    Path folder;
    private JdbcTemplate jdbc;

    @BeforeEach
    void database() {
        JdbcDataSource data = new JdbcDataSource();
        data.setURL("jdbc:h2:file:" + folder.resolve("tokens") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        Flyway.configure().dataSource(data).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(data);
    }

    private ApiTokens startWith(String adminToken, String officerToken) {
        PostdeskProperties properties = new PostdeskProperties();
        properties.getApi().setAdminToken(adminToken);
        properties.getApi().setPrivacyOfficerToken(officerToken);
        properties.validate();
        return new ApiTokens(jdbc, properties, java.time.Clock.systemUTC(), AuditTrails.on(jdbc, folder));
    }

    @Test
    void aNewConfiguredAdminTokenRevokesTheOldOne() {
        ApiTokens first = startWith("first-admin-token-0123456789", null);
        assertThat(first.holderOf("first-admin-token-0123456789")).map(ApiTokens.Holder::role).contains("admin");

        ApiTokens second = startWith("second-admin-token-0123456789", null);

        assertThat(second.holderOf("first-admin-token-0123456789")).isEmpty();
        assertThat(second.holderOf("second-admin-token-0123456789")).map(ApiTokens.Holder::role).contains("admin");
    }

    @Test
    void aNewConfiguredPrivacyOfficerTokenRevokesTheOldOneAndLeavesIssuedTokensAlone() {
        ApiTokens first = startWith("admin-token-0123456789", "first-officer-token-0123456789");
        String issued = first.issue("deputy officer", ApiTokens.PRIVACY_OFFICER, first.holderOf("first-officer-token-0123456789").orElseThrow());

        ApiTokens second = startWith("admin-token-0123456789", "second-officer-token-0123456789");

        assertThat(second.holderOf("first-officer-token-0123456789")).isEmpty();
        assertThat(second.holderOf("second-officer-token-0123456789")).map(ApiTokens.Holder::role).contains("privacy-officer");
        assertThat(second.holderOf(issued)).map(ApiTokens.Holder::role).contains("privacy-officer");
        assertThat(second.holderOf("admin-token-0123456789")).map(ApiTokens.Holder::role).contains("admin");
    }

    @Test
    void anAdminCannotIssueAPrivacyOfficerToken() {
        ApiTokens tokens = startWith("admin-token-0123456789", null);
        ApiTokens.Holder admin = tokens.holderOf("admin-token-0123456789").orElseThrow();

        assertThatThrownBy(() -> tokens.issue("officer", ApiTokens.PRIVACY_OFFICER, admin)).isInstanceOf(ApiError.class);
        assertThat(jdbc.queryForObject("select count(*) from api_tokens where role = 'privacy-officer'", Integer.class)).isZero();
    }

    @Test
    void theSameValueForBothRolesIsRefusedAtStart() {
        assertThatThrownBy(() -> startWith("same-token-0123456789", "same-token-0123456789"))
                .hasMessageContaining("postdesk.api.privacy-officer-token must differ");
    }

    @Test
    void aCallFromOutsideTheAllowedNetworksIsRefusedEvenWithAValidToken() {
        PostdeskProperties properties = new PostdeskProperties();
        properties.getApi().setAdminToken("admin-token-0123456789");
        properties.getApi().setAllowedNetworks(java.util.List.of("127.0.0.0/8", "::1/128"));
        properties.validate();
        ApiTokens tokens = new ApiTokens(jdbc, properties, java.time.Clock.systemUTC(), AuditTrails.on(jdbc, folder));

        assertThat(tokens.authenticate("admin-token-0123456789", "127.0.0.1").holder()).isNotNull();
        assertThat(tokens.authenticate("admin-token-0123456789", "0:0:0:0:0:0:0:1").holder()).isNotNull();
        ApiTokens.Authentication outside = tokens.authenticate("admin-token-0123456789", "192.0.2.7");
        assertThat(outside.holder()).isNull();
        assertThat(outside.refusal()).isEqualTo(org.springframework.http.HttpStatus.FORBIDDEN);
    }

    @Test
    void aWrongNetworkInTheConfigurationStopsTheStartNamingTheProperty() {
        PostdeskProperties properties = new PostdeskProperties();
        properties.getApi().setAllowedNetworks(java.util.List.of("10.0.0.0/40"));
        assertThatThrownBy(properties::validate).hasMessageContaining("postdesk.api.allowed-networks").hasMessageContaining("10.0.0.0/40");
    }

    @Test
    void networksMatchByPrefixForBothAddressFamilies() {
        Networks networks = Networks.parse(java.util.List.of("10.1.0.0/16", "2001:db8:abcd::/48", "198.51.100.7"));
        assertThat(networks.allows("10.1.255.3")).isTrue();
        assertThat(networks.allows("10.2.0.1")).isFalse();
        assertThat(networks.allows("2001:db8:abcd:12::1")).isTrue();
        assertThat(networks.allows("2001:db8:abce::1")).isFalse();
        assertThat(networks.allows("198.51.100.7")).isTrue();
        assertThat(networks.allows("198.51.100.8")).isFalse();
        assertThat(networks.allows("not-an-address")).isFalse();
    }
}
