package org.igniterealtime.openfire.plugin.boshcertauth.tools;

import java.time.Duration;
import java.util.Locale;

/**
 * What a test user certificate should hold.
 *
 * @param jid      the bare JID the certificate names in its id-on-xmppAddr subjectAltName (e.g. alice@example.org)
 * @param validity how long the certificate is valid, from now
 * @param key      the user's key
 * @param email    an optional rfc822Name subjectAltName (null or empty: none)
 */
public record UserCertificateRequest(String jid, Duration validity, KeySpec key, String email) {

    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(365);

    public UserCertificateRequest {
        jid = checkedBareJid(jid);
        if (validity == null || validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("validity must be positive");
        }
        if (key == null) {
            throw new IllegalArgumentException("key is required");
        }
        email = email == null || email.isBlank() ? null : email.strip();
        if (email != null && (email.indexOf('@') < 1 || email.indexOf('@') != email.lastIndexOf('@'))) {
            throw new IllegalArgumentException("'" + email + "' is not an e-mail address");
        }
    }

    /** An EC P-256 certificate for one year, without e-mail. */
    public static UserCertificateRequest of(String jid) {
        return new UserCertificateRequest(jid, DEFAULT_VALIDITY, KeySpec.ec(), null);
    }

    public UserCertificateRequest withValidity(Duration v) { return new UserCertificateRequest(jid, v, key, email); }
    public UserCertificateRequest withKey(KeySpec v) { return new UserCertificateRequest(jid, validity, v, email); }
    public UserCertificateRequest withEmail(String v) { return new UserCertificateRequest(jid, validity, key, v); }

    /**
     * The plugin accepts only bare JIDs in xmppAddr (full JIDs and domain-only values are skipped), so the tool refuses
     * to write anything else. The local part and domain are lower-cased as nodeprep/nameprep would for ASCII.
     */
    private static String checkedBareJid(String jid) {
        if (jid == null || jid.isBlank()) {
            throw new IllegalArgumentException("a JID is required, e.g. alice@example.org");
        }
        final String value = jid.strip();
        final int at = value.indexOf('@');
        if (at < 1 || at != value.lastIndexOf('@') || at == value.length() - 1) {
            throw new IllegalArgumentException("'" + value + "' is not a bare JID of the form user@domain");
        }
        if (value.indexOf('/') >= 0) {
            throw new IllegalArgumentException("'" + value + "' has a resource; certificates name bare JIDs (user@domain)");
        }
        if (value.chars().anyMatch(c -> Character.isWhitespace(c) || c == '"' || c == '&' || c == '\'' || c == ':'
            || c == '<' || c == '>')) {
            throw new IllegalArgumentException("'" + value + "' contains characters a JID may not have");
        }
        return value.toLowerCase(Locale.ROOT);
    }
}
