package org.igniterealtime.openfire.plugin.boshcertauth.registration;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.CertificateSummary;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificateVerifier;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationMode;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationService;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The XEP-0257 protocol core on plain XML, with the real verifier (the registered certificates as its identity source)
 * and certificates made by Bouncy Castle: every verb, the limits, hostile input, and the logins that follow.
 */
class CertificateManagementTest {

    private static final String DOMAIN = "localhost";
    private static final JID ALICE = new JID("alice@localhost/desk");
    private static final JID BOB = new JID("bob@localhost/desk");
    private static TestPki.Issued root;
    private static TestPki.Issued phone;
    private static TestPki.Issued laptop;

    private final AtomicReference<RegistrationLimits> limits = new AtomicReference<>(new RegistrationLimits(true, false, 5, Duration.ofDays(398)));
    private final List<String> ended = new ArrayList<>();
    private InMemoryRegistrationStore store;
    private RegisteredCertificates registry;
    private CertificateVerifier verifier;
    private CertificateManagement management;

    @BeforeAll
    static void pki() {
        root = TestPki.rootCa("XEP-0257 test CA");
        // device certificates: issued by the trusted CA, naming no account (no xmppAddr)
        phone = TestPki.certificate("alice's phone").issuedBy(root).build();
        laptop = TestPki.certificate("alice's laptop").issuedBy(root).build();
    }

    @BeforeEach
    void setUp() {
        store = new InMemoryRegistrationStore();
        registry = new RegisteredCertificates(store, limits::get, () -> DOMAIN);
        registry.refresh();
        final CertificatePolicy policy = CertificatePolicy.builder().trust(Set.of(root.certificate())).domains(Set.of(DOMAIN))
            .revocationMode(RevocationMode.OFF).build();
        verifier = new CertificateVerifier(policy, new RevocationService(), Clock.systemUTC(), Optional.empty(), registry);
        management = new CertificateManagement(registry, limits::get, () -> verifier,
            (sha256, reason, detail) -> { ended.add(sha256 + " " + reason); return 1; }, () -> DOMAIN, Clock.systemUTC());
    }

    @Test
    void appendThenLogInAsTheOwnerOnly() throws Exception {
        // Execute
        final ManagementResponse appended = set(ALICE, append("phone", phone.certificate()));
        final Verdict login = verifier.authenticate(List.of(phone.certificate()), null);
        final Verdict asBob = verifier.authenticate(List.of(phone.certificate()), "bob@localhost");

        // Verify
        assertFalse(appended.isError(), appended.text());
        assertNull(appended.payload());
        assertTrue(login.isSuccess(), login.toString());
        assertEquals(new JID("alice@localhost"), login.jid());
        assertTrue(login.detail().contains("registered"), login.detail());
        assertEquals(FailureReason.AUTHZID_MISMATCH, asBob.reason());
    }

    @Test
    void itemsListsTheSendersOwnCertificatesOnly() throws Exception {
        // Setup
        assertFalse(set(ALICE, append("phone", phone.certificate())).isError());
        assertFalse(set(BOB, append("laptop", laptop.certificate())).isError());

        // Execute
        final ManagementResponse items = management.handle(new ManagementRequest(ALICE, null, true, xml("<items xmlns='urn:xmpp:saslcert:1'/>"), ""));

        // Verify
        final Element payload = items.payload();
        assertEquals("items", payload.getName());
        assertEquals(CertificateManagement.NAMESPACE, payload.getNamespaceURI());
        assertEquals(1, payload.elements("item").size());
        final Element item = payload.elements("item").get(0);
        assertEquals("phone", item.elementText("name"));
        assertEquals(Base64.getEncoder().encodeToString(phone.certificate().getEncoded()), item.elementText("x509cert"));
        assertNull(item.element("disabled"));
    }

