package eu.postdesk.ingress;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP link on loopback between Postdesk and a mail server that a test can cut: at once, or in the
 * middle of a response (after the server has sent so many more bytes), and point at another server.
 */
final class CuttableLink implements AutoCloseable {
    private final ServerSocket listener;
    private volatile int target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong cutAfter = new AtomicLong(-1);
    private final AtomicInteger cuts = new AtomicInteger();

    CuttableLink(int target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "cuttable-link-" + listener.getLocalPort());
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** New connections go to this port; the open ones stay where they are until cut. */
    void retarget(int port) {
        this.target = port;
    }

    /** Closes every open connection now. */
    void cutAll() {
        cuts.incrementAndGet();
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closed already
            }
        }
    }

    /** Cuts every connection once the server has sent this many more bytes: in the middle of whatever it is sending. */
    void cutAfter(long bytes) {
        cutAfter.set(bytes);
    }

    /** How many times the link was cut. */
    int cuts() {
        return cuts.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                open.add(client);
                open.add(server);
                pump(client, server, false);
                pump(server, client, true);
            } catch (IOException e) {
                // the listener closed, or the server is down: the client sees its connection fail
            }
        }
    }

    private void pump(Socket from, Socket to, boolean downstream) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) != -1) {
                    long armed = downstream ? cutAfter.get() : -1;
                    if (armed >= 0 && read >= armed && cutAfter.compareAndSet(armed, -1)) {
                        out.write(buffer, 0, (int) armed);
                        out.flush();
                        cutAll();
                        return;
                    }
                    if (armed > 0) {
                        cutAfter.compareAndSet(armed, armed - read);
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // cut, or closed by either side
            } finally {
                close(from);
                close(to);
            }
        }, "cuttable-link-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private void close(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException ignored) {
            // closed already
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        cutAll();
    }
}
