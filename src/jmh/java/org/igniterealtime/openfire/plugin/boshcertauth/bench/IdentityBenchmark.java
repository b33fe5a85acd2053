package org.igniterealtime.openfire.plugin.boshcertauth.bench;

import org.igniterealtime.openfire.plugin.boshcertauth.identity.CertificateIdentities;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.IdentityExtractor;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.MalformedSubjectAltNameException;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.SubjectAltNameReader;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.SubjectAltNames;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationMode;
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
import java.util.concurrent.TimeUnit;

/** xmppAddr extraction from the leaf: the subjectAltName decoding alone, and the identities as the verifier needs them. */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
@State(Scope.Thread)
public class IdentityBenchmark {

    private X509Certificate leaf;
    private IdentityExtractor extractor;

    @Setup
    public void setUp() throws Exception {
        leaf = BenchPki.ALICE.certificate();
        extractor = new IdentityExtractor(BenchPki.policy(RevocationMode.OFF));
        if (extractor.extract(leaf).local().size() != 1) {
            throw new IllegalStateException("alice@localhost not found");
        }
    }

    @Benchmark
    public SubjectAltNames subjectAltName() throws MalformedSubjectAltNameException {
        return SubjectAltNameReader.read(leaf);
    }

    @Benchmark
    public CertificateIdentities xmppAddrIdentities() throws MalformedSubjectAltNameException {
        return extractor.extract(leaf);
    }
}
