package org.igniterealtime.openfire.plugin.boshcertauth.testsupport;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal RFC 7395 (XMPP over WebSocket) client on the JDK's WebSocket, with an optional TLS client certificate.
 * Trusts any server certificate: tests only talk to their own servers on loopback.
 */
public final class XmppWebSocketClient implements AutoCloseable {

    public static final String NS_SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final Pattern MECHANISM = Pattern.compile("<mechanism>([^<]+)</mechanism>");
    private static final Pattern CONDITION = Pattern.compile("<failure[^>]*>\\s*<([a-z-]+)");
    private static final Pattern JID = Pattern.compile("<jid>([^<]+)</jid>");

    private final WebSocket socket;
    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private volatile String closed;
    private List<String> mechanisms = List.of();

    private XmppWebSocketClient(URI uri, KeyStore clientKeys, char[] password, Map<String, String> headers) throws Exception {
        final SSLContext ssl = SSLContext.getInstance("TLS");
        javax.net.ssl.KeyManager[] keyManagers = null;
        if (clientKeys != null) {
            final KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(clientKeys, password);
            keyManagers = kmf.getKeyManagers();
        }
        ssl.init(keyManagers, new TrustManager[]{new TrustAnythingTrustManager()}, new SecureRandom());
        final HttpClient http = HttpClient.newBuilder().sslContext(ssl).connectTimeout(TIMEOUT).build();
        final WebSocket.Builder builder = http.newWebSocketBuilder().subprotocols("xmpp").connectTimeout(TIMEOUT);
        headers.forEach(builder::header);
        this.socket = builder.buildAsync(uri, new Collector()).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** @param clientKeys a key store with the client certificate, or null for none */
    public static XmppWebSocketClient connect(URI uri, KeyStore clientKeys, char[] password) throws Exception {
        return new XmppWebSocketClient(uri, clientKeys, password, Map.of());
    }

    /** With a client certificate and extra headers on the upgrade request (e.g. a browser's Origin). */
    public static XmppWebSocketClient connect(URI uri, KeyStore clientKeys, char[] password, Map<String, String> headers) throws Exception {
        return new XmppWebSocketClient(uri, clientKeys, password, headers);
    }

    /** With extra headers on the upgrade request (e.g. a reverse proxy's forwarded certificate). */
    public static XmppWebSocketClient connect(URI uri, Map<String, String> headers) throws Exception {
        return new XmppWebSocketClient(uri, null, null, headers);
    }

    public String subprotocol() {
        return socket.getSubprotocol();
    }

    public void send(String frame) throws Exception {
        socket.sendText(frame, true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** The next frame, or fails after the timeout. */
    public String receive() throws Exception {
        final String frame = frames.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (frame == null) {
            throw new AssertionError("no frame within " + TIMEOUT + (closed == null ? "" : "; closed: " + closed));
        }
        return frame;
    }

    /** Sends {@code <open/>} and returns the stream features (the frames up to and including them). */
    public String open(String domain) throws Exception {
        send("<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' to='" + domain + "' version='1.0'/>");
        String frame;
        do {
            frame = receive();
        } while (!frame.contains("features"));
        final List<String> names = new ArrayList<>();
        final Matcher m = MECHANISM.matcher(frame);
        while (m.find()) {
            names.add(m.group(1));
        }
        mechanisms = List.copyOf(names);
        return frame;
    }

    public List<String> mechanisms() {
        return mechanisms;
    }

    public record AuthResult(String frame) {
        public boolean success() {
            return frame.contains("<success");
        }

        public String condition() {
            final Matcher m = CONDITION.matcher(frame);
            return m.find() ? m.group(1) : "";
        }
    }

    /** SASL EXTERNAL with an initial response: the authzid, or "=" when null. */
    public AuthResult authExternal(String authzid) throws Exception {
        return auth("EXTERNAL", authzid == null ? "=" : base64(authzid));
    }

    public AuthResult authPlain(String user, String password) throws Exception {
        return auth("PLAIN", base64("\0" + user + "\0" + password));
    }

    public AuthResult auth(String mechanism, String text) throws Exception {
        send("<auth xmlns='" + NS_SASL + "' mechanism='" + mechanism + "'>" + text + "</auth>");
        return new AuthResult(receive());
    }

    /** Binds a resource (after a successful auth and a new {@link #open}) and returns the full JID. */
    public String bind(String resource) throws Exception {
        send("<iq xmlns='jabber:client' type='set' id='bind1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>"
            + resource + "</resource></bind></iq>");
        final String frame = receive();
        final Matcher m = JID.matcher(frame);
        if (!m.find()) {
            throw new AssertionError("no JID in " + frame);
        }
        return m.group(1);
    }

    /**
     * Waits until the server closes the connection and returns the close status and reason (or the error), with the
     * frames it sent before that, e.g. {@code <close xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>}.
     */
    public String awaitClosed(Duration timeout) throws InterruptedException {
        final long end = System.nanoTime() + timeout.toNanos();
        final StringBuilder seen = new StringBuilder();
        while (closed == null && System.nanoTime() < end) {
            final String frame = frames.poll(100, TimeUnit.MILLISECONDS);
            if (frame != null) {
                seen.append(frame);
            }
        }
        String frame;
        while ((frame = frames.poll()) != null) {
            seen.append(frame);
        }
        if (closed == null) {
            throw new AssertionError("still open after " + timeout + "; frames: " + seen);
        }
        return closed + (seen.isEmpty() ? "" : "; frames: " + seen);
    }

    public static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            socket.abort();
        }
    }

    private final class Collector implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed = statusCode + " " + reason;
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed = String.valueOf(error);
        }
    }

}
