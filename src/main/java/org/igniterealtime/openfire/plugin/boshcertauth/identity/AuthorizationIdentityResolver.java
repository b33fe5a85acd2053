package org.igniterealtime.openfire.plugin.boshcertauth.identity;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;
import org.xmpp.packet.JID;

import java.time.Instant;
import java.util.Optional;

/**
 * XEP-0178 §3 decision between the certificate's identities and the authorization identity the client asked for.
 *
 * <table>
 *   <caption>identities × authzid</caption>
 *   <tr><th></th><th>no authzid</th><th>authzid among identities</th><th>other authzid</th></tr>
 *   <tr><td>0</td><td>NO_IDENTITY</td><td>—</td><td>NO_IDENTITY</td></tr>
 *   <tr><td>1</td><td>that JID</td><td>that JID</td><td>AUTHZID_MISMATCH</td></tr>
 *   <tr><td>many</td><td>AMBIGUOUS_IDENTITY</td><td>that JID</td><td>AUTHZID_MISMATCH</td></tr>
 * </table>
 *
 * <p>The authzid is prepared like the identities (Tinder JID) before comparing. An authzid that is no valid JID is
 * INVALID_AUTHZID_FORMAT. An authzid with a resource is compared by its bare JID (the resource is the client's
 * business, bound later). With {@code domainAuthzidMeansNone}, an authzid that is just one of the served domains
 * counts as no authzid (Converse.js sends the domain when configured with only a domain). An authzid in a domain this
 * server does not serve is FOREIGN_DOMAIN, as are certificates whose identities are all in foreign domains.</p>
 */
public final class AuthorizationIdentityResolver {

    private final ServedDomains domains;
    private final boolean domainAuthzidMeansNone;

    public AuthorizationIdentityResolver(CertificatePolicy policy) {
        this.domains = new ServedDomains(policy.domains());
        this.domainAuthzidMeansNone = policy.domainAuthzidMeansNone();
    }

    /**
     * @param validUntil  how long a success may be reused (from the chain verdict)
     */
    public Verdict resolve(CertificateIdentities identities, String authzid, Instant validUntil) {
        final Optional<JID> requested;
        if (authzid == null || authzid.isEmpty()) {
            requested = Optional.empty();
        } else {
            final Optional<JID> parsed = Jids.parse(authzid);
            if (parsed.isEmpty()) {
                return Verdict.failure(FailureReason.INVALID_AUTHZID_FORMAT, -1, "authzid is not a valid JID");
            }
            final JID jid = parsed.get();
            requested = jid.getNode() == null && domainAuthzidMeansNone && domains.serves(jid.getDomain())
                ? Optional.empty() : Optional.of(jid.asBareJID());
        }

        final String skippedNote = identities.skipped().isEmpty() ? "" : "; skipped: " + String.join("; ", identities.skipped());
        if (identities.refusal() != null) {
            return Verdict.failure(identities.refusal(), 0, String.join("; ", identities.skipped()));
        }
        if (requested.isPresent() && identities.refusedByIssuer().contains(requested.get())) {
            return Verdict.failure(FailureReason.CA_NOT_ALLOWED, 0, "the issuing CA may not vouch for " + requested.get() + skippedNote);
        }
        if (identities.local().isEmpty() && !identities.refusedByIssuer().isEmpty()) {
            return Verdict.failure(FailureReason.CA_NOT_ALLOWED, 0, "the issuing CA may not vouch for " + identities.refusedByIssuer() + skippedNote);
        }
        if (identities.local().isEmpty()) {
            return identities.foreign().isEmpty()
                ? Verdict.failure(FailureReason.NO_IDENTITY, 0, "no usable identity in the certificate" + skippedNote)
                : Verdict.failure(FailureReason.FOREIGN_DOMAIN, 0, "identities " + identities.foreign() + " are not in a served domain");
        }
        if (requested.isPresent()) {
            final JID jid = requested.get();
            if (!domains.serves(jid.getDomain())) {
                return Verdict.failure(FailureReason.FOREIGN_DOMAIN, -1, "authzid " + jid + " is not in a served domain");
            }
            return identities.local().contains(jid)
                ? Verdict.success(jid, validUntil, "authzid matches " + identities.source() + skippedNote)
                : Verdict.failure(FailureReason.AUTHZID_MISMATCH, 0,
                    "authzid " + jid + " is not among the certificate's identities " + identities.local());
        }
        if (identities.local().size() == 1) {
            return Verdict.success(identities.local().get(0), validUntil, "identity from " + identities.source() + skippedNote);
        }
        return Verdict.failure(FailureReason.AMBIGUOUS_IDENTITY, 0,
            "the certificate names " + identities.local().size() + " identities " + identities.local() + " and no authzid was given");
    }
}
