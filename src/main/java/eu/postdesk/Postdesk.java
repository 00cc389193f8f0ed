package eu.postdesk;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Postdesk: the mail server between customers and the support team. */
@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties(PostdeskProperties.class)
public class Postdesk {
    public static void main(String[] args) {
        // Jakarta Mail otherwise looks its stream provider up through a ServiceLoader scan on every
        // MIME operation, which inside the Boot jar walks every nested jar: a third of the pipeline's CPU.
        if (System.getProperty("jakarta.mail.util.StreamProvider") == null) {
            System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
        }
        SpringApplication.run(Postdesk.class, args);
    }
}
