package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import java.time.Clock;

/** The "Status &amp; diagnostics" page (web.xml): status, truststore, recent attempts, test a certificate. */
public class StatusPageServlet extends AdminSettingsServlet {

    /** Used by Openfire (web.xml). */
    public StatusPageServlet() {
        super(ConsolePage.STATUS, new OpenfireAdminEnvironment(), Clock.systemUTC());
    }
}
