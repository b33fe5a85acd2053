package org.igniterealtime.openfire.plugin.boshcertauth.certificate.rules;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;

import java.security.cert.CertificateParsingException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * When the client certificate has an extendedKeyUsage extension, it must include one of the accepted purposes
 * ({@code boshcertauth.certificate.accepted-ekus}; by default id-kp-clientAuth or anyExtendedKeyUsage). No extension
 * means unrestricted (RFC 5280 §4.2.1.12). Runs unless {@code requireClientAuthEku=false}.
 */
public final class ExtendedKeyUsageRule implements CertificateRule {

    public static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    public static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";
    /** Microsoft smart card logon (Active Directory smart-card certificates). */
    public static final String SMARTCARD_LOGON = "1.3.6.1.4.1.311.20.2.2";
    public static final Set<String> DEFAULT_ACCEPTED = Set.of(CLIENT_AUTH, ANY_EXTENDED_KEY_USAGE);

    private final Set<String> accepted;

    /** @param accepted dotted OIDs of the purposes of which the certificate must carry one */
    public ExtendedKeyUsageRule(Set<String> accepted) {
        this.accepted = Set.copyOf(accepted);
    }

    @Override
    public Optional<Verdict> check(ChainContext context) {
        final List<String> purposes;
        try {
            purposes = context.leaf().getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            return Optional.of(Verdict.failure(FailureReason.MALFORMED, 0, "extendedKeyUsage could not be parsed"));
        }
        return purposes == null || purposes.stream().anyMatch(accepted::contains)
            ? Optional.empty()
            : Optional.of(Verdict.failure(FailureReason.BAD_EKU, 0, "extendedKeyUsage " + purposes
                + " lacks clientAuth or another accepted purpose " + new TreeSet<>(accepted)));
    }
}
