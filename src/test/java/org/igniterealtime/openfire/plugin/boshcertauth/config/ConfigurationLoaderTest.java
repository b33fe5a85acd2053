package org.igniterealtime.openfire.plugin.boshcertauth.config;

import org.igniterealtime.openfire.plugin.boshcertauth.openfire.SaslMechanisms;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.PathPolicies;
import org.igniterealtime.openfire.plugin.boshcertauth.request.proxy.ProxyFormat;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificateVerifier;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.rules.ExtendedKeyUsageRule;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.IdentitySource;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationService;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationMode;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.MechanismEnforcement;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.MechanismOffer;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.jivesoftware.util.JiveGlobals;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationOptions;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.StaleCrlAction;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import org.igniterealtime.openfire.plugin.boshcertauth.request.BrowserHeaders;
import org.igniterealtime.openfire.plugin.boshcertauth.request.OriginDecision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Settings → immutable configuration: strict defaults, Openfire 4 era properties, and invalid values never widening trust. */
class ConfigurationLoaderTest {

    private static final X509Certificate CA = TestPki.rootCa("Config Test CA").certificate();
    private final List<String> touched = new ArrayList<>();

    private void set(String key, String value) {
        touched.add(key);
        JiveGlobals.setProperty(key, value);
    }

    @AfterEach
    void clean() {
        touched.forEach(JiveGlobals::deleteProperty);
    }

    private static PluginConfiguration load() {
        return new ConfigurationLoader(() -> Set.of(CA), () -> Set.of("localhost")).load();
    }

    @Test
    void defaultsAreStrict() {
        // Execute
        final PluginConfiguration config = load();
        final CertificatePolicy policy = config.policy();

        // Verify
        assertTrue(policy.verifyChain() && policy.verifyRoot() && policy.verifyValidity());
        assertFalse(policy.acceptSelfSigned());
        assertTrue(policy.requireClientAuthEku() && policy.requireDigitalSignature());
        assertEquals(2048, policy.minRsaKeyBits());
        assertEquals(256, policy.minEcKeyBits());
        assertFalse(policy.allowSha1Signatures());
        assertEquals(RevocationMode.SOFT_FAIL, policy.revocationMode());
        assertFalse(policy.emailFallback() || policy.commonNameFallback());
        assertEquals(MechanismOffer.EXTERNAL_ONLY, config.offer());
        assertEquals(MechanismEnforcement.CERTIFICATE_IDENTITY, config.enforcement());
        assertTrue(config.pinSessions());
        assertNull(config.proxy(), "no proxy is trusted unless configured");
        assertEquals(List.of(), config.warnings());
        assertEquals(Set.of(CA), policy.trustedCertificates());
        assertEquals(RevocationOptions.DEFAULTS, policy.revocationOptions());
    }

    @Test
    void revocationKnobsAreTaken(@TempDir Path directory) throws Exception {
        // Setup
        final X509Certificate responder = TestPki.rootCa("Configured Responder").certificate();
        final Path pem = directory.resolve("responder.pem");
        Files.writeString(pem, TestPki.pem(responder));
        final Path crl = directory.resolve("ca.crl");
        Files.write(crl, new byte[] { 0x30 });
        set(Settings.OCSP_RESPONDER_URL.getKey(), "http://ocsp.example.org/responder");
        set(Settings.OCSP_RESPONDER_CERTIFICATE.getKey(), pem.toString());
        set(Settings.CRL_SOURCES.getKey(), crl + " , https://pki.example.org/ca.crl,\n" + crl);
        set(Settings.STALE_CRL.getKey(), "refuse");

        // Execute
        final PluginConfiguration config = load();
        final RevocationOptions options = config.policy().revocationOptions();

        // Verify
        assertEquals(URI.create("http://ocsp.example.org/responder"), options.ocspResponder());
        assertEquals(responder, options.designatedResponder());
        assertEquals(List.of(crl.toUri(), URI.create("https://pki.example.org/ca.crl")), options.crlSources());
        assertEquals(StaleCrlAction.REFUSE, options.staleCrl());
        assertEquals(List.of(), config.warnings());
    }

