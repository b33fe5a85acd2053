package org.igniterealtime.openfire.plugin.boshcertauth.bench;

import org.igniterealtime.openfire.plugin.boshcertauth.identity.CertificateIdentities;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.IdentityExtractor;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.MalformedSubjectAltNameException;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.SubjectAltNameReader;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.SubjectAltNames;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationMode;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

import java.security.cert.X509Certificate;

/** xmppAddr extraction from the leaf: the subjectAltName decoding alone, and the identities as the verifier needs them. */
public class IdentityBenchmark extends BenchmarkSettings {

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
