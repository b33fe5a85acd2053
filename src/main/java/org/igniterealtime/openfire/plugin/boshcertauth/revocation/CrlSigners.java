package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

import javax.security.auth.x500.X500Principal;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Where a CRL signer that is not on the certificate's validated path is looked for, and how it is validated
 * (RFC 5280 §6.3.3 (f)): a CA may sign its CRLs with a key of its own kept for that (NIST PKITS 4.4.19), or delegate
 * them to another CRL issuer (cRLIssuer, indirect CRLs; PKITS 4.14). Such a signer's certificate must come from the
 * certificates the client presented or the truststore, have the CRL issuer's name, a keyUsage with cRLSign, the
 * CRL's authorityKeyIdentifier (when it has one) as its subjectKeyIdentifier, and have a path of
 * its own to the <em>same</em> trust anchor as the certificate's path, checked for revocation in turn; for the CA's
 * own CRL (not indirect) it must also be certified by the CA or by the CA that certified it
 * ({@link #certifiedByTheNamesAuthority}).
 *
 * <p>Hostile input is bounded: at most {@value #MAX_POOL} certificates are considered, {@value #MAX_CANDIDATES}
 * candidates per CRL (each one whose signature over the CRL verified, at most {@value #MAX_CANDIDATE_SIGNATURE_CHECKS}
 * checks), signer paths of at most {@value #MAX_PATH} certificates found with at most
 * {@value #MAX_SIGNATURE_CHECKS} signature checks, and signers of signers only {@value #MAX_DEPTH} levels deep. A CRL
 * whose signer's status would depend on that very CRL (a cycle) is not used — unless the administrator opted in with
 * {@code boshcertauth.revocation.crl.self-covered-signer} ({@link RevocationOptions#selfCoveredCrlSigner()}) and the
 * certificate that CRL must judge is its signer's own (NIST PKITS 4.14.30): then the CRL under verification, whose
 * signature verified with that signer's key while the signer's path to the same anchor is being validated, is judged for
 * the signer like any CRL (scope, entries): not listed, the signer is good; listed, the CRL is unusable. Any other
 * cycle — the CRL needed for another certificate on its signer's path, or for a signer of a signer — stays refused.</p>
 */
final class CrlSigners {

    static final int MAX_POOL = 256;
    static final int MAX_CANDIDATES = 8;
    /** Signature checks of CRLs against same-named pool certificates, per CRL (separate from the path budget). */
    static final int MAX_CANDIDATE_SIGNATURE_CHECKS = 32;
    static final int MAX_PATH = 6;
    static final int MAX_SIGNATURE_CHECKS = 32;
    /** The certificate's CRL signer (depth 0) may have a CRL signer of its own (depth 1), no further. */
    static final int MAX_DEPTH = 1;

    /** Validates a signer's path (signer first, the anchor excluded); a problem or empty for a valid, unrevoked path. */
    @FunctionalInterface
    interface PathValidator {
        Optional<String> problem(List<X509Certificate> path);
    }

    /** No signer off the path is accepted (e.g. for a caller that validates no paths). */
    static final CrlSigners NONE = new CrlSigners(List.of(), null, null, null, null);

    /**
     * The CRLs being verified along one recursion (one login's validation, single-threaded): by cache key, the CRL as
     * read and the signer whose path is being validated for it meanwhile (null until then). Reaching one of them again
     * is a cycle.
     */
    static final class Verifications {
        private final boolean selfCoveredSigner;
        private final Map<Object, Pending> pending = new HashMap<>();

        /** @param selfCoveredSigner {@link RevocationOptions#selfCoveredCrlSigner()} */
        Verifications(boolean selfCoveredSigner) {
            this.selfCoveredSigner = selfCoveredSigner;
        }
    }

    private static final class Pending {
        private final X509CRL crl;
        private X509Certificate signer;

        private Pending(X509CRL crl) {
            this.crl = crl;
        }
    }

    private final List<X509Certificate> pool;
    private final X509Certificate anchor;
    private final PathValidator validator;
    private final Verifications verifying;
    /** The certificate whose CRLs these signers are for. */
    private final X509Certificate subject;

    /**
     * @param pool      the truststore's certificates, then those the client presented (the first {@value #MAX_POOL})
     * @param anchor    the trust anchor of the certificate's path; null: no signer off the path is accepted
     * @param validator validates a signer's path to that anchor; null: as for a null anchor
     * @param verifying shared along one recursion (one login's validation, single-threaded); null: no recursion
     * @param subject   the certificate whose CRLs are verified with these signers; null: unknown (no self-covered signer)
     */
    CrlSigners(List<X509Certificate> pool, X509Certificate anchor, PathValidator validator, Verifications verifying,
               X509Certificate subject) {
        this.pool = List.copyOf(new LinkedHashSet<>(pool.subList(0, Math.min(pool.size(), MAX_POOL))));
        this.anchor = anchor;
        this.validator = validator;
        this.verifying = verifying;
        this.subject = subject;
    }

    /** The anchor's key, part of a cached CRL's key: a CRL believed for a signer validated to one anchor holds for it only. */
    ByteBuffer anchorKey() {
        return anchor == null ? null : ByteBuffer.wrap(anchor.getPublicKey().getEncoded());
    }

    boolean isVerifying(Object crlKey) {
        return verifying != null && verifying.pending.containsKey(crlKey);
    }

    /** Marks {@code crl}, as read for {@code crlKey}, as being verified, until {@link #doneVerifying}. */
    void startVerifying(Object crlKey, X509CRL crl) {
        if (verifying != null) {
            verifying.pending.put(crlKey, new Pending(crl));
        }
    }

    void doneVerifying(Object crlKey) {
        if (verifying != null) {
            verifying.pending.remove(crlKey);
        }
    }

    /**
     * With the self-covered signer opt-in: a CRL being verified, read from the place {@code samePlace} accepts (its
     * cache key), when the certificate these signers are for is the very signer whose path is being validated for that
     * CRL (its signature over the CRL verified), so that the CRL judges its own signer. Empty otherwise: without the
     * opt-in, for any other certificate (another one on the signer's path), and when no such CRL is being verified.
     */
    Optional<SignedBySubject> crlSignedBySubject(Predicate<Object> samePlace) {
        if (verifying == null || !verifying.selfCoveredSigner || subject == null) {
            return Optional.empty();
        }
        return verifying.pending.entrySet().stream()
            .filter(e -> e.getValue().signer != null && e.getValue().signer.equals(subject) && samePlace.test(e.getKey()))
            .map(e -> new SignedBySubject(e.getValue().crl, subject)).findFirst();
    }

    /** A CRL under verification and its signer, the certificate it is now asked about ({@link #crlSignedBySubject}). */
    record SignedBySubject(X509CRL crl, X509Certificate signer) {}

    /**
     * The certificates that did sign {@code crl} as its issuer: its name, a keyUsage that asserts cRLSign (a signer off
     * the path is held to more than one on it: only its name ties it to the CA, so an absent keyUsage does not do), a
     * subjectKeyIdentifier equal to the CRL's authorityKeyIdentifier when the CRL has one, and a signature over the
     * CRL that verifies with their key; at most {@value #MAX_CANDIDATES}, found with at most
     * {@value #MAX_CANDIDATE_SIGNATURE_CHECKS} signature checks. Only a verified signature makes a candidate, so
     * look-alikes the client presents (same name, other key) cannot push the real signer out.
     */
    List<X509Certificate> candidates(X509CRL crl) {
        if (anchor == null || validator == null) {
            return List.of();
        }
        final X500Principal name = crl.getIssuerX500Principal();
        final byte[] authorityKeyId = authorityKeyId(crl);
        final List<X509Certificate> found = new ArrayList<>();
        int signatureChecks = 0;
        for (X509Certificate certificate : pool) {
            if (found.size() == MAX_CANDIDATES || signatureChecks == MAX_CANDIDATE_SIGNATURE_CHECKS) {
                break;
            }
            if (!certificate.getSubjectX500Principal().equals(name) || !assertsCrlSign(certificate)) {
                continue;
            }
            if (authorityKeyId != null && !Arrays.equals(authorityKeyId, subjectKeyId(certificate))) {
                continue; // the CRL names its signer's key: a certificate without that key identifier is not it
            }
            signatureChecks++;
            if (signed(crl, certificate)) {
                found.add(certificate);
            }
        }
        return found;
    }

    /**
     * Whether {@code signer}, a CRL signer off the path for a CRL in the name of {@code ca} that is not indirect, was
     * certified by the authority that vouches for that name: {@code ca} itself (a self-issued CRL-signing
     * certificate), or the CA that certified {@code ca} (a sibling of {@code ca}'s certificate, as NIST PKITS 4.4.19
     * has it: both certified by the trust anchor). RFC 5280 §6.3.3 (f) asks only for a path to the same anchor; this
     * keeps another CA under that anchor from minting a CRL signer in {@code ca}'s name. At most
     * {@value #MAX_SIGNATURE_CHECKS} signature checks.
     */
    boolean certifiedByTheNamesAuthority(X509Certificate signer, X509Certificate ca) {
        final int[] budget = {MAX_SIGNATURE_CHECKS};
        if (signer.getIssuerX500Principal().equals(ca.getSubjectX500Principal()) && signs(ca, signer, budget)) {
            return true;
        }
        if (!signer.getIssuerX500Principal().equals(ca.getIssuerX500Principal()) || anchor == null) {
            return false;
        }
        final List<X509Certificate> authorities = new ArrayList<>(List.of(anchor));
        authorities.addAll(pool);
        for (X509Certificate authority : authorities) {
            if (budget[0] <= 1) {
                return false;
            }
            if (authority.getSubjectX500Principal().equals(ca.getIssuerX500Principal())
                    && signs(authority, ca, budget) && signs(authority, signer, budget)) {
                return true;
            }
        }
        return false;
    }

    /** A keyUsage extension with cRLSign set; unlike {@link VerifiedCrl#maySignCrls}, an absent keyUsage does not do. */
    private static boolean assertsCrlSign(X509Certificate certificate) {
        final boolean[] keyUsage = certificate.getKeyUsage();
        return keyUsage != null && VerifiedCrl.maySignCrls(certificate);
    }

    private static boolean signed(X509CRL crl, X509Certificate certificate) {
        try {
            crl.verify(certificate.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Why {@code signer}, one of {@link #candidates}{@code (crl)}, may not sign CRLs for the certificate's path, or empty
     * when it may: it is the path's anchor itself, or it has a path through the pool to that anchor that validates,
     * every certificate on it unrevoked (the signer's own certificate judged by {@code crl} itself only with the
     * self-covered signer opt-in, see {@link #crlSignedBySubject}).
     */
    Optional<String> problem(X509CRL crl, X509Certificate signer) {
        if (anchor == null || validator == null) {
            return Optional.of("no path is built for a CRL signer at this depth");
        }
        if (signer.equals(anchor)) {
            return Optional.empty();
        }
        final Optional<List<X509Certificate>> path = pathToAnchor(signer);
        if (path.isEmpty()) {
            return Optional.of("the CRL signer " + signer.getSubjectX500Principal().getName()
                + " has no path to the certificate's trust anchor among the presented and trusted certificates");
        }
        final List<Pending> signedByIt = verifying == null ? List.of()
            : verifying.pending.values().stream().filter(p -> p.crl == crl && p.signer == null).toList();
        signedByIt.forEach(p -> p.signer = signer); // while its path is validated (crlSignedBySubject)
        try {
            return validator.problem(path.get()).map(problem -> "the CRL signer " + signer.getSubjectX500Principal().getName()
                + " is not valid: " + problem);
        } finally {
            signedByIt.forEach(p -> p.signer = null);
        }
    }

    /** A path from {@code signer} up to (excluding) the anchor: depth first, bounded, each link's signature checked. */
    private Optional<List<X509Certificate>> pathToAnchor(X509Certificate signer) {
        final List<X509Certificate> path = new ArrayList<>(List.of(signer));
        final int[] budget = {MAX_SIGNATURE_CHECKS};
        return extend(path, budget) ? Optional.of(List.copyOf(path)) : Optional.empty();
    }

    private boolean extend(List<X509Certificate> path, int[] budget) {
        final X509Certificate top = path.get(path.size() - 1);
        if (top.getIssuerX500Principal().equals(anchor.getSubjectX500Principal()) && signs(anchor, top, budget)) {
            return true;
        }
        if (path.size() == MAX_PATH) {
            return false;
        }
        for (X509Certificate issuer : pool) {
            if (budget[0] <= 0) {
                return false;
            }
            if (issuer.getBasicConstraints() < 0 || path.contains(issuer) || issuer.equals(anchor)
                    || !issuer.getSubjectX500Principal().equals(top.getIssuerX500Principal()) || !signs(issuer, top, budget)) {
                continue;
            }
            path.add(issuer);
            if (extend(path, budget)) {
                return true;
            }
            path.remove(path.size() - 1);
        }
        return false;
    }

    private static boolean signs(X509Certificate issuer, X509Certificate certificate, int[] budget) {
        budget[0]--;
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static byte[] authorityKeyId(X509CRL crl) {
        try {
            final byte[] value = crl.getExtensionValue(Extension.authorityKeyIdentifier.getId());
            return value == null ? null
                : AuthorityKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(value)).getKeyIdentifier();
        } catch (Exception e) {
            return null; // undecodable: no filter, the signature decides
        }
    }

    private static byte[] subjectKeyId(X509Certificate certificate) {
        try {
            final byte[] value = certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId());
            return value == null ? null : ASN1OctetString.getInstance(JcaX509ExtensionUtils.parseExtensionValue(value)).getOctets();
        } catch (Exception e) {
            return null;
        }
    }
}
