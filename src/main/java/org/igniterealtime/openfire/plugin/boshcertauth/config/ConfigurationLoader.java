package org.igniterealtime.openfire.plugin.boshcertauth.config;

import org.igniterealtime.openfire.plugin.boshcertauth.openfire.SaslMechanisms;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.PathPolicies;
import org.igniterealtime.openfire.plugin.boshcertauth.request.proxy.InvalidTrustedProxiesException;
import org.igniterealtime.openfire.plugin.boshcertauth.request.proxy.ProxyFormat;
import org.igniterealtime.openfire.plugin.boshcertauth.request.proxy.ProxySettings;
import org.igniterealtime.openfire.plugin.boshcertauth.request.proxy.TrustedProxies;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.rules.ExtendedKeyUsageRule;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.DirectoryMapping;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.DomainAliases;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.IdentitySource;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.IssuerNamePins;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.IssuerRestrictions;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.ServedDomains;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.SubjectDnPattern;
import org.igniterealtime.openfire.plugin.boshcertauth.request.AllowedOrigins;
import org.igniterealtime.openfire.plugin.boshcertauth.request.OriginPolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationMode;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationOptions;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationSettingParser;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.StaleCrlAction;
import org.jivesoftware.util.JiveGlobals;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Builds the immutable {@link PluginConfiguration} from the plugin's settings, Openfire's related properties, the
 * BOSH truststore and the served domains. Each build gets a new policy generation, so verdicts cached under an older
 * configuration are never reused.
 *
 * <p>The Openfire 4 era properties admins know map onto the policy: {@code xmpp.client.certificate.accept-selfsigned}
 * (accept self-signed client certificates), {@code .verify} (false: no chain, root or validity checks at all),
 * {@code .verify.chain}, {@code .verify.root} and {@code .verify.validity}. Each loosening is reported as a warning.</p>
 */
public final class ConfigurationLoader {

    /** Well-known public addresses far apart: a trusted-proxy list containing one is almost surely a catch-all range. */
    private static final List<String> PUBLIC_SAMPLES = List.of("1.1.1.1", "8.8.8.8", "203.0.113.9", "198.51.100.7",
        "2606:4700:4700::1111", "2001:4860:4860::8888");

    private final Supplier<Set<X509Certificate>> trustedCertificates;
    private final Supplier<Set<String>> domains;
    private final AtomicLong generations = new AtomicLong();

    public ConfigurationLoader(Supplier<Set<X509Certificate>> trustedCertificates, Supplier<Set<String>> domains) {
        this.trustedCertificates = trustedCertificates;
        this.domains = domains;
    }

