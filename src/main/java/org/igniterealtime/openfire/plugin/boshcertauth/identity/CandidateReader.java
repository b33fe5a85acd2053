package org.igniterealtime.openfire.plugin.boshcertauth.identity;

import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.xmpp.packet.JID;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the candidate identities of one {@link IdentitySource} from a certificate, normalised as the type requires;
 * every value passed over gets a reason in {@code skipped}.
 *
 * <ul>
 *   <li>xmppAddr: a bare JID with a node (full JIDs and domain-only values are skipped).</li>
 *   <li>upn, email and subject-dn values with {@code @}: split at the last {@code @}; the local part is kept as written
 *       (the JID's nodeprep folds it later), the domain is brought to ASCII lower case (IDN) and must be a valid DNS
 *       name.</li>
 *   <li>email: the rfc822Name subjectAltNames; only when there is none, the subject's emailAddress attributes.</li>
 *   <li>subject-dn: the capture group of the pattern in the DN's RFC 4514 form; a value without {@code @} is a user name
 *       in the default domain.</li>
 *   <li>cn: every subject CN as user name in the default domain.</li>
 * </ul>
 *
 * <p>The default domain is the configured {@code fallbackDomain}, else the only served domain; with several served
 * domains and none configured, values without a domain are skipped.</p>
 */
final class CandidateReader {

    private final Optional<String> defaultDomain;
    private final SubjectDnPattern subjectDnPattern;

    /**
     * @param defaultDomain    domain for values that carry none, or empty
     * @param subjectDnPattern the subject-dn pattern, or null when none (valid) is configured
     */
    CandidateReader(Optional<String> defaultDomain, SubjectDnPattern subjectDnPattern) {
        this.defaultDomain = defaultDomain;
        this.subjectDnPattern = subjectDnPattern;
    }

    List<CandidateIdentity> read(IdentitySource source, X509Certificate certificate, SubjectAltNames names, List<String> skipped) {
        final List<CandidateIdentity> candidates = new ArrayList<>();
        switch (source) {
            case XMPP_ADDR -> names.xmppAddrs().forEach(v -> xmppAddr(v, candidates, skipped));
            case UPN -> {
                skipped.addAll(names.upnSkipped());
                names.upns().forEach(v -> address(source, v, candidates, skipped));
            }
            case EMAIL -> {
                final List<String> emails = names.emails().isEmpty() ? subjectEmailAddresses(certificate, skipped) : names.emails();
                emails.forEach(v -> address(source, v, candidates, skipped));
            }
            case SUBJECT_DN -> subjectDn(certificate, candidates, skipped);
            case COMMON_NAME -> commonNames(certificate, candidates, skipped);
            case CERTIFICATE -> candidates.add(CandidateIdentity.certificate("certificate serial "
                + certificate.getSerialNumber().toString(16) + " of '" + printable(certificate.getIssuerX500Principal().getName()) + "'",
                certificate));
        }
        return candidates;
    }

    private static void xmppAddr(String value, List<CandidateIdentity> candidates, List<String> skipped) {
        final Optional<JID> parsed = Jids.parse(value);
        if (parsed.isEmpty()) {
            skipped.add("xmppAddr '" + printable(value) + "' is not a valid JID");
        } else if (parsed.get().getResource() != null) {
            skipped.add("xmppAddr '" + printable(value) + "' is a full JID (with resource); only bare JIDs identify an account");
        } else if (parsed.get().getNode() == null) {
            skipped.add("xmppAddr '" + printable(value) + "' names only a domain, not a user");
        } else {
            candidates.add(new CandidateIdentity(IdentitySource.XMPP_ADDR, printable(value), parsed.get().getNode(), parsed.get().getDomain()));
        }
    }

    /** {@code local@domain}: split at the last {@code @}, domain in ASCII lower case. */
    private static void address(IdentitySource source, String value, List<CandidateIdentity> candidates, List<String> skipped) {
        final int at = value.lastIndexOf('@');
        if (value.chars().anyMatch(Character::isISOControl)) {
            skipped.add(source + " '" + printable(value) + "' contains control characters");
        } else if (at <= 0 || at == value.length() - 1) {
            skipped.add(source + " '" + printable(value) + "' is not of the form user@domain");
        } else {
            final Optional<String> domain = DomainAliases.domainName(value.substring(at + 1));
            if (domain.isEmpty()) {
                skipped.add(source + " '" + printable(value) + "' has no valid domain");
            } else {
                candidates.add(new CandidateIdentity(source, printable(value), value.substring(0, at), domain.get()));
            }
        }
    }

    private static List<String> subjectEmailAddresses(X509Certificate certificate, List<String> skipped) {
        final List<String> addresses = new ArrayList<>();
        final Optional<X500Name> subject = subject(certificate, IdentitySource.EMAIL, skipped);
        if (subject.isEmpty()) {
            return addresses;
        }
        for (RDN rdn : subject.get().getRDNs(BCStyle.EmailAddress)) {
            for (AttributeTypeAndValue attribute : rdn.getTypesAndValues()) {
                if (!BCStyle.EmailAddress.equals(attribute.getType())) {
                    continue;
                }
                if (attribute.getValue() instanceof ASN1String text) {
                    try {
                        addresses.add(text.getString());
                    } catch (RuntimeException e) {
                        skipped.add("subject emailAddress could not be decoded (" + e.getMessage() + ")");
                    }
                } else {
                    skipped.add("subject emailAddress is not a string but " + attribute.getValue().getClass().getSimpleName());
                }
            }
        }
        return addresses;
    }

    private void subjectDn(X509Certificate certificate, List<CandidateIdentity> candidates, List<String> skipped) {
        if (subjectDnPattern == null) {
            skipped.add("subject-dn needs a valid boshcertauth.identity.subject-dn.pattern");
            return;
        }
        final String dn;
        try {
            dn = SubjectDn.rfc4514(certificate);
        } catch (RuntimeException e) {
            skipped.add("subject-dn: the subject DN could not be decoded (" + e.getMessage() + ")");
            return;
        }
        final Optional<String> value;
        try {
            value = subjectDnPattern.extract(dn);
        } catch (SubjectDnPattern.PatternTooCostlyException e) {
            skipped.add("subject-dn: " + e.getMessage() + " on '" + printable(dn) + "'");
            return;
        }
        if (value.isEmpty()) {
            skipped.add("subject-dn pattern '" + printable(subjectDnPattern.regex()) + "' does not match '" + printable(dn) + "'");
        } else if (value.get().indexOf('@') >= 0) {
            address(IdentitySource.SUBJECT_DN, value.get(), candidates, skipped);
        } else {
            userInDefaultDomain(IdentitySource.SUBJECT_DN, value.get(), candidates, skipped);
        }
    }

    private void commonNames(X509Certificate certificate, List<CandidateIdentity> candidates, List<String> skipped) {
        final Optional<X500Name> subject = subject(certificate, IdentitySource.COMMON_NAME, skipped);
        if (subject.isEmpty()) {
            return;
        }
        for (RDN rdn : subject.get().getRDNs(BCStyle.CN)) {
            final String commonName;
            try {
                commonName = IETFUtils.valueToString(rdn.getFirst().getValue());
            } catch (RuntimeException e) {
                // BC decodes string values lazily: a UTF8String of bad UTF-8 fails only here
                skipped.add("cn could not be decoded (" + e.getMessage() + ")");
                continue;
            }
            if (commonName.contains("@") || commonName.contains("/")) {
                skipped.add("cn '" + printable(commonName) + "' is not a valid JID node");
            } else {
                userInDefaultDomain(IdentitySource.COMMON_NAME, commonName, candidates, skipped);
            }
        }
    }

    private void userInDefaultDomain(IdentitySource source, String user, List<CandidateIdentity> candidates, List<String> skipped) {
        if (defaultDomain.isEmpty()) {
            skipped.add(source + " '" + printable(user) + "' has no domain, and without boshcertauth.identity.cn-fallback.domain "
                + "there is no default domain when several domains are served");
        } else if (user.chars().anyMatch(Character::isISOControl)) {
            skipped.add(source + " '" + printable(user) + "' contains control characters");
        } else {
            candidates.add(CandidateIdentity.withoutDomain(source, printable(user), user, defaultDomain.get()));
        }
    }

    /**
     * The subject DN as Bouncy Castle reads it, or empty (with the reason) when BC cannot decode what the JDK's
     * certificate parser accepted.
     */
    private static Optional<X500Name> subject(X509Certificate certificate, IdentitySource source, List<String> skipped) {
        try {
            return Optional.of(X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()));
        } catch (RuntimeException e) {
            skipped.add(source + ": the subject DN could not be decoded (" + e.getMessage() + ")");
            return Optional.empty();
        }
    }

    /** Values come from an untrusted certificate: keep log lines readable and short. */
    static String printable(String value) {
        final String cleaned = value.replaceAll("\\p{Cntrl}", "?");
        return cleaned.length() > 80 ? cleaned.substring(0, 80) + "…" : cleaned;
    }
}
