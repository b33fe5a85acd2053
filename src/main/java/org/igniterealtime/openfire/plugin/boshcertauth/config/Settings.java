package org.igniterealtime.openfire.plugin.boshcertauth.config;

import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationMode;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.StaleCrlAction;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.MechanismEnforcement;
import org.igniterealtime.openfire.plugin.boshcertauth.sasl.MechanismOffer;
import org.jivesoftware.util.SystemProperty;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The plugin's settings as typed Openfire system properties (shown under Server → System Properties with their
 * descriptions from the i18n bundle, removed by Openfire when the plugin is unloaded), and the keys of Openfire's own
 * properties the plugin reads. Defaults are strict; every loosening is an explicit setting.
 */
public final class Settings {

    /** The allowed range of an integer setting (inclusive), as given to its SystemProperty; SystemProperty does not expose it. */
    public record IntRange(int min, int max) {
        public boolean contains(long value) {
            return value >= min && value <= max;
        }
    }

    /** Declared before the properties: their initialisers fill it. */
    private static final Map<String, IntRange> RANGES = new ConcurrentHashMap<>();

    /** Must equal plugin.xml's {@code <name>}: Openfire removes the plugin's properties by this name. */
    public static final String PLUGIN_NAME = "Certificate Login for Web Clients";

    // ----- Openfire's own properties
    /** Openfire's TLS client-authentication policy for BOSH: disabled / wanted / needed (saving restarts BOSH). */
    public static final String BOSH_CLIENT_CERT_POLICY = "httpbind.client.cert.policy";
    /** Openfire's BOSH script syntax (XEP-0124 appendix): GET requests answered as JavaScript. */
    public static final String BOSH_SCRIPT_SYNTAX = "xmpp.httpbind.scriptSyntax.enabled";
    /** Openfire 4 era: accept self-signed client certificates. */
    public static final String LEGACY_ACCEPT_SELFSIGNED = "xmpp.client.certificate.accept-selfsigned";
    /** Openfire 4 era: verify client certificates at all. */
    public static final String LEGACY_VERIFY = "xmpp.client.certificate.verify";
    /** Openfire 4 era: verify the chain of client certificates. */
    public static final String LEGACY_VERIFY_CHAIN = "xmpp.client.certificate.verify.chain";
    /** Openfire 4 era: verify that the chain ends at a trusted root. */
    public static final String LEGACY_VERIFY_ROOT = "xmpp.client.certificate.verify.root";
    /** Openfire 4 era: verify the validity period of client certificates. */
    public static final String LEGACY_VERIFY_VALIDITY = "xmpp.client.certificate.verify.validity";

    public static final List<String> LEGACY_KEYS = List.of(LEGACY_ACCEPT_SELFSIGNED, LEGACY_VERIFY, LEGACY_VERIFY_CHAIN,
        LEGACY_VERIFY_ROOT, LEGACY_VERIFY_VALIDITY);

    /** Prefix of every property this plugin defines. */
    public static final String PREFIX = "boshcertauth.";

