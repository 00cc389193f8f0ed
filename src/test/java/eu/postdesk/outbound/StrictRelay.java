package eu.postdesk.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLSocket;

import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.server.SMTPServer;

import eu.postdesk.tls.ReloadingKeyMaterial;

/**
 * A relay as strict as Microsoft 365 or Amazon SES: STARTTLS before anything, then AUTH
 * PLAIN/LOGIN, else 530. A real SMTP server (SubEthaSMTP) that keeps what it received.
 */
public final class StrictRelay implements AutoCloseable {
    public record Received(String from, List<String> recipients, byte[] raw, String user, String tlsProtocol) {
    }

    private final SMTPServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public StrictRelay(Path certificate, Path privateKey, String user, String password) throws IOException {
        ReloadingKeyMaterial material = new ReloadingKeyMaterial(certificate, privateKey, null);
        server = new SMTPServer.Builder().port(0)
                .bindAddress(InetAddress.getLoopbackAddress())
                .hostName("strict-relay.test")
                .enableTLS()
                .requireTLS()
                .requireAuth()
                .startTlsSocketFactory(socket -> {
                    SSLSocket tls = (SSLSocket) material.context().getSocketFactory()
                            .createSocket(socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
                    tls.setUseClientMode(false);
                    return tls;
                })
                .authenticationHandlerFactory(new EasyAuthenticationHandlerFactory((u, p, context) -> {
                    if (!u.equals(user) || !p.equals(password)) {
                        throw new org.subethamail.smtp.auth.LoginFailedException("535 5.7.8 bad credentials");
                    }
                }))
                .messageHandlerFactory(Handler::new)
                .build();
        server.start();
    }

    public int port() {
        return server.getPortAllocated();
    }

    public List<Received> received() {
        return received;
    }

    @Override
    public void close() {
        server.stop();
    }

    private final class Handler implements MessageHandler {
        private final MessageContext context;
        private String from;
        private final List<String> recipients = new CopyOnWriteArrayList<>();

        Handler(MessageContext context) {
            this.context = context;
        }

        @Override
        public void from(String from) {
            this.from = from;
        }

        @Override
        public void recipient(String recipient) {
            recipients.add(recipient);
        }

        @Override
        public String data(InputStream data) throws IOException {
            byte[] raw = data.readAllBytes();
            String user = context.getAuthenticationHandler().map(h -> String.valueOf(h.getIdentity())).orElse(null);
            String protocol = context instanceof org.subethamail.smtp.server.Session session && session.getSocket() instanceof SSLSocket tls
                    ? tls.getSession().getProtocol() : null;
            received.add(new Received(from, List.copyOf(recipients), raw, user, protocol));
            return null;
        }

        @Override
        public void done() {
        }
    }
}
