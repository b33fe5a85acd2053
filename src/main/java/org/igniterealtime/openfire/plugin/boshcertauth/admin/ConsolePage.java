package org.igniterealtime.openfire.plugin.boshcertauth.admin;

/**
 * The plugin's pages in Openfire's admin console, each a sidebar item of its own (plugin.xml) and a servlet of its own
 * (web.xml), as Openfire's own pages are: settings, live status and diagnostics, live certificate sessions and the block list, and the test PKI. What each page shows
 * is its list of sections in {@link AdminPageRenderer}.
 *
 * <p>{@link #path()} is at once the servlet's path below {@code /plugins/boshcertauth/}, the plugin.xml item's id and
 * url, and the page's {@code pageID} meta tag (which makes the console highlight the item).</p>
 */
public enum ConsolePage {

    SETTINGS("boshcertauth-settings", "page.settings.title"),
    STATUS("boshcertauth-status", "page.status.title"),
    SESSIONS("boshcertauth-sessions", "page.sessions.title"),
    TEST_PKI("boshcertauth-test-pki", "page.test-pki.title");

    private final String path;
    private final String titleKey;

    ConsolePage(String path, String titleKey) {
        this.path = path;
        this.titleKey = titleKey;
    }

    /** The servlet path below /plugins/boshcertauth/ (web.xml), the plugin.xml item id and url, the pageID. */
    public String path() {
        return path;
    }

    /** The i18n key of the page's title (shown after the product name). */
    public String titleKey() {
        return titleKey;
    }
}
