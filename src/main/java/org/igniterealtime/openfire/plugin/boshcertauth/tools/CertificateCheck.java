package org.igniterealtime.openfire.plugin.boshcertauth.tools;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificateVerifier;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.MalformedSubjectAltNameException;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.SubjectAltNameReader;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.SubjectAltNames;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationMode;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationService;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Runs the plugin's own {@link CertificateVerifier} offline, with the plugin's default (strict) policy, a given set of
 * trusted certificates and served domains: the verdict the plugin would reach for this chain, short of the checks
 * that need the running server (that the user exists and is not locked out).
 */
public final class CertificateCheck {

    private CertificateCheck() {}

    /**
     * @param verdict   the verifier's answer
     * @param xmppAddrs the id-on-xmppAddr values of the leaf, as the plugin reads them
     * @param domains   the served domains the check assumed
     */
    public record Result(Verdict verdict, List<String> xmppAddrs, Set<String> domains) {}

    /**
     * @param chain    leaf first (the root may be included; it is ignored when it is a trust anchor)
     * @param trusted  the certificates of the truststore (trust anchors)
     * @param authzid  the authorization identity the client would send; null or empty for none
     * @param domains  the XMPP domains the server serves; empty: the domains of the leaf's xmppAddr values
     * @param mode     revocation checking (OFF, or online checks against the CRL/OCSP URLs in the certificates)
     */
    public static Result run(List<X509Certificate> chain, Set<X509Certificate> trusted, String authzid, Set<String> domains,
                             RevocationMode mode) {
        final List<String> xmppAddrs = xmppAddrsOf(chain.isEmpty() ? null : chain.get(0));
        final Set<String> served = domains.isEmpty() ? domainsOf(xmppAddrs) : domains;
        final CertificatePolicy policy = CertificatePolicy.builder()
            .trust(trusted)
            .domains(served)
            .revocationMode(mode)
            .build();
        final RevocationService revocation = new RevocationService();
        try {
            final Verdict verdict = new CertificateVerifier(policy, revocation, Clock.systemUTC())
                .authenticate(chain, authzid == null || authzid.isBlank() ? null : authzid.strip());
            return new Result(verdict, xmppAddrs, served);
        } finally {
            revocation.close();
        }
    }

    static List<String> xmppAddrsOf(X509Certificate leaf) {
        if (leaf == null) {
            return List.of();
        }
        try {
            final SubjectAltNames names = SubjectAltNameReader.read(leaf);
            return names.xmppAddrs();
        } catch (MalformedSubjectAltNameException e) {
            return List.of();
        }
    }

    private static Set<String> domainsOf(List<String> jids) {
        final Set<String> result = new LinkedHashSet<>();
        for (String jid : jids) {
            final int at = jid.indexOf('@');
            final int slash = jid.indexOf('/');
            result.add(jid.substring(at + 1, slash > at ? slash : jid.length()).toLowerCase(Locale.ROOT));
        }
        return result;
    }
}
