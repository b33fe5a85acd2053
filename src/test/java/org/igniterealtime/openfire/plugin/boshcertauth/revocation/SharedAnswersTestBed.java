package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestRevocationServer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Cluster nodes sharing revocation answers, for the tests of shared CRLs and OCSP answers (issue 17): any number of
 * {@link RevocationService}s ("node A", "node B", ...) on one in-memory {@link MapSharedRevocationAnswers}, as
 * Openfire's clustered cache would share it, against a real {@link TestRevocationServer}; alice's certificate names
 * either its CRL distribution point or its OCSP responder, never both, so every answer comes from the one kind under
 * test. The cache is hostile input, and the bed writes it as a hostile cluster member would: a forged answer, a
 * flipped byte, a value that is no answer at all. Kept next to {@link CrlTestBed} (package-private access to the
 * shared map).
 *
 * <pre>
 *   private SharedAnswersTestBed bed;
 *   &#64;BeforeEach void start() { bed = SharedAnswersTestBed.crl("My Root"); }
 *   &#64;AfterEach void stop() { bed.close(); }
 * </pre>
 */
final class SharedAnswersTestBed implements AutoCloseable {

    static final int MAX_ENTRIES = 10;
    static final int MAX_ANSWER_BYTES = 64 * 1024;

    private final TestPki.Issued root;
    /** Same name as the root, another key. */
    private final TestPki.Issued impostor;
    private final TestRevocationServer server = TestRevocationServer.start();
    private final Map<String, byte[]> map;
    private MapSharedRevocationAnswers shared;
    private final List<RevocationService> nodes = new ArrayList<>();
    private final TestPki.Issued alice;
    private CertificatePolicy policy;

    private SharedAnswersTestBed(String rootName, boolean ocsp, Map<String, byte[]> map) {
        this.root = TestPki.rootCa(rootName);
        this.impostor = TestPki.rootCa(rootName);
        this.map = map;
        this.shared = new MapSharedRevocationAnswers(map, MAX_ENTRIES, MAX_ANSWER_BYTES);
        final TestPki.Builder builder = TestPki.certificate("alice").xmppAddr("alice@localhost").issuedBy(root);
        this.alice = (ocsp ? builder.ocspResponder(server.ocspUrl(root)) : builder.crlDistributionPoint(server.crlUrl(root))).build();
        this.policy = policy(false);
    }

    /** Alice's certificate names a CRL distribution point only. */
    static SharedAnswersTestBed crl(String rootName) {
        return new SharedAnswersTestBed(rootName, false, new ConcurrentHashMap<>());
    }

    /** As {@link #crl(String)}, the nodes sharing {@code map} (e.g. one that counts reads). */
    static SharedAnswersTestBed crl(String rootName, Map<String, byte[]> map) {
        return new SharedAnswersTestBed(rootName, false, map);
    }

    /** Alice's certificate names an OCSP responder only. */
    static SharedAnswersTestBed ocsp(String rootName) {
        return new SharedAnswersTestBed(rootName, true, new ConcurrentHashMap<>());
    }

    TestPki.Issued root() { return root; }
    TestPki.Issued impostor() { return impostor; }
    TestPki.Issued alice() { return alice; }
    TestRevocationServer server() { return server; }
    MapSharedRevocationAnswers shared() { return shared; }

    /** HARD_FAIL, the root trusted; OCSP with a nonce when {@code nonce}. */
    CertificatePolicy policy(boolean nonce) {
        return CertificatePolicy.builder().trust(java.util.Set.of(root.certificate())).domains(java.util.Set.of("localhost"))
            .revocationMode(RevocationMode.HARD_FAIL).ocspNonce(nonce).build();
    }

    /** The policy of every later {@link #check}. */
    void usePolicy(CertificatePolicy policy) {
        this.policy = policy;
    }

    /** The nodes created from now on share a cache that stores no answer bigger than {@code maxAnswerBytes}. */
    void capAnswersAt(int maxAnswerBytes) {
        shared = new MapSharedRevocationAnswers(map, MAX_ENTRIES, maxAnswerBytes);
    }

    /** A new node on the shared cache, fetching over HTTP. */
    RevocationService node() {
        return node(new HttpRevocationFetcher(Duration.ofSeconds(10)));
    }

    RevocationService node(RevocationFetcher fetcher) {
        final RevocationService node = new RevocationService(fetcher, RevocationService.DEFAULT_CACHE_ENTRIES, shared);
        nodes.add(node);
        return node;
    }

    /** The most common start: node A has fetched alice's answer (and shared it); node B, new, is returned. */
    RevocationService nodeBAfterNodeAFetched() {
        check(node());
        return node();
    }

    RevocationStatus check(RevocationService node, Instant at) {
        return node.check(alice.certificate(), root.certificate(), policy, at, RevocationDeadline.after(Duration.ofSeconds(10)));
    }

    RevocationStatus check(RevocationService node) {
        return check(node, Instant.now());
    }

    /** The key of the only answer in the cache (beside which there may be its version stamp). */
    String onlyKey() {
        final List<String> answers = map.keySet().stream()
            .filter(key -> !key.startsWith(MapSharedRevocationAnswers.STAMP_PREFIX)).toList();
        assertEquals(1, answers.size(), map.keySet()::toString);
        return answers.get(0);
    }

    /** The DER of the only answer in the cache. */
    byte[] sharedDer() {
        return SharedRevocationAnswers.Answer.decode(map.get(onlyKey())).orElseThrow().der();
    }

    /** A hostile member replaces the only answer with {@code der}, fetched now. */
    void replaceSharedEntry(byte[] der) {
        map.put(onlyKey(), new SharedRevocationAnswers.Answer(der, Instant.now()).encode());
    }

    /** A hostile member flips one bit of the only answer's last byte (of its signature). */
    void flipLastByteOfSharedEntry() {
        final byte[] der = sharedDer();
        der[der.length - 1] ^= 0x01;
        replaceSharedEntry(der);
    }

    /** A hostile member puts a value that is no answer at all in place of the only answer. */
    void replaceSharedEntryWithJunk() {
        map.put(onlyKey(), new byte[] {1, 2, 3});
    }

    @Override
    public void close() {
        nodes.forEach(RevocationService::close);
        server.close();
    }
}
