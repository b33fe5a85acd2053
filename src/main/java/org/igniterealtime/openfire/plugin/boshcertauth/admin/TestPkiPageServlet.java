package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import java.time.Clock;

/** The "Test PKI" page (web.xml): the test CA and the certificates it issues. */
public class TestPkiPageServlet extends AdminSettingsServlet {

    /** Used by Openfire (web.xml). */
    public TestPkiPageServlet() {
        super(ConsolePage.TEST_PKI, new OpenfireAdminEnvironment(), Clock.systemUTC());
    }
}
