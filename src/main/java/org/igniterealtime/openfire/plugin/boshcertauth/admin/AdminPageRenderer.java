package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Element;
import org.igniterealtime.openfire.plugin.boshcertauth.admin.html.TrustedHtml;

import java.time.Clock;
import java.util.List;

import static org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html.element;

/**
 * Renders the page as HTML for Openfire's SiteMesh decorator (which adds the console's header, tabs and sidebar,
 * selected by the {@code pageID} meta tag), with the console's own classes: jive-contentBox, jive-table, jive-info /
 * jive-success / jive-error / jive-warning boxes. The page is the {@link PageSection}s below in order; each writes
 * through the {@link org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html} builder, which escapes every
 * value it is given.
 */
public final class AdminPageRenderer {

    public static final String PAGE_ID = "boshcertauth-settings";
    /** The servlet's path below /plugins/boshcertauth/ (web.xml, plugin.xml). */
    public static final String ACTION = "boshcertauth-settings";
    public static final String PAGE_TOKEN_FIELD = "boshcertauth-token";
    /** Openfire's page for the BOSH client truststore (Server → TLS Certificates → BOSH → Trust store). */
    static final String BOSH_TRUSTSTORE_PAGE = "/security-truststore.jsp?connectionType=BOSH_C2S";

    /** The buttons offered next to recent login attempts (see {@link AttemptAction}). */
    static final List<AttemptAction> ATTEMPT_ACTIONS = List.of(new AllowOriginAction());

    private static final TrustedHtml STYLE = TrustedHtml.fromCode("\n" + """
        .boshcertauth-form td { vertical-align: top; padding: 4px 6px; }
        .boshcertauth-form td.label { width: 340px; white-space: nowrap; }
        .boshcertauth-key { color: #666; font-size: 0.85em; font-family: monospace; }
        .boshcertauth-help { color: #555; font-size: 0.9em; }
        .boshcertauth-bad { color: #b00; font-weight: bold; }
        .boshcertauth-good { color: #070; font-weight: bold; }
        .boshcertauth-inline { display: inline; margin-left: 6px; }
        """);

    private final ConsoleMarkup markup;
    private final List<PageSection> sections;

    public AdminPageRenderer(AdminText text, AdminEnvironment environment, Clock clock) {
        this.markup = new ConsoleMarkup(text);
        this.sections = List.of(
            new MessagesSection(markup),
            page -> element("p").add(markup.t("page.intro")),
            new StatusSection(markup, environment),
            new WebSocketReloadSection(markup, environment),
            new TruststoreSection(markup, environment, clock),
            new SettingsSection(markup),
            new AttemptsSection(markup, environment, ATTEMPT_ACTIONS),
            new CertificateTestSection(markup),
            new TestCertificatesSection(markup));
    }

    public String render(AdminPage page) {
        final Element body = element("body");
        sections.forEach(section -> body.add(section.render(page)));
        return element("html").add(
            element("head").add(
                element("title").add(markup.t("page.title")),
                element("meta").attr("name", "pageID").attr("content", PAGE_ID),
                element("style").raw(STYLE)),
            body).render();
    }
}
