package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificateVerifier;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestRevocationServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Review finding M3 (CRL fetching): all fetches for one certificate share one deadline, configured CRLs of another CA
 * are cached instead of downloaded on every login, and a complete and a delta fetch of the same URL are not merged.
 * Real CRLs signed at test time, served over loopback; requests are counted, never timed.
 */
class CrlFetchingBudgetTest {

    private static final Instant NOW = Instant.now();
    private final TestPki.Issued ca = TestPki.rootCa("Budget Root");
    private final CountingFetcher fetcher = new CountingFetcher();
    private final RevocationService revocation = new RevocationService(fetcher, RevocationService.DEFAULT_CACHE_ENTRIES);
    private final CrlServer crls = new CrlServer();
    @TempDir
    Path directory;

    @AfterEach
    void close() {
        revocation.close();
        fetcher.close();
        crls.close();
    }

    private CertificateVerifier verifier(Duration timeout, List<URI> crlSources) {
        final CertificatePolicy policy = CertificatePolicy.builder().trust(Set.of(ca.certificate()))
            .domains(Set.of("localhost")).revocationMode(RevocationMode.HARD_FAIL).revocationTimeout(timeout)
            .revocationOptions(RevocationOptions.DEFAULTS.withCrlSources(crlSources)).build();
        return new CertificateVerifier(policy, revocation, Clock.systemUTC());
    }

    private TestPki.Issued user(String name, String distributionPoint) {
        final TestPki.Builder builder = TestPki.certificate(name).xmppAddr(name + "@localhost").issuedBy(ca);
        return (distributionPoint == null ? builder : builder.crlDistributionPoint(distributionPoint)).build();
    }

    @Test
    void aConfiguredCrlOfAnotherCaIsDownloadedOnceForTwoLogins() {
        // Setup: the configured CRL is another CA's; alice's and bob's come from their own distribution point
        try (TestRevocationServer server = TestRevocationServer.start()) {
            final TestPki.Issued otherCa = TestPki.rootCa("Other Budget Root");
            final URI otherCrl = URI.create(server.crlUrl(otherCa));
            final CertificateVerifier verifier = verifier(Duration.ofSeconds(10), List.of(otherCrl));
            final TestPki.Issued alice = user("alice", server.crlUrl(ca));
            final TestPki.Issued bob = user("bob", server.crlUrl(ca));
            // Execute
            final Verdict first = verifier.verifyChain(alice.chainWithoutRoot());
            final Verdict second = verifier.verifyChain(bob.chainWithoutRoot());
            // Verify: one download of each CRL (before: the other CA's on every login, and again as a delta candidate)
            assertTrue(first.isSuccess(), first::toString);
            assertTrue(second.isSuccess(), second::toString);
            assertEquals(1, fetcher.requests(otherCrl), fetcher::toString);
            assertEquals(2, server.crlRequests(), fetcher::toString);
        }
    }

