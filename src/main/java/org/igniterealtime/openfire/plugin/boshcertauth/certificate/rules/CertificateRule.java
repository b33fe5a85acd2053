package org.igniterealtime.openfire.plugin.boshcertauth.certificate.rules;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;

import java.util.Optional;

/**
 * One chain rule, in the style of Bouncy Castle's {@code org.bouncycastle.cert.path.CertPathValidation}: it looks at
 * the chain and either passes (empty) or fails with a verdict naming the reason and the failing certificate.
 */
@FunctionalInterface
public interface CertificateRule {

    /** @return empty when the chain passes this rule, else a failure verdict */
    Optional<Verdict> check(ChainContext context);
}