    @Test
    void theSelfCoveredCrlSignerOptInIsTakenAndWarnedAbout() {
        // Setup
        set(Settings.SELF_COVERED_CRL_SIGNER.getKey(), "true");

        // Execute
        final PluginConfiguration config = load();

        // Verify: on in the policy, and reported as the loosening it is (off by default: defaultsAreStrict)
        assertTrue(config.policy().revocationOptions().selfCoveredCrlSigner());
        assertFalse(RevocationOptions.DEFAULTS.selfCoveredCrlSigner());
        assertTrue(String.join("\n", config.warnings()).contains(Settings.SELF_COVERED_CRL_SIGNER.getKey()), config.warnings()::toString);
    }

    @Test
    void invalidRevocationKnobsAreWarningsAndNeverWidenAcceptance(@TempDir Path directory) throws Exception {
        // Setup
        final Path notPem = directory.resolve("responder.pem");
        Files.writeString(notPem, "not a certificate");
        set(Settings.OCSP_RESPONDER_URL.getKey(), "ftp://ocsp.example.org/");
        set(Settings.OCSP_RESPONDER_CERTIFICATE.getKey(), notPem.toString());
        set(Settings.CRL_SOURCES.getKey(), "relative/ca.crl, ldap://ldap.example.org/cn=CA, http://pki.example.org/ca.crl");
        set(Settings.STALE_CRL.getKey(), "MAYBE");

        // Execute
        final PluginConfiguration config = load();
        final RevocationOptions options = config.policy().revocationOptions();

        // Verify
        assertNull(options.ocspResponder(), "the certificates' own responders");
        assertNull(options.designatedResponder(), "nobody designated");
        assertEquals(List.of(URI.create("http://pki.example.org/ca.crl")), options.crlSources());
        assertEquals(StaleCrlAction.REFUSE, options.staleCrl(), "an invalid value means the strict one");
        final String warnings = String.join("\n", config.warnings());
        for (String key : List.of(Settings.OCSP_RESPONDER_URL.getKey(), Settings.OCSP_RESPONDER_CERTIFICATE.getKey(),
                Settings.STALE_CRL.getKey())) {
            assertTrue(warnings.contains(key), warnings);
        }
        assertTrue(warnings.contains("relative/ca.crl") && warnings.contains("ldap://"), warnings);
    }

    @Test
    void anExpiredDesignatedResponderIsAWarning(@TempDir Path directory) throws Exception {
        // Setup
        final X509Certificate expired = TestPki.certificate("Expired Responder").expired().build().certificate();
        final Path pem = directory.resolve("expired.pem");
        Files.writeString(pem, TestPki.pem(expired));
        set(Settings.OCSP_RESPONDER_CERTIFICATE.getKey(), pem.toString());

        // Execute
        final PluginConfiguration config = load();

        // Verify: designated (OcspClient checks the period per answer), and the administrator is told
        assertEquals(expired, config.policy().revocationOptions().designatedResponder());
        assertEquals(1, config.warnings().size(), config.warnings()::toString);
        assertTrue(config.warnings().get(0).contains("not accepted outside that period"), config.warnings()::toString);
    }

    @Test
    void aMissingDesignatedResponderFileOrCrlFileIsReported(@TempDir Path directory) {
        // Setup
        set(Settings.OCSP_RESPONDER_CERTIFICATE.getKey(), directory.resolve("absent.pem").toString());
        set(Settings.CRL_SOURCES.getKey(), directory.resolve("absent.crl").toString());

        // Execute
        final PluginConfiguration config = load();

        // Verify: the CRL file is kept (it may appear later and then counts), the responder is not designated
        assertNull(config.policy().revocationOptions().designatedResponder());
        assertEquals(List.of(directory.resolve("absent.crl").toUri()), config.policy().revocationOptions().crlSources());
        assertEquals(2, config.warnings().size(), config.warnings()::toString);
    }

    @Test
    void openfire4PropertiesMapOntoThePolicyWithWarnings() {
        // Setup
        set(Settings.LEGACY_ACCEPT_SELFSIGNED, "true");
        set(Settings.LEGACY_VERIFY_VALIDITY, "false");

        // Execute
        final PluginConfiguration config = load();

        // Verify
        assertTrue(config.policy().acceptSelfSigned());
        assertFalse(config.policy().verifyValidity());
        assertTrue(config.policy().verifyChain());
        assertEquals(2, config.warnings().size(), config.warnings().toString());
    }

    @Test
    void verifyFalseSwitchesOffEveryChainCheck() {
        // Setup
        set(Settings.LEGACY_VERIFY, "false");

        // Execute
        final CertificatePolicy policy = load().policy();

        // Verify
        assertFalse(policy.verifyChain() || policy.verifyRoot() || policy.verifyValidity());
    }

