package org.igniterealtime.openfire.plugin.boshcertauth.certificate;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.rules.AlgorithmFloorRule;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.rules.CertificateRule;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.rules.ChainLengthRule;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.rules.ExtendedKeyUsageRule;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.rules.KeyUsageRule;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.rules.LeafNotCaRule;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.rules.PkixPathRule;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.rules.SelfSignedLeafRule;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.rules.StrictProfileRule;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.rules.TrustAnchorRule;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.rules.ValidityRule;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.rules.WellFormedRule;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.DirectoryMapping;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.DomainAliases;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.IdentitySource;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.IssuerRestrictions;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.SubjectDnPattern;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationMode;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationOptions;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationService;

import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The immutable certificate policy: everything the certificate core needs to reach a verdict. Built from the plugin's
 * settings (and Openfire's truststore) and swapped atomically when they change; {@link #generation()} distinguishes
 * successive policies so that cached verdicts of an older policy are never reused.
 *
 * <p>Defaults are strict (fail closed); every loosening is an explicit setting.</p>
 */
public record CertificatePolicy(
    long generation,
    Set<TrustAnchor> trustAnchors,
    Set<X509Certificate> trustedCertificates,
    Set<String> domains,
    boolean verifyChain,
    boolean verifyRoot,
    boolean verifyValidity,
    boolean acceptSelfSigned,
    boolean requireClientAuthEku,
    boolean requireDigitalSignature,
    int minRsaKeyBits,
    int minEcKeyBits,
    boolean allowSha1Signatures,
    int maxChainLength,
    RevocationMode revocationMode,
    Duration revocationTimeout,
    long maxCrlBytes,
    boolean ocspNonce,
    boolean emailFallback,
    boolean commonNameFallback,
    String fallbackDomain,
    boolean domainAuthzidMeansNone,
    // --- revocation knobs (issue 14): OCSP responder override, designated responder, configured CRLs, stale CRLs
    RevocationOptions revocationOptions,
    // --- path validation (issue 14)
    boolean strictProfile,
    PathPolicies pathPolicies,
    // --- identity sources, domain mapping, accepted EKUs (issue 19)
    List<IdentitySource> identitySources,
    SubjectDnPattern subjectDnPattern,
    DomainAliases domainAliases,
    Set<String> acceptedExtendedKeyUsages,
    // --- end issue 19
    // --- issue 19, directory mapping (LDAP / user properties)
    DirectoryMapping directoryMapping,
    // --- issue 19, which CA may vouch for which users
    IssuerRestrictions issuerRestrictions
) {
    public CertificatePolicy {
        trustAnchors = Set.copyOf(trustAnchors);
        trustedCertificates = Set.copyOf(trustedCertificates);
        domains = domains.stream().map(d -> d.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toUnmodifiableSet());
        if (maxChainLength < 1) {
            throw new IllegalArgumentException("maxChainLength must be at least 1");
        }
        if (revocationTimeout.isNegative() || revocationTimeout.isZero()) {
            throw new IllegalArgumentException("revocationTimeout must be positive");
        }
        fallbackDomain = fallbackDomain == null ? "" : fallbackDomain.toLowerCase(Locale.ROOT);
        revocationOptions = revocationOptions == null ? RevocationOptions.DEFAULTS : revocationOptions;
        pathPolicies = pathPolicies == null ? PathPolicies.DEFAULTS : pathPolicies;
        // --- issue 19: subjectDnPattern may be null (none configured: the subject-dn source yields nothing)
        identitySources = List.copyOf(identitySources);
        domainAliases = domainAliases == null ? DomainAliases.NONE : domainAliases;
        acceptedExtendedKeyUsages = Set.copyOf(acceptedExtendedKeyUsages);
        // --- end issue 19
        directoryMapping = directoryMapping == null ? DirectoryMapping.NONE : directoryMapping;
        issuerRestrictions = issuerRestrictions == null ? IssuerRestrictions.NONE : issuerRestrictions;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        final Builder b = new Builder();
        b.generation = generation; b.trustAnchors = trustAnchors; b.trustedCertificates = trustedCertificates;
        b.domains = domains; b.verifyChain = verifyChain; b.verifyRoot = verifyRoot; b.verifyValidity = verifyValidity;
        b.acceptSelfSigned = acceptSelfSigned; b.requireClientAuthEku = requireClientAuthEku;
        b.requireDigitalSignature = requireDigitalSignature; b.minRsaKeyBits = minRsaKeyBits; b.minEcKeyBits = minEcKeyBits;
        b.allowSha1Signatures = allowSha1Signatures; b.maxChainLength = maxChainLength; b.revocationMode = revocationMode;
        b.revocationTimeout = revocationTimeout; b.maxCrlBytes = maxCrlBytes; b.ocspNonce = ocspNonce;
        b.emailFallback = emailFallback; b.commonNameFallback = commonNameFallback; b.fallbackDomain = fallbackDomain;
        b.domainAuthzidMeansNone = domainAuthzidMeansNone;
        b.revocationOptions = revocationOptions; // revocation knobs (issue 14)
        // --- path validation (issue 14)
        b.strictProfile = strictProfile; b.pathPolicies = pathPolicies;
        // --- issue 19
        b.identitySources = identitySources; b.subjectDnPattern = subjectDnPattern; b.domainAliases = domainAliases;
        b.acceptedExtendedKeyUsages = acceptedExtendedKeyUsages;
        // --- end issue 19
        b.directoryMapping = directoryMapping;
        b.issuerRestrictions = issuerRestrictions;
        return b;
    }

    /**
     * The chain rules this policy asks for, in the order they run (the first failure wins), each given its settings:
     * chain length, well-formedness, validity (unless {@code verifyValidity} is off), the trust anchor and its name
     * constraints (when {@code verifyChain}), the RFC 5280 profile (when {@code strictProfile}), leaf is no CA, keyUsage (when
     * {@code requireDigitalSignature}), extendedKeyUsage (when {@code requireClientAuthEku}: one of
     * {@code acceptedExtendedKeyUsages}), algorithm floor,
     * self-signed leaf (unless {@code acceptSelfSigned}), PKIX path with revocation (when {@code verifyChain}; revocation
     * unless its mode is OFF). In the manner of Bouncy Castle's {@code org.bouncycastle.cert.path}: the caller composes
     * the rules, no rule reads the policy to decide whether it applies.
     */
    public List<CertificateRule> chainRules(RevocationService revocation) {
        final List<CertificateRule> rules = new ArrayList<>();
        rules.add(new ChainLengthRule(maxChainLength));
        rules.add(new WellFormedRule());
        if (verifyValidity) {
            rules.add(new ValidityRule());
        }
        final AlgorithmFloorRule algorithmFloor = new AlgorithmFloorRule(minRsaKeyBits, minEcKeyBits, allowSha1Signatures);
        if (verifyChain) {
            rules.add(new TrustAnchorRule(algorithmFloor, verifyValidity));
        }
        if (strictProfile) {
            rules.add(new StrictProfileRule());
        }
        rules.add(new LeafNotCaRule());
        if (requireDigitalSignature) {
            rules.add(new KeyUsageRule());
        }
        if (requireClientAuthEku) {
            rules.add(new ExtendedKeyUsageRule(acceptedExtendedKeyUsages));
        }
        rules.add(algorithmFloor);
        if (!acceptSelfSigned) {
            rules.add(new SelfSignedLeafRule(trustedCertificates));
        }
        if (verifyChain) {
            final Optional<PkixPathRule.Revocation> checking = revocationMode == RevocationMode.OFF ? Optional.empty()
                : Optional.of(new PkixPathRule.Revocation(revocation, this));
            rules.add(new PkixPathRule(trustAnchors, verifyRoot, verifyValidity, pathPolicies, checking));
        }
        return List.copyOf(rules);
    }

    /** Every certificate the administrator trusts: the exactly-trusted ones and those of the trust anchors. */
    public Set<X509Certificate> trustedCertificatesAndAnchors() {
        final Set<X509Certificate> all = new LinkedHashSet<>(trustedCertificates);
        for (TrustAnchor anchor : trustAnchors) {
            if (anchor.getTrustedCert() != null) {
                all.add(anchor.getTrustedCert());
            }
        }
        return Set.copyOf(all);
    }

    /** Collects the certificates of a truststore as trust anchors (and as the set of exactly-trusted certificates). */
    public static Set<X509Certificate> certificatesOf(KeyStore trustStore) throws KeyStoreException {
        final Set<X509Certificate> result = new LinkedHashSet<>();
        for (Enumeration<String> aliases = trustStore.aliases(); aliases.hasMoreElements(); ) {
            final Certificate certificate = trustStore.getCertificate(aliases.nextElement());
            if (certificate instanceof X509Certificate x509) {
                result.add(x509);
            }
        }
        return Collections.unmodifiableSet(result);
    }

    /** Builder with the strict defaults. */
    public static final class Builder {
        private long generation;
        private Set<TrustAnchor> trustAnchors = Set.of();
        private Set<X509Certificate> trustedCertificates = Set.of();
        private Set<String> domains = Set.of();
        private boolean verifyChain = true;
        private boolean verifyRoot = true;
        private boolean verifyValidity = true;
        private boolean acceptSelfSigned = false;
        private boolean requireClientAuthEku = true;
        private boolean requireDigitalSignature = true;
        private int minRsaKeyBits = 2048;
        private int minEcKeyBits = 256;
        private boolean allowSha1Signatures = false;
        private int maxChainLength = 5;
        private RevocationMode revocationMode = RevocationMode.SOFT_FAIL;
        private Duration revocationTimeout = Duration.ofSeconds(5);
        private long maxCrlBytes = 10L * 1024 * 1024;
        private boolean ocspNonce = false;
        private boolean emailFallback = false;
        private boolean commonNameFallback = false;
        private String fallbackDomain = "";
        private boolean domainAuthzidMeansNone = true;
        // --- path validation (issue 14)
        private boolean strictProfile = false;
        private PathPolicies pathPolicies = PathPolicies.DEFAULTS;

        // --- revocation knobs (issue 14): see RevocationOptions; defaults: only the certificates' own sources
        private RevocationOptions revocationOptions = RevocationOptions.DEFAULTS;
        public Builder revocationOptions(RevocationOptions v) { revocationOptions = v; return this; }
        // --- end of revocation knobs
        // --- identity sources, domain mapping, accepted EKUs (issue 19); defaults: today's behaviour
        private List<IdentitySource> identitySources = List.of(IdentitySource.XMPP_ADDR);
        private SubjectDnPattern subjectDnPattern;
        private DomainAliases domainAliases = DomainAliases.NONE;
        private Set<String> acceptedExtendedKeyUsages = ExtendedKeyUsageRule.DEFAULT_ACCEPTED;
        // --- end issue 19
        private DirectoryMapping directoryMapping = DirectoryMapping.NONE;
        private IssuerRestrictions issuerRestrictions = IssuerRestrictions.NONE;

        private Builder() {}

        public Builder generation(long v) { generation = v; return this; }
        /** Trust anchors and exactly-trusted certificates, both from the given certificates. */
        public Builder trust(Set<X509Certificate> certificates) {
            final Set<TrustAnchor> anchors = new LinkedHashSet<>();
            for (X509Certificate c : certificates) {
                anchors.add(new TrustAnchor(c, null));
            }
            trustAnchors = anchors;
            trustedCertificates = Set.copyOf(certificates);
            return this;
        }
        public Builder domains(Set<String> v) { domains = v; return this; }
        public Builder verifyChain(boolean v) { verifyChain = v; return this; }
        public Builder verifyRoot(boolean v) { verifyRoot = v; return this; }
        public Builder verifyValidity(boolean v) { verifyValidity = v; return this; }
        public Builder acceptSelfSigned(boolean v) { acceptSelfSigned = v; return this; }
        public Builder requireClientAuthEku(boolean v) { requireClientAuthEku = v; return this; }
        public Builder requireDigitalSignature(boolean v) { requireDigitalSignature = v; return this; }
        public Builder minRsaKeyBits(int v) { minRsaKeyBits = v; return this; }
        public Builder minEcKeyBits(int v) { minEcKeyBits = v; return this; }
        public Builder allowSha1Signatures(boolean v) { allowSha1Signatures = v; return this; }
        public Builder maxChainLength(int v) { maxChainLength = v; return this; }
        public Builder revocationMode(RevocationMode v) { revocationMode = v; return this; }
        public Builder revocationTimeout(Duration v) { revocationTimeout = v; return this; }
        public Builder maxCrlBytes(long v) { maxCrlBytes = v; return this; }
        public Builder ocspNonce(boolean v) { ocspNonce = v; return this; }
        public Builder emailFallback(boolean v) { emailFallback = v; return this; }
        public Builder commonNameFallback(boolean v) { commonNameFallback = v; return this; }
        public Builder fallbackDomain(String v) { fallbackDomain = v; return this; }
        public Builder domainAuthzidMeansNone(boolean v) { domainAuthzidMeansNone = v; return this; }
        // --- path validation (issue 14)
        /** RFC 5280 certificate-profile MUSTs for the path below the anchor ({@link StrictProfileRule}). */
        public Builder strictProfile(boolean v) { strictProfile = v; return this; }
        /** Certificate-policy inputs of path validation ({@link PathPolicies}). */
        public Builder pathPolicies(PathPolicies v) { pathPolicies = v; return this; }
        // --- issue 19
        /** The identity sources in the order they are tried. */
        public Builder identitySources(List<IdentitySource> v) { identitySources = v; return this; }
        /** The subject-dn source's pattern, or null for none. */
        public Builder subjectDnPattern(SubjectDnPattern v) { subjectDnPattern = v; return this; }
        public Builder domainAliases(DomainAliases v) { domainAliases = v; return this; }
        /** Dotted OIDs of the extendedKeyUsage purposes of which a client certificate must carry one. */
        public Builder acceptedExtendedKeyUsages(Set<String> v) { acceptedExtendedKeyUsages = v; return this; }
        // --- end issue 19
        /** Which identity sources are looked up in the user directory, by which attributes. */
        public Builder directoryMapping(DirectoryMapping v) { directoryMapping = v; return this; }
        /** Which identity sources and domains each issuing CA may use. */
        public Builder issuerRestrictions(IssuerRestrictions v) { issuerRestrictions = v; return this; }

        public CertificatePolicy build() {
            return new CertificatePolicy(generation, trustAnchors, trustedCertificates, domains, verifyChain, verifyRoot,
                verifyValidity, acceptSelfSigned, requireClientAuthEku, requireDigitalSignature, minRsaKeyBits, minEcKeyBits,
                allowSha1Signatures, maxChainLength, revocationMode, revocationTimeout, maxCrlBytes, ocspNonce,
                emailFallback, commonNameFallback, fallbackDomain, domainAuthzidMeansNone,
                revocationOptions,
                // --- path validation (issue 14)
                strictProfile, pathPolicies,

                identitySources, subjectDnPattern, domainAliases, acceptedExtendedKeyUsages,
                directoryMapping, issuerRestrictions);
        }
    }
}
