package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The admin page's strings from {@code boshcertauth_i18n.properties}, loaded with the plugin's class loader (Openfire
 * puts the plugin's {@code i18n/} directory on it). Strings with arguments are {@link MessageFormat} patterns; the
 * others are used as they are, so an apostrophe in a plain string needs no doubling.
 */
public final class AdminText {

    static final String BUNDLE = "boshcertauth_i18n";

    private final ResourceBundle bundle;
    private final Locale locale;

    private AdminText(ResourceBundle bundle, Locale locale) {
        this.bundle = bundle;
        this.locale = locale;
    }

    public static AdminText load(Locale locale) {
        return new AdminText(ResourceBundle.getBundle(BUNDLE, locale, AdminText.class.getClassLoader()), locale);
    }

    /** The strings of {@code bundle} (tests: the plugin's bundle with strings added). */
    static AdminText of(ResourceBundle bundle, Locale locale) {
        return new AdminText(bundle, locale);
    }

    public Locale locale() {
        return locale;
    }

    /** The string for {@code key}, with {@code arguments} filled in; a missing key shows as ???key??? (as Openfire does). */
    public String get(String key, Object... arguments) {
        final String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return "???" + key + "???";
        }
        return arguments.length == 0 ? pattern : new MessageFormat(pattern, locale).format(arguments);
    }

    public String get(Message message) {
        return get(message.key(), message.arguments());
    }

    public boolean has(String key) {
        return bundle.containsKey(key);
    }

    /** A string key with its arguments: what validation and the certificate test report, localised when rendered. */
    public record Message(String key, Object... arguments) {
    }
}
