package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.igniterealtime.openfire.plugin.boshcertauth.admin.AdminText.Message;
import org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Element;
import org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Fragment;
import org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Node;
import org.igniterealtime.openfire.plugin.boshcertauth.config.Settings;

import static org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html.element;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html.fragment;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html.text;

/** The boxes at the top: refusals, what a save changed, and what an action did. */
final class MessagesSection implements PageSection {

    private final ConsoleMarkup markup;

    MessagesSection(ConsoleMarkup markup) {
        this.markup = markup;
    }

    @Override
    public Node render(AdminPage page) {
        final Fragment boxes = fragment();
        for (Message message : page.messages()) {
            boxes.add(markup.infoBox("error", markup.t(message)));
        }
        if (!page.fieldErrors().isEmpty()) {
            boxes.add(markup.infoBox("error", markup.t("save.refused", page.fieldErrors().size())));
        }
        if (page.changes() != null) {
            boxes.add(page.changes().isEmpty() ? markup.infoBox("info", markup.t("save.unchanged")) : saved(page));
        }
        for (Message notice : page.notices()) {
            boxes.add(markup.infoBox("success", markup.t(notice)));
        }
        return boxes;
    }

    private Node saved(AdminPage page) {
        final Element list = element("ul");
        for (SettingsWriter.Change change : page.changes()) {
            list.add(element("li").add(element("code").text(change.key()), text(": "), markup.t("save.change", change.oldValue(), change.newValue())));
        }
        final Fragment content = fragment(markup.t("save.success"), list);
        if (page.changes().stream().anyMatch(c -> c.key().equals(Settings.BOSH_CLIENT_CERT_POLICY))) {
            content.add(element("p").add(markup.t("save.bosh-restarted")));
        }
        return markup.infoBox("success", content);
    }
}