    public PluginConfiguration load() {
        final List<String> warnings = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        final boolean verify = legacy(Settings.LEGACY_VERIFY, true, false, warnings,
            "client certificates are not verified at all (chain, root and validity)");
        final boolean verifyChain = verify && legacy(Settings.LEGACY_VERIFY_CHAIN, true, false, warnings,
            "the chain of client certificates is not verified");
        final boolean verifyRoot = verify && legacy(Settings.LEGACY_VERIFY_ROOT, true, false, warnings,
            "client certificate chains need not end at a trusted root");
        final boolean verifyValidity = verify && legacy(Settings.LEGACY_VERIFY_VALIDITY, true, false, warnings,
            "expired and not-yet-valid client certificates are accepted");
        final boolean acceptSelfSigned = legacy(Settings.LEGACY_ACCEPT_SELFSIGNED, false, true, warnings,
            "self-signed client certificates are accepted without being in the truststore");

        final Set<String> servedDomains = domains.get();
        final String fallbackDomain = Settings.COMMON_NAME_FALLBACK_DOMAIN.getValue();
        if (Settings.COMMON_NAME_FALLBACK.getValue() && !servedDomains.contains(fallbackDomain.toLowerCase(Locale.ROOT))) {
            warnings.add("The subject CN fallback is on, but its domain '" + fallbackDomain + "' is not served by this server: it can never match.");
        } else if (!fallbackDomain.isEmpty() && !servedDomains.contains(fallbackDomain.toLowerCase(Locale.ROOT))
            && IdentitySource.parseListOrEmpty(Settings.IDENTITY_SOURCES.getValue()).stream()
                .anyMatch(s -> s == IdentitySource.COMMON_NAME || s == IdentitySource.SUBJECT_DN)) {
            warnings.add(Settings.COMMON_NAME_FALLBACK_DOMAIN.getKey() + " '" + fallbackDomain
                + "' is not served by this server: cn and subject-dn values without a domain can never match.");
        }
        final RevocationMode revocation = Settings.REVOCATION_MODE.getValue();
        if (revocation == RevocationMode.OFF) {
            warnings.add("Revocation checking is off: revoked client certificates can log in.");
        }
        final Set<X509Certificate> trust = trustedCertificates.get();
        if (trust.isEmpty()) {
            notes.add("The BOSH client truststore holds no certificates: no client certificate can be trusted.");
        }
        if (!SaslMechanisms.externalEnabled()) {
            warnings.add("SASL EXTERNAL is not enabled in sasl.mechs: certificate login is impossible until it is.");
        }
        if (JiveGlobals.getBooleanProperty(Settings.BOSH_SCRIPT_SYNTAX, false)) {
            warnings.add(Settings.BOSH_SCRIPT_SYNTAX + " is on: BOSH answers GET requests as JavaScript, which any web page can "
                + "include with a <script> tag. Certificate login is refused to such pages from other sites, but password sessions "
                + "can still be read across sites this way; switch it off unless a client needs it.");
        }
        final BoshClientCertPolicy clientCertPolicy = BoshClientCertPolicy.fromPropertyValue(JiveGlobals.getProperty(Settings.BOSH_CLIENT_CERT_POLICY)).orElse(null);
        if (clientCertPolicy == BoshClientCertPolicy.DISABLED) {
            notes.add("httpbind.client.cert.policy is 'disabled': browsers are not asked for a client certificate over BOSH.");
        }

        final CertificatePolicy policy = CertificatePolicy.builder()
            .generation(generations.incrementAndGet())
            .trust(trust)
            .domains(servedDomains)
            .verifyChain(verifyChain)
            .verifyRoot(verifyRoot)
            .verifyValidity(verifyValidity)
            .acceptSelfSigned(acceptSelfSigned)
            .requireClientAuthEku(Settings.REQUIRE_CLIENT_AUTH_EKU.getValue())
            .requireDigitalSignature(Settings.REQUIRE_DIGITAL_SIGNATURE.getValue())
            .minRsaKeyBits(Settings.MIN_RSA_KEY_BITS.getValue())
            .minEcKeyBits(Settings.MIN_EC_KEY_BITS.getValue())
            .allowSha1Signatures(Settings.ALLOW_SHA1.getValue())
            .maxChainLength(Settings.MAX_CHAIN_LENGTH.getValue())
            .strictProfile(Settings.STRICT_PROFILE.getValue())
            .pathPolicies(pathPolicies(warnings))
            .revocationMode(revocation)
            .revocationTimeout(Duration.ofMillis(Settings.REVOCATION_TIMEOUT_MS.getValue()))
            .maxCrlBytes(Settings.MAX_CRL_BYTES.getValue())
            .ocspNonce(Settings.OCSP_NONCE.getValue())
            .emailFallback(Settings.EMAIL_FALLBACK.getValue())
            .commonNameFallback(Settings.COMMON_NAME_FALLBACK.getValue())
            .fallbackDomain(fallbackDomain)
            .domainAuthzidMeansNone(Settings.DOMAIN_AUTHZID_MEANS_NONE.getValue())
            .revocationOptions(revocationOptions(warnings))
            .identitySources(identitySources(warnings))
            .subjectDnPattern(subjectDnPattern(warnings))
            .domainAliases(domainAliases(servedDomains, warnings))
            .acceptedExtendedKeyUsages(acceptedExtendedKeyUsages(warnings))
            .directoryMapping(directoryMapping(warnings))
            .issuerRestrictions(issuerRestrictions(servedDomains, warnings))
            .build();
        return new PluginConfiguration(policy, clientCertPolicy, Settings.MECHANISM_OFFER.getValue(),
            Settings.MECHANISM_ENFORCEMENT.getValue(), Settings.PIN_SESSIONS.getValue(), Settings.RECENT_ATTEMPTS.getValue(),
            proxySettings(warnings, notes), new OriginPolicy(allowedOrigins(warnings)), warnings, notes);
    }

