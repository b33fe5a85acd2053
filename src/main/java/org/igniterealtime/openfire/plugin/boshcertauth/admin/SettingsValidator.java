package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationSettingParser;

import org.igniterealtime.openfire.plugin.boshcertauth.config.AcceptedKeyPurposes;
import org.igniterealtime.openfire.plugin.boshcertauth.config.RequiredPolicies;

import org.igniterealtime.openfire.plugin.boshcertauth.identity.DirectoryMapping;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.IssuerNamePins;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.IssuerRestrictions;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.DomainAliases;

import org.igniterealtime.openfire.plugin.boshcertauth.identity.SubjectDnPattern;

import org.igniterealtime.openfire.plugin.boshcertauth.identity.IdentitySource;

import org.igniterealtime.openfire.plugin.boshcertauth.request.AllowedOrigins;

import org.igniterealtime.openfire.plugin.boshcertauth.admin.AdminText.Message;
import org.igniterealtime.openfire.plugin.boshcertauth.config.Settings;
import org.igniterealtime.openfire.plugin.boshcertauth.request.proxy.HeaderLimits;
import org.igniterealtime.openfire.plugin.boshcertauth.request.proxy.InvalidTrustedProxiesException;
import org.igniterealtime.openfire.plugin.boshcertauth.request.proxy.ProxyFormat;
import org.igniterealtime.openfire.plugin.boshcertauth.request.proxy.ProxySettings;
import org.igniterealtime.openfire.plugin.boshcertauth.request.proxy.TrustedProxies;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks a submitted settings form completely before anything is written: each field's type, range and allowed
 * values, then the rules between fields (CN-fallback domain, proxy list and format). Independent of servlets.
 */
public final class SettingsValidator {

