package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * The administrator's revocation knobs beyond the mode (what Keycloak and similar products offer), validated by the
 * configuration loader: an OCSP responder used instead of the certificates' authorityInfoAccess, a locally trusted
 * OCSP signing certificate (RFC 6960 §4.2.2.2), CRLs from configured files or URLs in addition to the certificates'
 * distribution points, and what a CRL past its nextUpdate means.
 *
 * @param ocspResponder        asked instead of every certificate's AIA responders; null: the certificates' own
 * @param designatedResponder  accepted as signer of OCSP answers besides the issuer and its delegates; null: none
 * @param crlSources           CRLs consulted before the certificates' distribution points: {@code file:} URIs
 *                             (absolute paths) or http(s) URLs; each is verified like a downloaded CRL
 * @param staleCrl             what a CRL past its nextUpdate means when no source answered definitively
 */
public record RevocationOptions(URI ocspResponder, X509Certificate designatedResponder, List<URI> crlSources,
                                StaleCrlAction staleCrl) {

    /** Only the certificates' own sources; a stale CRL makes the status unknown. */
    public static final RevocationOptions DEFAULTS = new RevocationOptions(null, null, List.of(), StaleCrlAction.UNKNOWN);

    public RevocationOptions {
        crlSources = List.copyOf(crlSources);
        Objects.requireNonNull(staleCrl, "staleCrl");
    }

    public RevocationOptions withOcspResponder(URI v) { return new RevocationOptions(v, designatedResponder, crlSources, staleCrl); }
    public RevocationOptions withDesignatedResponder(X509Certificate v) { return new RevocationOptions(ocspResponder, v, crlSources, staleCrl); }
    public RevocationOptions withCrlSources(List<URI> v) { return new RevocationOptions(ocspResponder, designatedResponder, v, staleCrl); }
    public RevocationOptions withStaleCrl(StaleCrlAction v) { return new RevocationOptions(ocspResponder, designatedResponder, crlSources, v); }
}
