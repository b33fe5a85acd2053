package org.igniterealtime.openfire.plugin.boshcertauth.identity;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which issuing CAs the directory's issuer-name bindings may speak for ({@code boshcertauth.identity.directory.issuer-name-cas},
 * review M6): AD's {@code X509:<I>issuer<SR>serial} and {@code X509:<I>issuer<S>subject} and the
 * {@code issuer-DN;serial} form name the issuing CA by its DN alone, and any CA may carry any DN — also an intermediate
 * the client sends itself below some trusted root (a public or partner root's sub-CA named like the corporate issuing
 * CA), which then chooses the serial or subject freely. Such a binding therefore counts only when the CA that signed the
 * certificate, on its validated path, is pinned here:
 * <ul>
 *   <li>empty setting (the default): the truststore's own certificates — a CA that signs client certificates directly
 *       and is itself trusted; an issuing CA below a trusted root is not pinned until listed;</li>
 *   <li>otherwise: exactly the CA certificates listed by SHA-256 ({@code sha256:<hex>}, colons allowed, separated by
 *       {@code ,}, {@code ;}, blanks or new lines), in the truststore or not; truststore certificates not listed are not
 *       pinned (so a partner CA in the truststore with the corporate CA's name is not either).</li>
 * </ul>
 * Bindings of the certificate itself ({@code <SKI>} computed from the key, the SHA-256 thumbprint, the DER in
 * {@code userCertificate}) need no pin: only the key's holder can use them.
 *
 * @param sha256     the pinned CA certificates' SHA-256 (lower-case hex)
 * @param truststore whether the truststore's certificates are pinned (only with an empty list)
 */
public record IssuerNamePins(Set<String> sha256, boolean truststore) {

    /** The default: the truststore's certificates. */
    public static final IssuerNamePins TRUSTSTORE = new IssuerNamePins(Set.of(), true);
    /** What an invalid setting means: no CA is pinned (fail closed; the page refuses invalid values). */
    public static final IssuerNamePins NONE = new IssuerNamePins(Set.of(), false);

    /** ASCII hex only: Character.digit would also take full-width or other scripts' digits, which never match. */
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public IssuerNamePins {
        sha256 = Set.copyOf(sha256);
        if (truststore && !sha256.isEmpty()) {
            throw new IllegalArgumentException("a pin list replaces the truststore");
        }
    }

    /**
     * Whether the CA that issued a client certificate (found on its validated path; null when unknown) is pinned.
     *
     * @param trusted the truststore's certificates
     */
    public boolean pins(X509Certificate issuingCa, Set<X509Certificate> trusted) {
        if (issuingCa == null) {
            return false;
        }
        if (truststore) {
            return trusted.contains(issuingCa);
        }
        try {
            return sha256.contains(CertificateBinding.sha256(issuingCa));
        } catch (CertificateEncodingException e) {
            return false;
        }
    }

    /** For verdict details: what would pin the CA. */
    public String describe() {
        return truststore ? "it is not a truststore certificate, and boshcertauth.identity.directory.issuer-name-cas is empty"
            : sha256.isEmpty() ? "boshcertauth.identity.directory.issuer-name-cas is invalid, so no CA is pinned"
            : "it is not listed in boshcertauth.identity.directory.issuer-name-cas";
    }

    /**
     * Parses the setting; empty means {@link #TRUSTSTORE}.
     *
     * @throws IllegalArgumentException naming every bad entry
     */
    public static IssuerNamePins parse(String setting) {
        final Set<String> pins = new LinkedHashSet<>();
        final List<String> problems = new ArrayList<>();
        for (String raw : (setting == null ? "" : setting).split("[,;\\s]+")) {
            final String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            final String hex = entry.toLowerCase(Locale.ROOT).startsWith("sha256:")
                ? entry.substring(7).replace(":", "").toLowerCase(Locale.ROOT) : null;
            if (hex == null || !SHA256_HEX.matcher(hex).matches()) {
                problems.add("'" + CandidateReader.printable(entry) + "' is not sha256: and the 64 hex digits of a CA certificate's SHA-256");
            } else if (!pins.add(hex)) {
                problems.add("'" + CandidateReader.printable(entry) + "' is listed twice");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return pins.isEmpty() ? TRUSTSTORE : new IssuerNamePins(pins, false);
    }
}
