package eu.postdesk.authentication;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The DNS the server asks, and the DKIM verifier that asks it. Tests declare a {@code @Primary} {@link TxtRecords}. */
@Configuration
public class AuthenticationChecks {
    @Bean
    TxtRecords txtRecords() {
        return new DnsTxtRecords();
    }

    @Bean
    DkimVerification dkimVerification(TxtRecords txtRecords) {
        return new DkimVerification(txtRecords);
    }
}
