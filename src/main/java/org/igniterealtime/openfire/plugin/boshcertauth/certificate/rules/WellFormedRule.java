package org.igniterealtime.openfire.plugin.boshcertauth.certificate.rules;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * Every certificate must be a well-formed X.509 structure (re-parsed strictly by Bouncy Castle) whose extensions the
 * later rules read can be decoded. The JDK tolerates unparseable non-critical extensions; later rules should not
 * have to.
 */
public final class WellFormedRule implements CertificateRule {

    @Override
    public Optional<Verdict> check(ChainContext context) {
        for (int i = 0; i < context.chain().size(); i++) {
            final X509Certificate certificate = context.chain().get(i);
            try {
                org.bouncycastle.asn1.x509.Certificate.getInstance(certificate.getEncoded());
                certificate.getExtendedKeyUsage();
                certificate.getKeyUsage();
                certificate.getBasicConstraints();
            } catch (CertificateException | RuntimeException e) {
                return Optional.of(Verdict.failure(FailureReason.MALFORMED, i, "certificate could not be parsed: " + e.getMessage()));
            }
        }
        return Optional.empty();
    }
}