    @Test
    void disableEndsItsSessionsRefusesLoginAndKeepsTheEntry() throws Exception {
        // Setup
        set(ALICE, append("phone", phone.certificate()));

        // Execute
        final ManagementResponse disabled = set(ALICE, xml("<disable xmlns='urn:xmpp:saslcert:1'><name>phone</name></disable>"));

        // Verify
        assertFalse(disabled.isError(), disabled.text());
        assertEquals(List.of(sha256(phone) + " " + FailureReason.REGISTRATION_DISABLED), ended);
        assertEquals(FailureReason.REGISTRATION_DISABLED, verifier.authenticate(List.of(phone.certificate()), null).reason());
        final Element items = management.handle(new ManagementRequest(ALICE, null, true, xml("<items xmlns='urn:xmpp:saslcert:1'/>"), "")).payload();
        assertTrue(items.elements("item").get(0).element("disabled") != null, "listed as disabled");
    }

    @Test
    void revokeDeletesItEndsItsSessionsAndItLogsInAsNobody() throws Exception {
        // Setup
        set(ALICE, append("phone", phone.certificate()));
        assertTrue(verifier.authenticate(List.of(phone.certificate()), null).isSuccess());

        // Execute
        final ManagementResponse revoked = set(ALICE, xml("<revoke xmlns='urn:xmpp:saslcert:1'><name>phone</name></revoke>"));

        // Verify
        assertFalse(revoked.isError(), revoked.text());
        assertEquals(List.of(sha256(phone) + " " + FailureReason.REGISTRATION_REVOKED), ended);
        assertEquals(FailureReason.NO_IDENTITY, verifier.authenticate(List.of(phone.certificate()), null).reason());
        assertEquals(List.of(), store.of("alice"));
    }

    @Test
    void anotherUsersCertificateNameDoesNotExistForTheSender() throws Exception {
        // Setup
        set(ALICE, append("phone", phone.certificate()));

        // Execute
        final ManagementResponse revoke = set(BOB, xml("<revoke xmlns='urn:xmpp:saslcert:1'><name>phone</name></revoke>"));
        final ManagementResponse disable = set(BOB, xml("<disable xmlns='urn:xmpp:saslcert:1'><name>phone</name></disable>"));

        // Verify
        assertEquals(PacketError.Condition.item_not_found, revoke.error());
        assertEquals(PacketError.Condition.item_not_found, disable.error());
        assertEquals(List.of(), ended);
        assertTrue(verifier.authenticate(List.of(phone.certificate()), null).isSuccess(), "alice's certificate untouched");
    }

    @Test
    void aRequestAddressedToAnotherUserIsForbidden() throws Exception {
        // Setup
        set(BOB, append("laptop", laptop.certificate()));

        // Execute: alice sends to bob's bare JID (Openfire hands such IQs to the namespace's handler)
        final ManagementResponse response = management.handle(new ManagementRequest(ALICE, new JID("bob@localhost"), false,
            xml("<revoke xmlns='urn:xmpp:saslcert:1'><name>laptop</name></revoke>"), ""));
        final ManagementResponse own = management.handle(new ManagementRequest(BOB, new JID("bob@localhost"), true,
            xml("<items xmlns='urn:xmpp:saslcert:1'/>"), ""));

        // Verify
        assertEquals(PacketError.Condition.forbidden, response.error());
        assertEquals(1, store.of("bob").size());
        assertFalse(own.isError(), "to one's own bare JID is fine");
    }

    @Test
    void moreThanTheLimitPerUserIsAResourceConstraint() throws Exception {
        // Setup
        limits.set(new RegistrationLimits(true, false, 1, Duration.ofDays(398)));
        assertFalse(set(ALICE, append("phone", phone.certificate())).isError());

        // Execute
        final ManagementResponse second = set(ALICE, append("laptop", laptop.certificate()));

        // Verify
        assertEquals(PacketError.Condition.resource_constraint, second.error());
        assertEquals(1, store.of("alice").size());
    }

    @Test
    void aNameOrCertificateRegisteredAlreadyIsAConflict() throws Exception {
        // Setup
        set(ALICE, append("phone", phone.certificate()));

        // Execute
        final ManagementResponse sameName = set(ALICE, append("phone", laptop.certificate()));
        final ManagementResponse sameCertificate = set(BOB, append("mine now", phone.certificate()));

        // Verify
        assertEquals(PacketError.Condition.conflict, sameName.error());
        assertEquals(PacketError.Condition.conflict, sameCertificate.error());
        assertEquals(new JID("alice@localhost"), verifier.authenticate(List.of(phone.certificate()), null).jid());
    }

