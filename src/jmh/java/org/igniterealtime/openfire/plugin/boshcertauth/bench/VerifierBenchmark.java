package org.igniterealtime.openfire.plugin.boshcertauth.bench;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificateVerifier;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationMode;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationService;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Judging a root → intermediate → leaf chain without network (revocation OFF): the first time (a fresh verifier, so
 * an empty verdict cache: every rule and the PKIX path validation run), and again on a warm verifier (a cache hit:
 * SHA-256 over the chain and a map lookup).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
@State(Scope.Thread)
public class VerifierBenchmark {

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
