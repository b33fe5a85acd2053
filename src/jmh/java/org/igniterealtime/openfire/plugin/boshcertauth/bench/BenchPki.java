package org.igniterealtime.openfire.plugin.boshcertauth.bench;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationMode;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

/**
 * The certificates every benchmark uses: root → intermediate → leaf (EC P-256, xmppAddr alice@localhost), made once
 * per benchmark fork with the test support's real Bouncy Castle PKI.
 */
public final class BenchPki {

    public static final TestPki.Issued ROOT = TestPki.rootCa("Benchmark Root");
    public static final TestPki.Issued INTERMEDIATE = TestPki.certificate("Benchmark Intermediate").ca().issuedBy(ROOT).build();
    public static final TestPki.Issued ALICE = TestPki.certificate("alice").xmppAddr("alice@localhost").issuedBy(INTERMEDIATE).build();

    private BenchPki() {}

    /** root → intermediate → leaf, leaf first: three certificates, as a client that also sends its root would. */
    public static List<X509Certificate> threeCertificateChain() {
        return List.of(ALICE.certificate(), INTERMEDIATE.certificate(), ROOT.certificate());
    }

    /** What JSSE hands a servlet: the client's chain without the root. */
    public static X509Certificate[] tlsChain() {
        return new X509Certificate[] { ALICE.certificate(), INTERMEDIATE.certificate() };
    }

    /** The same certificates as other objects (as after a new TLS handshake): equality is by encoding, not identity. */
    public static X509Certificate[] copyOf(X509Certificate[] chain) {
        final X509Certificate[] copy = new X509Certificate[chain.length];
        for (int i = 0; i < chain.length; i++) {
            try {
                copy[i] = TestPki.toJdk(chain[i].getEncoded());
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        }
        return copy;
    }

    /** Trusts the root, serves localhost, revocation as given; everything else the plugin's defaults. */
    public static CertificatePolicy policy(RevocationMode revocation) {
        return CertificatePolicy.builder().trust(Set.of(ROOT.certificate())).domains(Set.of("localhost"))
            .revocationMode(revocation).generation(1).build();
    }
}
