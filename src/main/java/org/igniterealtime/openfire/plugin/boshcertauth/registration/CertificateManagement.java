package org.igniterealtime.openfire.plugin.boshcertauth.registration;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.CertificateSummary;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificateVerifier;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.CandidateExplanation;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.IdentitySource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * XEP-0257 (Client Certificate Management for SASL EXTERNAL, {@code urn:xmpp:saslcert:1}) on plain XML: a user lists
 * ({@code items}), adds ({@code append}), disables ({@code disable}) and revokes ({@code revoke}) their own
 * certificates, within the administrator's {@link RegistrationLimits}. Every request acts on the sender's own
 * account only; another user's certificate names simply do not exist for it.
 *
 * <p>An appended certificate must be one DER X.509 certificate of at most {@link #MAX_CERTIFICATE_BYTES}, valid now,
 * no longer valid in all than the limit, pass the verifier's chain rules (key and algorithm floor, key usages;
 * trusted through the truststore, or — when allowed — self-signed), and must not already name an account through the
 * configured identity sources (such a certificate logs in by itself, so disabling or revoking its registration could
 * not stop it). Disabling keeps the entry (it no longer logs in); revoking deletes it; both end its live sessions.</p>
 *
 * <p>Errors (RFC 6120 §8.3.3): feature off {@code service-unavailable}; another addressee or a session of a
 * certificate registered with {@code no-cert-management} {@code forbidden}; malformed request or base64
 * {@code bad-request}; not an acceptable certificate or name, or one whose configured identity sources cannot tell whom
 * it names (a mapping's refusal, ca-restrictions) {@code not-acceptable}; the user directory cannot be asked now
 * {@code service-unavailable}; over the per-user limit
 * {@code resource-constraint}; name or certificate taken {@code conflict}; unknown name {@code item-not-found};
 * database failure {@code internal-server-error}.</p>
 */
public final class CertificateManagement {

    private static final Logger Log = LoggerFactory.getLogger(CertificateManagement.class);

    public static final String NAMESPACE = "urn:xmpp:saslcert:1";
    /** Longest DER accepted: client certificates are a few kilobytes at most. */
    static final int MAX_CERTIFICATE_BYTES = 8 * 1024;
    /** Longest {@code <x509cert/>} text accepted (base64 of the DER, with line breaks), checked before decoding. */
    static final int MAX_CERTIFICATE_CHARS = 12 * 1024;
    /** Longest name accepted (characters). */
    static final int MAX_NAME_CHARS = 128;
    /** How long after Openfire's userDeleting an append for that name is refused: the user store deletes it meanwhile. */
    static final Duration DELETION_WINDOW = Duration.ofMinutes(1);
    static final int MAX_DELETIONS_KEPT = 10_000;

    private final RegisteredCertificates registry;
    private final Supplier<RegistrationLimits> limits;
    private final Supplier<CertificateVerifier> verifier;
    private final SessionTermination sessions;
    private final Supplier<String> domain;
    private final Clock clock;
    private final UserAccounts accounts;
    /**
     * User name → when its account's deletion began on this node, for the accounts deleted in the last
     * {@link #DELETION_WINDOW} (guarded by itself; the eldest dropped beyond {@link #MAX_DELETIONS_KEPT}).
     */
    private final Map<String, Long> deletedAt = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > MAX_DELETIONS_KEPT;
        }
    };

    /**
     * Locks by user name (striped, review L1): an append holds its name's lock only to check for a deletion and insert,
     * never while it asks the user store or verifies the chain, so Openfire's userDeleting waits on no one's slow append.
     */
    private static final int LOCK_STRIPES = 64;
    private final Object[] locks = new Object[LOCK_STRIPES];
    /** Per stripe, how many account deletions began (guarded by that stripe's lock): an append that saw another count raced one. */
    private final long[] deletions = new long[LOCK_STRIPES];

    {
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    public CertificateManagement(RegisteredCertificates registry, Supplier<RegistrationLimits> limits, Supplier<CertificateVerifier> verifier,
                                 SessionTermination sessions, Supplier<String> domain, Clock clock) {
        this(registry, limits, verifier, sessions, domain, clock, UserAccounts.EXISTING);
    }

    /** @param accounts the user store: only an existing account registers, and since when it exists (review M5) */
    public CertificateManagement(RegisteredCertificates registry, Supplier<RegistrationLimits> limits, Supplier<CertificateVerifier> verifier,
                                 SessionTermination sessions, Supplier<String> domain, Clock clock, UserAccounts accounts) {
        this.accounts = accounts;
        this.registry = registry;
        this.limits = limits;
        this.verifier = verifier;
        this.sessions = sessions;
        this.domain = domain;
        this.clock = clock;
    }

    /** Answers one request; never throws. */
    public ManagementResponse handle(ManagementRequest request) {
        try {
            return dispatch(request);
        } catch (Refusal r) {
            return ManagementResponse.error(r.condition, r.getMessage());
        } catch (SQLException | RuntimeException e) {
            Log.warn("XEP-0257 request of {} failed", request.from(), e);
            return ManagementResponse.error(PacketError.Condition.internal_server_error, "the certificates could not be read or stored");
        }
    }

    private ManagementResponse dispatch(ManagementRequest request) throws Refusal, SQLException {
        final RegistrationLimits current = limits.get();
        if (!current.enabled()) {
            throw new Refusal(PacketError.Condition.service_unavailable, "certificate management (XEP-0257) is not enabled on this server");
        }
        final String username = requester(request);
        final Element child = request.child();
        if (child == null || !NAMESPACE.equals(child.getNamespaceURI())) {
            throw new Refusal(PacketError.Condition.bad_request, "no " + NAMESPACE + " request");
        }
        if (!request.requesterCertificateSha256().isEmpty()
            && registry.bySha256(request.requesterCertificateSha256()).map(RegisteredCertificate::noCertManagement).orElse(false)) {
            throw new Refusal(PacketError.Condition.forbidden, "this session logged in with a certificate registered without certificate management");
        }
        final String verb = child.getName();
        if (request.get()) {
            if ("items".equals(verb)) {
                return ManagementResponse.result(items(username));
            }
        } else {
            switch (verb) {
                case "append" -> {
                    append(username, child, current);
                    return ManagementResponse.result(null);
                }
                case "disable" -> {
                    disable(username, name(child), request.from().toBareJID());
                    return ManagementResponse.result(null);
                }
                case "revoke" -> {
                    revoke(username, name(child), request.from().toBareJID());
                    return ManagementResponse.result(null);
                }
                default -> { }
            }
        }
        throw new Refusal(PacketError.Condition.bad_request, "unknown request '" + printable(verb) + "' for type " + (request.get() ? "get" : "set"));
    }

    /** The requester's user name; only a local user, addressing the server or their own bare JID. */
    private String requester(ManagementRequest request) throws Refusal {
        final JID from = request.from();
        if (from == null || from.getNode() == null || !domain.get().equals(from.getDomain())) {
            throw new Refusal(PacketError.Condition.forbidden, "only users of this server manage their certificates");
        }
        final JID to = request.to();
        final boolean toServer = to == null || (to.getNode() == null && to.getResource() == null && domain.get().equals(to.getDomain()));
        final boolean toOwnAccount = to != null && to.getResource() == null && from.toBareJID().equals(to.toBareJID());
        if (!toServer && !toOwnAccount) {
            throw new Refusal(PacketError.Condition.forbidden, "a user manages only their own certificates");
        }
        return from.getNode();
    }

    private Element items(String username) throws SQLException {
        final Element items = DocumentHelper.createElement(QName.get("items", NAMESPACE));
        for (RegisteredCertificate entry : registry.of(username)) {
            final Element item = items.addElement("item");
            item.addElement("name").setText(entry.name());
            item.addElement("x509cert").setText(entry.certificateBase64());
            if (!entry.enabled()) {
                item.addElement("disabled"); // this plugin's addition: XEP-0257 has no word for a disabled entry
            }
        }
        return items;
    }

    private void append(String username, Element append, RegistrationLimits current) throws Refusal, SQLException {
        final int stripe = stripe(username);
        final long deletionsBefore;
        synchronized (locks[stripe]) {
            if (beingDeleted(username)) {
                throw new Refusal(PacketError.Condition.forbidden, "the account is being deleted");
            }
            deletionsBefore = deletions[stripe];
        }
        final UserAccounts.Account account;
        try {
            account = accounts.account(username);
        } catch (RuntimeException e) {
            Log.warn("Could not look up the account of {} for a certificate registration: {}", printable(username), e.getMessage());
            throw new Refusal(PacketError.Condition.service_unavailable, "the account cannot be looked up now; try again later");
        }
        if (!account.exists()) {
            throw new Refusal(PacketError.Condition.forbidden, "no account " + username + " on this server");
        }
        final String name = name(append);
        final X509Certificate certificate = certificate(append);
        checkValidity(certificate, current.maxValidity());
        final Verdict verdict = verifier.get().verifyForRegistration(List.of(certificate), current.allowSelfSigned());
        if (!verdict.isSuccess()) {
            throw new Refusal(PacketError.Condition.not_acceptable, "certificate refused: " + verdict.reason().name() + " ("
                + verdict.reason().description() + ")");
        }
        final JID owner = new JID(username, domain.get(), null);
        for (CandidateExplanation candidate : verifier.get().identitiesForRegistration(List.of(certificate), verdict)) {
            // fail closed: a source that cannot tell whom the certificate names (directory down, mapping refused, CA
            // restricted) may name someone, who would then log in as the registering user
            if (candidate.undecided() == FailureReason.DIRECTORY_UNAVAILABLE || candidate.undecided() == FailureReason.INTERNAL_ERROR) {
                throw new Refusal(PacketError.Condition.service_unavailable, "whom the certificate names by its " + candidate.source()
                    + " cannot be told now (" + candidate.undecided().name() + "); try again later");
            }
            if (candidate.source() == IdentitySource.REGISTERED && candidate.undecided() != null) {
                throw new Refusal(PacketError.Condition.not_acceptable, candidate.undecided().name() + ": "
                    + String.join("; ", candidate.notes()));
            }
            if (candidate.undecided() != null) {
                throw new Refusal(PacketError.Condition.not_acceptable, "whom the certificate names by its " + candidate.source()
                    + " cannot be told: " + candidate.undecided().name() + " (" + candidate.undecided().description() + ")");
            }
            if (!candidate.users().isEmpty()) {
                throw new Refusal(PacketError.Condition.not_acceptable, "the certificate already names " + candidate.users()
                    + " by its " + candidate.source() + " and logs in without being registered" + (candidate.users().contains(owner)
                    ? "; disabling or revoking it here could not stop that" : ""));
            }
        }
        final String sha256 = CertificateSummary.sha256(certificate);
        // never before the account's creation, even if that came from a node whose clock is ahead: this registration is
        // this account's, and an older one is taken for an earlier account's at login (RegisteredCertificates.stale)
        final long addedAt = Math.max(clock.millis(), account.created().map(c -> c.toEpochMilli() + 1).orElse(Long.MIN_VALUE));
        final RegisteredCertificate entry = new RegisteredCertificate(sha256, username, name, base64(certificate),
            certificate.getNotAfter().getTime(), true, append.element("no-cert-management") != null, addedAt);
        synchronized (locks[stripe]) {
            // an account deletion that began since the checks above must not miss this row (its account was looked up
            // before): refused; the per-user limits are counted here so that parallel appends cannot exceed them
            if (beingDeleted(username)) {
                throw new Refusal(PacketError.Condition.forbidden, "the account is being deleted");
            }
            if (deletions[stripe] != deletionsBefore) {
                throw new Refusal(PacketError.Condition.service_unavailable, "an account was being deleted meanwhile; try again");
            }
            final List<RegisteredCertificate> own = registry.of(username);
            if (own.stream().anyMatch(e -> e.name().equals(name))) {
                throw new Refusal(PacketError.Condition.conflict, "a certificate named '" + name + "' is registered already");
            }
            if (own.size() >= current.maxPerUser()) {
                throw new Refusal(PacketError.Condition.resource_constraint, "at most " + current.maxPerUser() + " certificates per user");
            }
            if (!registry.add(entry)) {
                throw new Refusal(PacketError.Condition.conflict, "this certificate is registered already");
            }
        }
        Log.info("{} registered the certificate '{}' (sha256 {}, until {}) for certificate login (XEP-0257)", owner, name, sha256,
            certificate.getNotAfter().toInstant());
    }

    /**
     * Disables a user's certificate (their own request, or the admin page) and ends its live sessions on this node (the
     * other nodes end theirs at their next refresh).
     */
    public void disable(String username, String name, String by) throws Refusal, SQLException {
        final RegisteredCertificate entry = entry(username, name);
        registry.disable(username, name);
        final int ended = sessions.endSessionsOf(entry.sha256(), FailureReason.REGISTRATION_DISABLED, "disabled by " + by);
        Log.info("{} disabled the registered certificate '{}' of {} (sha256 {}); {} session(s) ended", by, name, username, entry.sha256(), ended);
    }

    /** Revokes (deletes) a user's certificate and ends its live sessions on this node (the others at their next refresh). */
    public void revoke(String username, String name, String by) throws Refusal, SQLException {
        final RegisteredCertificate entry = entry(username, name);
        if (!registry.remove(username, name)) {
            throw new Refusal(PacketError.Condition.item_not_found, "no certificate named '" + name + "'");
        }
        final int ended = sessions.endSessionsOf(entry.sha256(), FailureReason.REGISTRATION_REVOKED, "revoked by " + by);
        Log.info("{} revoked the registered certificate '{}' of {} (sha256 {}); {} session(s) ended", by, name, username, entry.sha256(), ended);
    }

    /**
     * An account is being deleted (review M5): its registrations are deleted and their live sessions ended, so that a
     * later account of the same name does not inherit the old certificates. Openfire tells this before its user store
     * deletes the account, so until {@link #accountCreated} names it again (or {@link #DELETION_WINDOW} has passed, by
     * when the account is gone and {@code append} finds no account) an append for this name is refused; and it runs
     * under the name's lock, which {@code append} holds only to check for a deletion and insert, so that a certificate
     * appended meanwhile cannot survive it (second review) and no slow append makes it wait (review L1).
     *
     * @return how many registrations were deleted
     */
    public int accountDeleted(String username) throws SQLException {
        final int stripe = stripe(username);
        final List<RegisteredCertificate> entries;
        final int removed;
        synchronized (locks[stripe]) {
            deletions[stripe]++;
            synchronized (deletedAt) {
                deletedAt.put(username, clock.millis());
            }
            entries = registry.of(username);
            removed = registry.removeAll(username, entries.stream().map(RegisteredCertificate::name).toList());
        }
        for (RegisteredCertificate entry : entries) {
            final int ended = sessions.endSessionsOf(entry.sha256(), FailureReason.REGISTRATION_REVOKED, "account " + username + " deleted");
            Log.info("The account {} is being deleted: its registered certificate '{}' (sha256 {}) is deleted; {} session(s) ended",
                printable(username), printable(entry.name()), entry.sha256(), ended);
        }
        return removed;
    }

    /** An account of this name was created (Openfire's userCreated): its owner may register certificates again. */
    public void accountCreated(String username) {
        synchronized (deletedAt) {
            deletedAt.remove(username);
        }
    }

    /** Whether the account is being deleted on this node. */
    private boolean beingDeleted(String username) {
        synchronized (deletedAt) {
            final Long since = deletedAt.get(username);
            if (since == null) {
                return false;
            }
            if (clock.millis() - since < DELETION_WINDOW.toMillis()) {
                return true;
            }
            deletedAt.remove(username);
            return false;
        }
    }

    private static int stripe(String username) {
        return Math.floorMod(username.hashCode(), LOCK_STRIPES);
    }

    private RegisteredCertificate entry(String username, String name) throws Refusal, SQLException {
        return registry.of(username).stream().filter(e -> e.name().equals(name)).findFirst()
            .orElseThrow(() -> new Refusal(PacketError.Condition.item_not_found, "no certificate named '" + name + "'"));
    }

    private static String name(Element request) throws Refusal {
        final String text = onlyChildText(request, "name");
        if (text.isBlank() || text.codePoints().anyMatch(c -> Character.isISOControl(c) || c == 0xFFFD)) {
            throw new Refusal(PacketError.Condition.bad_request, "the name must be text without control characters");
        }
        if (text.length() > MAX_NAME_CHARS) {
            throw new Refusal(PacketError.Condition.not_acceptable, "the name is longer than " + MAX_NAME_CHARS + " characters");
        }
        return text;
    }

    private static X509Certificate certificate(Element append) throws Refusal {
        final String text = onlyChildText(append, "x509cert");
        if (text.length() > MAX_CERTIFICATE_CHARS) {
            throw new Refusal(PacketError.Condition.not_acceptable, "the certificate is larger than " + MAX_CERTIFICATE_BYTES + " bytes");
        }
        final byte[] der;
        try {
            der = Base64.getDecoder().decode(text.replaceAll("[ \\t\\r\\n]", ""));
        } catch (IllegalArgumentException e) {
            throw new Refusal(PacketError.Condition.bad_request, "the certificate is not base64");
        }
        if (der.length == 0 || der.length > MAX_CERTIFICATE_BYTES) {
            throw new Refusal(PacketError.Condition.not_acceptable, der.length == 0 ? "the certificate is empty"
                : "the certificate is larger than " + MAX_CERTIFICATE_BYTES + " bytes");
        }
        try {
            final X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
            // exactly one DER certificate: no PEM, no BER re-encoding, nothing after it
            if (!Arrays.equals(certificate.getEncoded(), der)) {
                throw new CertificateException("not exactly one DER-encoded certificate");
            }
            return certificate;
        } catch (CertificateException | RuntimeException e) {
            throw new Refusal(PacketError.Condition.not_acceptable, "not an X.509 certificate (DER)");
        }
    }

    private void checkValidity(X509Certificate certificate, Duration maxValidity) throws Refusal {
        final Instant now = clock.instant();
        final Instant notBefore = certificate.getNotBefore().toInstant();
        final Instant notAfter = certificate.getNotAfter().toInstant();
        if (now.isAfter(notAfter)) {
            throw new Refusal(PacketError.Condition.not_acceptable, "the certificate has expired");
        }
        if (now.isBefore(notBefore)) {
            throw new Refusal(PacketError.Condition.not_acceptable, "the certificate is not valid yet");
        }
        if (Duration.between(notBefore, notAfter).compareTo(maxValidity) > 0) {
            throw new Refusal(PacketError.Condition.not_acceptable, "the certificate is valid for longer than " + maxValidity.toDays() + " days");
        }
    }

    private static String onlyChildText(Element parent, String name) throws Refusal {
        final List<Element> elements = parent.elements(name);
        if (elements.size() != 1 || !elements.get(0).elements().isEmpty()) {
            throw new Refusal(PacketError.Condition.bad_request, "exactly one <" + name + "/> with text is required");
        }
        return elements.get(0).getText();
    }

    private static String base64(X509Certificate certificate) {
        try {
            return Base64.getEncoder().encodeToString(certificate.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String printable(String text) {
        final String cut = text.length() > 64 ? text.substring(0, 64) : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    /** A request refused with an RFC 6120 condition; the message is the text the user gets. */
    public static final class Refusal extends Exception {
        private final PacketError.Condition condition;

        Refusal(PacketError.Condition condition, String text) {
            super(text, null, false, false);
            this.condition = condition;
        }

        public PacketError.Condition condition() {
            return condition;
        }
    }

    /** For callers outside the protocol (admin page): the entry of a user's certificate name, if any. */
    public Optional<RegisteredCertificate> find(String username, String name) throws SQLException {
        return registry.of(username).stream().filter(e -> e.name().equals(name)).findFirst();
    }
}
