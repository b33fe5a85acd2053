package org.igniterealtime.openfire.plugin.boshcertauth.bench;

import org.igniterealtime.openfire.plugin.boshcertauth.PluginRuntime;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.AttemptLog;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.AuditTrail;
import org.igniterealtime.openfire.plugin.boshcertauth.bosh.BoshBodyInspector;
import org.igniterealtime.openfire.plugin.boshcertauth.request.CertificateSource;
import org.igniterealtime.openfire.plugin.boshcertauth.bosh.ClientCertificateFilter;
import org.igniterealtime.openfire.plugin.boshcertauth.bosh.SessionCertificates;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificateVerifier;
import org.igniterealtime.openfire.plugin.boshcertauth.config.BoshClientCertPolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.config.PluginConfiguration;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationMode;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationService;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.MechanismEnforcement;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.MechanismOffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

import javax.servlet.FilterChain;
import javax.servlet.ReadListener;
import javax.servlet.ServletInputStream;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;

/**
 * What the filter adds to every BOSH request of an established, pinned session: a POST with the session's sid whose
 * TLS certificate is the one the session was created with (the common case: one request per long-poll).
 * {@link #pinnedPost} runs the whole filter — certificate from the request, cached chain verdict, wrappers, and the
 * body check the servlet's asynchronous read triggers; {@link #inspectAndPin} is that body check alone (StAX parse of
 * the body start and the pin comparison).
 */
public class FilterBenchmark extends BenchmarkSettings {

    private static final String SID = "0123456789abcdef0123456789abcdef01234567";
    private static final byte[] BODY = ("<body rid='4000000002' sid='" + SID + "' xmlns='http://jabber.org/protocol/httpbind'>"
        + "<message to='bob@localhost' type='chat' xmlns='jabber:client'><body>hello</body></message></body>")
        .getBytes(StandardCharsets.UTF_8);

    private ClientCertificateFilter filter;
    private SessionCertificates sessions;
    private X509Certificate presentedLeaf;
    private ServletStubs.Request request;
    private HttpServletResponse response;
    private FilterChain servlet;
    private boolean admitted;
    private final byte[] readBuffer = new byte[4096];

    @Setup
    public void setUp() throws Exception {
        final CertificatePolicy policy = BenchPki.policy(RevocationMode.OFF);
        final PluginRuntime runtime = new PluginRuntime(new PluginConfiguration(policy, BoshClientCertPolicy.WANTED,
            MechanismOffer.EXTERNAL_ONLY, MechanismEnforcement.CERTIFICATE_IDENTITY, true, 100, null, List.of(), List.of()),
            new CertificateVerifier(policy, new RevocationService(), Clock.systemUTC()));
        // The session's chain as Openfire stored it at creation; the request's chain as other objects (new handshake).
        final X509Certificate[] pinned = BenchPki.tlsChain();
        final X509Certificate[] presented = BenchPki.copyOf(pinned);
        presentedLeaf = presented[0];
        sessions = sid -> SID.equals(sid) ? pinned : null;
        filter = new ClientCertificateFilter(() -> runtime, (req, rt) -> CertificateSource.fromTls(req), sessions,
            new AuditTrail(new AttemptLog(100), (user, summary, details) -> { }), Clock.systemUTC(), () -> { });

        request = new ServletStubs.Request("POST", BODY);
        request.setAttribute("javax.servlet.request.X509Certificate", presented);
        response = ServletStubs.response();
        // Like Openfire's HttpBindServlet: read the body asynchronously, act when all of it has arrived.
        servlet = (req, res) -> {
            final ServletInputStream in = ((HttpServletRequest) req).getInputStream();
            in.setReadListener(new ReadListener() {
                @Override public void onDataAvailable() { }
                @Override public void onAllDataRead() { admitted = true; }
                @Override public void onError(Throwable t) { }
            });
            while (in.read(readBuffer, 0, readBuffer.length) > 0) {
                // drain
            }
            request.lastBody().allDataRead();
        };
        if (!pinnedPost() || !inspectAndPin()) {
            throw new IllegalStateException("the benchmarked request is not admitted: it would measure the refusal path");
        }
    }

    @Benchmark
    public boolean pinnedPost() throws Exception {
        admitted = false;
        filter.doFilter(request, response, servlet);
        return admitted;
    }

    @Benchmark
    public boolean inspectAndPin() {
        final BoshBodyInspector.BodyStart start = BoshBodyInspector.inspect(BODY, BODY.length);
        final X509Certificate[] pinned = sessions.of(start.sid());
        return pinned != null && pinned[0].equals(presentedLeaf);
    }
}
