package org.igniterealtime.openfire.plugin.boshcertauth.bench;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificateVerifier;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationMode;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationService;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;

/**
 * Judging a root → intermediate → leaf chain without network (revocation OFF): the first time (a fresh verifier, so
 * an empty verdict cache: every rule and the PKIX path validation run), and again on a warm verifier (a cache hit:
 * SHA-256 over the chain and a map lookup).
 */
public class VerifierBenchmark extends BenchmarkSettings {

    private final Clock clock = Clock.systemUTC();
    private final RevocationService revocation = new RevocationService();
    private CertificatePolicy policy;
    private List<X509Certificate> chain;
    private CertificateVerifier warm;

    @Setup
    public void setUp() {
        policy = BenchPki.policy(RevocationMode.OFF);
        chain = BenchPki.threeCertificateChain();
        warm = new CertificateVerifier(policy, revocation, clock);
        if (!firstValidation().isSuccess() || !cachedVerifyChain().isSuccess() || !cachedAuthenticate().isSuccess()) {
            throw new IllegalStateException("the benchmark chain is not accepted: " + firstValidation());
        }
    }

    @Benchmark
    public Verdict firstValidation() {
        return new CertificateVerifier(policy, revocation, clock).verifyChain(chain);
    }

    @Benchmark
    public Verdict cachedVerifyChain() {
        return warm.verifyChain(chain);
    }

    @Benchmark
    public Verdict cachedAuthenticate() {
        return warm.authenticate(chain, null);
    }
}