    /** A form's values (normalised: trimmed, booleans "true"/"false", choices as stored) and per-field errors. */
    public record Result(Map<String, String> values, Map<String, List<Message>> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    private final Set<String> servedDomains;

    /** @param servedDomains the XMPP domains this server serves, lower case */
    public SettingsValidator(Set<String> servedDomains) {
        this.servedDomains = servedDomains;
    }

    /**
     * @param submitted one value per field name as posted; an unchecked checkbox is absent
     */
    public Result validate(Function<String, String> submitted) {
        final Map<String, String> values = new LinkedHashMap<>();
        final Map<String, List<Message>> errors = new LinkedHashMap<>();
        for (AdminField field : AdminField.ALL) {
            final String raw = submitted.apply(field.key());
            final String value = raw == null ? null : raw.strip();
            switch (field.kind()) {
                case BOOLEAN -> {
                    if (value == null || value.isEmpty() || value.equals("false")) {
                        values.put(field.key(), "false");
                    } else if (value.equals("true") || value.equals("on")) {
                        values.put(field.key(), "true");
                    } else {
                        values.put(field.key(), value);
                        error(errors, field, new Message("error.boolean", value));
                    }
                }
                case INTEGER -> {
                    values.put(field.key(), value == null ? "" : value);
                    if (value == null || value.isEmpty()) {
                        error(errors, field, new Message("error.required"));
                    } else if (!value.matches("[+-]?\\d{1,12}")) {
                        error(errors, field, new Message("error.integer", value));
                    } else if (!field.range().contains(Long.parseLong(value))) {
                        error(errors, field, new Message("error.range", value, field.range().min(), field.range().max()));
                    } else {
                        values.put(field.key(), Integer.toString(Integer.parseInt(value)));
                    }
                }
                case CHOICE -> {
                    values.put(field.key(), value == null ? "" : value);
                    final String chosen = value == null ? null : field.choices().stream()
                        .filter(c -> c.equalsIgnoreCase(value)).findFirst().orElse(null);
                    if (chosen == null) {
                        error(errors, field, new Message("error.choice", value == null ? "" : value, String.join(", ", field.choices())));
                    } else {
                        values.put(field.key(), chosen);
                    }
                }
                case TEXT -> {
                    values.put(field.key(), value == null ? "" : value);
                    if (value == null) {
                        error(errors, field, new Message("error.missing"));
                    }
                }
            }
        }
        checkFallbackDomain(values, errors);
        checkProxy(values, errors);
        checkAllowedOrigins(values, errors);
        checkParsed(values, errors);
        return new Result(values, errors);
    }

    /**
     * Text settings with a syntax of their own, checked by the same parser the configuration uses (an empty value is
     * the default for each), so that the page refuses what would otherwise only become a warning.
     */
    private static final Map<String, java.util.function.Consumer<String>> PARSERS = Map.ofEntries(
        Map.entry(Settings.IDENTITY_SOURCES.getKey(), v -> IdentitySource.parseList(v)),
        Map.entry(Settings.SUBJECT_DN_PATTERN.getKey(), v -> SubjectDnPattern.compile(v)),
        Map.entry(Settings.DOMAIN_ALIASES.getKey(), v -> DomainAliases.parse(v)),
        Map.entry(Settings.CA_RESTRICTIONS.getKey(), v -> IssuerRestrictions.parse(v)),
        Map.entry(Settings.DIRECTORY_ATTRIBUTES.getKey(), v -> DirectoryMapping.parse(v, DirectoryMapping.DEFAULT_TIMEOUT, DirectoryMapping.DEFAULT_CACHE_LIFETIME)),
        Map.entry(Settings.DIRECTORY_ISSUER_NAME_CAS.getKey(), v -> IssuerNamePins.parse(v)),
        Map.entry(Settings.ACCEPTED_EKUS.getKey(), v -> AcceptedKeyPurposes.parse(v)),
        Map.entry(Settings.REQUIRED_POLICIES.getKey(), v -> RequiredPolicies.parse(v)),
        Map.entry(Settings.OCSP_RESPONDER_URL.getKey(), v -> RevocationSettingParser.httpUrl(v)),
        Map.entry(Settings.OCSP_RESPONDER_CERTIFICATE.getKey(), v -> RevocationSettingParser.pemCertificateFile(v)),
        Map.entry(Settings.CRL_SOURCES.getKey(), v -> java.util.Arrays.stream(v.split("[,\\n]")).map(String::strip).filter(e -> !e.isEmpty())
            .forEach(RevocationSettingParser::crlSource)));

    private static void checkParsed(Map<String, String> values, Map<String, List<Message>> errors) {
        PARSERS.forEach((key, parser) -> {
            final String value = values.get(key);
            if (value == null || value.isBlank()) {
                return;
            }
            try {
                parser.accept(value.strip());
            } catch (IllegalArgumentException e) {
                error(errors, key, new Message("error.setting", e.getMessage()));
            }
        });
    }

    /** A list of origins, or *: invalid entries are named; a valid list is stored in its canonical form. */
    private static void checkAllowedOrigins(Map<String, String> values, Map<String, List<Message>> errors) {
        final String key = Settings.WEB_ALLOWED_ORIGINS.getKey();
        final String value = values.get(key);
        if (value == null) {
            return;
        }
        try {
            values.put(key, AllowedOrigins.parse(value).toString());
        } catch (IllegalArgumentException e) {
            error(errors, key, new Message("error.origins", e.getMessage()));
        }
    }

    private void checkFallbackDomain(Map<String, String> values, Map<String, List<Message>> errors) {
        final String key = Settings.COMMON_NAME_FALLBACK_DOMAIN.getKey();
        final String domain = values.getOrDefault(key, "").toLowerCase(Locale.ROOT);
        values.put(key, domain);
        if (!"true".equals(values.get(Settings.COMMON_NAME_FALLBACK.getKey()))) {
            return;
        }
        if (domain.isEmpty()) {
            error(errors, key, new Message("error.cn-domain.required"));
        } else if (!servedDomains.contains(domain)) {
            error(errors, key, new Message("error.cn-domain.not-served", domain, String.join(", ", servedDomains)));
        }
    }

    private static void checkProxy(Map<String, String> values, Map<String, List<Message>> errors) {
        final String addressesKey = Settings.PROXY_TRUSTED_ADDRESSES.getKey();
        final String formatKey = Settings.PROXY_FORMAT.getKey();
        final String headerKey = Settings.PROXY_HEADER.getKey();
        TrustedProxies proxies = TrustedProxies.none();
        try {
            proxies = TrustedProxies.parse(values.get(addressesKey));
        } catch (InvalidTrustedProxiesException e) {
            e.errors().forEach(problem -> error(errors, addressesKey, new Message("error.proxy.address", problem)));
        }
        final String format = values.getOrDefault(formatKey, "");
        ProxyFormat parsedFormat = null;
        if (format.isEmpty()) {
            if (!proxies.isEmpty() || !values.getOrDefault(addressesKey, "").isBlank()) {
                error(errors, formatKey, new Message("error.proxy.format.required"));
            }
        } else {
            try {
                parsedFormat = ProxyFormat.fromSetting(format);
                values.put(formatKey, parsedFormat.name().toLowerCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                error(errors, formatKey, new Message("error.proxy.format", e.getMessage()));
            }
        }
        final String header = values.getOrDefault(headerKey, "");
        if (!header.isEmpty()) {
            try {
                // ProxySettings owns the header-name rule (an RFC 9110 token); format and limits here are placeholders.
                new ProxySettings(TrustedProxies.none(), parsedFormat == null ? ProxyFormat.NGINX : parsedFormat, header,
                    HeaderLimits.DEFAULT_MAX_HEADER_BYTES, HeaderLimits.DEFAULT_MAX_CHAIN_LENGTH);
            } catch (IllegalArgumentException e) {
                error(errors, headerKey, new Message("error.proxy.header", e.getMessage()));
            }
        }
    }

    private static void error(Map<String, List<Message>> errors, AdminField field, Message message) {
        error(errors, field.key(), message);
    }

    private static void error(Map<String, List<Message>> errors, String key, Message message) {
        errors.computeIfAbsent(key, k -> new ArrayList<>()).add(message);
    }
}
