// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.util;

public class JiveConstants {
    /** Openfire's id type of security-audit rows (ofID.idType): 25 in Openfire 5.0.5, 5.1.1 and 5.2 (their sources). */
    public static final int SECURITY_AUDIT = 25;

    private JiveConstants() { throw new UnsupportedOperationException("compile-only declaration"); }
}
