package org.igniterealtime.openfire.plugin.boshcertauth.tools;

import org.jivesoftware.openfire.keystore.TrustStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.*;

/** The pure parts of the Openfire adapter; Openfire's TrustStore is mocked, its KeyStore is a real one. */
class TestCertificateServiceTest {

    @TempDir
    Path dir;

    @Test
    void issuesPkcs12ThatOpensWithThePasswordAndChainsToTheTestCa() throws Exception {
        // Setup
        final TestCertificateService service = TestCertificateService.ensureTestCa(dir);

        // Execute
        final byte[] p12 = service.issueUserCertificate("alice@example.org", "pw".toCharArray(), Duration.ofDays(30), KeySpec.ec());
        final Pkcs12.KeyEntry entry = Pkcs12.read(p12, "pw".toCharArray());

        // Verify
        assertEquals(List.of("alice@example.org"), CertificateCheck.xmppAddrsOf(entry.chain().get(0)));
        assertEquals(service.authority().certificate(), entry.chain().get(1));
        assertTrue(service.caCertificatePem().startsWith("-----BEGIN CERTIFICATE-----"));
        assertEquals(service.authority().certificate(), TestCertificateService.ensureTestCa(dir).authority().certificate());
    }

    @Test
    void trustingInstallsTheCaPemUnderItsAlias() throws Exception {
        // Setup
        final TestCertificateService service = TestCertificateService.ensureTestCa(dir);
        final TrustStore trustStore = trustStoreHolding();

        // Execute
        final boolean added = TestCertificateService.trustIn(trustStore, service.authority());

        // Verify
        assertTrue(added);
        verify(trustStore).installCertificate(service.truststoreAlias(), service.caCertificatePem());
        assertTrue(service.truststoreAlias().startsWith(TestCertificateService.ALIAS_PREFIX));
    }

    @Test
    void aCaTrustedAlreadyIsNotInstalledAgain() throws Exception {
        // Setup: trusted under an alias the administrator chose
        final TestCertificateService service = TestCertificateService.ensureTestCa(dir);
        final TrustStore trustStore = trustStoreHolding(service.authority().certificate());

        // Execute
        final boolean added = TestCertificateService.trustIn(trustStore, service.authority());

        // Verify
        assertFalse(added);
        verify(trustStore, never()).installCertificate(anyString(), any());
    }

    private static TrustStore trustStoreHolding(X509Certificate... certificates) throws Exception {
        final KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        for (int i = 0; i < certificates.length; i++) {
            keyStore.setCertificateEntry("chosen-by-admin-" + i, certificates[i]);
        }
        final TrustStore trustStore = mock(TrustStore.class);
        when(trustStore.getStore()).thenReturn(keyStore);
        return trustStore;
    }
}