    /**
     * The revocation knobs. Invalid values never widen acceptance, each is reported: an invalid responder URL is not
     * used (the certificates' own responders are), an unreadable responder certificate designates nobody, an invalid
     * CRL source is left out (the others and the distribution points still count), and a stale-crl value that is
     * neither UNKNOWN nor REFUSE means REFUSE. The self-covered CRL signer opt-in, a loosening, is a warning while on.
     */
    static RevocationOptions revocationOptions(List<String> warnings) {
        RevocationOptions options = RevocationOptions.DEFAULTS;
        final String responderUrl = Settings.OCSP_RESPONDER_URL.getValue();
        if (responderUrl != null && !responderUrl.isBlank()) {
            try {
                options = options.withOcspResponder(RevocationSettingParser.httpUrl(responderUrl));
            } catch (IllegalArgumentException e) {
                warnings.add(Settings.OCSP_RESPONDER_URL.getKey() + " is invalid (" + e.getMessage()
                    + "): the OCSP responders named in the certificates are asked instead.");
            }
        }
        final String responderCertificate = Settings.OCSP_RESPONDER_CERTIFICATE.getValue();
        if (responderCertificate != null && !responderCertificate.isBlank()) {
            try {
                final X509Certificate designated = RevocationSettingParser.pemCertificateFile(responderCertificate);
                options = options.withDesignatedResponder(designated);
                final Date today = new Date();
                if (today.before(designated.getNotBefore()) || today.after(designated.getNotAfter())) {
                    warnings.add(Settings.OCSP_RESPONDER_CERTIFICATE.getKey() + ": the certificate is valid only from "
                        + designated.getNotBefore().toInstant() + " to " + designated.getNotAfter().toInstant()
                        + "; its answers are not accepted outside that period.");
                }
            } catch (IllegalArgumentException e) {
                warnings.add(Settings.OCSP_RESPONDER_CERTIFICATE.getKey() + " is invalid (" + e.getMessage()
                    + "): only answers signed by the issuer or a responder it authorized are accepted.");
            }
        }
        final String crlSources = Settings.CRL_SOURCES.getValue();
        if (crlSources != null && !crlSources.isBlank()) {
            final Set<URI> sources = new LinkedHashSet<>();
            for (String entry : crlSources.split("[,\\n]")) {
                if (entry.isBlank()) {
                    continue;
                }
                try {
                    final URI source = RevocationSettingParser.crlSource(entry);
                    sources.add(source);
                    if ("file".equals(source.getScheme()) && !Files.isReadable(Path.of(source))) {
                        warnings.add(Settings.CRL_SOURCES.getKey() + ": " + Path.of(source)
                            + " is not a readable file (yet): it counts as unavailable until it is.");
                    }
                } catch (IllegalArgumentException e) {
                    warnings.add(Settings.CRL_SOURCES.getKey() + ": " + e.getMessage() + "; this entry is ignored.");
                }
            }
            options = options.withCrlSources(List.copyOf(sources));
        }
        // Read raw: Openfire turns an unparseable enum value into the (lenient) default without a word.
        final String staleCrl = JiveGlobals.getProperty(Settings.STALE_CRL.getKey());
        if (staleCrl != null && !staleCrl.isBlank()) {
            try {
                options = options.withStaleCrl(RevocationSettingParser.staleCrl(staleCrl));
            } catch (IllegalArgumentException e) {
                warnings.add(Settings.STALE_CRL.getKey() + " is invalid (" + e.getMessage()
                    + "): a CRL past its nextUpdate refuses the login (REFUSE).");
                options = options.withStaleCrl(StaleCrlAction.REFUSE);
            }
        }
        if (Boolean.TRUE.equals(Settings.SELF_COVERED_CRL_SIGNER.getValue())) {
            options = options.withSelfCoveredCrlSigner(true);
            warnings.add(Settings.SELF_COVERED_CRL_SIGNER.getKey() + " is on: a CRL issuer whose own certificate is covered "
                + "only by the CRL it signs is believed as long as that CRL does not list it, so a stolen CRL issuer key can "
                + "hide that issuer's own revocation.");
        }
        return options;
    }

