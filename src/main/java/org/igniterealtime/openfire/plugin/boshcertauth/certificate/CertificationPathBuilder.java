package org.igniterealtime.openfire.plugin.boshcertauth.certificate;

import javax.security.auth.x500.X500Principal;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds certification paths from what the client presented plus the truststore (RFC 8446 §4.4.2: the client's own
 * certificate comes first, the others may come in any order and may include extraneous ones; RFC 4158): from the
 * client's certificate, issuer by issuer (subject = issuer name and the issuer's key verifies the signature), through
 * presented certificates until a trusted certificate issued the top one. Breadth first, so paths come shortest first.
 * Only the certificates of a path are judged later; everything else the client sent is ignored.
 *
 * <p>A small builder of our own rather than the JDK's {@code CertPathBuilder("PKIX")}: that one validates while it
 * builds (dates, its own revocation and algorithm checks, the anchor as a bare name and key), reports only one path
 * and no reason per certificate, and its work is bounded only by its own depth limit. Here every path found is judged
 * by the plugin's rules and its own revocation checker, and the work against hostile input is bounded: at most
 * {@link #MAX_PATHS} paths, paths of at most {@code maxDepth} certificates below the anchor, at most
 * {@link #MAX_SIGNATURE_CHECKS} signature verifications and {@link #MAX_PARTIAL_PATHS} partial paths expanded per
 * chain. The caller bounds the number of presented certificates (the chain length limit).</p>
 *
 * <p>Thread-safe (immutable; all state is per call).</p>
 */
final class CertificationPathBuilder {

    static final int MAX_PATHS = 4;
    static final int MAX_SIGNATURE_CHECKS = 64;
    static final int MAX_PARTIAL_PATHS = 64;

    private final Map<X500Principal, List<X509Certificate>> trustedBySubject = new HashMap<>();
    private final Set<X509Certificate> trusted;
    private final int maxDepth;

    /** @param maxDepth the longest path below the anchor worth building (longer ones would be refused anyway) */
    CertificationPathBuilder(Set<X509Certificate> trusted, int maxDepth) {
        this.trusted = Set.copyOf(trusted);
        this.maxDepth = maxDepth;
        for (X509Certificate certificate : this.trusted) {
            trustedBySubject.computeIfAbsent(certificate.getSubjectX500Principal(), k -> new ArrayList<>()).add(certificate);
        }
    }

    /**
     * @param presented the client's chain, its own certificate first
     * @return the paths found, shortest first, each from the client's certificate to the trusted certificate that
     *         issued the path's top (inclusive); empty when none reaches a trusted certificate or the client's
     *         certificate is self-signed (it is then its own anchor, or nobody's)
     */
    List<List<X509Certificate>> build(List<X509Certificate> presented) {
        final X509Certificate leaf = presented.get(0);
        if (leaf.getSubjectX500Principal().equals(leaf.getIssuerX500Principal()) && verifies(leaf, leaf, new int[] { 1 })) {
            return List.of();
        }
        final List<X509Certificate> untrustedPresented = presented.subList(1, presented.size()).stream()
            .filter(c -> !trusted.contains(c) && !c.equals(leaf)).distinct().toList();
        final int[] signatureBudget = { MAX_SIGNATURE_CHECKS };
        final List<List<X509Certificate>> paths = new ArrayList<>();
        final Deque<List<X509Certificate>> partial = new ArrayDeque<>();
        partial.add(List.of(leaf));
        int expanded = 0;
        while (!partial.isEmpty() && paths.size() < MAX_PATHS && expanded++ < MAX_PARTIAL_PATHS && signatureBudget[0] > 0) {
            final List<X509Certificate> path = partial.poll();
            final X509Certificate top = path.get(path.size() - 1);
            for (X509Certificate anchor : issuersAmong(trustedBySubject.getOrDefault(top.getIssuerX500Principal(), List.of()),
                    top, path, signatureBudget)) {
                if (paths.size() < MAX_PATHS) {
                    paths.add(append(path, anchor));
                }
            }
            if (path.size() < maxDepth) {
                for (X509Certificate issuer : issuersAmong(untrustedPresented, top, path, signatureBudget)) {
                    partial.add(append(path, issuer));
                }
            }
        }
        return List.copyOf(paths);
    }

    private static List<X509Certificate> issuersAmong(Collection<X509Certificate> candidates, X509Certificate certificate,
                                                      List<X509Certificate> path, int[] signatureBudget) {
        final List<X509Certificate> issuers = new ArrayList<>();
        for (X509Certificate candidate : candidates) {
            if (candidate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal()) && !path.contains(candidate)
                && verifies(certificate, candidate, signatureBudget)) {
                issuers.add(candidate);
            }
        }
        return issuers;
    }

    private static boolean verifies(X509Certificate certificate, X509Certificate issuer, int[] signatureBudget) {
        if (signatureBudget[0]-- <= 0) {
            return false;
        }
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static List<X509Certificate> append(List<X509Certificate> path, X509Certificate next) {
        final List<X509Certificate> longer = new ArrayList<>(path);
        longer.add(next);
        return List.copyOf(longer);
    }
}
