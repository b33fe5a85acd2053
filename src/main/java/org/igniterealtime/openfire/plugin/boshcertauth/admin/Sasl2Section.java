package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Node;

import java.util.function.BooleanSupplier;

import static org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html.element;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html.fragment;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html.text;

/**
 * A note, only while Openfire's SASL2 (XEP-0388, {@code xmpp.auth.sasl2}, Openfire 5.2) is on: certificate sessions are
 * not offered SASL2 (see {@code sasl.Sasl2Feature} for why), so certificate login stays SASL1 over BOSH and WebSocket.
 */
final class Sasl2Section implements PageSection {

    private final ConsoleMarkup markup;
    private final BooleanSupplier sasl2Enabled;

    /** @param sasl2Enabled whether the running Openfire has SASL2 switched on ({@code openfire.OpenfireSasl2::enabled}) */
    Sasl2Section(ConsoleMarkup markup, BooleanSupplier sasl2Enabled) {
        this.markup = markup;
        this.sasl2Enabled = sasl2Enabled;
    }

    @Override
    public Node render(AdminPage page) {
        if (!sasl2Enabled.getAsBoolean()) {
            return fragment();
        }
        return markup.infoBox("info", element("b").add(markup.t("sasl2.title")), text(" "), markup.t("sasl2.certificate-sessions"));
    }
}