    // ----- identity sources, domain aliases, accepted EKUs (issue 19). Invalid values never widen acceptance.

    /** The identity sources in order; an invalid list means xmppAddr only (the default). */
    static List<IdentitySource> identitySources(List<String> warnings) {
        try {
            return IdentitySource.parseList(Settings.IDENTITY_SOURCES.getValue());
        } catch (IllegalArgumentException e) {
            warnings.add(Settings.IDENTITY_SOURCES.getKey() + " is invalid (" + e.getMessage()
                + "): only the xmppAddr identity source is used.");
            return List.of(IdentitySource.XMPP_ADDR);
        }
    }

    /** The subject-dn pattern, or null (the subject-dn source then yields nothing) when unset or invalid. */
    static SubjectDnPattern subjectDnPattern(List<String> warnings) {
        final String regex = Settings.SUBJECT_DN_PATTERN.getValue();
        final boolean used = IdentitySource.parseListOrEmpty(Settings.IDENTITY_SOURCES.getValue()).contains(IdentitySource.SUBJECT_DN);
        if (regex == null || regex.isBlank()) {
            if (used) {
                warnings.add("The subject-dn identity source is listed, but " + Settings.SUBJECT_DN_PATTERN.getKey()
                    + " is empty: it never yields an identity.");
            }
            return null;
        }
        try {
            return SubjectDnPattern.compile(regex);
        } catch (IllegalArgumentException e) {
            warnings.add(Settings.SUBJECT_DN_PATTERN.getKey() + " is invalid (" + e.getMessage()
                + "): the subject-dn identity source yields no identity.");
            return null;
        }
    }

    /** The domain aliases; an invalid list means none. An alias onto a domain not served here is reported. */
    static DomainAliases domainAliases(Set<String> servedDomains, List<String> warnings) {
        final DomainAliases aliases;
        try {
            aliases = DomainAliases.parse(Settings.DOMAIN_ALIASES.getValue());
        } catch (IllegalArgumentException e) {
            warnings.add(Settings.DOMAIN_ALIASES.getKey() + " is invalid (" + e.getMessage() + "): no domain alias is used.");
            return DomainAliases.NONE;
        }
        final ServedDomains served = new ServedDomains(servedDomains);
        aliases.asMap().forEach((alias, target) -> {
            if (!served.serves(target)) {
                warnings.add(Settings.DOMAIN_ALIASES.getKey() + ": '" + alias + "' stands for '" + target
                    + "', which this server does not serve: identities in it stay foreign.");
            }
            if (served.serves(alias)) {
                warnings.add(Settings.DOMAIN_ALIASES.getKey() + ": '" + alias + "' is itself served here; the alias is never used for it.");
            }
        });
        return aliases;
    }

    /** The certificate-policy inputs; an invalid policy list refuses every certificate (it never restricts nothing). */
    static PathPolicies pathPolicies(List<String> warnings) {
        Set<String> required;
        try {
            required = RequiredPolicies.parse(Settings.REQUIRED_POLICIES.getValue());
        } catch (IllegalArgumentException e) {
            warnings.add(Settings.REQUIRED_POLICIES.getKey() + " is invalid (" + e.getMessage()
                + "): every certificate login is refused until it is corrected.");
            required = Set.of(RequiredPolicies.UNSATISFIABLE);
        }
        return new PathPolicies(required, Settings.INHIBIT_POLICY_MAPPING.getValue(), Settings.INHIBIT_ANY_POLICY.getValue());
    }

