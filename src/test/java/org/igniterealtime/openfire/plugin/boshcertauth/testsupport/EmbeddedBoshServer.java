package org.igniterealtime.openfire.plugin.boshcertauth.testsupport;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.eclipse.jetty.ee8.servlet.ServletContextHandler;
import org.eclipse.jetty.ee8.servlet.ServletHolder;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;

/**
 * Jetty 12 ee8 on loopback, shaped like Openfire's HTTP-bind server: a {@code Handler.Sequence} (held in a field named
 * {@code handlerList}, as in Openfire's HttpBindManager) whose first element is a {@link ServletContextHandler} at
 * {@code /http-bind} serving a {@link FakeBoshServlet}; HTTPS with TLS client authentication (want or need) against a
 * truststore of client CAs, and plain HTTP (as reverse proxies use).
 */
public final class EmbeddedBoshServer implements AutoCloseable {

    private static final char[] PASSWORD = "changeit".toCharArray();

    /** Named like the field of Openfire's HttpBindManager that HttpBindContextLocator reads. */
    @SuppressWarnings("unused")
    private final Handler.Sequence handlerList = new Handler.Sequence();
    private final Server server = new Server();
    private final ServletContextHandler boshContext = new ServletContextHandler(null, "/http-bind", ServletContextHandler.SESSIONS);
    private final FakeBoshServlet servlet = new FakeBoshServlet();
    private final TestPki.Issued serverCa = TestPki.rootCa("Embedded BOSH server CA");
    private final ServerConnector https;
    private final ServerConnector http;

    public EmbeddedBoshServer(boolean needClientAuth, X509Certificate... trustedClientCas) throws Exception {
        boshContext.setAllowNullPathInfo(true);
        boshContext.addServlet(new ServletHolder(servlet), "/*");
        handlerList.addHandler(boshContext);
        server.setHandler(handlerList);

        final TestPki.Issued serverCert = TestPki.certificate("localhost").dnsName("localhost")
            .extendedKeyUsage(KeyPurposeId.id_kp_serverAuth).issuedBy(serverCa).build();
        final SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(TestPki.keyStore(serverCert, PASSWORD));
        ssl.setKeyStorePassword(new String(PASSWORD));
        ssl.setTrustStore(TestPki.trustStore(trustedClientCas));
        if (needClientAuth) {
            ssl.setNeedClientAuth(true);
        } else {
            ssl.setWantClientAuth(true);
        }
        final HttpConfiguration httpsConfig = new HttpConfiguration();
        httpsConfig.addCustomizer(new SecureRequestCustomizer(false));
        https = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(httpsConfig));
        https.setHost("127.0.0.1");
        http = new ServerConnector(server, new HttpConnectionFactory(new HttpConfiguration()));
        http.setHost("127.0.0.1");
        server.addConnector(https);
        server.addConnector(http);
        server.start();
    }

    /** Stands in for Openfire's HttpBindManager in HttpBindContextLocator. */
    public Object httpBindManager() {
        return this;
    }

    public ServletContextHandler boshContext() {
        return boshContext;
    }

    public FakeBoshServlet servlet() {
        return servlet;
    }

    public URI httpsUri() {
        return URI.create("https://localhost:" + https.getLocalPort() + "/http-bind/");
    }

    public URI httpUri() {
        return URI.create("http://127.0.0.1:" + http.getLocalPort() + "/http-bind/");
    }

    /** Restarts the BOSH context, as Openfire does when httpbind.* properties or the certificate stores change. */
    public void restartBoshContext() throws Exception {
        boshContext.stop();
        boshContext.start();
    }

    /** An HTTP client that trusts this server and presents the given client certificate (or none, when null). */
    public HttpClient client(TestPki.Issued clientCertificate) throws Exception {
        final SSLContext context = SSLContext.getInstance("TLS");
        KeyManagerFactory kmf = null;
        if (clientCertificate != null) {
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(TestPki.keyStore(clientCertificate, PASSWORD), PASSWORD);
        }
        final TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(TestPki.trustStore(serverCa.certificate()));
        context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(10)).build();
    }

    public static HttpResponse<String> post(HttpClient client, URI uri, String body, Map<String, String> headers) throws Exception {
        final HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
            .header("Content-Type", "text/xml; charset=utf-8").POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static String sessionCreationBody() {
        return "<body rid='1' to='localhost' xml:lang='en' wait='60' hold='1' ver='1.6' xmpp:version='1.0'"
            + " xmlns='http://jabber.org/protocol/httpbind' xmlns:xmpp='urn:xmpp:xbosh'/>";
    }

    public static String sessionBody(String sid, long rid) {
        return "<body rid='" + rid + "' sid='" + sid + "' xmlns='http://jabber.org/protocol/httpbind'/>";
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
