package org.igniterealtime.openfire.plugin.boshcertauth.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.cert.ocsp.jcajce.JcaBasicOCSPRespBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real CRL distribution points and OCSP responders for tests, served over HTTP on 127.0.0.1 (ephemeral port) by the
 * JDK's HttpServer. Every CA registered (by asking for its {@link #crlUrl} or {@link #ocspUrl}) gets a CRL and a
 * responder that sign with the CA's key (or a delegated responder's), reflecting whatever the test changes: revoked
 * serials, CRL validity, OCSP nextUpdate, an outage, an oversized CRL, "unknown" answers.
 *
 * <pre>
 *   try (TestRevocationServer revocation = TestRevocationServer.start()) {
 *       TestPki.Issued alice = TestPki.certificate("alice").issuedBy(ca).crlDistributionPoint(revocation.crlUrl(ca)).build();
 *       revocation.revoke(alice.certificate());
 *   }
 * </pre>
 */
public final class TestRevocationServer implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, TestPki.Issued> authorities = new ConcurrentHashMap<>();
    private final Map<String, TestPki.Issued> delegatedResponders = new ConcurrentHashMap<>();
    private final Set<BigInteger> revoked = ConcurrentHashMap.newKeySet();
    private final AtomicInteger crlRequests = new AtomicInteger();
    private final AtomicInteger ocspRequests = new AtomicInteger();
    private volatile Instant crlThisUpdate;
    private volatile Instant crlNextUpdate;
    private volatile Duration ocspLifetime = Duration.ofHours(1);
    private volatile boolean down;
    private volatile boolean ocspAnswersUnknown;
    private volatile boolean echoNonce = true;
    private volatile long oversizedCrlBytes;
    private volatile boolean oversizedDeclaresLength;
    private final Queue<byte[]> crlsServedOnce = new ConcurrentLinkedQueue<>();

    private TestRevocationServer(HttpServer server) {
        this.server = server;
    }

    public static TestRevocationServer start() {
        try {
            final HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            final TestRevocationServer result = new TestRevocationServer(server);
            server.createContext("/crl/", result::serveCrl);
            server.createContext("/ocsp/", result::serveOcsp);
            server.start();
            return result;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The CRL distribution point URL of {@code ca} (registers the CA). */
    public String crlUrl(TestPki.Issued ca) {
        return base() + "/crl/" + register(ca) + ".crl";
    }

    /** The OCSP responder URL of {@code ca} (registers the CA). */
    public String ocspUrl(TestPki.Issued ca) {
        return base() + "/ocsp/" + register(ca);
    }

    public void revoke(X509Certificate certificate) { revoked.add(certificate.getSerialNumber()); }
    public void revoke(BigInteger serial) { revoked.add(serial); }
    public void unrevoke(X509Certificate certificate) { revoked.remove(certificate.getSerialNumber()); }
    /** thisUpdate and nextUpdate of the CRLs served from now on (null: one hour ago / one day ahead of real time). */
    public void crlValidity(Instant thisUpdate, Instant nextUpdate) { crlThisUpdate = thisUpdate; crlNextUpdate = nextUpdate; }
    /** nextUpdate of OCSP answers, relative to real time when they are produced. */
    public void ocspLifetime(Duration lifetime) { ocspLifetime = lifetime; }
    /** Every endpoint answers 503 until {@link #comeBack()}. */
    public void goDown() { down = true; }
    public void comeBack() { down = false; }
    /** The responder answers "unknown" for every certificate. */
    public void ocspAnswersUnknown(boolean unknown) { ocspAnswersUnknown = unknown; }
    /** Whether the responder echoes the request's nonce (default yes). */
    public void echoNonce(boolean echo) { echoNonce = echo; }
    /** CRL endpoints serve this many junk bytes (0: normal CRLs); with or without a Content-Length header. */
    public void serveOversizedCrl(long bytes, boolean declareLength) { oversizedCrlBytes = bytes; oversizedDeclaresLength = declareLength; }
    /** The next CRL request (of any CA) is answered with exactly this CRL, later ones as usual (a hostile or broken CRL). */
    public void serveCrlOnce(X509CRL crl) {
        try {
            crlsServedOnce.add(crl.getEncoded());
        } catch (java.security.cert.CRLException e) {
            throw new IllegalStateException(e);
        }
    }
    /** OCSP answers about certificates of {@code ca} are signed by {@code responder} (id-kp-OCSPSigning, issued by ca or not). */
    public void delegateOcsp(TestPki.Issued ca, TestPki.Issued responder) { delegatedResponders.put(register(ca), responder); }
    public int crlRequests() { return crlRequests.get(); }
    public int ocspRequests() { return ocspRequests.get(); }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private String register(TestPki.Issued ca) {
        final String id = ca.certificate().getSerialNumber().toString(16);
        authorities.putIfAbsent(id, ca);
        return id;
    }

    /** One endpoint's answer for the CA its path names. */
    @FunctionalInterface
    private interface Responder {
        void respond(HttpExchange exchange, TestPki.Issued ca) throws Exception;
    }

    /** Counts the request, finds the CA, answers 503 while down and 404 for unknown CAs, else lets the responder answer. */
    private void serve(HttpExchange exchange, AtomicInteger counter, String prefix, String suffix, Responder responder) throws IOException {
        counter.incrementAndGet();
        try (exchange) {
            final String path = exchange.getRequestURI().getPath();
            final TestPki.Issued ca = authorities.get(path.substring(prefix.length(), path.length() - suffix.length()));
            if (down || ca == null) {
                exchange.sendResponseHeaders(down ? 503 : 404, -1);
                return;
            }
            responder.respond(exchange, ca);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    private void serveCrl(HttpExchange exchange) throws IOException {
        serve(exchange, crlRequests, "/crl/", ".crl", this::sendCrl);
    }

    private void serveOcsp(HttpExchange exchange) throws IOException {
        serve(exchange, ocspRequests, "/ocsp/", "", this::sendOcsp);
    }

    private void sendCrl(HttpExchange exchange, TestPki.Issued ca) throws Exception {
        final byte[] once = crlsServedOnce.poll();
        if (once != null) {
            send(exchange, "application/pkix-crl", once);
            return;
        }
        if (oversizedCrlBytes > 0) {
            sendJunk(exchange, oversizedCrlBytes, oversizedDeclaresLength);
            return;
        }
        final Instant now = Instant.now();
        final Instant thisUpdate = crlThisUpdate != null ? crlThisUpdate : now.minus(Duration.ofHours(1));
        final Instant nextUpdate = crlNextUpdate != null ? crlNextUpdate : now.plus(Duration.ofDays(1));
        final byte[] crl = TestPki.crl(ca, thisUpdate, nextUpdate, revoked.toArray(new BigInteger[0])).getEncoded();
        send(exchange, "application/pkix-crl", crl);
    }

    private void sendOcsp(HttpExchange exchange, TestPki.Issued ca) throws Exception {
        final OCSPReq request = new OCSPReq(exchange.getRequestBody().readAllBytes());
        final TestPki.Issued signer = delegatedResponders.getOrDefault(register(ca), ca);
        final BasicOCSPRespBuilder builder = new JcaBasicOCSPRespBuilder(signer.certificate().getPublicKey(),
            new JcaDigestCalculatorProviderBuilder().build().get(org.bouncycastle.cert.ocsp.CertificateID.HASH_SHA1));
        final Instant now = Instant.now();
        final Date nextUpdate = Date.from(now.plus(ocspLifetime));
        for (Req single : request.getRequestList()) {
            final BigInteger serial = single.getCertID().getSerialNumber();
            final CertificateStatus status = ocspAnswersUnknown ? new UnknownStatus()
                : revoked.contains(serial) ? new RevokedStatus(Date.from(now.minus(Duration.ofMinutes(1))), CRLReason.keyCompromise)
                : CertificateStatus.GOOD;
            builder.addResponse(single.getCertID(), status, Date.from(now.minus(Duration.ofMinutes(1))), nextUpdate, null);
        }
        final Extension nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        if (nonce != null && echoNonce) {
            builder.setResponseExtensions(new Extensions(nonce));
        }
        final X509CertificateHolder[] certificates = signer == ca ? null
            : new X509CertificateHolder[] { new JcaX509CertificateHolder(signer.certificate()) };
        final BasicOCSPResp basic = builder.build(TestPki.signer(signer.privateKey(), null), certificates, Date.from(now));
        send(exchange, "application/ocsp-response", new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded());
    }

    private static void send(HttpExchange exchange, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void sendJunk(HttpExchange exchange, long bytes, boolean declareLength) throws IOException {
        exchange.sendResponseHeaders(200, declareLength ? bytes : 0);
        final byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = exchange.getResponseBody()) {
            for (long sent = 0; sent < bytes; sent += chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, bytes - sent));
            }
        } catch (IOException e) {
            // the client hung up once it had seen enough: exactly what is being tested
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
