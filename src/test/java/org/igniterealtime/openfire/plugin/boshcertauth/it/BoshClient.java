package org.igniterealtime.openfire.plugin.boshcertauth.it;

import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TrustAnythingTrustManager;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * A minimal, synchronous BOSH client (XEP-0124 with the XMPP binding of XEP-0206) over {@link HttpClient}, able to
 * present a TLS client certificate. For tests only: it trusts ANY server certificate (Openfire's is self-signed).
 *
 * <pre>
 *   try (BoshClient bosh = BoshClient.builder(openfire.boshHttpsUri())
 *           .clientCertificate(aliceP12, "pw".toCharArray())      // optional: PKCS#12 with key + chain
 *           .build()) {
 *       bosh.createSession();                                     // sid + stream features
 *       assertTrue(bosh.mechanisms().contains("EXTERNAL"));
 *       BoshClient.AuthResult r = bosh.authExternal(null);        // "=" (no authzid)
 *       assertTrue(r.success(), r.condition());                   // else e.g. "not-authorized"
 *       bosh.restart();                                           // xmpp:restart='true'
 *       String jid = bosh.bindResource("test");                   // "alice@localhost/test"
 *   }
 * </pre>
 *
 * <p>One request is outstanding at a time ({@code hold='1'}), so the server answers each request itself, at the
 * latest after {@code wait} seconds. Every request gets the next rid; {@link #lastRid()} tells which one was used.
 * Responses are parsed with a hardened DOM parser (no DTDs, no external entities).</p>
 */
public final class BoshClient implements AutoCloseable {

    public static final String NS_HTTPBIND = "http://jabber.org/protocol/httpbind";
    public static final String NS_XBOSH = "urn:xmpp:xbosh";
    public static final String NS_STREAMS = "http://etherx.jabber.org/streams";
    public static final String NS_SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
    public static final String NS_BIND = "urn:ietf:params:xml:ns:xmpp-bind";
    public static final String NS_CLIENT = "jabber:client";

    private final URI endpoint;
    private final String domain;
    private final int waitSeconds;
    private final HttpClient http;
    private final Map<String, String> defaultHeaders;
    private long rid;
    private String sid;
    private Element features;
    private int iqCounter;

    private BoshClient(Builder b) throws GeneralSecurityException {
        this.endpoint = b.endpoint;
        this.domain = b.domain;
        this.waitSeconds = b.waitSeconds;
        this.defaultHeaders = Map.copyOf(b.defaultHeaders);
        this.http = b.httpClient != null ? b.httpClient : newHttpClient(b);
        // XEP-0124 §7.1: a random initial rid, far from 2^53 so that it never overflows during a test.
        this.rid = ThreadLocalRandom.current().nextLong(1_000_000L, 1L << 32);
    }

    private static HttpClient newHttpClient(Builder b) throws GeneralSecurityException {
        final SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(b.keyManagers(), new TrustManager[]{new TrustAnythingTrustManager()}, new SecureRandom());
        return HttpClient.newBuilder()
                .sslContext(ssl)
                // Browsers speak BOSH over HTTP/1.1 keep-alive connections; so do we (no h2 via ALPN).
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A client for {@code endpoint}, e.g. {@code https://localhost:7443/http-bind/}. */
    public static Builder builder(URI endpoint) {
        return new Builder(endpoint);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // State

    public String sid() {
        return sid;
    }

    /** The rid of the last request sent. */
    public long lastRid() {
        return rid;
    }

    /** The rid the next request will carry (and consume). */
    public long nextRid() {
        return rid + 1;
    }

    /** The last {@code <stream:features/>} received (after session creation, then after restart), or null. */
    public Element features() {
        return features;
    }

    /** The SASL mechanisms offered in the last stream features. */
    public List<String> mechanisms() {
        final List<String> result = new ArrayList<>();
        if (features != null) {
            for (Element mechanisms : children(features, NS_SASL, "mechanisms")) {
                for (Element mechanism : children(mechanisms, NS_SASL, "mechanism")) {
                    result.add(mechanism.getTextContent().trim());
                }
            }
        }
        return result;
    }

    public HttpClient httpClient() {
        return http;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // XMPP over BOSH

    /**
     * Creates a session (XEP-0124 §7.1, XEP-0206 §5) and waits for the stream features (Openfire sends them in the
     * creation response or in the answer to the next poll). Fails unless HTTP 200 with a {@code sid}.
     */
    public BoshResponse createSession() throws IOException, InterruptedException {
        return createSession(Map.of());
    }

    /** As {@link #createSession()}, with extra HTTP headers on the session creation request. */
    public BoshResponse createSession(Map<String, String> headers) throws IOException, InterruptedException {
        final long requestRid = ++rid;
        final String body = "<body xmlns='" + NS_HTTPBIND + "' xmlns:xmpp='" + NS_XBOSH + "'"
                + " content='text/xml; charset=utf-8' hold='1' rid='" + requestRid + "' to='" + escape(domain) + "'"
                + " ver='1.11' wait='" + waitSeconds + "' xml:lang='en' xmpp:version='1.0'/>";
        final BoshResponse response = post(body, headers);
        response.requireOk("session creation");
        sid = response.body().getAttribute("sid");
        if (sid.isEmpty()) {
            throw new IOException("Session creation response without sid: " + response.text());
        }
        rememberFeatures(response);
        if (features == null) {
            rememberFeatures(pollUntil(r -> r.child(NS_STREAMS, "features").isPresent(), Duration.ofSeconds(waitSeconds + 5)));
        }
        return response;
    }

    /** SASL PLAIN (RFC 4616) with authcid {@code username}, no authzid. */
    public AuthResult authPlain(String username, String password) throws IOException, InterruptedException {
        final byte[] message = ("\0" + username + "\0" + password).getBytes(StandardCharsets.UTF_8);
        return auth("PLAIN", Base64.getEncoder().encodeToString(message));
    }

    /**
     * SASL EXTERNAL (RFC 4422 App. A, XEP-0178): the identity comes from the TLS client certificate; {@code authzid}
     * (e.g. {@code "alice@localhost"}) is sent base64-encoded, null or empty sends {@code =} (RFC 6120 §6.4.2: empty
     * initial response).
     */
    public AuthResult authExternal(String authzidOrNull) throws IOException, InterruptedException {
        final String initial = authzidOrNull == null || authzidOrNull.isEmpty()
                ? "="
                : Base64.getEncoder().encodeToString(authzidOrNull.getBytes(StandardCharsets.UTF_8));
        return auth("EXTERNAL", initial);
    }

    /** Sends {@code <auth mechanism=...>initialResponse</auth>} and waits for {@code <success/>} or {@code <failure/>}. */
    public AuthResult auth(String mechanism, String initialResponse) throws IOException, InterruptedException {
        return auth(mechanism, initialResponse, Map.of());
    }

    /** As {@link #auth(String, String)}, with extra HTTP headers on the request that carries {@code <auth/>}. */
    public AuthResult auth(String mechanism, String initialResponse, Map<String, String> headers) throws IOException, InterruptedException {
        final String auth = "<auth xmlns='" + NS_SASL + "' mechanism='" + escape(mechanism) + "'>" + escape(initialResponse) + "</auth>";
        BoshResponse response = send(auth, headers);
        response.requireOk("auth");
        if (response.saslOutcome().isEmpty()) {
            response = pollUntil(r -> r.saslOutcome().isPresent(), Duration.ofSeconds(waitSeconds + 5));
        }
        final Element outcome = response.saslOutcome().orElseThrow();
        if ("success".equals(outcome.getLocalName())) {
            return new AuthResult(true, null, null, response);
        }
        String condition = null;
        String text = null;
        for (Node child = outcome.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element) {
                if ("text".equals(child.getLocalName())) {
                    text = child.getTextContent();
                } else if (condition == null) {
                    condition = child.getLocalName();
                }
            }
        }
        return new AuthResult(false, condition, text, response);
    }

    /** Restarts the stream after SASL success (XEP-0206 §5) and returns the new stream features. */
    public Element restart() throws IOException, InterruptedException {
        final long requestRid = ++rid;
        final String body = "<body xmlns='" + NS_HTTPBIND + "' xmlns:xmpp='" + NS_XBOSH + "' rid='" + requestRid + "'"
                + " sid='" + escape(sid) + "' to='" + escape(domain) + "' xml:lang='en' xmpp:restart='true'/>";
        BoshResponse response = post(body, Map.of());
        response.requireOk("restart");
        if (response.child(NS_STREAMS, "features").isEmpty()) {
            response = pollUntil(r -> r.child(NS_STREAMS, "features").isPresent(), Duration.ofSeconds(waitSeconds + 5));
        }
        rememberFeatures(response);
        return features;
    }

    /** Binds a resource (RFC 6120 §7) and returns the full JID the server assigned. */
    public String bindResource(String resourceOrNull) throws IOException, InterruptedException {
        final String id = "bind_" + (++iqCounter);
        final String resource = resourceOrNull == null ? "" : "<resource>" + escape(resourceOrNull) + "</resource>";
        final BoshResponse sent = send("<iq xmlns='" + NS_CLIENT + "' type='set' id='" + id + "'><bind xmlns='" + NS_BIND + "'>"
                + resource + "</bind></iq>");
        sent.requireOk("bind");
        final Predicate<BoshResponse> isAnswer = r -> r.payload().stream().anyMatch(e -> "iq".equals(e.getLocalName()) && id.equals(e.getAttribute("id")));
        final BoshResponse response = isAnswer.test(sent) ? sent : pollUntil(isAnswer, Duration.ofSeconds(waitSeconds + 5));
        final Element iq = response.payload().stream().filter(e -> id.equals(e.getAttribute("id"))).findFirst().orElseThrow();
        if (!"result".equals(iq.getAttribute("type"))) {
            throw new IOException("Resource binding failed: " + response.text());
        }
        final Element bind = children(iq, NS_BIND, "bind").stream().findFirst().orElseThrow(() -> new IOException("No <bind/> in " + response.text()));
        return children(bind, NS_BIND, "jid").stream().findFirst().map(Node::getTextContent).map(String::trim)
                .orElseThrow(() -> new IOException("No <jid/> in " + response.text()));
    }

    /** Sends raw XMPP stanzas/nonzas (the content of {@code <body/>}) in the current session. */
    public BoshResponse send(String payloadXml) throws IOException, InterruptedException {
        return send(payloadXml, Map.of());
    }

    /** As {@link #send(String)}, with extra HTTP headers on this request. */
    public BoshResponse send(String payloadXml, Map<String, String> headers) throws IOException, InterruptedException {
        final long requestRid = ++rid;
        return post("<body xmlns='" + NS_HTTPBIND + "' rid='" + requestRid + "' sid='" + escape(sid) + "'>" + payloadXml + "</body>", headers);
    }

    /** An empty request: collects whatever the server has queued (or waits up to {@code wait} seconds). */
    public BoshResponse poll() throws IOException, InterruptedException {
        return send("");
    }

    /** Polls until a response satisfies {@code condition}; fails on non-200, terminate or timeout. */
    public BoshResponse pollUntil(Predicate<BoshResponse> condition, Duration timeout) throws IOException, InterruptedException {
        final Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            final BoshResponse response = poll();
            response.requireOk("poll");
            if (condition.test(response)) {
                return response;
            }
            if ("terminate".equals(response.body().getAttribute("type"))) {
                throw new IOException("Session terminated while polling: " + response.text());
            }
        }
        throw new IOException("No matching response within " + timeout);
    }

    /**
     * Any request: {@code bodyXml} is posted as is (the caller is responsible for rid/sid; use {@link #nextRid()} and
     * advance with {@link #consumeRid()}), with extra headers. For proxy-header and malformed-request tests.
     */
    public BoshResponse request(String bodyXml, Map<String, String> headers) throws IOException, InterruptedException {
        return post(bodyXml, headers);
    }

    /** Takes the next rid for a hand-built {@link #request} and returns it. */
    public long consumeRid() {
        return ++rid;
    }

    /** Ends the session ({@code type='terminate'}) with an unavailable presence; ignores failures. */
    public void terminate() {
        if (sid == null) {
            return;
        }
        try {
            final long requestRid = ++rid;
            post("<body xmlns='" + NS_HTTPBIND + "' rid='" + requestRid + "' sid='" + escape(sid) + "' type='terminate'>"
                    + "<presence xmlns='" + NS_CLIENT + "' type='unavailable'/></body>", Map.of());
        } catch (IOException e) {
            // best effort: the server times the session out anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            sid = null;
        }
    }

    @Override
    public void close() {
        terminate();
    }

    private BoshResponse post(String body, Map<String, String> headers) throws IOException, InterruptedException {
        final HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(waitSeconds + 30))
                .header("Content-Type", "text/xml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        defaultHeaders.forEach(request::header);
        headers.forEach(request::header);
        final HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return BoshResponse.of(response.statusCode(), response.headers(), response.body());
    }

    private void rememberFeatures(BoshResponse response) {
        response.child(NS_STREAMS, "features").ifPresent(f -> features = f);
    }

    static List<Element> children(Element parent, String namespace, String localName) {
        final List<Element> result = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element && localName.equals(child.getLocalName()) && namespace.equals(child.getNamespaceURI())) {
                result.add((Element) child);
            }
        }
        return result;
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&apos;").replace("\"", "&quot;");
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** Outcome of a SASL exchange: success, or the failure's condition element name (e.g. {@code not-authorized}). */
    public record AuthResult(boolean success, String condition, String text, BoshResponse response) {}

    /** One HTTP response of the BOSH endpoint; {@link #body()} is null when the entity was not a {@code <body/>}. */
    public record BoshResponse(int status, HttpHeaders headers, String text, Element body) {

        static BoshResponse of(int status, HttpHeaders headers, String text) throws IOException {
            Element body = null;
            if (text != null && !text.isBlank()) {
                try {
                    final Document doc = OpenfireServer.Xml.parse(text);
                    if (NS_HTTPBIND.equals(doc.getDocumentElement().getNamespaceURI()) && "body".equals(doc.getDocumentElement().getLocalName())) {
                        body = doc.getDocumentElement();
                    }
                } catch (Exception e) {
                    if (status == 200) {
                        throw new IOException("Unparsable BOSH response: " + text, e);
                    }
                    // error pages (HTML) of non-200 responses are kept as text only
                }
            }
            return new BoshResponse(status, headers, text, body);
        }

        /** The child elements of {@code <body/>} (stanzas, features, SASL nonzas). */
        public List<Element> payload() {
            if (body == null) {
                return Collections.emptyList();
            }
            final List<Element> result = new ArrayList<>();
            for (Node child = body.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element) {
                    result.add((Element) child);
                }
            }
            return result;
        }

        public Optional<Element> child(String namespace, String localName) {
            return payload().stream().filter(e -> localName.equals(e.getLocalName()) && namespace.equals(e.getNamespaceURI())).findFirst();
        }

        /** {@code <success/>} or {@code <failure/>} of SASL, if this response carries one. */
        public Optional<Element> saslOutcome() {
            return child(NS_SASL, "success").or(() -> child(NS_SASL, "failure"));
        }

        /** {@code type='terminate'} with its {@code condition} attribute (XEP-0124 §17), if the server ended the session. */
        public Optional<String> terminateCondition() {
            return body != null && "terminate".equals(body.getAttribute("type")) ? Optional.of(body.getAttribute("condition")) : Optional.empty();
        }

        void requireOk(String what) throws IOException {
            if (status != 200 || body == null) {
                throw new IOException(what + ": HTTP " + status + " " + text);
            }
            if (terminateCondition().isPresent()) {
                throw new IOException(what + ": session terminated (" + terminateCondition().get() + "): " + text);
            }
        }
    }

    /** How to reach the server and which certificate (if any) to present. */
    public static final class Builder {
        private final URI endpoint;
        private String domain = OpenfireServer.DOMAIN;
        private int waitSeconds = 10;
        private KeyStore clientKeyStore;
        private char[] clientKeyPassword;
        private final Map<String, String> defaultHeaders = new java.util.LinkedHashMap<>();
        private HttpClient httpClient;

        private Builder(URI endpoint) {
            this.endpoint = endpoint;
        }

        /** The XMPP domain ({@code to}); default {@code localhost}. */
        public Builder domain(String domain) {
            this.domain = domain;
            return this;
        }

        /** The BOSH {@code wait} (longest time the server may hold a request); default 10 s to keep tests quick. */
        public Builder waitSeconds(int seconds) {
            this.waitSeconds = seconds;
            return this;
        }

        /** A header sent with every request (as a reverse proxy adds the forwarded client certificate to each). */
        public Builder header(String name, String value) {
            this.defaultHeaders.put(name, value);
            return this;
        }

        /** Presents a test certificate (key + chain without the root) as TLS client certificate; none when null. */
        public Builder clientCertificate(org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki.Issued issuedOrNull) {
            if (issuedOrNull != null) {
                final char[] password = "changeit".toCharArray();
                clientCertificate(org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki.keyStore(issuedOrNull, password), password);
            }
            return this;
        }

        /** Presents the key entry of this KeyStore (e.g. PKCS#12 from {@code TestPki}) as TLS client certificate. */
        public Builder clientCertificate(KeyStore keyStore, char[] password) {
            this.clientKeyStore = keyStore;
            this.clientKeyPassword = password.clone();
            return this;
        }

        /** Presents the key entry of a PKCS#12 file as TLS client certificate. */
        public Builder clientCertificate(Path pkcs12, char[] password) throws IOException, GeneralSecurityException {
            final KeyStore keyStore = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(pkcs12)) {
                keyStore.load(in, password);
            }
            return clientCertificate(keyStore, password);
        }

        /**
         * Speaks over this client (and its kept-alive connections, as a browser keeps its BOSH connection across
         * sessions) instead of a new one; its SSLContext decides which certificate is presented, so
         * {@link #clientCertificate} is then ignored.
         */
        public Builder httpClient(HttpClient client) {
            this.httpClient = client;
            return this;
        }

        public BoshClient build() throws GeneralSecurityException {
            return new BoshClient(this);
        }

        private javax.net.ssl.KeyManager[] keyManagers() throws GeneralSecurityException {
            if (clientKeyStore == null) {
                return null; // no client certificate
            }
            final KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(clientKeyStore, clientKeyPassword);
            return kmf.getKeyManagers();
        }
    }

}