    @Test
    void byDefaultOnlyTheServersOwnOriginMayUseCertificates() {
        // Execute
        final OriginDecision other = load().origins().decide(new BrowserHeaders(List.of("https://chat.example.org"), "cross-site",
            "cors", "empty", "localhost:7443"), "https");

        // Verify
        assertFalse(other.allowed());
    }

    @Test
    void allowedOriginsAreTakenAndStarIsAWarning() {
        // Setup
        set(Settings.WEB_ALLOWED_ORIGINS.getKey(), "https://chat.example.org");
        final BrowserHeaders chat = new BrowserHeaders(List.of("https://chat.example.org"), "cross-site", "cors", "empty", "localhost:7443");
        final BrowserHeaders evil = new BrowserHeaders(List.of("https://evil.example"), "cross-site", "cors", "empty", "localhost:7443");

        // Execute
        final PluginConfiguration listed = load();
        set(Settings.WEB_ALLOWED_ORIGINS.getKey(), "*");
        final PluginConfiguration any = load();

        // Verify
        assertTrue(listed.origins().decide(chat, "https").allowed());
        assertFalse(listed.origins().decide(evil, "https").allowed());
        assertEquals(List.of(), listed.warnings());
        assertTrue(any.origins().decide(evil, "https").allowed());
        assertTrue(any.warnings().stream().anyMatch(w -> w.contains("ANY web site")), any.warnings().toString());
    }

    @Test
    void invalidAllowedOriginsAllowOnlyTheServersOwn() {
        // Setup: one valid entry, one with a path
        set(Settings.WEB_ALLOWED_ORIGINS.getKey(), "https://chat.example.org, https://chat.example.org/converse");

        // Execute
        final PluginConfiguration config = load();

        // Verify
        assertFalse(config.origins().decide(new BrowserHeaders(List.of("https://chat.example.org"), "cross-site", "cors", "empty",
            "localhost:7443"), "https").allowed(), "not even the valid entry: fix the list first");
        assertTrue(config.warnings().stream().anyMatch(w -> w.contains("chat.example.org/converse")), config.warnings().toString());
    }

    @Test
    void scriptSyntaxIsAWarning() {
        // Setup
        set(Settings.BOSH_SCRIPT_SYNTAX, "true");

        // Execute
        final PluginConfiguration config = load();

        // Verify
        assertTrue(config.warnings().stream().anyMatch(w -> w.contains(Settings.BOSH_SCRIPT_SYNTAX)), config.warnings().toString());
    }

    @Test
    void aCatchAllProxyRangeIsAWarning() {
        // Setup
        set("boshcertauth.proxy.format", "nginx");
        set("boshcertauth.proxy.trusted-addresses", "0.0.0.0/0");

        // Execute
        final PluginConfiguration catchAll = load();
        set("boshcertauth.proxy.trusted-addresses", "10.0.0.0/8, ::1");
        final PluginConfiguration own = load();

        // Verify
        assertTrue(catchAll.warnings().stream().anyMatch(w -> w.contains("public Internet")), catchAll.warnings().toString());
        assertEquals(List.of(), own.warnings());
    }

    @Test
    void invalidProxyAddressesTrustNobody() {
        // Setup
        set("boshcertauth.proxy.format", "nginx");
        set("boshcertauth.proxy.trusted-addresses", "10.0.0.1, proxy.example.org");

        // Execute
        final PluginConfiguration config = load();

        // Verify
        assertEquals(ProxyFormat.NGINX, config.proxy().format());
        assertTrue(config.proxy().trustedProxies().isEmpty());
        assertFalse(config.proxy().trustedProxies().contains("10.0.0.1"), "not even the valid entry: fix the list first");
        assertTrue(config.warnings().stream().anyMatch(w -> w.contains("proxy.example.org")), config.warnings().toString());
    }

    @Test
    void unknownProxyFormatDisablesForwardedCertificates() {
        // Setup
        set("boshcertauth.proxy.format", "squid");
        set("boshcertauth.proxy.trusted-addresses", "10.0.0.1");

        // Execute
        final PluginConfiguration config = load();

        // Verify
        assertNull(config.proxy());
        assertTrue(config.warnings().stream().anyMatch(w -> w.contains("boshcertauth.proxy.format")), config.warnings().toString());
    }