    /**
     * Which sources are looked up in the user directory. An invalid list means none (those sources are then mapped by
     * domain, as without the setting, which never reaches users the directory would not name); a listed source that
     * is not among the identity sources is reported.
     */
    static DirectoryMapping directoryMapping(List<String> warnings) {
        final DirectoryMapping mapping;
        try {
            mapping = DirectoryMapping.parse(Settings.DIRECTORY_ATTRIBUTES.getValue(),
                Duration.ofMillis(Settings.DIRECTORY_TIMEOUT_MS.getValue()), Duration.ofSeconds(Settings.DIRECTORY_CACHE_SECONDS.getValue()))
                .withWeakIssuerSubject(Boolean.TRUE.equals(Settings.DIRECTORY_WEAK_ISSUER_SUBJECT.getValue()));
        } catch (IllegalArgumentException e) {
            warnings.add(Settings.DIRECTORY_ATTRIBUTES.getKey() + " is invalid (" + e.getMessage() + "): nothing is looked up in the user directory.");
            return DirectoryMapping.NONE;
        }
        final List<IdentitySource> sources = IdentitySource.parseListOrEmpty(Settings.IDENTITY_SOURCES.getValue());
        IssuerNamePins pins;
        try {
            pins = IssuerNamePins.parse(Settings.DIRECTORY_ISSUER_NAME_CAS.getValue());
        } catch (IllegalArgumentException e) {
            // ignoring it would fall back to the truststore, which may be what the list was meant to narrow
            warnings.add(Settings.DIRECTORY_ISSUER_NAME_CAS.getKey() + " is invalid (" + e.getMessage()
                + "): no issuing CA is pinned, so no issuer-name binding (X509:<I>…<SR>…, <I>…<S>…, issuer;serial) counts until it is corrected.");
            pins = IssuerNamePins.NONE;
        }
        mapping.attributes().keySet().stream().filter(s -> !sources.contains(s)).forEach(s -> warnings.add(
            Settings.DIRECTORY_ATTRIBUTES.getKey() + " maps '" + s + "', which is not in " + Settings.IDENTITY_SOURCES.getKey() + ": it is never used."));
        return mapping.withIssuerNamePins(pins);
    }

    /**
     * What each issuing CA may vouch for. An invalid setting cannot be applied, and ignoring it would let a partner
     * CA log in as staff: then no CA may vouch for anyone (every certificate login is refused) until it is corrected.
     */
    static IssuerRestrictions issuerRestrictions(Set<String> servedDomains, List<String> warnings) {
        final IssuerRestrictions restrictions;
        try {
            restrictions = IssuerRestrictions.parse(Settings.CA_RESTRICTIONS.getValue());
        } catch (IllegalArgumentException e) {
            warnings.add(Settings.CA_RESTRICTIONS.getKey() + " is invalid (" + e.getMessage()
                + "): every certificate login is refused until it is corrected.");
            return IssuerRestrictions.DENY_ALL;
        }
        final ServedDomains served = new ServedDomains(servedDomains);
        restrictions.rules().forEach(rule -> {
            if (rule.domains() != null) {
                rule.domains().stream().filter(d -> !served.serves(d)).forEach(d -> warnings.add(Settings.CA_RESTRICTIONS.getKey()
                    + ": '" + d + "' is not served here; no identity in it can log in anyway."));
            }
        });
        return restrictions;
    }

    /** The accepted extendedKeyUsage purposes; an invalid list means clientAuth only. */
    static Set<String> acceptedExtendedKeyUsages(List<String> warnings) {
        try {
            return AcceptedKeyPurposes.parse(Settings.ACCEPTED_EKUS.getValue());
        } catch (IllegalArgumentException e) {
            warnings.add(Settings.ACCEPTED_EKUS.getKey() + " is invalid (" + e.getMessage()
                + "): only certificates for clientAuth (or without extendedKeyUsage) are accepted.");
            return Set.of(ExtendedKeyUsageRule.CLIENT_AUTH);
        }
    }

