package org.igniterealtime.openfire.plugin.boshcertauth.admin.html;

/** A piece of the page: an element, escaped text, trusted markup or a sequence of them. Built with {@link Html}. */
public sealed interface Node permits Element, Fragment, Html.Text, Html.Raw {

    void renderTo(StringBuilder out);

    default String render() {
        final StringBuilder out = new StringBuilder(1024);
        renderTo(out);
        return out.toString();
    }
}