    @Test
    void saslMechsWithoutExternalIsReported() {
        // Setup
        set(SaslMechanisms.PROPERTY, "PLAIN,SCRAM-SHA-1");

        // Execute
        final PluginConfiguration config = load();

        // Verify
        assertTrue(config.warnings().stream().anyMatch(w -> w.contains("sasl.mechs")), config.warnings().toString());
    }

    @Test
    void everyGenerationIsNew() {
        // Setup
        final ConfigurationLoader loader = new ConfigurationLoader(() -> Set.of(CA), () -> Set.of("localhost"));

        // Execute
        final long first = loader.load().policy().generation();
        final long second = loader.load().policy().generation();

        // Verify
        assertTrue(second > first);
    }

    // --- identity sources, domain aliases, accepted EKUs (issue 19)

    @Test
    void identityDefaultsAreTodaysBehaviour() {
        // Execute
        final CertificatePolicy policy = load().policy();

        // Verify
        assertEquals(List.of(IdentitySource.XMPP_ADDR), policy.identitySources());
        assertNull(policy.subjectDnPattern());
        assertTrue(policy.domainAliases().isEmpty());
        assertEquals(Set.of(ExtendedKeyUsageRule.CLIENT_AUTH, ExtendedKeyUsageRule.ANY_EXTENDED_KEY_USAGE), policy.acceptedExtendedKeyUsages());
    }

    @Test
    void identitySettingsAreTaken() {
        // Setup
        set(Settings.IDENTITY_SOURCES.getKey(), "upn, xmppAddr, subject-dn");
        set(Settings.SUBJECT_DN_PATTERN.getKey(), "^CN=(\\w+)");
        set(Settings.DOMAIN_ALIASES.getKey(), "corp.localhost=localhost");
        set(Settings.ACCEPTED_EKUS.getKey(), "clientAuth, smartcardLogon, 1.3.6.1.5.5.7.3.4");

        // Execute
        final PluginConfiguration config = load();
        final CertificatePolicy policy = config.policy();

        // Verify
        assertEquals(List.of(IdentitySource.UPN, IdentitySource.XMPP_ADDR, IdentitySource.SUBJECT_DN), policy.identitySources());
        assertEquals("^CN=(\\w+)", policy.subjectDnPattern().regex());
        assertEquals(java.util.Optional.of("localhost"), policy.domainAliases().target("corp.localhost"));
        assertEquals(Set.of(ExtendedKeyUsageRule.CLIENT_AUTH, ExtendedKeyUsageRule.SMARTCARD_LOGON, "1.3.6.1.5.5.7.3.4"),
            policy.acceptedExtendedKeyUsages());
        assertEquals(List.of(), config.warnings());
    }

    @Test
    void policySettingsAreTakenAndAnInvalidListRefusesEveryCertificate() {
        // Setup
        set(Settings.REQUIRED_POLICIES.getKey(), "2.16.840.1.101.3.2.1.3.13");
        set(Settings.INHIBIT_ANY_POLICY.getKey(), "true");
        final PathPolicies taken = load().policy().pathPolicies();
        set(Settings.REQUIRED_POLICIES.getKey(), "piv");

        // Execute
        final PluginConfiguration invalid = load();

        // Verify
        assertEquals(new PathPolicies(Set.of("2.16.840.1.101.3.2.1.3.13"), false, true), taken);
        assertEquals(Set.of(RequiredPolicies.UNSATISFIABLE), invalid.policy().pathPolicies().required());
        assertTrue(invalid.warnings().stream().anyMatch(w -> w.contains("'piv'") && w.contains("refused")), invalid.warnings().toString());
        assertEquals(PathPolicies.DEFAULTS, CertificatePolicy.builder().build().pathPolicies());
    }

    @Test
    void invalidSourcesMeanXmppAddrOnly() {
        // Setup
        set(Settings.IDENTITY_SOURCES.getKey(), "upn, thumbprint");

        // Execute
        final PluginConfiguration config = load();

        // Verify
        assertEquals(List.of(IdentitySource.XMPP_ADDR), config.policy().identitySources());
        assertTrue(config.warnings().stream().anyMatch(w -> w.contains("thumbprint")), config.warnings().toString());
    }

