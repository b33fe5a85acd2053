package org.igniterealtime.openfire.plugin.boshcertauth.certificate.rules;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationService;

import javax.security.auth.x500.X500Principal;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the rules of one validation see: the chain (leaf first), the policy, the instant of validation (from the
 * injected clock) and the revocation service. It also collects what passing rules learn that shortens the life of a
 * success (a revocation answer's nextUpdate) or that administrators should read (soft-failed revocation checks).
 *
 * <p>One instance per validation, confined to the validating thread.</p>
 */
public final class ChainContext {

    private final List<X509Certificate> chain;
    private final CertificatePolicy policy;
    private final Instant now;
    private final RevocationService revocation;
    private final List<String> notes = new ArrayList<>();
    private Instant validUntil;
    private boolean revocationStatusUnknown;

    public ChainContext(List<X509Certificate> chain, CertificatePolicy policy, Instant now, RevocationService revocation) {
        this.chain = List.copyOf(chain);
        this.policy = policy;
        this.now = now;
        this.revocation = revocation;
    }

    public List<X509Certificate> chain() { return chain; }
    public X509Certificate leaf() { return chain.get(0); }
    public CertificatePolicy policy() { return policy; }
    public Instant now() { return now; }
    public RevocationService revocation() { return revocation; }

    /** A success must not outlive this instant (e.g. a CRL's or OCSP response's nextUpdate). */
    public void limitValidUntil(Instant instant) {
        if (instant != null && (validUntil == null || instant.isBefore(validUntil))) {
            validUntil = instant;
        }
    }

    /** Records that a revocation status could not be determined and the login proceeds anyway (soft-fail). */
    public void noteRevocationUnknown(String detail) {
        revocationStatusUnknown = true;
        notes.add(detail);
    }

    public void note(String detail) {
        notes.add(detail);
    }

    public Instant validUntilLimit() { return validUntil; }
    public boolean revocationStatusUnknown() { return revocationStatusUnknown; }
    public List<String> notes() { return List.copyOf(notes); }

    public boolean leafIsSelfSigned() {
        return isSelfSigned(leaf());
    }

    /** Self-signed: names itself as issuer and its signature verifies with its own key. */
    public static boolean isSelfSigned(X509Certificate certificate) {
        final X500Principal subject = certificate.getSubjectX500Principal();
        if (!subject.equals(certificate.getIssuerX500Principal())) {
            return false;
        }
        try {
            certificate.verify(certificate.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** Whether this exact certificate is one the administrator trusts (truststore entry). */
    public boolean isTrusted(X509Certificate certificate) {
        return policy.trustedCertificates().contains(certificate)
            || policy.trustAnchors().stream().anyMatch(a -> certificate.equals(a.getTrustedCert()));
    }
}
