package org.igniterealtime.openfire.plugin.boshcertauth.request.proxy;

import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Shared real certificates for the proxy tests: root → intermediate → alice, built once. */
final class Pki {

    static final TestPki.Issued ROOT = TestPki.rootCa("Proxy Test Root");
    static final TestPki.Issued INTERMEDIATE = TestPki.certificate("Proxy Test Intermediate").ca().issuedBy(ROOT).build();
    static final TestPki.Issued ALICE = TestPki.certificate("alice").xmppAddr("alice@localhost").issuedBy(INTERMEDIATE).build();

    private Pki() {}

    static X509Certificate alice() {
        return ALICE.certificate();
    }

    static X509Certificate intermediate() {
        return INTERMEDIATE.certificate();
    }

    /** What a TLS client sends: alice, intermediate. */
    static List<X509Certificate> aliceChain() {
        return ALICE.chainWithoutRoot();
    }

    /** Alice's certificate followed by {@code intermediates} CA certificates (a chain of 1 + intermediates). */
    static List<X509Certificate> chainOfLength(int length) {
        final List<X509Certificate> chain = new ArrayList<>();
        chain.add(alice());
        for (int i = 1; i < length; i++) {
            chain.add(i % 2 == 1 ? intermediate() : ROOT.certificate());
        }
        return chain;
    }

    /** Alice's private key as PKCS#8 PEM: must never be taken for a certificate. */
    static String privateKeyPem() {
        return "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(ALICE.privateKey().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    }
}