    @Test
    void invalidSubjectDnPatternYieldsNoIdentity() {
        // Setup: two capture groups
        set(Settings.IDENTITY_SOURCES.getKey(), "subject-dn");
        set(Settings.SUBJECT_DN_PATTERN.getKey(), "CN=(\\w+),OU=(\\w+)");

        // Execute
        final PluginConfiguration config = load();

        // Verify
        assertNull(config.policy().subjectDnPattern());
        assertTrue(config.warnings().stream().anyMatch(w -> w.contains("exactly one capture group")), config.warnings().toString());
    }

    @Test
    void subjectDnSourceWithoutPatternIsAWarning() {
        // Setup
        set(Settings.IDENTITY_SOURCES.getKey(), "xmppAddr, subject-dn");

        // Execute
        final PluginConfiguration config = load();

        // Verify
        assertTrue(config.warnings().stream().anyMatch(w -> w.contains(Settings.SUBJECT_DN_PATTERN.getKey())), config.warnings().toString());
    }

    @Test
    void invalidAliasesMeanNone() {
        // Setup: one valid entry, one without a target
        set(Settings.DOMAIN_ALIASES.getKey(), "corp.localhost=localhost, ad.localhost");

        // Execute
        final PluginConfiguration config = load();

        // Verify
        assertTrue(config.policy().domainAliases().isEmpty(), "not even the valid entry: fix the list first");
        assertTrue(config.warnings().stream().anyMatch(w -> w.contains("ad.localhost")), config.warnings().toString());
    }

    @Test
    void aliasOntoADomainNotServedIsAWarning() {
        // Setup
        set(Settings.DOMAIN_ALIASES.getKey(), "corp.example.com=example.com");

        // Execute
        final PluginConfiguration config = load();

        // Verify
        assertTrue(config.warnings().stream().anyMatch(w -> w.contains("does not serve")), config.warnings().toString());
    }

    @Test
    void invalidAcceptedEkusMeanClientAuthOnly() {
        // Setup
        set(Settings.ACCEPTED_EKUS.getKey(), "clientAuth, smartcard, anyExtendedKeyUsage");

        // Execute
        final PluginConfiguration config = load();

        // Verify: neither the valid smartcard-free entries nor anyExtendedKeyUsage widen acceptance
        assertEquals(Set.of(ExtendedKeyUsageRule.CLIENT_AUTH), config.policy().acceptedExtendedKeyUsages());
        assertTrue(config.warnings().stream().anyMatch(w -> w.contains("'smartcard'")), config.warnings().toString());
    }

    @Test
    void acceptedEkusFromTheSettingReachTheChainRule() {
        // Setup: an AD smart-card certificate with only the smartcardLogon purpose
        final TestPki.Issued root = TestPki.rootCa("EKU Root");
        final TestPki.Issued smartcard = TestPki.certificate("alice").xmppAddr("alice@localhost").extendedKeyUsage(TestPki.SMARTCARD_LOGON)
            .issuedBy(root).build();
        final ConfigurationLoader loader = new ConfigurationLoader(() -> Set.of(root.certificate()), () -> Set.of("localhost"));
        set(Settings.REVOCATION_MODE.getKey(), "OFF");

        // Execute
        final Verdict byDefault = verify(loader.load().policy(), smartcard);
        set(Settings.ACCEPTED_EKUS.getKey(), "clientAuth, smartcardLogon");
        final Verdict listed = verify(loader.load().policy(), smartcard);

        // Verify
        assertEquals(FailureReason.BAD_EKU, byDefault.reason(), byDefault::toString);
        assertTrue(listed.isSuccess(), listed::toString);
    }

    private static Verdict verify(CertificatePolicy policy, TestPki.Issued certificate) {
        try (RevocationService revocation = new RevocationService()) {
            return new CertificateVerifier(policy, revocation, java.time.Clock.systemUTC()).verifyChain(certificate.chainWithoutRoot());
        }
    }

    @Test
    void everySettingIsAPluginPropertyWithADescription() throws Exception {
        // Setup
        final Properties bundle = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/boshcertauth_i18n.properties")) {
            if (in != null) {
                bundle.load(in);
            } else {
                try (InputStream file = java.nio.file.Files.newInputStream(java.nio.file.Path.of("src/main/i18n/boshcertauth_i18n.properties"))) {
                    bundle.load(file);
                }
            }
        }

        // Verify
        for (var property : Settings.ALL) {
            assertTrue(property.getKey().startsWith(Settings.PREFIX), property.getKey());
            assertTrue(bundle.containsKey("system_property." + property.getKey()), "no description for " + property.getKey());
        }
    }
}