    /** The allowed web origins. An invalid list never widens anything: then only the server's own origin is allowed. */
    static AllowedOrigins allowedOrigins(List<String> warnings) {
        final AllowedOrigins allowed;
        try {
            allowed = AllowedOrigins.parse(Settings.WEB_ALLOWED_ORIGINS.getValue());
        } catch (IllegalArgumentException e) {
            warnings.add(Settings.WEB_ALLOWED_ORIGINS.getKey() + " is invalid (" + e.getMessage()
                + "): only this server's own web pages may use client certificates.");
            return AllowedOrigins.none();
        }
        if (!allowed.insecure().isEmpty()) {
            warnings.add(Settings.WEB_ALLOWED_ORIGINS.getKey() + " lists plain-http origins (" + allowed.insecure().stream()
                .map(Object::toString).collect(java.util.stream.Collectors.joining(", ")) + "): anyone on the network path can "
                + "inject a script into those pages that logs visitors in with their certificate. Serve the web client over https.");
        }
        if (allowed.any()) {
            warnings.add(Settings.WEB_ALLOWED_ORIGINS.getKey() + " is '*': a page on ANY web site a user visits can log "
                + "them in with their client certificate and act as them. List the origins of your web clients instead.");
        }
        return allowed;
    }

    /**
     * The reverse-proxy settings, or null when no format is configured. Invalid values never widen trust: an invalid
     * address list trusts nobody, an invalid format disables forwarded certificates (and both are reported).
     */
    private static ProxySettings proxySettings(List<String> warnings, List<String> notes) {
        final String formatSetting = Settings.PROXY_FORMAT.getValue();
        final String addresses = Settings.PROXY_TRUSTED_ADDRESSES.getValue();
        if (formatSetting == null || formatSetting.isBlank()) {
            if (addresses != null && !addresses.isBlank()) {
                warnings.add("boshcertauth.proxy.trusted-addresses is set but boshcertauth.proxy.format is not: forwarded certificates are ignored.");
            }
            return null;
        }
        final ProxyFormat format;
        try {
            format = ProxyFormat.fromSetting(formatSetting);
        } catch (IllegalArgumentException e) {
            warnings.add("boshcertauth.proxy.format: " + e.getMessage() + " Forwarded certificates are ignored.");
            return null;
        }
        TrustedProxies trusted;
        try {
            trusted = TrustedProxies.parse(addresses == null ? "" : addresses);
        } catch (InvalidTrustedProxiesException e) {
            warnings.add("boshcertauth.proxy.trusted-addresses is invalid (" + String.join("; ", e.errors()) + "): no proxy is trusted.");
            trusted = TrustedProxies.none();
        }
        if (trusted.isEmpty()) {
            notes.add("No reverse proxy is trusted: forwarded-certificate headers are ignored (and logged).");
        } else if (PUBLIC_SAMPLES.stream().anyMatch(trusted::contains)) {
            warnings.add("boshcertauth.proxy.trusted-addresses trusts addresses on the public Internet (a catch-all range such as "
                + "0.0.0.0/0 or ::/0?): anyone who reaches Openfire from there can send a forwarded-certificate header and log in "
                + "as any certificate's user. List only your proxies' addresses.");
        }
        try {
            return new ProxySettings(trusted, format, Settings.PROXY_HEADER.getValue(), Settings.PROXY_MAX_HEADER_BYTES.getValue(),
                Settings.PROXY_MAX_CHAIN_LENGTH.getValue());
        } catch (IllegalArgumentException e) {
            warnings.add("boshcertauth.proxy.header: " + e.getMessage() + ". Forwarded certificates are ignored.");
            return null;
        }
    }

    /** Reads an Openfire 4 era boolean; records a warning when it has the loosening value. */
    private static boolean legacy(String key, boolean defaultValue, boolean looseValue, List<String> warnings, String meaning) {
        final boolean value = JiveGlobals.getBooleanProperty(key, defaultValue);
        if (value == looseValue) {
            warnings.add(key + "=" + value + ": " + meaning + ".");
        }
        return value;
    }
}
