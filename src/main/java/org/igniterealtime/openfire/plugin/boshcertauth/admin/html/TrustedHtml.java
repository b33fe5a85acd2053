package org.igniterealtime.openfire.plugin.boshcertauth.admin.html;

import java.util.Objects;

/**
 * Markup that goes onto the page as it is, unescaped. Its own type so that unescaped output is never the result of
 * forgetting something: {@link Html#raw} takes only this, and every other string given to the builder is escaped.
 * {@link #fromCode} is the one door; {@code grep -rn "TrustedHtml.fromCode"} lists every unescaped piece of the page.
 */
public final class TrustedHtml {

    private final String markup;

    private TrustedHtml(String markup) {
        this.markup = Objects.requireNonNull(markup);
    }

    /**
     * Markup written in this code base (a constant such as the page's style sheet). Never pass a value that comes
     * from a request, a setting, a certificate, a log or a resource bundle: those go through {@link Html#text} and
     * attributes, which escape them.
     */
    public static TrustedHtml fromCode(String markup) {
        return new TrustedHtml(markup);
    }

    String markup() {
        return markup;
    }

    @Override
    public String toString() {
        return markup;
    }
}