    @Test
    void aConfiguredCrlThatClaimsTheIssuerAndFailsIsReadAgainAtTheNextLogin() {
        // Setup: the configured place serves once a CRL in the CA's name signed by someone else
        try (TestRevocationServer server = TestRevocationServer.start()) {
            final URI configured = URI.create(server.crlUrl(ca));
            final TestPki.Issued impostor = TestPki.rootCa("Budget Root");
            server.serveCrlOnce(TestPki.crl(impostor, NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(1)), new java.math.BigInteger[0]));
            final CertificateVerifier verifier = verifier(Duration.ofSeconds(10), List.of(configured));
            // Execute
            final Verdict forged = verifier.verifyChain(user("alice", null).chainWithoutRoot());
            final Verdict genuine = verifier.verifyChain(user("bob", null).chainWithoutRoot());
            // Verify: the forged copy was not kept for the next login
            assertEquals(FailureReason.REVOCATION_UNKNOWN, forged.reason(), forged::toString);
            assertTrue(genuine.isSuccess(), genuine::toString);
            assertEquals(2, fetcher.requests(configured), fetcher::toString);
        }
    }

    @Test
    void stalledDeltaCandidatesShareTheDeadlineOfTheCertificate() throws Exception {
        // Setup: the complete CRL announces three delta CRLs at a responder that never answers
        final List<URI> deltas = List.of(crls.stalled("/d1.crl"), crls.stalled("/d2.crl"), crls.stalled("/d3.crl"));
        final URI complete = write("complete.crl", crl(10, null, deltas));
        final TestPki.Issued alice = user("alice", null);
        // Execute
        final Verdict verdict = verifier(Duration.ofSeconds(1), List.of(complete)).verifyChain(alice.chainWithoutRoot());
        // Verify: the first candidate used up the certificate's time; the others were not asked (before: each waited
        // the whole timeout, so one login could wait three timeouts)
        assertEquals(FailureReason.REVOCATION_UNKNOWN, verdict.reason(), verdict::toString);
        assertEquals(1, fetcher.requests(deltas.get(0)) + fetcher.requests(deltas.get(1)) + fetcher.requests(deltas.get(2)),
            fetcher::toString);
        assertTrue(verdict.detail().contains(deltas.get(2) + ": time budget"), verdict::toString);
    }

    @Test
    void aCompleteFetchDoesNotJoinADeltaFetchOfTheSameUrl() throws Exception {
        // Setup: alice's complete CRL announces X as its delta CRL; X is bob's distribution point and holds a complete
        // CRL. alice's (delta) download of X is under way when bob's (complete) fetch of X starts.
        final URI x = crls.serve("/x.crl", crl(10, null, List.of()));
        final URI aliceCrl = crls.serve("/alice.crl", crl(10, null, List.of(x)));
        final TestPki.Issued alice = user("alice", aliceCrl.toString());
        final TestPki.Issued bob = user("bob", x.toString());
        final CertificateVerifier verifier = verifier(Duration.ofSeconds(30), List.of());
        fetcher.hold(x);
        // Execute
        final AtomicReference<Verdict> aliceVerdict = new AtomicReference<>();
        final AtomicReference<Verdict> bobVerdict = new AtomicReference<>();
        final Thread aliceLogin = new Thread(() -> aliceVerdict.set(verifier.verifyChain(alice.chainWithoutRoot())));
        aliceLogin.start();
        awaitCondition(() -> fetcher.arrivals(x) == 1);
        final Thread bobLogin = new Thread(() -> bobVerdict.set(verifier.verifyChain(bob.chainWithoutRoot())));
        bobLogin.start();
        // bob either joined alice's download (the defect) or started his own
        awaitCondition(() -> fetcher.arrivals(x) == 2 || revocation.stats().sharedQueries() > 0);
        fetcher.release();
        aliceLogin.join(60_000);
        bobLogin.join(60_000);
        // Verify: X is a complete CRL, so bob is not revoked; for alice it is no delta CRL
        assertTrue(bobVerdict.get().isSuccess(), bobVerdict.get()::toString);
        assertEquals(FailureReason.REVOCATION_UNKNOWN, aliceVerdict.get().reason(), aliceVerdict.get()::toString);
    }

    private static void awaitCondition(BooleanSupplier condition) throws InterruptedException {
        final long limit = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean() && System.nanoTime() < limit) {
            Thread.sleep(10);
        }
    }

    /** A CRL of {@code ca} numbered {@code number}; a delta of {@code base} when that is not null. */
    private X509CRL crl(long number, Long base, List<URI> freshest) throws Exception {
        final X509v2CRLBuilder builder = new X509v2CRLBuilder(
            X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()), Date.from(NOW.minus(Duration.ofHours(1))));
        builder.setNextUpdate(Date.from(NOW.plus(Duration.ofDays(1))));
        builder.addExtension(Extension.cRLNumber, false, new ASN1Integer(number));
        if (base != null) {
            builder.addExtension(Extension.deltaCRLIndicator, true, new ASN1Integer(base));
        }
        if (!freshest.isEmpty()) {
            final List<DistributionPoint> points = new ArrayList<>();
            for (URI uri : freshest) {
                points.add(new DistributionPoint(new DistributionPointName(
                    new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, uri.toString()))), null, null));
            }
            builder.addExtension(Extension.freshestCRL, false, new CRLDistPoint(points.toArray(new DistributionPoint[0])));
        }
        return new JcaX509CRLConverter().getCRL(builder.build(new JcaContentSignerBuilder(
            "EC".equals(ca.privateKey().getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA").build(ca.privateKey())));
    }

    private URI write(String name, X509CRL crl) throws Exception {
        final Path file = directory.resolve(name);
        Files.write(file, crl.getEncoded());
        return file.toUri();
    }

    /** The production HTTP transport, counting requests per URL; requests to a held URL wait until released. */
    private static final class CountingFetcher implements RevocationFetcher, AutoCloseable {
        private final HttpRevocationFetcher http = new HttpRevocationFetcher(Duration.ofSeconds(10));
        private final Queue<URI> requested = new ConcurrentLinkedQueue<>();
        private final Set<URI> held = ConcurrentHashMap.newKeySet();
        private final CountDownLatch gate = new CountDownLatch(1);

        void hold(URI uri) { held.add(uri); }
        void release() { gate.countDown(); }
        int requests(URI uri) { return (int) requested.stream().filter(uri::equals).count(); }
        int arrivals(URI uri) { return requests(uri); }

        @Override
        public byte[] get(URI uri, long maxBytes, Duration timeout) throws IOException {
            requested.add(uri);
            if (held.contains(uri)) {
                try {
                    gate.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
            return http.get(uri, maxBytes, timeout);
        }

        @Override
        public byte[] post(URI uri, String contentType, byte[] body, long maxBytes, Duration timeout) throws IOException {
            requested.add(uri);
            return http.post(uri, contentType, body, maxBytes, timeout);
        }

        @Override
        public void close() {
            http.close();
        }

        @Override
        public String toString() {
            return "requests " + requested;
        }
    }

    /** Fixed CRLs at fixed paths, and paths that accept a request and never answer it. */
    private static final class CrlServer implements AutoCloseable {
        private final ExecutorService threads = Executors.newCachedThreadPool();
        private final CountDownLatch end = new CountDownLatch(1);
        private final Map<String, byte[]> served = new ConcurrentHashMap<>();
        private final HttpServer server;

        CrlServer() {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.setExecutor(threads);
            server.createContext("/", this::handle);
            server.start();
        }

        URI serve(String path, X509CRL crl) throws Exception {
            served.put(path, crl.getEncoded());
            return uri(path);
        }

        URI stalled(String path) {
            return uri(path);
        }

        private URI uri(String path) {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
        }

        private void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                final byte[] crl = served.get(exchange.getRequestURI().getPath());
                if (crl == null) {
                    end.await(60, TimeUnit.SECONDS); // a responder that never answers
                    exchange.sendResponseHeaders(503, -1);
                    return;
                }
                exchange.getResponseHeaders().add("Content-Type", "application/pkix-crl");
                exchange.sendResponseHeaders(200, crl.length);
                try (OutputStream body = exchange.getResponseBody()) {
                    body.write(crl);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            end.countDown();
            server.stop(0);
            threads.shutdownNow();
        }
    }
}
