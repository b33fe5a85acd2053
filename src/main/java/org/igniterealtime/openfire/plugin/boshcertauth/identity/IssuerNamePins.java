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
 *   <li>otherwise: exactly the CA certificates listed by SHA-256 ({@code sha256:<hex>}), and the CA keys listed by the
 *       SHA-256 of their SubjectPublicKeyInfo ({@code key-sha256:<hex>}; colons allowed, separated by {@code ,},
 *       {@code ;}, blanks or new lines), in the truststore or not; truststore certificates not listed are not pinned (so
 *       a partner CA in the truststore with the corporate CA's name is not either).</li>
 * </ul>
 * A CA certificate with the subject and key of a pinned one (a renewed copy, or a cross-certificate the path runs
 * through, review L1) is pinned too: the leaf's signature has been verified with that key, so the same CA signed it.
 * A cross-certificate whose pinned original is not in the truststore is known only by its key: pin that.
 * Bindings of the certificate itself ({@code <SKI>} computed from the key, the SHA-256 thumbprint, the DER in
 * {@code userCertificate}) need no pin: only the key's holder can use them.
 *
 * @param sha256     the pinned CA certificates' SHA-256 (lower-case hex)
 * @param keySha256  the pinned CA keys' SubjectPublicKeyInfo SHA-256 (lower-case hex)
 * @param truststore whether the truststore's certificates are pinned (only with an empty list)
 */
public record IssuerNamePins(Set<String> sha256, Set<String> keySha256, boolean truststore) {

    /** The default: the truststore's certificates. */
    public static final IssuerNamePins TRUSTSTORE = new IssuerNamePins(Set.of(), Set.of(), true);
    /** What an invalid setting means: no CA is pinned (fail closed; the page refuses invalid values). */
    public static final IssuerNamePins NONE = new IssuerNamePins(Set.of(), Set.of(), false);

    /** ASCII hex only: Character.digit would also take full-width or other scripts' digits, which never match. */
    private static final String CERTIFICATE_PREFIX = "sha256:";
    private static final String KEY_PREFIX = "key-sha256:";
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public IssuerNamePins {
        sha256 = Set.copyOf(sha256);
        keySha256 = Set.copyOf(keySha256);
        if (truststore && !(sha256.isEmpty() && keySha256.isEmpty())) {
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
            return trusted.stream().anyMatch(ca -> sameCa(ca, issuingCa));
        }
        return keySha256.contains(CertificateBinding.publicKeySha256(issuingCa)) || listed(issuingCa)
            || trusted.stream().anyMatch(ca -> sameCa(ca, issuingCa) && listed(ca));
    }

    private boolean listed(X509Certificate ca) {
        try {
            return sha256.contains(CertificateBinding.sha256(ca));
        } catch (CertificateEncodingException e) {
            return false;
        }
    }

    /** One CA: the same name and the same key (other bytes: renewed, or cross-certified). */
    private static boolean sameCa(X509Certificate a, X509Certificate b) {
        return a.getSubjectX500Principal().equals(b.getSubjectX500Principal()) && a.getPublicKey().equals(b.getPublicKey());
    }

    /** For verdict details: what would pin the CA. */
    public String describe() {
        return truststore ? "it is not a truststore certificate, and boshcertauth.identity.directory.issuer-name-cas is empty"
            : sha256.isEmpty() && keySha256.isEmpty() ? "boshcertauth.identity.directory.issuer-name-cas is invalid, so no CA is pinned"
            : "neither it (sha256:) nor its key (key-sha256:) is listed in boshcertauth.identity.directory.issuer-name-cas";
    }

    /**
     * Parses the setting; empty means {@link #TRUSTSTORE}.
     *
     * @throws IllegalArgumentException naming every bad entry
     */
    public static IssuerNamePins parse(String setting) {
        final Set<String> pins = new LinkedHashSet<>();
        final Set<String> keyPins = new LinkedHashSet<>();
        final List<String> problems = new ArrayList<>();
        for (String raw : (setting == null ? "" : setting).split("[,;\\s]+")) {
            final String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            final String lower = entry.toLowerCase(Locale.ROOT);
            final boolean key = lower.startsWith(KEY_PREFIX);
            final String hex = key ? lower.substring(KEY_PREFIX.length()).replace(":", "")
                : lower.startsWith(CERTIFICATE_PREFIX) ? lower.substring(CERTIFICATE_PREFIX.length()).replace(":", "") : null;
            if (hex == null || !SHA256_HEX.matcher(hex).matches()) {
                problems.add("'" + CandidateReader.printable(entry) + "' is not sha256: and the 64 hex digits of a CA certificate's SHA-256"
                    + " (or key-sha256: and those of its key's)");
            } else if (!(key ? keyPins : pins).add(hex)) {
                problems.add("'" + CandidateReader.printable(entry) + "' is listed twice");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return pins.isEmpty() && keyPins.isEmpty() ? TRUSTSTORE : new IssuerNamePins(pins, keyPins, false);
    }
}
