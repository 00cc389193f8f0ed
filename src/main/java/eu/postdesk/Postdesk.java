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
        SpringApplication.run(Postdesk.class, args);
    }
}