    // ----- identity
    public static final SystemProperty<Boolean> EMAIL_FALLBACK = bool("boshcertauth.identity.email-fallback", false);
    public static final SystemProperty<Boolean> COMMON_NAME_FALLBACK = bool("boshcertauth.identity.cn-fallback", false);
    public static final SystemProperty<String> COMMON_NAME_FALLBACK_DOMAIN = string("boshcertauth.identity.cn-fallback.domain", "");
    public static final SystemProperty<Boolean> DOMAIN_AUTHZID_MEANS_NONE = bool("boshcertauth.identity.domain-authzid-means-none", true);
    // identity sources and mapping by domain (issue 19); email-fallback / cn-fallback append email / cn to the sources
    /** Ordered, comma-separated: xmppAddr, upn, email, subject-dn, cn (see identity.IdentitySource). */
    public static final SystemProperty<String> IDENTITY_SOURCES = string("boshcertauth.identity.sources", "xmppAddr");
    /** Java regex with exactly one capture group, searched in the subject DN (RFC 4514) for the subject-dn source. */
    public static final SystemProperty<String> SUBJECT_DN_PATTERN = string("boshcertauth.identity.subject-dn.pattern", "");
    /** {@code alias=domain, ...}: certificate domains (UPN suffixes, e-mail domains) that stand for a served XMPP domain. */
    public static final SystemProperty<String> DOMAIN_ALIASES = string("boshcertauth.identity.domain-aliases", "");
    // directory mapping (issue 19): sources looked up in Openfire's LDAP / default user store (identity.DirectoryMapping)
    /** {@code source=attribute, ...} (e.g. upn=userPrincipalName, certificate=altSecurityIdentities); empty: no look-ups. */
    public static final SystemProperty<String> DIRECTORY_ATTRIBUTES = string("boshcertauth.identity.directory.attributes", "");
    public static final SystemProperty<Integer> DIRECTORY_TIMEOUT_MS = integer("boshcertauth.identity.directory.timeout-ms", 3000, 100, 30000);
    public static final SystemProperty<Integer> DIRECTORY_CACHE_SECONDS = integer("boshcertauth.identity.directory.cache-seconds", 300, 1, 86400);
    /** Also match AD altSecurityIdentities' weak X509:<I>issuer<S>subject form (KB5014754); off: only the strong forms. */
    public static final SystemProperty<Boolean> DIRECTORY_WEAK_ISSUER_SUBJECT = bool("boshcertauth.identity.directory.weak-issuer-subject", false);
    /**
     * {@code sha256:<hex>, ...}: the issuing CAs that the issuer-name bindings (AD's X509:<I><SR> and <I><S>, issuer;serial)
     * may speak for (identity.IssuerNamePins, review M6); empty: the truststore's certificates.
     */
    public static final SystemProperty<String> DIRECTORY_ISSUER_NAME_CAS = string("boshcertauth.identity.directory.issuer-name-cas", "");
    /** {@code issuer | sources | domains; ...}: what each issuing CA may vouch for (identity.IssuerRestrictions); empty: any. */
    public static final SystemProperty<String> CA_RESTRICTIONS = string("boshcertauth.identity.ca-restrictions", "");

    // ----- certificate rules
    public static final SystemProperty<Boolean> REQUIRE_CLIENT_AUTH_EKU = bool("boshcertauth.certificate.require-client-auth-eku", true);
    /** extendedKeyUsage purposes of which a client certificate must carry one (issue 19): names or dotted OIDs. */
    public static final SystemProperty<String> ACCEPTED_EKUS = string("boshcertauth.certificate.accepted-ekus", "clientAuth, anyExtendedKeyUsage");
    public static final SystemProperty<Boolean> REQUIRE_DIGITAL_SIGNATURE = bool("boshcertauth.certificate.require-digital-signature", true);
    public static final SystemProperty<Integer> MIN_RSA_KEY_BITS = integer("boshcertauth.certificate.min-rsa-key-bits", 2048, 1024, 16384);
    public static final SystemProperty<Integer> MIN_EC_KEY_BITS = integer("boshcertauth.certificate.min-ec-key-bits", 256, 160, 571);
    public static final SystemProperty<Boolean> ALLOW_SHA1 = bool("boshcertauth.certificate.allow-sha1-signatures", false);
    public static final SystemProperty<Integer> MAX_CHAIN_LENGTH = integer("boshcertauth.certificate.max-chain-length", 5, 1, 10);
    /** RFC 5280 certificate-profile MUSTs (certificate/rules/StrictProfileRule); off: accept what real CAs issue. */
    public static final SystemProperty<Boolean> STRICT_PROFILE = bool("boshcertauth.certificate.strict-profile", false);
    /** Certificate policy OIDs (or anyPolicy) of which the path must be valid for one; explicit policy then required. */
    public static final SystemProperty<String> REQUIRED_POLICIES = string("boshcertauth.certificate.required-policies", "");
    public static final SystemProperty<Boolean> INHIBIT_POLICY_MAPPING = bool("boshcertauth.certificate.inhibit-policy-mapping", false);
    public static final SystemProperty<Boolean> INHIBIT_ANY_POLICY = bool("boshcertauth.certificate.inhibit-any-policy", false);