    @Test
    void hostileCertificateDataIsRefusedWithItsCondition() throws Exception {
        final X509Certificate good = phone.certificate();
        final byte[] der = good.getEncoded();
        final byte[] withTrailer = java.util.Arrays.copyOf(der, der.length + 4);
        // Execute / Verify
        assertEquals(PacketError.Condition.not_acceptable, set(ALICE, appendText("huge", "A".repeat(CertificateManagement.MAX_CERTIFICATE_CHARS + 1))).error(),
            "oversized base64");
        assertEquals(PacketError.Condition.not_acceptable, set(ALICE, appendText("big", Base64.getEncoder().encodeToString(new byte[CertificateManagement.MAX_CERTIFICATE_BYTES + 3]))).error(),
            "decodes to more than the DER limit");
        assertEquals(PacketError.Condition.bad_request, set(ALICE, appendText("bad", "not base64 !!")).error(), "not base64");
        assertEquals(PacketError.Condition.not_acceptable, set(ALICE, appendText("junk", Base64.getEncoder().encodeToString("hello, not a certificate".getBytes()))).error(),
            "not a certificate");
        assertEquals(PacketError.Condition.not_acceptable, set(ALICE, appendText("pem", Base64.getEncoder().encodeToString(TestPki.pem(good).getBytes()))).error(),
            "PEM instead of DER");
        assertEquals(PacketError.Condition.not_acceptable, set(ALICE, appendText("trailer", Base64.getEncoder().encodeToString(withTrailer))).error(),
            "bytes after the certificate");
        assertEquals(PacketError.Condition.bad_request, set(ALICE, appendText("", Base64.getEncoder().encodeToString(der))).error(), "empty name");
        assertEquals(PacketError.Condition.bad_request, set(ALICE, appendText("tab\u0007bell", Base64.getEncoder().encodeToString(der))).error(), "control character");
        assertEquals(PacketError.Condition.not_acceptable, set(ALICE, appendText("n".repeat(CertificateManagement.MAX_NAME_CHARS + 1), Base64.getEncoder().encodeToString(der))).error(),
            "name too long");
        assertEquals(PacketError.Condition.bad_request, set(ALICE, xml("<append xmlns='urn:xmpp:saslcert:1'><name>a</name><name>b</name><x509cert>"
            + Base64.getEncoder().encodeToString(der) + "</x509cert></append>")).error(), "two names");
        assertEquals(PacketError.Condition.bad_request, set(ALICE, xml("<append xmlns='urn:xmpp:saslcert:1'><name>a</name></append>")).error(), "no certificate");
        assertEquals(List.of(), store.of("alice"));
    }

    @Test
    void certificatesTheRulesRefuseAreNotAcceptable() throws Exception {
        // Setup
        final TestPki.Issued expired = TestPki.certificate("old phone").issuedBy(root).expired().build();
        final TestPki.Issued tooLong = TestPki.certificate("long phone").issuedBy(root)
            .validity(Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(500))).build();
        final TestPki.Issued weak = TestPki.certificate("weak phone").issuedBy(root).rsa(1024).build();
        final TestPki.Issued untrusted = TestPki.certificate("stranger").issuedBy(TestPki.rootCa("other CA")).build();
        final TestPki.Issued selfSigned = TestPki.certificate("self-made").build();
        final TestPki.Issued namesBob = TestPki.certificate("bob").xmppAddr("bob@localhost").issuedBy(root).build();

