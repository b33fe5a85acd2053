package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.igniterealtime.openfire.plugin.boshcertauth.tools.IssuedCertificate;
import org.igniterealtime.openfire.plugin.boshcertauth.tools.KeySpec;
import org.igniterealtime.openfire.plugin.boshcertauth.tools.TestCertificateService;
import org.igniterealtime.openfire.plugin.boshcertauth.tools.UserCertificateRequest;
import org.jivesoftware.openfire.keystore.CertificateStoreConfigException;
import org.jivesoftware.openfire.keystore.TrustStore;
import org.xmpp.packet.JID;

import org.igniterealtime.openfire.plugin.boshcertauth.audit.CertificateSummary;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStoreException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;

/**
 * The admin page's "For testing only" operations on the test CA kept by {@link AdminEnvironment#testCaKeeper()}
 * (Openfire's database on a real server, the same CA for every cluster node):
 * its state (never creating it), trusting it for BOSH client certificates and issuing user certificates (both create
 * it on first use). Reached only from POSTs, except {@link #existing()}, which only reads.
 */
final class TestCertificateDesk {

    /**
     * The test CA as the page shows it.
     *
     * @param directory   where the test CA is (or would be) kept
     * @param certificate the CA's certificate; null when there is no test CA yet (or it cannot be read)
     * @param trusted     whether the BOSH client truststore holds it
     * @param problem     why the stored test CA could not be read (null when fine)
     * @param clusterWide whether it is kept in Openfire's database (the same CA on every cluster node) rather than
     *                    in the directory
     */
    record State(Path directory, X509Certificate certificate, boolean trusted, String problem, boolean clusterWide) {
        State(Path directory, X509Certificate certificate, boolean trusted, String problem) {
            this(directory, certificate, trusted, problem, false);
        }

        boolean exists() {
            return certificate != null;
        }

        /** Hex SHA-256 of the CA certificate, colon-separated ("" when there is none): what tells two CAs apart. */
        String fingerprint() {
            if (certificate == null) {
                return "";
            }
            final String hex = CertificateSummary.sha256(certificate).toUpperCase(java.util.Locale.ROOT);
            final StringBuilder grouped = new StringBuilder();
            for (int i = 0; i < hex.length(); i += 2) {
                grouped.append(i == 0 ? "" : ":").append(hex, i, Math.min(hex.length(), i + 2));
            }
            return grouped.toString();
        }
    }

    /** A user certificate just issued: the PKCS#12 to send and what the audit entry names. */
    record Issued(byte[] pkcs12, IssuedCertificate certificate) {
    }

    private final AdminEnvironment environment;

    TestCertificateDesk(AdminEnvironment environment) {
        this.environment = environment;
    }

    State state() {
        final Path directory = environment.testCaDirectory();
        final boolean clusterWide = environment.testCaClusterWide();
        try {
            final Optional<TestCertificateService> service = existing();
            if (service.isEmpty()) {
                return new State(directory, null, false, null, clusterWide);
            }
            final X509Certificate certificate = service.get().authority().certificate();
            return new State(directory, certificate, environment.trustedCertificates().contains(certificate), null, clusterWide);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return new State(directory, null, false, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), clusterWide);
        }
    }

    /** The stored test CA; empty when there is none. Creates nothing. */
    Optional<TestCertificateService> existing() throws IOException, GeneralSecurityException {
        return TestCertificateService.existingTestCa(environment.testCaKeeper());
    }

    /** The stored test CA, created now when there is none. */
    TestCertificateService ensure() throws IOException, GeneralSecurityException {
        return TestCertificateService.ensureTestCa(environment.testCaKeeper());
    }

    /**
     * Adds the test CA to the BOSH client truststore (Openfire then restarts its BOSH listener).
     *
     * @return true when added, false when it was trusted already
     */
    boolean trust(TestCertificateService service) throws CertificateStoreConfigException, KeyStoreException {
        final TrustStore trustStore = environment.boshTrustStore();
        if (trustStore == null) {
            throw new KeyStoreException("Openfire has no truststore for BOSH client connections");
        }
        if (service.isTrustedIn(trustStore)) {
            return false;
        }
        environment.beforeTruststoreChange();
        return service.trustIn(trustStore);
    }

    /**
     * Removes the test CA from the BOSH client truststore (every alias it is stored under; Openfire then restarts its
     * BOSH listener).
     *
     * @return true when removed, false when it was not trusted
     */
    boolean untrust(TestCertificateService service) throws CertificateStoreConfigException, KeyStoreException {
        final TrustStore trustStore = environment.boshTrustStore();
        if (trustStore == null || !service.isTrustedIn(trustStore)) {
            return false;
        }
        final X509Certificate ca = service.authority().certificate();
        final List<String> aliases = new ArrayList<>();
        for (String alias : Collections.list(trustStore.getStore().aliases())) {
            if (ca.equals(trustStore.getStore().getCertificate(alias))) {
                aliases.add(alias);
            }
        }
        environment.beforeTruststoreChange();
        for (String alias : aliases) {
            trustStore.delete(alias);
        }
        return true;
    }

    /**
     * Deletes the test CA (in the database: for every cluster node; its files when kept in the directory); certificates
     * it issued can no longer be verified once it is also out of the truststore.
     *
     * @return true when there was a test CA to delete
     */
    boolean delete() throws IOException {
        return environment.testCaKeeper().delete();
    }

    /** Issues a certificate for the bare JID with the test CA, as PKCS#12 protected by the password. */
    Issued issue(TestCertificateService service, JID jid, char[] password, Duration validity, KeySpec key) throws GeneralSecurityException {
        final IssuedCertificate issued = service.authority().issue(new UserCertificateRequest(jid.toBareJID(), validity, key, null));
        return new Issued(issued.toPkcs12(password), issued);
    }
}
