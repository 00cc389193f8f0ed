package eu.postdesk.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;

import org.junit.jupiter.api.Test;

import eu.postdesk.RecordingResolver;
import eu.postdesk.RunningPostdesk;
import tools.jackson.databind.JsonNode;

/**
 * No profiling, no third parties: a mail full of remote images, avatars, fonts, scripts and links
 * goes through the whole server (filing, acknowledgement, notifications, the API), and the JVM
 * talks to no one but the configured relay and its own clients. Seen two ways, both from the JDK:
 * every TCP read and write (JFR's jdk.SocketRead / jdk.SocketWrite events, with no threshold)
 * names its peer, and every host name the JVM resolves passes the {@link RecordingResolver}; a
 * listener the mail points at counts whoever calls. A DNS query needs a lookup, and a connection
 * that carries anything needs a write, so between them nothing leaves unseen.
 */
class NoThirdPartiesTest extends RunningPostdesk {
    private static final String CUSTOMER = "no-third-parties@customer.example";

    record Peer(String address, int port) {
    }

    @Test
    void theServerTalksToNoOneButTheRelayWhateverTheMailPointsAt() throws Exception {
        Set<String> mayResolve = new HashSet<>(Set.of("localhost", InetAddress.getLocalHost().getHostName()));
        AtomicInteger trapped = new AtomicInteger();
        List<Peer> peers = new CopyOnWriteArrayList<>();
        try (ServerSocket trap = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             RecordingStream network = new RecordingStream()) {
            Thread.ofVirtual().start(() -> {
                while (!trap.isClosed()) {
                    try (Socket caller = trap.accept()) {
                        trapped.incrementAndGet();
                    } catch (java.io.IOException closed) {
                        return;
                    }
                }
            });
            for (String event : List.of("jdk.SocketWrite", "jdk.SocketRead")) {
                network.enable(event).withThreshold(Duration.ZERO).withoutStackTrace();
                network.onEvent(event, (RecordedEvent e) -> peers.add(new Peer(e.getString("address"), e.getInt("port"))));
            }
            network.startAsync();
            RecordingResolver.clear();
            String probe = "resolver-check-" + UUID.randomUUID() + ".invalid";
            try {
                InetAddress.getByName(probe);
            } catch (UnknownHostException expected) {
                // the lookup is what counts
            }
            assertThat(RecordingResolver.lookups()).as("the recording resolver is the JVM's resolver").contains(probe);
            mayResolve.add(probe);

            deliver(CUSTOMER, SUPPORT, pointingEverywhere(trap.getLocalPort()));
            eventually("the acknowledgement at the relay", () -> !relayedTo(CUSTOMER).isEmpty());
            eventually("the notifications at the relay", () -> !relayedTo(AGENT1).isEmpty() && !relayedTo(AGENT2).isEmpty());
            JsonNode ticket = ticket(ticketsOf(CUSTOMER).get(0).get("number").asLong());
            assertThat(ticket.get("messages").get(0).get("remoteContent").asBoolean()).as("the mail does point at remote content").isTrue();
            network.stop();

            // the SMTP listener names its client by a reverse lookup of the client's address: here this machine's
            assertThat(RecordingResolver.lookups()).as("host names the JVM resolved")
                    .allMatch(name -> mayResolve.contains(name) || name.equals("reverse 7f000001") || name.equals("reverse 00000000000000000000000000000001"));
            assertThat(trapped.get()).as("calls to the address the mail points at").isZero();
            assertThat(peers).as("the relay, seen by the recording").contains(new Peer("127.0.0.1", relay.getSmtp().getPort()));
            assertThat(peers).as("every peer of the JVM's sockets").allMatch(p -> isLoopback(p.address()), "is this machine")
                    .noneMatch(p -> p.port() == trap.getLocalPort());
        }
    }

    private static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String pointingEverywhere(int trapPort) {
        String html = """
                <html><head>
                <link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Roboto">
                <script src="https://cdn.jsdelivr.net/npm/tracker/x.js"></script>
                <style>@import url("http://fonts.example.net/font.css"); body { background: url(http://127.0.0.1:%1$d/bg.png) }</style>
                </head><body>
                <img src="https://www.gravatar.com/avatar/205e460b479e2e5b48aec07710c08d50?d=identicon" alt="me">
                <img src="http://127.0.0.1:%1$d/pixel.gif" width="1" height="1">
                <p>Where am I? <a href="https://geoip.example.org/lookup">here</a>. The printer is broken.</p>
                <iframe src="http://127.0.0.1:%1$d/frame"></iframe>
                </body></html>
                """.formatted(trapPort);
        return ("From: " + CUSTOMER + "\r\nTo: " + SUPPORT + "\r\nSubject: Printer broken\r\n"
                + "Message-ID: <" + UUID.randomUUID() + "@customer.example>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"alt\"\r\n\r\n"
                + "--alt\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nThe printer is broken. https://geoip.example.org/lookup\r\n"
                + "--alt\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n" + html.replace("\n", "\r\n") + "\r\n--alt--\r\n");
    }
}
