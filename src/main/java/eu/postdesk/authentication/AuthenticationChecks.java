package eu.postdesk.authentication;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The DNS the server asks, and the DKIM verifier that asks it. Tests declare a {@code @Primary} {@link DnsRecords}. */
@Configuration
public class AuthenticationChecks {
    @Bean
    DnsRecords dnsRecords() {
        return new SystemDns();
    }

    @Bean
    DkimVerification dkimVerification(DnsRecords dnsRecords) {
        return new DkimVerification(dnsRecords);
    }
}
