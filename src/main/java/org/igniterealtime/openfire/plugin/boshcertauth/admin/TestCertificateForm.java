package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.igniterealtime.openfire.plugin.boshcertauth.admin.AdminText.Message;
import org.igniterealtime.openfire.plugin.boshcertauth.tools.KeySpec;
import org.igniterealtime.openfire.plugin.boshcertauth.tools.UserCertificateRequest;
import org.xmpp.packet.JID;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Checks the "Issue a test user certificate" form completely before anything is created: the user (a node, or a bare
 * JID of a domain this server serves), the PKCS#12 password, the validity and the key type. Independent of servlets.
 * The password is never part of {@link Result#values()} (so it is never shown again) nor of any message.
 */
public final class TestCertificateForm {

    public static final String USER = "user";
    public static final String PASSWORD = "p12-password";
    public static final String DAYS = "days";
    public static final String KEY = "key";
    /** Checkbox: issue although the user does not exist (e.g. created later, or in an external user store). */
    public static final String ISSUE_ANYWAY = "issue-anyway";

    public static final int MIN_PASSWORD_CHARS = 8;
    /** Long enough for any passphrase; bounds the work a PBKDF2 over it costs. */
    public static final int MAX_PASSWORD_CHARS = 1024;
    public static final int MIN_DAYS = 1;
    /** The longest lifetime browsers ever accepted for a TLS certificate (CA/B Forum, 2018): plenty for a test. */
    public static final int MAX_DAYS = 825;
    public static final int DEFAULT_DAYS = 30;
    static final int MAX_USER_CHARS = 3071;

    /** The key types offered, in the order shown; the first is the default. */
    public static final Map<String, KeySpec> KEY_TYPES = keyTypes();

    /**
     * A checked form.
     *
     * @param values   what to show again in the form (never the password)
     * @param errors   per-field errors; empty when the form is valid
     * @param jid      the bare JID to issue for (null when the user field is invalid)
     * @param password the PKCS#12 password (null when invalid); the caller clears it after use
     * @param validity the certificate's validity (null when invalid)
     * @param key      the key to generate (null when invalid)
     * @param issueAnyway whether the administrator confirmed issuing for a user that does not exist
     */
    public record Result(Map<String, String> values, Map<String, List<Message>> errors, JID jid, char[] password,
                         Duration validity, KeySpec key, boolean issueAnyway) {
        public boolean valid() {
            return errors.isEmpty();
        }

        /** Overwrites the password in memory (the request parameter itself is a String the container keeps). */
        public void clearPassword() {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }

        @Override
        public String toString() {
            return "TestCertificateForm.Result[" + values + ", errors=" + errors.keySet() + "]";
        }
    }

    private final Set<String> servedDomains;

    /** @param servedDomains the XMPP domains this server serves, lower case */
    public TestCertificateForm(Set<String> servedDomains) {
        this.servedDomains = new TreeSet<>(servedDomains);
    }

    /** The form's values as a GET shows them. */
    public static Map<String, String> defaults() {
        final Map<String, String> values = new LinkedHashMap<>();
        values.put(USER, "");
        values.put(DAYS, Integer.toString(DEFAULT_DAYS));
        values.put(KEY, KEY_TYPES.keySet().iterator().next());
        values.put(ISSUE_ANYWAY, "false");
        return values;
    }

    public Result validate(Function<String, String> submitted) {
        final Map<String, String> values = new LinkedHashMap<>();
        final Map<String, List<Message>> errors = new LinkedHashMap<>();
        final String user = strip(submitted.apply(USER));
        final String days = strip(submitted.apply(DAYS));
        final String key = strip(submitted.apply(KEY));
        final String anyway = strip(submitted.apply(ISSUE_ANYWAY));
        values.put(USER, user);
        values.put(DAYS, days);
        values.put(KEY, key);
        values.put(ISSUE_ANYWAY, Boolean.toString(anyway.equals("true") || anyway.equals("on")));

        final JID jid = user(user, errors);
        final char[] password = password(submitted.apply(PASSWORD), errors);
        Duration validity = null;
        if (days.isEmpty()) {
            error(errors, DAYS, new Message("error.required"));
        } else if (!days.matches("[+-]?\\d{1,12}")) {
            error(errors, DAYS, new Message("error.integer", days));
        } else if (Long.parseLong(days) < MIN_DAYS || Long.parseLong(days) > MAX_DAYS) {
            error(errors, DAYS, new Message("error.range", days, MIN_DAYS, MAX_DAYS));
        } else {
            validity = Duration.ofDays(Long.parseLong(days));
            values.put(DAYS, Long.toString(validity.toDays()));
        }
        final KeySpec keySpec = KEY_TYPES.get(key.toLowerCase(Locale.ROOT));
        if (keySpec == null) {
            error(errors, KEY, new Message("error.choice", key, String.join(", ", KEY_TYPES.keySet())));
        } else {
            values.put(KEY, key.toLowerCase(Locale.ROOT));
        }
        return new Result(values, errors, errors.containsKey(USER) ? null : jid,
            errors.containsKey(PASSWORD) ? null : password, validity, keySpec, values.get(ISSUE_ANYWAY).equals("true"));
    }

    private JID user(String user, Map<String, List<Message>> errors) {
        if (user.isEmpty()) {
            error(errors, USER, new Message("issue.error.user.required"));
            return null;
        }
        if (user.length() > MAX_USER_CHARS) {
            error(errors, USER, new Message("issue.error.user.too-long", MAX_USER_CHARS));
            return null;
        }
        if (user.indexOf('/') >= 0) {
            error(errors, USER, new Message("issue.error.user.resource", user));
            return null;
        }
        if (servedDomains.isEmpty()) {
            error(errors, USER, new Message("issue.error.user.foreign-domain", user, ""));
            return null;
        }
        final int at = user.indexOf('@');
        final String node = at < 0 ? user : user.substring(0, at);
        final String domain = at < 0 ? servedDomains.iterator().next() : user.substring(at + 1).toLowerCase(Locale.ROOT);
        if (node.isEmpty()) {
            error(errors, USER, new Message("issue.error.user.no-node", user));
            return null;
        }
        if (!servedDomains.contains(domain)) {
            error(errors, USER, new Message("issue.error.user.foreign-domain", domain, String.join(", ", servedDomains)));
            return null;
        }
        try {
            final JID jid = new JID(node, domain, null);
            // The certificate tool's own rules (no characters a JID in an xmppAddr may not carry).
            new UserCertificateRequest(jid.toBareJID(), Duration.ofDays(1), KeySpec.ec(), null);
            return jid;
        } catch (IllegalArgumentException e) {
            error(errors, USER, new Message("issue.error.user.invalid", user));
            return null;
        }
    }

    private static char[] password(String password, Map<String, List<Message>> errors) {
        if (password == null || password.isEmpty()) {
            error(errors, PASSWORD, new Message("error.required"));
            return null;
        }
        if (password.length() < MIN_PASSWORD_CHARS) {
            error(errors, PASSWORD, new Message("issue.error.password.short", MIN_PASSWORD_CHARS));
            return null;
        }
        if (password.length() > MAX_PASSWORD_CHARS) {
            error(errors, PASSWORD, new Message("issue.error.password.long", MAX_PASSWORD_CHARS));
            return null;
        }
        return password.toCharArray();
    }

    private static Map<String, KeySpec> keyTypes() {
        final Map<String, KeySpec> types = new LinkedHashMap<>();
        types.put("ec-p256", KeySpec.ec());
        types.put("rsa-2048", KeySpec.rsa(2048));
        types.put("rsa-3072", KeySpec.rsa(3072));
        return java.util.Collections.unmodifiableMap(types);
    }

    private static String strip(String value) {
        return value == null ? "" : value.strip();
    }

    private static void error(Map<String, List<Message>> errors, String field, Message message) {
        errors.computeIfAbsent(field, f -> new ArrayList<>()).add(message);
    }
}
