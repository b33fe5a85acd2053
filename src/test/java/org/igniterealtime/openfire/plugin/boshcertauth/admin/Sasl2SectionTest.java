package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The page says that certificate sessions are not offered SASL2, only while Openfire's SASL2 is on. */
class Sasl2SectionTest {

    private final ConsoleMarkup markup = new ConsoleMarkup(AdminText.load(Locale.ENGLISH));

    @Test
    void sasl2OnShowsTheNote() {
        // Execute
        final String html = new Sasl2Section(markup, () -> true).render(null).render();

        // Verify
        assertTrue(html.contains("<div class=\"jive-info\">"), html);
        assertTrue(html.contains("SASL2 is on (xmpp.auth.sasl2).</b> Certificate login stays SASL1"), html);
    }

    @Test
    void sasl2OffShowsNothing() {
        assertEquals("", new Sasl2Section(markup, () -> false).render(null).render());
    }

    @Test
    void theWholePageHasNoNoteOnAnOpenfireWithoutSasl2() {
        // Setup: the compile-only SASLAuthentication has no ENABLE_SASL2 (as 5.0/5.1), so the property alone means nothing
        org.jivesoftware.util.JiveGlobals.setProperty("xmpp.auth.sasl2", "true");
        try {
            // Execute
            final AdminPageExamples.Environment environment = new AdminPageExamples.Environment();
            final String html = AdminPageExamples.render(environment, AdminPageExamples.get(AdminPageExamples.noTestCa(environment)));

            // Verify
            assertTrue(html.contains("</body>"), html);
            assertTrue(!html.contains("xmpp.auth.sasl2"), "no SASL2 note");
        } finally {
            org.jivesoftware.util.JiveGlobals.deleteProperty("xmpp.auth.sasl2");
        }
    }
}
