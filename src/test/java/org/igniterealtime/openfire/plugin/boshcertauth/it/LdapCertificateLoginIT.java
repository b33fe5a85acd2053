package org.igniterealtime.openfire.plugin.boshcertauth.it;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestDirectory;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigInteger;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Certificate login over BOSH on a real Openfire whose users come from LDAP (LdapUserProvider / LdapAuthProvider
 * against an in-memory directory with AD-shaped entries): an AD CS smart-card certificate without xmppAddr, and a
 * certificate bound through altSecurityIdentities; plus the negative matrix (issue 19).
 */
@ExtendWith(AttachOpenfireLogs.class)
class LdapCertificateLoginIT {

    private static final String ISSUER_DN = "CN=Corp Issuing CA,DC=corp,DC=example,DC=com";

    private static TestDirectory directory;
    private static TestPki.Issued corpCa;
    private static TestPki.Issued partnerCa;
    private static OpenfireServer openfire;

    @BeforeAll
    static void start() throws Exception {
        corpCa = TestPki.certificate("Corp Issuing CA").subject(ISSUER_DN).ca().build();
        partnerCa = TestPki.rootCa("Partner CA");
        directory = TestDirectory.start();
        directory.addUser("Alice Example", "alice", "userPrincipalName", "a.example@corp.example.com", "mail", "alice@example.com");
        directory.addUser("Bob", "bob", "userPrincipalName", "bob@corp.example.com", "mail", "shared@example.com");
        directory.addUser("Carol", "carol", "userPrincipalName", "carol@corp.example.com", "mail", "shared@example.com");
        directory.addUser("Erin", "erin", "altSecurityIdentities",
            "X509:<I>DC=com,DC=example,DC=corp,CN=Corp Issuing CA<SR>1200000000AC11000000002B");
        // AD's weak <I><S> form (KB5014754), not matched unless boshcertauth.identity.directory.weak-issuer-subject is on
        directory.addUser("Dave", "dave", "altSecurityIdentities",
            "X509:<I>DC=com,DC=example,DC=corp,CN=Corp Issuing CA<S>DC=com,DC=example,DC=corp,OU=Staff,CN=Dave");
        // an AD contact (no user: ldap.searchFilter below admits objectClass=user only) carrying bob's account name
        directory.addEntry("Bob Contact", List.of("top", "person", "contact"), "sAMAccountName", "bob", "mail", "bob.contact@example.com");
        openfire = OpenfireServer.builder()
            .noDefaultUsers()
            // Openfire 5.0.x (OF-3297, fixed in 5.1.0): autosetup's "default" provider mode first lets the providers'
            // SystemProperty move provider.*.className from openfire.xml into the database, then reads openfire.xml
            // again, finds nothing and writes the default providers over them, so 5.0.5 would keep its own user store.
            // Any other mode skips that step (it only sets the default providers and user.scramHashedPasswordOnly).
            .property("autosetup.authprovider.mode", "ldap")
            .property("provider.user.className", "org.jivesoftware.openfire.ldap.LdapUserProvider")
            .property("provider.auth.className", "org.jivesoftware.openfire.ldap.LdapAuthProvider")
            .property("ldap.host", "127.0.0.1")
            .property("ldap.port", String.valueOf(directory.port()))
            .property("ldap.sslEnabled", "false")
            .property("ldap.startTlsEnabled", "false")
            .property("ldap.baseDN", TestDirectory.BASE_DN)
            .property("ldap.adminDN", TestDirectory.BIND_DN)
            .property("ldap.adminPassword", TestDirectory.BIND_PASSWORD)
            .property("ldap.usernameField", "sAMAccountName")
            .property("ldap.nameField", "cn")
            .property("ldap.emailField", "mail")
            .property("ldap.searchFilter", "(objectClass=user)")
            .property("httpbind.client.cert.policy", "wanted")
            .property("boshcertauth.identity.sources", "xmppAddr, upn, certificate, email")
            .property("boshcertauth.identity.directory.attributes", "upn=userPrincipalName, email=mail, certificate=altSecurityIdentities")
            .property("boshcertauth.certificate.accepted-ekus", "clientAuth, smartcardLogon")
            .property("boshcertauth.identity.ca-restrictions",
                partnerCa.certificate().getSubjectX500Principal().getName() + " | email | partner.example.com")
            .trustClientCertificate("corp-ca", corpCa.certificate())
            .trustClientCertificate("partner-ca", partnerCa.certificate())
            .start();
    }

    @AfterAll
    static void stop() {
        if (openfire != null) {
            openfire.close();
        }
        if (directory != null) {
            directory.close();
        }
    }

    private static TestPki.Builder adSmartCard(String upn) {
        return TestPki.certificate("Alice Example").subject("CN=Alice Example,OU=Staff," + TestDirectory.BASE_DN).upn(upn)
            .extendedKeyUsage(TestPki.SMARTCARD_LOGON, KeyPurposeId.id_kp_clientAuth);
    }

    private static BoshClient.AuthResult login(TestPki.Issued certificate, String authzid) throws Exception {
        try (BoshClient bosh = BoshClient.builder(openfire.boshHttpsUri()).clientCertificate(certificate).build()) {
            bosh.createSession();
            return bosh.authExternal(authzid);
        }
    }

