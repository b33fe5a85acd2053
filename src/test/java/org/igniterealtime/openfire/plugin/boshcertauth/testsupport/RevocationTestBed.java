package org.igniterealtime.openfire.plugin.boshcertauth.testsupport;

import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationService;

/**
 * What a revocation-related test needs, started together and closed together: a root CA, a
 * {@link TestRevocationServer} on loopback, a production {@link RevocationService} and a {@link MutableClock}.
 *
 * <pre>
 *   private RevocationTestBed bed;
 *   &#64;BeforeEach void start() { bed = RevocationTestBed.start("My Root"); }
 *   &#64;AfterEach void stop() { bed.close(); }
 * </pre>
 */
public final class RevocationTestBed implements AutoCloseable {

    private final TestPki.Issued root;
    private final TestRevocationServer server;
    private final RevocationService revocation;
    private final MutableClock clock;

    private RevocationTestBed(String rootName) {
        this.root = TestPki.rootCa(rootName);
        this.server = TestRevocationServer.start();
        this.revocation = new RevocationService();
        this.clock = MutableClock.now();
    }

    public static RevocationTestBed start(String rootName) {
        return new RevocationTestBed(rootName);
    }

    public TestPki.Issued root() { return root; }
    public TestRevocationServer server() { return server; }
    public RevocationService revocation() { return revocation; }
    public MutableClock clock() { return clock; }

    @Override
    public void close() {
        revocation.close();
        server.close();
    }
}
