package org.igniterealtime.openfire.plugin.boshcertauth.bosh;

import org.igniterealtime.openfire.plugin.boshcertauth.request.CertificateSource;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.FilterInstallation;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.HttpBindContextLocator;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestRuntimes;
import org.igniterealtime.openfire.plugin.boshcertauth.PluginRuntime;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.AttemptLog;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.AuditTrail;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.VerdictCache;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationMode;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationService;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.CertificateSaslServerFactory;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.CertificateSaslSession;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.SaslEnvironment;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.EmbeddedBoshServer;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.FakeBoshServlet;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestRevocationServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xmpp.packet.JID;

import javax.security.sasl.SaslServer;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Load on loopback: 200 BOSH sessions, each with its own client certificate (one CA, CRL distribution point on a
 * loopback {@link TestRevocationServer}, revocation SOFT_FAIL), created over real TLS through the filter, then polled
 * {@value #POLLS} times each with their sid in interleaved rounds, then logged in with SASL EXTERNAL through the
 * factory. A bounded client pool does the work; everything is bounded in count and time. Asserts zero errors and
 * correct pinning; prints (does not assert) throughput and the cache figures.
 */
class CertificateSessionsLoadTest {

    private static final int SESSIONS = 200;
    private static final int POLLS = 10;
    private static final int CLIENT_THREADS = 8;
    private static final Pattern SID = Pattern.compile("sid=\"([^\"]+)\"");

    private static TestRevocationServer revocationServer;
    private static EmbeddedBoshServer server;
    private static final List<TestPki.Issued> users = new ArrayList<>();
    private static TestPki.Issued root;
    private static TestPki.Issued stranger;

    @BeforeAll
    static void start() throws Exception {
        revocationServer = TestRevocationServer.start();
        root = TestPki.rootCa("Load Test Root");
        final String crl = revocationServer.crlUrl(root);
        for (int i = 0; i < SESSIONS; i++) {
            users.add(TestPki.certificate("user" + i).xmppAddr("user" + i + "@localhost").crlDistributionPoint(crl).issuedBy(root).build());
        }
        stranger = TestPki.certificate("stranger").xmppAddr("stranger@localhost").crlDistributionPoint(crl).issuedBy(root).build();
        server = new EmbeddedBoshServer(false, root.certificate());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (revocationServer != null) {
            revocationServer.close();
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void twoHundredCertificateSessionsArePinnedAndLogIn() throws Exception {
        // Setup
        final CertificatePolicy policy = CertificatePolicy.builder().trust(Set.of(root.certificate())).domains(Set.of("localhost"))
            .revocationMode(RevocationMode.SOFT_FAIL).generation(System.nanoTime()).build();
        final RevocationService revocation = new RevocationService();
        final PluginRuntime runtime = TestRuntimes.runtime(TestRuntimes.configuration(policy), revocation, Clock.systemUTC());
        final AttemptLog attempts = new AttemptLog(1000);
        final ClientCertificateFilter filter = new ClientCertificateFilter(() -> runtime, (request, rt) -> CertificateSource.fromTls(request),
            sid -> {
                final FakeBoshServlet.CreatedSession session = server.servlet().sessions.get(sid);
                return session == null ? null : session.certificates();
            },
            new AuditTrail(attempts, (user, summary, details) -> { }), Clock.systemUTC(), () -> { });
        final FilterInstallation installation = FilterInstallation.install(
            HttpBindContextLocator.find(server.httpBindManager(), "/http-bind").context(), "boshcertauth-load", filter);
        final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        final AtomicInteger requests = new AtomicInteger();
        final HttpClient[] clients = new HttpClient[SESSIONS];
        final String[] sids = new String[SESSIONS];
        final ExecutorService pool = Executors.newFixedThreadPool(CLIENT_THREADS);
        try {
            // Execute: session creation (one TLS handshake per certificate), then rounds of polls on every session.
            final long start = System.nanoTime();
            runAll(pool, SESSIONS, i -> {
                clients[i] = server.client(users.get(i));
                final HttpResponse<String> response = EmbeddedBoshServer.post(clients[i], server.httpsUri(), EmbeddedBoshServer.sessionCreationBody(), Map.of());
                requests.incrementAndGet();
                final Matcher m = SID.matcher(response.body());
                if (response.statusCode() != 200 || !m.find() || !response.body().contains("<mechanism>EXTERNAL</mechanism></mechanisms>")) {
                    errors.add("session " + i + ": " + response.statusCode() + " " + response.body());
                    return null;
                }
                sids[i] = m.group(1);
                return null;
            });
            final long created = System.nanoTime();
            for (int round = 0; round < POLLS && errors.isEmpty(); round++) {
                final long rid = 2 + round;
                runAll(pool, SESSIONS, i -> {
                    final HttpResponse<String> response = EmbeddedBoshServer.post(clients[i], server.httpsUri(), EmbeddedBoshServer.sessionBody(sids[i], rid), Map.of());
                    requests.incrementAndGet();
                    if (response.statusCode() != 200) {
                        errors.add("poll " + rid + " of session " + i + ": " + response.statusCode() + " " + response.headers().firstValue("X-BOSH-Certificate-Refusal").orElse(""));
                    }
                    return null;
                });
            }
            final long polled = System.nanoTime();
            final CertificateSaslServerFactory factory = saslFactory(runtime, attempts);
            runAll(pool, SESSIONS, i -> {
                final SaslServer sasl = factory.createSaslServer("EXTERNAL", "xmpp", "localhost", Map.of("session", sids[i]), null);
                sasl.evaluateResponse(new byte[0]);
                sasl.evaluateResponse(new byte[0]);
                if (!sasl.isComplete() || !("user" + i).equals(sasl.getAuthorizationID())) {
                    errors.add("SASL EXTERNAL for session " + i + " did not log in user" + i);
                }
                return null;
            });
            final long loggedIn = System.nanoTime();
            // A stolen sid with another certificate, under the same load, is still refused.
            final HttpResponse<String> stolen = EmbeddedBoshServer.post(server.client(stranger), server.httpsUri(),
                EmbeddedBoshServer.sessionBody(sids[SESSIONS / 2], 99), Map.of());

            // Verify
            assertTrue(errors.isEmpty(), () -> errors.size() + " errors, e.g. " + errors.peek());
            for (int i = 0; i < SESSIONS; i++) {
                final X509Certificate[] pinned = server.servlet().sessions.get(sids[i]).certificates();
                assertEquals(users.get(i).certificate(), pinned[0], "session " + i + " is pinned to its own certificate");
            }
            assertEquals(SESSIONS, Set.of(sids).size(), "every session has its own sid");
            assertEquals(404, stolen.statusCode(), "refused as Openfire refuses an unknown sid");
            assertTrue(stolen.headers().firstValue("X-BOSH-Certificate-Refusal").isEmpty(), "no hint that the sid is live");
            assertTrue(attempts.recent().stream().anyMatch(a -> a.reason() == org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason.CERTIFICATE_CHANGED),
                "recorded as CERTIFICATE_CHANGED");

            final VerdictCache.Stats verdicts = runtime.verifier().cacheStats();
            final RevocationService.Stats revocations = revocation.stats();
            final double crlHitRate = 100.0 * revocations.crlCacheHits() / Math.max(1, revocations.crlCacheHits() + revocations.crlCacheMisses());
            System.out.printf("Load: %d sessions, %d requests over TLS in %.2f s (%.0f req/s); creation %.2f s (%.0f sessions/s), polls %.0f req/s, "
                    + "%d SASL EXTERNAL logins in %.3f s (%.0f/s)%n",
                SESSIONS, requests.get(), seconds(start, polled), requests.get() / seconds(start, polled),
                seconds(start, created), SESSIONS / seconds(start, created), SESSIONS * POLLS / seconds(created, polled),
                SESSIONS, seconds(polled, loggedIn), SESSIONS / seconds(polled, loggedIn));
            System.out.printf("Load: verdict cache %s, hit rate %.1f %%%n", verdicts,
                100.0 * verdicts.hits() / Math.max(1, verdicts.hits() + verdicts.misses()));
            System.out.printf("Load: revocation %s; CRL cache hit rate %.1f %%, CRL downloads %d%n", revocations, crlHitRate,
                revocationServer.crlRequests());
        } finally {
            pool.shutdownNow();
            installation.uninstall();
            revocation.close();
        }
    }

    /** The SASL environment Openfire would give: the BOSH session (by sid) with the chain it was created with. */
    private static CertificateSaslServerFactory saslFactory(PluginRuntime runtime, AttemptLog attempts) {
        final SaslEnvironment environment = new SaslEnvironment() {
            @Override
            public Optional<CertificateSaslSession> boshSession(Map<String, ?> saslProperties) {
                final String sid = (String) saslProperties.get("session");
                final FakeBoshServlet.CreatedSession session = server.servlet().sessions.get(sid);
                return Optional.of(new CertificateSaslSession(sid, session.remoteAddress(), session.secure(), List.of(session.certificates()), () -> false));
            }
            @Override public boolean userExists(JID jid) { return true; }
            @Override public boolean accountDisabled(String username) { return false; }
        };
        return new CertificateSaslServerFactory(List.of("EXTERNAL"), () -> runtime, environment,
            new AuditTrail(attempts, (user, summary, details) -> { }), Clock.systemUTC(), () -> "localhost");
    }

    @FunctionalInterface
    private interface Task {
        Void run(int i) throws Exception;
    }

    /** Runs the task for every index on the bounded pool and waits (bounded) for all; a task's exception fails the test. */
    private static void runAll(ExecutorService pool, int count, Task task) throws Exception {
        final List<Future<Void>> futures = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            final int index = i;
            futures.add(pool.submit((Callable<Void>) () -> task.run(index)));
        }
        for (Future<Void> future : futures) {
            future.get(60, TimeUnit.SECONDS);
        }
    }

    private static double seconds(long from, long to) {
        return (to - from) / 1e9;
    }
}