    // ----- revocation
    public static final SystemProperty<RevocationMode> REVOCATION_MODE = SystemProperty.Builder.ofType(RevocationMode.class)
        .setKey("boshcertauth.revocation.mode").setDefaultValue(RevocationMode.SOFT_FAIL).setDynamic(true).setPlugin(PLUGIN_NAME).build();
    public static final SystemProperty<Integer> REVOCATION_TIMEOUT_MS = integer("boshcertauth.revocation.timeout-ms", 5000, 100, 60000);
    public static final SystemProperty<Integer> MAX_CRL_BYTES = integer("boshcertauth.revocation.max-crl-bytes", 10 * 1024 * 1024, 1024, 200 * 1024 * 1024);
    public static final SystemProperty<Boolean> OCSP_NONCE = bool("boshcertauth.revocation.ocsp-nonce", false);
    /** An http(s) OCSP responder asked instead of the certificates' authorityInfoAccess; empty: their own. */
    public static final SystemProperty<String> OCSP_RESPONDER_URL = string("boshcertauth.revocation.ocsp.responder-url", "");
    /** Absolute path of a PEM file with the one certificate whose signature is accepted on OCSP answers (RFC 6960 §4.2.2.2). */
    public static final SystemProperty<String> OCSP_RESPONDER_CERTIFICATE = string("boshcertauth.revocation.ocsp.responder-certificate", "");
    /** Comma-separated absolute CRL file paths and http(s) CRL URLs, consulted before the distribution points. */
    public static final SystemProperty<String> CRL_SOURCES = string("boshcertauth.revocation.crl.sources", "");
    /** What a CRL past its nextUpdate means when nothing answered definitively. */
    public static final SystemProperty<StaleCrlAction> STALE_CRL = SystemProperty.Builder.ofType(StaleCrlAction.class)
        .setKey("boshcertauth.revocation.stale-crl").setDefaultValue(StaleCrlAction.UNKNOWN).setDynamic(true).setPlugin(PLUGIN_NAME).build();
    /**
     * A CRL issuer's certificate covered only by the CRL it signs is judged by that CRL (RFC 5280 §6.3.3 (f), NIST PKITS
     * 4.14.30); off: such a CRL is not believed (it would vouch for its own signer).
     */
    public static final SystemProperty<Boolean> SELF_COVERED_CRL_SIGNER = bool("boshcertauth.revocation.crl.self-covered-signer", false);

    // ----- BOSH and SASL
    public static final SystemProperty<MechanismOffer> MECHANISM_OFFER = SystemProperty.Builder.ofType(MechanismOffer.class)
        .setKey("boshcertauth.sasl.offer").setDefaultValue(MechanismOffer.EXTERNAL_ONLY).setDynamic(true).setPlugin(PLUGIN_NAME).build();
    public static final SystemProperty<MechanismEnforcement> MECHANISM_ENFORCEMENT = SystemProperty.Builder.ofType(MechanismEnforcement.class)
        .setKey("boshcertauth.sasl.enforcement").setDefaultValue(MechanismEnforcement.CERTIFICATE_IDENTITY).setDynamic(true).setPlugin(PLUGIN_NAME).build();
    public static final SystemProperty<Boolean> PIN_SESSIONS = bool("boshcertauth.bosh.pin-sessions", true);
    public static final SystemProperty<Integer> RECENT_ATTEMPTS = integer("boshcertauth.diagnostics.recent-attempts", 200, 10, 10000);

    // ----- web origins
    /**
     * Web origins (besides the server's own) whose pages may use a visitor's client certificate; empty: only the
     * server's own; {@code *}: every web site (reported as a warning). See request/OriginPolicy.
     */
    public static final SystemProperty<String> WEB_ALLOWED_ORIGINS = string("boshcertauth.web.allowed-origins", "");

    // ----- reverse proxies
    public static final SystemProperty<String> PROXY_TRUSTED_ADDRESSES = string("boshcertauth.proxy.trusted-addresses", "");
    public static final SystemProperty<String> PROXY_FORMAT = string("boshcertauth.proxy.format", "");
    public static final SystemProperty<String> PROXY_HEADER = string("boshcertauth.proxy.header", "");
    public static final SystemProperty<Integer> PROXY_MAX_HEADER_BYTES = integer("boshcertauth.proxy.max-header-bytes", 16 * 1024, 1024, 256 * 1024);
    public static final SystemProperty<Integer> PROXY_MAX_CHAIN_LENGTH = integer("boshcertauth.proxy.max-chain-length", 5, 1, 10);

