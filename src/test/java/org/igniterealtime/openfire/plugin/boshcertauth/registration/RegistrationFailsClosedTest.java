package org.igniterealtime.openfire.plugin.boshcertauth.registration;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificateVerifier;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.DirectoryMapping;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.IdentitySource;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.IssuerRestrictions;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationMode;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationService;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Review finding M4: XEP-0257 append must not take "the configured identity sources could not tell whom the certificate
 * names" for "it names nobody" — else, during an LDAP outage or under ca-restrictions, Mallory registers Bob's public
 * certificate and Bob's certificate then logs in as Mallory. Each case: Mallory (alice here) appends a certificate
 * that names bob, the refusal is an error reply, nothing is registered.
 */
class RegistrationFailsClosedTest {

    private static final String DOMAIN = "localhost";
    private static final JID MALLORY = new JID("alice@localhost/desk");
    private static TestPki.Issued root;
    private static TestPki.Issued bobsUpn;
    private static TestPki.Issued bobsXmppAddr;

    @BeforeAll
    static void pki() {
        root = TestPki.rootCa("XEP-0257 fail-closed CA");
        bobsUpn = TestPki.certificate("bob (upn)").issuedBy(root).upn("bob@corp.example.com").build();
        bobsXmppAddr = TestPki.certificate("bob (xmppAddr)").issuedBy(root).xmppAddr("bob@localhost").build();
    }

    @Test
    void directoryUnavailableIsServiceUnavailableNotNobody() throws Exception {
        // Setup: the UPN is mapped through the directory, and there is none to ask
        final CertificatePolicy policy = base().identitySources(List.of(IdentitySource.XMPP_ADDR, IdentitySource.UPN))
            .directoryMapping(DirectoryMapping.parse("upn=userPrincipalName", Duration.ofSeconds(1), Duration.ofMinutes(1))).build();
        final Fixture fixture = new Fixture(policy);

        // Execute
        final ManagementResponse response = fixture.append(bobsUpn.certificate());

        // Verify
        assertEquals(PacketError.Condition.service_unavailable, response.error(), response.text());
        assertTrue(response.text().contains("DIRECTORY_UNAVAILABLE"), response.text());
        assertEquals(List.of(), fixture.store.of("alice"));
    }

    @Test
    void sourceTheCaMayNotUseIsNotAcceptable() throws Exception {
        // Setup: the CA may vouch only by e-mail, so its xmppAddr does not log bob in by itself
        final CertificatePolicy policy = base().issuerRestrictions(IssuerRestrictions.parse("* | email | *")).build();
        final Fixture fixture = new Fixture(policy);

        // Execute
        final ManagementResponse response = fixture.append(bobsXmppAddr.certificate());

        // Verify
        assertEquals(PacketError.Condition.not_acceptable, response.error(), response.text());
        assertTrue(response.text().contains(FailureReason.CA_NOT_ALLOWED.name()), response.text());
        assertEquals(List.of(), fixture.store.of("alice"));
    }

    @Test
    void domainTheCaMayNotVouchForIsNotAcceptable() throws Exception {
        // Setup: the CA may vouch only for another domain
        final CertificatePolicy policy = base().issuerRestrictions(IssuerRestrictions.parse("* | * | other.example")).build();
        final Fixture fixture = new Fixture(policy);

        // Execute
        final ManagementResponse response = fixture.append(bobsXmppAddr.certificate());

        // Verify
        assertEquals(PacketError.Condition.not_acceptable, response.error(), response.text());
        assertTrue(response.text().contains(FailureReason.CA_NOT_ALLOWED.name()), response.text());
        assertEquals(List.of(), fixture.store.of("alice"));
    }

    private static CertificatePolicy.Builder base() {
        return CertificatePolicy.builder().trust(Set.of(root.certificate())).domains(Set.of(DOMAIN)).revocationMode(RevocationMode.OFF);
    }

    private static final class Fixture {
        final InMemoryRegistrationStore store = new InMemoryRegistrationStore();
        final CertificateManagement management;

        Fixture(CertificatePolicy policy) {
            final RegistrationLimits limits = new RegistrationLimits(true, false, 5, Duration.ofDays(398));
            final RegisteredCertificates registry = new RegisteredCertificates(store, () -> limits, () -> DOMAIN);
            registry.refresh();
            final CertificateVerifier verifier = new CertificateVerifier(policy, new RevocationService(), Clock.systemUTC(), Optional.empty(), registry);
            management = new CertificateManagement(registry, () -> limits, () -> verifier, (sha256, reason, detail) -> 0, () -> DOMAIN,
                Clock.systemUTC());
        }

        ManagementResponse append(X509Certificate certificate) throws Exception {
            final Element append = DocumentHelper.createElement(org.dom4j.QName.get("append", CertificateManagement.NAMESPACE));
            append.addElement("name").setText("bob's");
            append.addElement("x509cert").setText(Base64.getEncoder().encodeToString(certificate.getEncoded()));
            return management.handle(new ManagementRequest(MALLORY, new JID(DOMAIN), false, append, ""));
        }
    }
}
