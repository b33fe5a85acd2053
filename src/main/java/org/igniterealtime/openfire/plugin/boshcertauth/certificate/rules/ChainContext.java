package org.igniterealtime.openfire.plugin.boshcertauth.certificate.rules;

import javax.security.auth.x500.X500Principal;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What every rule of one validation sees: the chain (leaf first), the instant of validation (from the injected clock)
 * and which certificates the administrator trusts. A rule's own settings come through its constructor (the policy
 * decides which rules run, see {@code CertificatePolicy#chainRules}); nothing here says whether a rule applies.
 *
 * <p>It also collects what passing rules learn that shortens the life of a success (a revocation answer's nextUpdate)
 * or that administrators should read (soft-failed revocation checks). One instance per validation, confined to the
 * validating thread.</p>
 */
public final class ChainContext {

    private final List<X509Certificate> chain;
    private final Instant now;
    private final Set<X509Certificate> trusted;
    private final Set<X509Certificate> presented;
    private final List<String> notes = new ArrayList<>();
    private Instant validUntil;
    private boolean revocationStatusUnknown;
    private X509Certificate anchor;

    /**
     * @param trusted the certificates of the truststore: the trust anchors' certificates and the exactly-trusted ones
     */
    public ChainContext(List<X509Certificate> chain, Instant now, Set<X509Certificate> trusted) {
        this(chain, now, trusted, chain);
    }

    /**
     * @param chain     the path to judge (built from what the client sent and the truststore), leaf first
     * @param presented the certificates the client sent (in any order)
     */
    public ChainContext(List<X509Certificate> chain, Instant now, Set<X509Certificate> trusted,
                        java.util.Collection<X509Certificate> presented) {
        this.chain = List.copyOf(chain);
        this.now = now;
        this.trusted = Set.copyOf(trusted);
        this.presented = Set.copyOf(presented);
    }

    public List<X509Certificate> chain() { return chain; }
    public X509Certificate leaf() { return chain.get(0); }
    public Instant now() { return now; }

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
        return trusted.contains(certificate);
    }

    /**
     * The chain without the trusted certificates at its end (at least the leaf): the PKIX path proper, as an anchor is
     * not part of it (RFC 5280 §6.1).
     */
    public List<X509Certificate> pathBelowAnchor() {
        int end = chain.size();
        while (end > 1 && isTrusted(chain.get(end - 1))) {
            end--;
        }
        return chain.subList(0, end);
    }

    /**
     * The trusted certificates the path below the anchor can end at: those named as the issuer of its top certificate
     * whose key verifies that certificate's signature. A trusted certificate the client sent comes first.
     */
    public List<X509Certificate> anchorCandidates() {
        final List<X509Certificate> path = pathBelowAnchor();
        final X509Certificate top = path.get(path.size() - 1);
        final List<X509Certificate> candidates = new ArrayList<>();
        if (path.size() < chain.size()) {
            candidates.add(chain.get(path.size()));
        }
        for (X509Certificate trustedIssuer : trustedIssuersOf(top)) {
            if (!candidates.contains(trustedIssuer)) {
                candidates.add(trustedIssuer);
            }
        }
        candidates.removeIf(candidate -> !signs(candidate, top));
        return List.copyOf(candidates);
    }

    /** Records the trust anchor that was checked ({@link TrustAnchorRule}); PKIX then validates against it alone. */
    public void useAnchor(X509Certificate trustedCertificate) {
        if (!isTrusted(trustedCertificate)) {
            throw new IllegalArgumentException("not a trusted certificate");
        }
        anchor = trustedCertificate;
    }

    /** The trust anchor chosen and checked for this path, if a rule chose one. */
    public java.util.Optional<X509Certificate> anchor() {
        return java.util.Optional.ofNullable(anchor);
    }

    /** Whether the client sent this certificate (the path built may end at a trusted certificate it did not send). */
    /** The certificates the client sent (any order): where revocation looks for a CRL signer off the path. */
    public Set<X509Certificate> presented() {
        return presented;
    }

    public boolean wasPresented(X509Certificate certificate) {
        return presented.contains(certificate);
    }

    /** The index of the given certificate in the chain (the path judged), or -1. */
    public int indexOf(X509Certificate certificate) {
        return chain.indexOf(certificate);
    }

    private static boolean signs(X509Certificate issuer, X509Certificate certificate) {
        if (!issuer.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
            return false;
        }
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** The trusted certificates whose subject is the given certificate's issuer (candidates for the anchor above it). */
    public List<X509Certificate> trustedIssuersOf(X509Certificate certificate) {
        final X500Principal issuer = certificate.getIssuerX500Principal();
        return trusted.stream().filter(t -> t.getSubjectX500Principal().equals(issuer)).toList();
    }
}