    // ----- XEP-0257: users register their own certificates in-band (registration package); off by default
    public static final SystemProperty<Boolean> XEP0257_ENABLED = bool("boshcertauth.xep0257.enabled", false);
    public static final SystemProperty<Boolean> XEP0257_ALLOW_SELF_SIGNED = bool("boshcertauth.xep0257.allow-self-signed", false);
    public static final SystemProperty<Integer> XEP0257_MAX_PER_USER = integer("boshcertauth.xep0257.max-per-user", 5, 1, 100);
    public static final SystemProperty<Integer> XEP0257_MAX_VALIDITY_DAYS = integer("boshcertauth.xep0257.max-validity-days", 398, 1, 3650);

    /** Every property defined above, in display order. */
    public static final List<SystemProperty<?>> ALL = List.of(IDENTITY_SOURCES, SUBJECT_DN_PATTERN, DOMAIN_ALIASES,
        DIRECTORY_ATTRIBUTES, DIRECTORY_TIMEOUT_MS, DIRECTORY_CACHE_SECONDS, DIRECTORY_WEAK_ISSUER_SUBJECT, DIRECTORY_ISSUER_NAME_CAS, CA_RESTRICTIONS,
        EMAIL_FALLBACK, COMMON_NAME_FALLBACK, COMMON_NAME_FALLBACK_DOMAIN,
        DOMAIN_AUTHZID_MEANS_NONE, REQUIRE_CLIENT_AUTH_EKU, ACCEPTED_EKUS, REQUIRE_DIGITAL_SIGNATURE, MIN_RSA_KEY_BITS, MIN_EC_KEY_BITS, ALLOW_SHA1,
        MAX_CHAIN_LENGTH, STRICT_PROFILE, REQUIRED_POLICIES, INHIBIT_POLICY_MAPPING, INHIBIT_ANY_POLICY, REVOCATION_MODE, REVOCATION_TIMEOUT_MS, MAX_CRL_BYTES, OCSP_NONCE,
        OCSP_RESPONDER_URL, OCSP_RESPONDER_CERTIFICATE, CRL_SOURCES, STALE_CRL, SELF_COVERED_CRL_SIGNER, MECHANISM_OFFER, MECHANISM_ENFORCEMENT,
        PIN_SESSIONS, RECENT_ATTEMPTS, WEB_ALLOWED_ORIGINS, PROXY_TRUSTED_ADDRESSES, PROXY_FORMAT, PROXY_HEADER, PROXY_MAX_HEADER_BYTES, PROXY_MAX_CHAIN_LENGTH,
        XEP0257_ENABLED, XEP0257_ALLOW_SELF_SIGNED, XEP0257_MAX_PER_USER, XEP0257_MAX_VALIDITY_DAYS);

    private Settings() {}

    /** The range of an integer setting of {@link #ALL}; empty for other settings. */
    public static Optional<IntRange> range(SystemProperty<?> property) {
        return Optional.ofNullable(RANGES.get(property.getKey()));
    }

    private static SystemProperty<Boolean> bool(String key, boolean defaultValue) {
        return SystemProperty.Builder.ofType(Boolean.class).setKey(key).setDefaultValue(defaultValue).setDynamic(true).setPlugin(PLUGIN_NAME).build();
    }

    private static SystemProperty<String> string(String key, String defaultValue) {
        return SystemProperty.Builder.ofType(String.class).setKey(key).setDefaultValue(defaultValue).setDynamic(true).setPlugin(PLUGIN_NAME).build();
    }

    private static SystemProperty<Integer> integer(String key, int defaultValue, int min, int max) {
        RANGES.put(key, new IntRange(min, max));
        return SystemProperty.Builder.ofType(Integer.class).setKey(key).setDefaultValue(defaultValue).setMinValue(min).setMaxValue(max)
            .setDynamic(true).setPlugin(PLUGIN_NAME).build();
    }
}
