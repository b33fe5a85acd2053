package org.igniterealtime.openfire.plugin.boshcertauth.identity;

import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;
import org.xmpp.packet.JID;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the XMPP identities of a client certificate (RFC 6120 §13.7.1.4): the id-on-xmppAddr values of its
 * subjectAltName and, only when the certificate carries none at all and the policy enables them, the fallbacks.
 *
 * <p>Decisions:</p>
 * <ul>
 *   <li>An xmppAddr with a resource (a full JID) is rejected: a certificate identifies an account, and silently
 *       dropping the resource would make a certificate issued for one purpose valid for another.</li>
 *   <li>A domain-only xmppAddr never authorizes a user (it identifies a server); it is skipped.</li>
 *   <li>rfc822Name fallback ({@code emailFallback}): {@code local@domain}, used as node and domain.</li>
 *   <li>Common-name fallback ({@code commonNameFallback}): the subject's CN as node, in {@code fallbackDomain}, or in
 *       the only served domain when no fallback domain is configured.</li>
 *   <li>Fallbacks apply only to certificates without any xmppAddr entry. An xmppAddr that is skipped (full JID,
 *       domain only, invalid, not a UTF8String, ...) still says which account the issuer meant; letting the CN or
 *       e-mail address win over it would log the holder in as someone the issuer never named.</li>
 * </ul>
 */
public final class IdentityExtractor {

    private final CertificatePolicy policy;
    private final ServedDomains domains;

    public IdentityExtractor(CertificatePolicy policy) {
        this.policy = policy;
        this.domains = new ServedDomains(policy.domains());
    }

    public CertificateIdentities extract(X509Certificate certificate) throws MalformedSubjectAltNameException {
        final SubjectAltNames names = SubjectAltNameReader.read(certificate);
        final List<String> skipped = new ArrayList<>(names.skipped());

        Set<JID> found = bareJids(names.xmppAddrs(), "xmppAddr", skipped);
        String source = "xmppAddr";
        final boolean fallbacksEnabled = policy.emailFallback() || policy.commonNameFallback();
        if (names.carriesXmppAddr()) {
            if (found.isEmpty() && fallbacksEnabled) {
                skipped.add("the certificate carries an xmppAddr that cannot be used, so the "
                    + "rfc822Name and commonName fallbacks do not apply");
            }
        } else {
            if (policy.emailFallback()) {
                found = bareJids(names.emails(), "rfc822Name", skipped);
                source = "rfc822Name";
            }
            if (found.isEmpty() && policy.commonNameFallback()) {
                found = commonNameJids(certificate, skipped);
                source = "commonName";
            }
        }
        if (found.isEmpty()) {
            source = "none";
        }
        final List<JID> local = new ArrayList<>();
        final List<JID> foreign = new ArrayList<>();
        for (JID jid : found) {
            (domains.serves(jid.getDomain()) ? local : foreign).add(jid);
        }
        for (JID jid : foreign) {
            skipped.add(source + " " + jid + " is in a domain this server does not serve");
        }
        return new CertificateIdentities(local, foreign, skipped, source);
    }

    private static Set<JID> bareJids(List<String> values, String kind, List<String> skipped) {
        final Set<JID> result = new LinkedHashSet<>();
        for (String value : values) {
            final Optional<JID> parsed = Jids.parse(value);
            if (parsed.isEmpty()) {
                skipped.add(kind + " '" + printable(value) + "' is not a valid JID");
            } else if (parsed.get().getResource() != null) {
                skipped.add(kind + " '" + printable(value) + "' is a full JID (with resource); only bare JIDs identify an account");
            } else if (parsed.get().getNode() == null) {
                skipped.add(kind + " '" + printable(value) + "' names only a domain, not a user");
            } else {
                result.add(parsed.get());
            }
        }
        return result;
    }

    private Set<JID> commonNameJids(X509Certificate certificate, List<String> skipped) {
        final String domain = !policy.fallbackDomain().isEmpty() ? policy.fallbackDomain()
            : domains.isSingle() ? domains.single() : null;
        if (domain == null) {
            skipped.add("commonName fallback needs a fallback domain when several domains are served");
            return Set.of();
        }
        final Set<JID> result = new LinkedHashSet<>();
        final X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        for (RDN rdn : subject.getRDNs(BCStyle.CN)) {
            final String commonName = IETFUtils.valueToString(rdn.getFirst().getValue());
            final Optional<JID> jid = commonName.contains("@") || commonName.contains("/")
                ? Optional.empty() : Jids.parse(commonName, domain);
            if (jid.isPresent()) {
                result.add(jid.get());
            } else {
                skipped.add("commonName '" + printable(commonName) + "' is not a valid JID node");
            }
        }
        return result;
    }

    /** Values come from an untrusted certificate: keep log lines readable and short. */
    private static String printable(String value) {
        final String cleaned = value.replaceAll("\\p{Cntrl}", "?");
        return cleaned.length() > 80 ? cleaned.substring(0, 80) + "…" : cleaned;
    }
}
