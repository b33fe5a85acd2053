package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Element;
import org.igniterealtime.openfire.plugin.boshcertauth.admin.html.TrustedHtml;

import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html.element;

/**
 * Renders one of the plugin's console pages ({@link ConsolePage}) as HTML for Openfire's SiteMesh decorator (which adds
 * the console's header, tabs and sidebar, selected by the {@code pageID} meta tag), with the console's own classes:
 * jive-contentBox, jive-table, jive-info / jive-success / jive-error / jive-warning boxes. Each page is the messages
 * box followed by its {@link PageSection}s in the order listed below (to add content: a new section class, one line in
 * its page's list); each writes through the {@link org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html}
 * builder, which escapes every value it is given.
 */
public final class AdminPageRenderer {

    /** The settings page's pageID (see {@link ConsolePage#path()} for every page). */
    public static final String PAGE_ID = ConsolePage.SETTINGS.path();
    /** The settings page's servlet path below /plugins/boshcertauth/ (web.xml, plugin.xml). */
    public static final String ACTION = ConsolePage.SETTINGS.path();
    public static final String PAGE_TOKEN_FIELD = "boshcertauth-token";
    /** Openfire's page for the BOSH client truststore (Server → TLS Certificates → Certificate Stores → Web Binding: Trust Store). */
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
    private final PageSection messages;
    private final Map<ConsolePage, List<PageSection>> pages = new EnumMap<>(ConsolePage.class);

    public AdminPageRenderer(AdminText text, AdminEnvironment environment, Clock clock) {
        this.markup = new ConsoleMarkup(text);
        this.messages = new MessagesSection(markup);
        pages.put(ConsolePage.SETTINGS, List.of(
            page -> element("p").add(markup.t("page.settings.intro")),
            new SettingsSection(markup, environment)));
        pages.put(ConsolePage.STATUS, List.of(
            page -> element("p").add(markup.t("page.status.intro")),
            new StatusSection(markup, environment),
            new Sasl2Section(markup, org.igniterealtime.openfire.plugin.boshcertauth.openfire.OpenfireSasl2::enabled),
            new ChromiumWebSocketSection(markup, environment),
            new ClusterSection(markup, environment),
            new WebSocketReloadSection(markup, environment),
            new TruststoreSection(markup, environment, clock),
            new AttemptsSection(markup, environment, ATTEMPT_ACTIONS),
            new ClusterAttemptsSection(markup, environment),
            new CertificateTestSection(markup),
            new CertificationPathSection(markup),
            new IdentityCandidatesSection(markup)));
        pages.put(ConsolePage.SESSIONS, List.of(
            page -> element("p").add(markup.t("page.sessions.intro")),
            new LiveSessionsSection(markup, environment),
            new RegisteredCertificatesSection(markup, environment)));
        pages.put(ConsolePage.TEST_PKI, List.of(
            new TestCertificatesSection(markup, environment)));
    }

    public String render(AdminPage page) {
        final Element body = element("body");
        body.add(messages.render(page));
        pages.get(page.view()).forEach(section -> body.add(section.render(page)));
        return element("html").add(
            element("head").add(
                element("title").add(markup.t("page.title", markup.string("product.name"), markup.string(page.view().titleKey()))),
                element("meta").attr("name", "pageID").attr("content", page.view().path()),
                element("style").raw(STYLE)),
            body).render();
    }
}