    @Test
    void adSmartCardCertificateWithoutXmppAddrLogsInAsTheLdapUser() throws Exception {
        try (BoshClient bosh = BoshClient.builder(openfire.boshHttpsUri())
                .clientCertificate(adSmartCard("a.example@corp.example.com").issuedBy(corpCa).build()).build()) {
            // Setup
            bosh.createSession();

            // Execute
            final BoshClient.AuthResult auth = bosh.authExternal(null);
            assertTrue(auth.success(), "EXTERNAL failed: " + auth.condition() + " " + auth.response().text());
            bosh.restart();
            final String jid = bosh.bindResource("it");

            // Verify: sAMAccountName alice, not the UPN's local part
            assertTrue(auth.success(), "EXTERNAL failed: " + auth.condition() + " " + auth.response().text());
            assertEquals("alice@localhost/it", jid);
        }
    }

    @Test
    void certificateBoundThroughAltSecurityIdentitiesLogsIn() throws Exception {
        // Setup: no name in it says erin; AD's <I>…<SR>… mapping does
        final TestPki.Issued certificate = TestPki.certificate("Whoever").serial(new BigInteger("2B0000000011AC0000000012", 16))
            .issuedBy(corpCa).build();

        // Execute
        final BoshClient.AuthResult auth = login(certificate, null);

        // Verify
        assertTrue(auth.success(), "EXTERNAL failed: " + auth.condition() + " " + auth.response().text());
    }

    @Test
    void anIntermediateNamedLikeTheIssuingCaCannotUseASerialBinding() throws Exception {
        // Setup: review M6 — the client sends an intermediate named exactly like the corp issuing CA, signed by the
        // trusted partner root, and under it a certificate with erin's bound serial
        final TestPki.Issued impostor = TestPki.certificate("Corp Issuing CA").subject(ISSUER_DN).ca().issuedBy(partnerCa).build();
        final TestPki.Issued forged = TestPki.certificate("Whoever").serial(new BigInteger("2B0000000011AC0000000012", 16))
            .issuedBy(impostor).build();

        try (BoshClient bosh = BoshClient.builder(openfire.boshHttpsUri()).clientCertificate(forged).build()) {
            // Execute
            final BoshClient.BoshResponse created = bosh.createSession();
            final BoshClient.AuthResult auth = bosh.authExternal(null);

            // Verify: the issuing CA on the path is not pinned (not in the truststore, no issuer-name-cas), so the
            // binding does not count, and the client is told why
            assertEquals("ISSUER_NOT_PINNED", created.headers().firstValue("X-BOSH-Certificate-Refusal").orElse(null), created.text());
            assertFalse(auth.success(), "logged in as " + auth.response().text());
            assertEquals("not-authorized", auth.condition());
        }
    }

    @Test
    void weakIssuerAndSubjectBindingIsNotUsedByDefault() throws Exception {
        // Setup: only dave's <I>…<S>… entry names this certificate (review M2)
        final TestPki.Issued certificate = TestPki.certificate("Dave").subject("CN=Dave,OU=Staff," + TestDirectory.BASE_DN)
            .issuedBy(corpCa).build();

        // Execute
        final BoshClient.AuthResult auth = login(certificate, null);

        // Verify
        assertFalse(auth.success());
        assertEquals("not-authorized", auth.condition());
    }

    @Test
    void anEntryThatOpenfiresSearchFilterDoesNotAdmitIsNoUser() throws Exception {
        // Setup: the contact's mail; the contact's sAMAccountName is bob's, and bob is a user
        final TestPki.Issued certificate = TestPki.certificate("Bob Contact").email("bob.contact@example.com").issuedBy(corpCa).build();

        // Execute
        final BoshClient.AuthResult auth = login(certificate, null);

        // Verify: not logged in as bob (ldap.searchFilter=(objectClass=user) is ANDed with the plugin's look-up)
        assertFalse(auth.success(), "logged in as " + auth.response().text());
        assertEquals("not-authorized", auth.condition());
    }

    @Test
    void partnerCaCannotLogInWithAStaffUpn() throws Exception {
        // Execute
        final BoshClient.AuthResult auth = login(adSmartCard("a.example@corp.example.com").issuedBy(partnerCa).build(), null);

        // Verify
        assertFalse(auth.success());
        assertEquals("not-authorized", auth.condition());
    }

    @Test
    void upnOfAnUnknownUserIsRefused() throws Exception {
        // Execute
        final BoshClient.AuthResult auth = login(adSmartCard("mallory@corp.example.com").issuedBy(corpCa).build(), null);

        // Verify
        assertFalse(auth.success());
        assertEquals("not-authorized", auth.condition());
    }

    @Test
    void twoUsersWithTheSameMailNeedAnAuthzid() throws Exception {
        // Setup
        final TestPki.Issued shared = TestPki.certificate("Shared").email("shared@example.com").issuedBy(corpCa).build();

        // Execute
        final BoshClient.AuthResult none = login(shared, null);
        final BoshClient.AuthResult carol = login(shared, "carol@localhost");

        // Verify: XEP-0178
        assertFalse(none.success());
        assertEquals("invalid-authzid", none.condition());
        assertTrue(carol.success(), "EXTERNAL failed: " + carol.condition());
    }

    @Test
    void malformedUpnIsRefused() throws Exception {
        // Execute
        final BoshClient.AuthResult auth = login(adSmartCard("a.example-at-corp.example.com").issuedBy(corpCa).build(), null);

        // Verify
        assertFalse(auth.success());
        assertEquals("not-authorized", auth.condition());
    }

    @Test
    void wildcardUpnDoesNotWidenTheSearch() throws Exception {
        // Execute
        final BoshClient.AuthResult auth = login(adSmartCard("*@corp.example.com").issuedBy(corpCa).build(), "alice@localhost");

        // Verify
        assertFalse(auth.success());
    }
}
