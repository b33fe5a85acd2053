package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * The administrator's revocation knobs beyond the mode (what Keycloak and similar products offer), validated by the
 * configuration loader: an OCSP responder used instead of the certificates' authorityInfoAccess, a locally trusted
 * OCSP signing certificate (RFC 6960 §4.2.2.2), CRLs from configured files or URLs in addition to the certificates'
 * distribution points, what a CRL past its nextUpdate means, and whether a CRL signer may be judged by the CRL it signs.
 *
 * @param ocspResponder        asked instead of every certificate's AIA responders; null: the certificates' own
 * @param designatedResponder  accepted as signer of OCSP answers besides the issuer and its delegates; null: none
 * @param crlSources           CRLs consulted before the certificates' distribution points: {@code file:} URIs
 *                             (absolute paths) or http(s) URLs; each is verified like a downloaded CRL
 * @param staleCrl             what a CRL past its nextUpdate means when no source answered definitively
 * @param selfCoveredCrlSigner a CRL signer off the path whose own status only the CRL it signs gives is judged by that
 *                             CRL (RFC 5280 §6.3.3 (f), NIST PKITS 4.14.30; {@link CrlSigners}); false (default): such
 *                             a CRL is not used
 */
public record RevocationOptions(URI ocspResponder, X509Certificate designatedResponder, List<URI> crlSources,
                                StaleCrlAction staleCrl, boolean selfCoveredCrlSigner) {

    /** Only the certificates' own sources; a stale CRL makes the status unknown; no CRL vouches for its own signer. */
    public static final RevocationOptions DEFAULTS = new RevocationOptions(null, null, List.of(), StaleCrlAction.UNKNOWN, false);

    public RevocationOptions {
        crlSources = List.copyOf(crlSources);
        Objects.requireNonNull(staleCrl, "staleCrl");
    }

    /** Without the self-covered CRL signer opt-in (off). */
    public RevocationOptions(URI ocspResponder, X509Certificate designatedResponder, List<URI> crlSources, StaleCrlAction staleCrl) {
        this(ocspResponder, designatedResponder, crlSources, staleCrl, false);
    }

    public RevocationOptions withOcspResponder(URI v) { return new RevocationOptions(v, designatedResponder, crlSources, staleCrl, selfCoveredCrlSigner); }
    public RevocationOptions withDesignatedResponder(X509Certificate v) { return new RevocationOptions(ocspResponder, v, crlSources, staleCrl, selfCoveredCrlSigner); }
    public RevocationOptions withCrlSources(List<URI> v) { return new RevocationOptions(ocspResponder, designatedResponder, v, staleCrl, selfCoveredCrlSigner); }
    public RevocationOptions withStaleCrl(StaleCrlAction v) { return new RevocationOptions(ocspResponder, designatedResponder, crlSources, v, selfCoveredCrlSigner); }
    public RevocationOptions withSelfCoveredCrlSigner(boolean v) { return new RevocationOptions(ocspResponder, designatedResponder, crlSources, staleCrl, v); }
}