        // Execute / Verify
        assertRefused(expired, "expired");
        assertRefused(tooLong, "longer than 398 days");
        assertRefused(weak, "WEAK_ALGORITHM");
        assertRefused(untrusted, "UNTRUSTED");
        assertRefused(selfSigned, "SELF_SIGNED");
        assertRefused(namesBob, "bob@localhost");
        assertEquals(List.of(), store.of("alice"));
    }

    @Test
    void aSelfSignedCertificateWhenAllowedIsTrustedForItsOwnerOnly() throws Exception {
        // Setup
        limits.set(new RegistrationLimits(true, true, 5, Duration.ofDays(398)));
        final TestPki.Issued selfSigned = TestPki.certificate("alice's self-made").build();
        final List<X509Certificate> chain = List.of(selfSigned.certificate());
        assertEquals(FailureReason.SELF_SIGNED, verifier.verifyChain(chain).reason(), "not trusted before it is registered");

        // Execute
        final ManagementResponse appended = set(ALICE, append("self-made", selfSigned.certificate()));

        // Verify: it logs in as alice, as nobody else, and its chain passes re-validation (the session supervisor)
        assertFalse(appended.isError(), appended.text());
        assertEquals(new JID("alice@localhost"), verifier.authenticate(chain, null).jid());
        assertEquals(FailureReason.AUTHZID_MISMATCH, verifier.authenticate(chain, "bob@localhost").reason());
        assertTrue(verifier.verifyChain(chain).isSuccess());

        // Execute / Verify: self-signed no longer allowed: no longer trusted
        limits.set(new RegistrationLimits(true, false, 5, Duration.ofDays(398)));
        assertEquals(FailureReason.SELF_SIGNED, verifier.authenticate(chain, null).reason());
    }

    @Test
    void aSessionOfANoCertManagementCertificateMayNotManage() throws Exception {
        // Setup
        set(ALICE, xml("<append xmlns='urn:xmpp:saslcert:1'><name>kiosk</name><x509cert>" + base64(phone.certificate())
            + "</x509cert><no-cert-management/></append>"));

        // Execute: a request from the session that logged in with that certificate
        final ManagementResponse response = management.handle(new ManagementRequest(ALICE, null, false,
            xml("<revoke xmlns='urn:xmpp:saslcert:1'><name>kiosk</name></revoke>"), sha256(phone)));

        // Verify
        assertEquals(PacketError.Condition.forbidden, response.error());
        assertEquals(1, store.of("alice").size());
    }

    @Test
    void featureOffMeansServiceUnavailableAndNoRegisteredLogin() throws Exception {
        // Setup
        set(ALICE, append("phone", phone.certificate()));
        limits.set(new RegistrationLimits(false, false, 5, Duration.ofDays(398)));

        // Execute / Verify
        assertEquals(PacketError.Condition.service_unavailable, set(ALICE, append("laptop", laptop.certificate())).error());
        assertEquals(FailureReason.NO_IDENTITY, verifier.authenticate(List.of(phone.certificate()), null).reason());
    }

    @Test
    void unknownRequestsAreBadRequests() throws Exception {
        assertEquals(PacketError.Condition.bad_request, set(ALICE, xml("<items xmlns='urn:xmpp:saslcert:1'/>")).error(), "items is a get");
        assertEquals(PacketError.Condition.bad_request, management.handle(new ManagementRequest(ALICE, null, true,
            xml("<append xmlns='urn:xmpp:saslcert:1'/>"), "")).error(), "append is a set");
        assertEquals(PacketError.Condition.bad_request, set(ALICE, xml("<steal xmlns='urn:xmpp:saslcert:1'/>")).error());
        assertEquals(PacketError.Condition.forbidden, management.handle(new ManagementRequest(new JID("mallory@elsewhere/x"), null, true,
            xml("<items xmlns='urn:xmpp:saslcert:1'/>"), "")).error(), "a user of another server");
    }

    @Test
    void registrationsThatCannotBeReadRefuseCertificateLoginsWhileTheFeatureIsOn() throws Exception {
        // Setup: a node whose database was down since start-up
        store.failing = true;
        final RegisteredCertificates unread = new RegisteredCertificates(store, limits::get, () -> DOMAIN);
        unread.refresh();
        final CertificatePolicy policy = CertificatePolicy.builder().trust(Set.of(root.certificate())).domains(Set.of(DOMAIN))
            .revocationMode(RevocationMode.OFF).build();
        final CertificateVerifier blind = new CertificateVerifier(policy, new RevocationService(), Clock.systemUTC(), Optional.empty(), unread);
        final TestPki.Issued alice = TestPki.certificate("alice").xmppAddr("alice@localhost").issuedBy(root).build();

        // Execute / Verify
        assertEquals(FailureReason.REGISTRATIONS_UNAVAILABLE, blind.authenticate(List.of(alice.certificate()), null).reason());
        limits.set(new RegistrationLimits(false, false, 5, Duration.ofDays(398)));
        assertTrue(blind.authenticate(List.of(alice.certificate()), null).isSuccess(), "feature off: not consulted");
        store.failing = false;
        limits.set(new RegistrationLimits(true, false, 5, Duration.ofDays(398)));
        assertEquals(PacketError.Condition.internal_server_error, failingItems(), "a database failure is an internal error");
    }

    @Test
    void aChangeOnAnotherNodeIsSeenAtTheNextRefresh() throws Exception {
        // Setup: two nodes over one database
        set(ALICE, append("phone", phone.certificate()));
        set(ALICE, append("laptop", laptop.certificate()));
        final RegisteredCertificates otherNode = new RegisteredCertificates(store, limits::get, () -> DOMAIN);
        otherNode.refresh();

        // Execute: revoked and disabled here; the other node re-reads
        set(ALICE, xml("<revoke xmlns='urn:xmpp:saslcert:1'><name>phone</name></revoke>"));
        set(ALICE, xml("<disable xmlns='urn:xmpp:saslcert:1'><name>laptop</name></disable>"));
        final Set<String> stopped = otherNode.refresh();

        // Verify: both certificates' sessions are to be ended there; a second read finds nothing new
        assertEquals(Set.of(sha256(phone), sha256(laptop)), stopped);
        assertEquals(Set.of(), otherNode.refresh());
    }

    @Test
    void aDeletedAccountsRegistrationsAreDeletedAndTheirSessionsEnded() throws Exception {
        // Setup (review M5): alice registered two certificates, bob one
        assertFalse(set(ALICE, append("phone", phone.certificate())).isError());
        assertFalse(set(ALICE, append("laptop", laptop.certificate())).isError());
        final TestPki.Issued bobs = TestPki.certificate("bob's tablet").issuedBy(root).build();
        assertFalse(set(BOB, append("tablet", bobs.certificate())).isError());

        // Execute: alice's account is deleted, and a new "alice" is created later
        final int removed = management.accountDeleted("alice");

        // Verify: her certificates log in as nobody, their sessions were ended; bob's stay
        assertEquals(2, removed);
        assertEquals(List.of(), store.of("alice"));
        assertEquals(List.of(sha256(phone) + " " + FailureReason.REGISTRATION_REVOKED, sha256(laptop) + " " + FailureReason.REGISTRATION_REVOKED), ended);
        assertEquals(FailureReason.NO_IDENTITY, verifier.authenticate(List.of(phone.certificate()), null).reason());
        assertEquals(new JID("bob@localhost"), verifier.authenticate(List.of(bobs.certificate()), null).jid());
    }

    private PacketError.Condition failingItems() {
        store.failing = true;
        try {
            return management.handle(new ManagementRequest(ALICE, null, true, xml("<items xmlns='urn:xmpp:saslcert:1'/>"), "")).error();
        } finally {
            store.failing = false;
        }
    }

    private void assertRefused(TestPki.Issued certificate, String because) throws Exception {
        final ManagementResponse response = set(ALICE, append(certificate.certificate().getSubjectX500Principal().getName(), certificate.certificate()));
        assertEquals(PacketError.Condition.not_acceptable, response.error(), because + ": " + response.text());
        assertTrue(response.text().contains(because), response.text());
    }

    private ManagementResponse set(JID from, Element child) {
        return management.handle(new ManagementRequest(from, new JID(DOMAIN), false, child, ""));
    }

    private static Element append(String name, X509Certificate certificate) throws Exception {
        return appendText(name, base64(certificate));
    }

    private static Element appendText(String name, String certificateText) {
        final Element append = DocumentHelper.createElement(org.dom4j.QName.get("append", CertificateManagement.NAMESPACE));
        append.addElement("name").setText(name);
        append.addElement("x509cert").setText(certificateText);
        return append;
    }

    private static String base64(X509Certificate certificate) throws Exception {
        // with line breaks, as many clients send base64
        return Base64.getMimeEncoder().encodeToString(certificate.getEncoded());
    }

    private static String sha256(TestPki.Issued issued) {
        return CertificateSummary.sha256(issued.certificate());
    }

    private static Element xml(String text) {
        try {
            return DocumentHelper.parseText(text).getRootElement();
        } catch (org.dom4j.DocumentException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
