package eu.postdesk.ingress;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

import javax.net.ssl.SSLException;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.FolderClosedException;
import jakarta.mail.FolderNotFoundException;
import jakarta.mail.StoreClosedException;

/**
 * What went wrong with a mailbox, said in a fixed phrase. A server's own text can quote the login
 * or the token it refused, so it never reaches a log, the API or the health view.
 */
final class MailboxError {
    private MailboxError() {
    }

    static String describe(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause()) {
            String phrase = phrase(e);
            if (phrase != null) {
                return phrase;
            }
            if (e.getCause() == e) {
                break;
            }
        }
        return "failed (" + failure.getClass().getSimpleName() + ")";
    }

    /** The failure's class and its causes' classes, for the log: names of classes, never their messages. */
    static String classes(Throwable failure) {
        StringBuilder out = new StringBuilder();
        for (Throwable e = failure; e != null && out.length() < 300; e = e.getCause() == e ? null : e.getCause()) {
            out.append(out.isEmpty() ? "" : " < ").append(e.getClass().getSimpleName());
        }
        return out.toString();
    }

    private static String phrase(Throwable e) {
        if (e instanceof AuthenticationFailedException) {
            return "the server refused the login (check username and password or oauth2-token)";
        }
        if (e instanceof FolderNotFoundException) {
            return "the folder does not exist on the server (check folder and move-to)";
        }
        if (e instanceof UnknownHostException) {
            return "unknown host";
        }
        if (e instanceof ConnectException) {
            return "cannot connect to the server";
        }
        if (e instanceof SocketTimeoutException) {
            return "the server did not answer in time";
        }
        if (e instanceof SSLException) {
            return "TLS with the server failed";
        }
        if (e instanceof FolderClosedException || e instanceof StoreClosedException || e instanceof java.io.EOFException
                || e instanceof java.net.SocketException) {
            return "the connection was lost";
        }
        return null;
    }
}
