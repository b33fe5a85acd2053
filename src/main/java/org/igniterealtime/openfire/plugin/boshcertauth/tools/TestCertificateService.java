package org.igniterealtime.openfire.plugin.boshcertauth.tools;

import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.keystore.CertificateStoreConfigException;
import org.jivesoftware.openfire.keystore.TrustStore;
import org.jivesoftware.openfire.spi.ConnectionType;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStoreException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * The Openfire side of the test-certificate toolkit, for the admin console: a test CA kept in a directory of the
 * server or in Openfire's database ({@link TestCaKeeper}), trusted in Openfire's BOSH client truststore on request, issuing user certificates as PKCS#12 for download.
 *
 * <pre>
 *   TestCertificateService service = TestCertificateService.ensureTestCa(directory);  // create or reuse
 *   service.trustInBoshTruststore();                     // Openfire then restarts its BOSH/WebSocket listener
 *   byte[] p12 = service.issueUserCertificate("alice@example.org", password, Duration.ofDays(30), KeySpec.ec());
 * </pre>
 *
 * <p>Keep the directory outside the plugin's own directory (which Openfire replaces when the plugin is upgraded),
 * e.g. {@code OPENFIRE_HOME/conf/boshcertauth-test-ca}. Only {@link #trustInBoshTruststore()} and
 * {@link #isTrustedInBoshTruststore()} touch Openfire.</p>
 */
public final class TestCertificateService {

    /** Prefix of the truststore alias; the CA's fingerprint follows, so a renewed test CA never collides. */
    public static final String ALIAS_PREFIX = "boshcertauth-test-ca-";

    private final TestCertificateAuthority ca;

    private TestCertificateService(TestCertificateAuthority ca) {
        this.ca = ca;
    }

    /**
     * Creates the test CA in the directory (EC P-256, five years, random password in {@value TestCaStore#PASSWORD_FILE}
     * beside it, both owner-only), or reuses the one already there.
     */
    public static TestCertificateService ensureTestCa(Path directory) throws IOException, GeneralSecurityException {
        return ensureTestCa(new TestCaStore(directory));
    }

    /** The test CA kept there (a directory, or Openfire's database for a cluster), created now when there is none. */
    public static TestCertificateService ensureTestCa(TestCaKeeper keeper) throws IOException, GeneralSecurityException {
        return new TestCertificateService(keeper.ensure(TestCertificateAuthority.Options.defaults()));
    }

    /** The test CA kept there, or empty when there is none; creates nothing. */
    public static Optional<TestCertificateService> existingTestCa(TestCaKeeper keeper) throws IOException, GeneralSecurityException {
        return keeper.load().map(TestCertificateService::new);
    }

    /**
     * The test CA already stored in the directory, or empty when there is none; creates nothing.
     *
     * @throws IOException when the directory holds an incomplete test CA or it cannot be read
     */
    public static Optional<TestCertificateService> existingTestCa(Path directory) throws IOException, GeneralSecurityException {
        return existingTestCa(new TestCaStore(directory));
    }

    public TestCertificateAuthority authority() {
        return ca;
    }

    /** The CA certificate as PEM, e.g. for download or for a truststore elsewhere. */
    public String caCertificatePem() {
        return ca.certificatePem();
    }

    /** The alias under which the test CA is (or would be) trusted. */
    public String truststoreAlias() {
        return aliasFor(ca);
    }

    /**
     * Issues a certificate for the JID, as PKCS#12 (key + chain) protected by the password: what the user imports into
     * the browser.
     */
    public byte[] issueUserCertificate(String jid, char[] password, Duration validity, KeySpec key) throws GeneralSecurityException {
        return ca.issue(new UserCertificateRequest(jid, validity, key, null)).toPkcs12(password);
    }

    /** Whether Openfire's BOSH client truststore holds the test CA (under any alias). */
    public boolean isTrustedInBoshTruststore() throws KeyStoreException {
        return isTrustedIn(boshTrustStore(), ca);
    }

    /**
     * Adds the test CA to Openfire's BOSH client truststore (with the default store configuration, the truststore all
     * client connections share). Openfire writes the store to disk and restarts its HTTP binding listener (BOSH and
     * WebSocket), which drops open BOSH sessions; the plugin re-reads the truststore when its filter is reinstalled.
     *
     * @return true when the CA was added, false when it was trusted already
     */
    public boolean trustInBoshTruststore() throws CertificateStoreConfigException, KeyStoreException {
        return trustIn(boshTrustStore(), ca);
    }

    /** Like {@link #isTrustedInBoshTruststore()}, for a truststore the caller obtained (e.g. the admin page's). */
    public boolean isTrustedIn(TrustStore trustStore) throws KeyStoreException {
        return isTrustedIn(trustStore, ca);
    }

    /** Like {@link #trustInBoshTruststore()}, for a truststore the caller obtained (e.g. the admin page's). */
    public boolean trustIn(TrustStore trustStore) throws CertificateStoreConfigException, KeyStoreException {
        return trustIn(trustStore, ca);
    }

    static boolean trustIn(TrustStore trustStore, TestCertificateAuthority ca) throws CertificateStoreConfigException, KeyStoreException {
        if (isTrustedIn(trustStore, ca)) {
            return false;
        }
        trustStore.installCertificate(aliasFor(ca), ca.certificatePem());
        return true;
    }

    static boolean isTrustedIn(TrustStore trustStore, TestCertificateAuthority ca) throws KeyStoreException {
        return trustStore.getStore().getCertificateAlias(ca.certificate()) != null;
    }

    static String aliasFor(TestCertificateAuthority ca) {
        try {
            final byte[] digest = MessageDigest.getInstance("SHA-256").digest(ca.certificate().getEncoded());
            return ALIAS_PREFIX + HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static TrustStore boshTrustStore() {
        return Objects.requireNonNull(
            XMPPServer.getInstance().getCertificateStoreManager().getTrustStore(ConnectionType.BOSH_C2S),
            "Openfire has no truststore for BOSH client connections");
    }
}
