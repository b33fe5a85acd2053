package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.igniterealtime.openfire.plugin.boshcertauth.admin.AdminText.Message;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificateVerifier;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.CandidateExplanation;
import org.xmpp.packet.JID;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * "Test a certificate": runs a pasted PEM chain (leaf first) and an optional authorization identity through the
 * verifier in effect and reports the verdict the plugin would reach, and whether the user exists. Logs nobody in and
 * writes no audit entry. Any input, however broken, yields a message; never an exception.
 */
public final class CertificateTester {

    /** Largest accepted paste: a long chain of RSA-4096 certificates is well below. */
    public static final int MAX_INPUT_CHARS = 64 * 1024;
    /** Most certificates accepted in one paste (the verifier's own chain-length rule applies after this). */
    public static final int MAX_CERTIFICATES = 10;
    static final int MAX_AUTHZID_CHARS = 3071;

    private static final Pattern BEGIN = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----");
    private static final Pattern CERTIFICATE = Pattern.compile(
        "-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]*)-----END CERTIFICATE-----");

    /**
     * The outcome: either an input problem, or the verdict (with whether its JID is a user here).
     *
     * @param problem       why the input could not be tested (null when tested)
     * @param chain         the parsed certificates (empty when there was an input problem)
     * @param verdict       the plugin's verdict (null when not tested)
     * @param userExists    whether the verdict's JID is a registered user (false when there is none)
     * @param keepInput     whether the pasted text may be shown again (not when it holds a private key)
     */
    public record Outcome(Message problem, List<X509Certificate> chain, Verdict verdict, boolean userExists, boolean keepInput,
                          List<CandidateExplanation> candidates) {
        public Outcome {
            candidates = candidates == null ? List.of() : List.copyOf(candidates);
        }

        /** Without the candidate identities (issue 19: see IdentityCandidatesSection). */
        public Outcome(Message problem, List<X509Certificate> chain, Verdict verdict, boolean userExists, boolean keepInput) {
            this(problem, chain, verdict, userExists, keepInput, List.of());
        }

        static Outcome problem(Message problem, boolean keepInput) {
            return new Outcome(problem, List.of(), null, false, keepInput);
        }
    }

    private final Predicate<JID> userExists;

    public CertificateTester(Predicate<JID> userExists) {
        this.userExists = userExists;
    }

    public Outcome test(String pem, String authzid, Optional<CertificateVerifier> verifier) {
        final String input = pem == null ? "" : pem;
        if (input.contains("PRIVATE KEY-----")) {
            return Outcome.problem(new Message("test.error.private-key"), false);
        }
        if (input.length() > MAX_INPUT_CHARS) {
            return Outcome.problem(new Message("test.error.too-large", input.length(), MAX_INPUT_CHARS), false);
        }
        if (input.isBlank()) {
            return Outcome.problem(new Message("test.error.empty"), true);
        }
        final String identity = authzid == null ? "" : authzid.strip();
        if (identity.length() > MAX_AUTHZID_CHARS) {
            return Outcome.problem(new Message("test.error.authzid-too-long", MAX_AUTHZID_CHARS), true);
        }
        final Matcher other = BEGIN.matcher(input);
        while (other.find()) {
            if (!other.group(1).equals("CERTIFICATE")) {
                return Outcome.problem(new Message("test.error.not-certificate", other.group(1)), true);
            }
        }
        final List<String> blocks = new ArrayList<>();
        final Matcher block = CERTIFICATE.matcher(input);
        while (block.find()) {
            blocks.add(block.group(1));
        }
        if (blocks.isEmpty()) {
            return Outcome.problem(new Message("test.error.no-pem"), true);
        }
        if (blocks.size() > MAX_CERTIFICATES) {
            return Outcome.problem(new Message("test.error.too-many", blocks.size(), MAX_CERTIFICATES), true);
        }
        final List<X509Certificate> chain = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            try {
                chain.add(parse(blocks.get(i)));
            } catch (IllegalArgumentException | CertificateException e) {
                return Outcome.problem(new Message("test.error.unparsable", i + 1, shortReason(e)), true);
            }
        }
        if (verifier.isEmpty()) {
            return new Outcome(new Message("test.error.inactive"), chain, null, false, true);
        }
        final Verdict verdict = verifier.get().authenticate(chain, identity.isEmpty() ? null : identity);
        final boolean exists = verdict.isSuccess() && verdict.jid() != null && userExists.test(verdict.jid());
        return new Outcome(null, chain, verdict, exists, true, verifier.get().explainIdentities(chain, verdict));
    }

    private static X509Certificate parse(String base64) throws CertificateException {
        final byte[] der = Base64.getMimeDecoder().decode(base64.getBytes(StandardCharsets.US_ASCII));
        if (der.length == 0) {
            throw new CertificateException("the block is empty");
        }
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }

    /** The parser's own words, one line, bounded: enough to tell a truncated paste from another file type. */
    private static String shortReason(Exception e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // Keep the parser's words, not Java class names ("java.io.IOException: ..."): admins read this, not developers.
        reason = reason.replaceAll("(?:[a-z][a-z0-9]*\\.)+[A-Za-z0-9]*(?:Exception|Error):\\s*", "").replaceAll("\\s+", " ").strip();
        if (reason.isEmpty()) {
            reason = "not a valid X.509 certificate";
        }
        return reason.length() > 200 ? reason.substring(0, 200) + "…" : reason;
    }
}
