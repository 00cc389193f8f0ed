package eu.postdesk;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Postdesk: the mail server between customers and the support team. */
@SpringBootApplication
public class Postdesk {
    public static void main(String[] args) {
        SpringApplication.run(Postdesk.class, args);
    }
}
