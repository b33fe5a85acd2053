package org.igniterealtime.openfire.plugin.boshcertauth.openfire;

import org.igniterealtime.openfire.plugin.boshcertauth.PluginRuntime;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.AttemptLog;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.AuditTrail;
import org.igniterealtime.openfire.plugin.boshcertauth.request.CertificateSource;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationMode;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.SaslEnvironmentStub;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.CertificateSaslServerFactory;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.CertificateSaslProvider;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.CertificateTokens;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.EmbeddedBoshServer;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestRuntimes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.servlet.Filter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.Security;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Attaching to an embedded server shaped like Openfire's, and the watchdog's round: on an unchanged installation it
 * must neither log nor reinstall anything (it once did both every 30 s, see {@link #watchdogOnAnUnchangedInstallationLogsNothingAndReinstallsNothing}).
 */
class OpenfireIntegrationTest {

    private static TestPki.Issued root;
    private static EmbeddedBoshServer server;
    private OpenfireIntegration integration;

    @BeforeAll
    static void start() throws Exception {
        root = TestPki.rootCa("Integration Test Root");
        server = new EmbeddedBoshServer(false, root.certificate());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @AfterEach
    void detach() {
        if (integration != null) {
            integration.detach();
        }
        Security.removeProvider(CertificateSaslProvider.NAME);
    }

    private static OpenfireIntegration.Parts parts(AtomicInteger factoriesMade) {
        final PluginRuntime runtime = TestRuntimes.runtime(CertificatePolicy.builder().trust(Set.of(root.certificate()))
            .domains(Set.of("localhost")).revocationMode(RevocationMode.OFF).build());
        final AuditTrail audit = new AuditTrail(new AttemptLog(10), (user, summary, details) -> { });
        final CertificateTokens tokens = new CertificateTokens();
        final Filter filter = (request, response, chain) -> chain.doFilter(request, response);
        return new OpenfireIntegration.Parts(() -> runtime, filter, mechanisms -> {
            factoriesMade.incrementAndGet();
            return new CertificateSaslServerFactory(mechanisms, () -> runtime, SaslEnvironmentStub.users("alice"), audit,
                Clock.systemUTC(), () -> "localhost", tokens);
        }, (request, rt) -> CertificateSource.fromTls(request), tokens, audit, Clock.systemUTC());
    }

    /** Runs the watchdog's round with System.err (where slf4j-simple writes) captured. */
    private static String checkCapturingLog(OpenfireIntegration integration) {
        final PrintStream original = System.err;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            integration.check();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void watchdogOnAnUnchangedInstallationLogsNothingAndReinstallsNothing() {
        // Setup: the JVM reports the same mechanisms in another order on each call, as Sasl.getSaslServerFactories()
        // (a fresh HashSet every time) does on a real server
        final List<List<String>> orders = List.of(List.of("EXTERNAL", "PLAIN", "SCRAM-SHA-1"),
            List.of("SCRAM-SHA-1", "EXTERNAL", "PLAIN"), List.of("PLAIN", "SCRAM-SHA-1", "EXTERNAL"));
        final AtomicInteger calls = new AtomicInteger();
        final Supplier<List<String>> mechanismsNow = () -> orders.get(calls.getAndIncrement() % orders.size());
        final AtomicInteger factoriesMade = new AtomicInteger();
        integration = OpenfireIntegration.attach(server.httpBindManager(), parts(factoriesMade), mechanismsNow, false);
        final Provider installed = Security.getProviders()[0];

        // Execute
        final List<String> logs = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            logs.add(checkCapturingLog(integration));
        }

        // Verify
        assertEquals(CertificateSaslProvider.NAME, installed.getName());
        assertSame(installed, Security.getProviders()[0], "the provider was not reinstalled");
        assertEquals(1, factoriesMade.get(), "no new SASL factory, so no reinstall");
        assertTrue(logs.stream().allMatch(String::isEmpty), () -> "the watchdog logged: " + logs);
        assertTrue(integration.providerFirst() && integration.filterInstalled());
    }

    @Test
    void watchdogPutsTheProviderFirstAgainAfterAnotherWasInsertedBeforeIt() {
        // Setup
        final AtomicInteger factoriesMade = new AtomicInteger();
        integration = OpenfireIntegration.attach(server.httpBindManager(), parts(factoriesMade), () -> List.of("EXTERNAL"), false);
        final Provider intruder = new Provider("BoshCertAuthTestIntruder", "1", "inserted by another plugin") {};
        Security.insertProviderAt(intruder, 1);

        try {
            // Execute
            final String log = checkCapturingLog(integration);

            // Verify: one line saying why, and no "leftover" warning about our own provider
            assertTrue(integration.providerFirst());
            assertEquals(2, factoriesMade.get());
            assertEquals(1, Security.getProviders()[0].getName().equals(CertificateSaslProvider.NAME) ? 1 : 0);
            assertTrue(log.contains("WARN") && log.contains("inserted before ours"), log);
            assertFalse(log.contains("leftover"), log);
        } finally {
            Security.removeProvider(intruder.getName());
        }
    }

    @Test
    void watchdogReinstallsWhenTheMechanismsReallyChanged() {
        // Setup
        final List<String> now = new ArrayList<>(List.of("EXTERNAL", "PLAIN"));
        final AtomicInteger factoriesMade = new AtomicInteger();
        integration = OpenfireIntegration.attach(server.httpBindManager(), parts(factoriesMade), () -> List.copyOf(now), false);
        now.add("X-BOSHCERT-NEW");

        // Execute
        integration.check();

        // Verify
        assertEquals(2, factoriesMade.get());
        assertTrue(integration.providerMechanisms().contains("X-BOSHCERT-NEW"));
        assertTrue(integration.providerFirst());
    }

    @Test
    void detachLeavesNothingBehind() {
        // Setup
        integration = OpenfireIntegration.attach(server.httpBindManager(), parts(new AtomicInteger()), () -> List.of("EXTERNAL"), false);

        // Execute
        integration.detach();
        integration = null;

        // Verify
        assertNull(Security.getProvider(CertificateSaslProvider.NAME));
        assertEquals(0, server.boshContext().getServletHandler().getFilters().length);
    }
}
