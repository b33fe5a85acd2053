package org.igniterealtime.openfire.plugin.boshcertauth.openfire;

import org.jivesoftware.openfire.net.SASLAuthentication;
import org.jivesoftware.util.JiveGlobals;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Both variants of the run-time look-up: an Openfire with SASL2 (5.2) and one without (5.0, 5.1). */
class OpenfireSasl2Test {

    /** Stands for Openfire 5.2's SASLAuthentication, which has the field. */
    @SuppressWarnings("unused")
    static final class WithSasl2 {
        public static final Object ENABLE_SASL2 = new Object();
    }

    @AfterEach
    void forgetProperty() {
        JiveGlobals.deleteProperty(OpenfireSasl2.PROPERTY);
    }

    @Test
    void anOpenfireWithSasl2FollowsItsProperty() {
        assertFalse(OpenfireSasl2.enabled(WithSasl2.class), "off by default");

        JiveGlobals.setProperty(OpenfireSasl2.PROPERTY, "true");

        assertTrue(OpenfireSasl2.enabled(WithSasl2.class));
    }

    @Test
    void anOpenfireWithoutSasl2IgnoresTheProperty() {
        // Setup: the compile-only declaration, like 5.0.5/5.1.1, has no ENABLE_SASL2
        JiveGlobals.setProperty(OpenfireSasl2.PROPERTY, "true");

        // Execute, Verify
        assertFalse(OpenfireSasl2.supported(SASLAuthentication.class));
        assertFalse(OpenfireSasl2.enabled());
    }
}
