package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import java.time.Clock;

/** The "Sessions &amp; Blocking" page (web.xml): live certificate sessions and the certificate block list. */
public class SessionsPageServlet extends AdminSettingsServlet {

    /** Used by Openfire (web.xml). */
    public SessionsPageServlet() {
        super(ConsolePage.SESSIONS, new OpenfireAdminEnvironment(), Clock.systemUTC());
    }
}
