package org.igniterealtime.openfire.plugin.boshcertauth.it;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The version of the Openfire under test, from its start banner ({@link OpenfireServer#openfireVersion()}), so an IT
 * whose expectation differs between versions can say which difference it relies on instead of guessing.
 */
public record OpenfireVersion(int major, int minor, int patch, String qualifier) {

    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)(\\S*)");

    public static OpenfireVersion parse(String text) {
        final Matcher m = VERSION.matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException("not an Openfire version: " + text);
        }
        return new OpenfireVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), m.group(4));
    }

    /** True from major.minor.0 on (a 5.2.0-SNAPSHOT counts as 5.2). */
    public boolean atLeast(int wantedMajor, int wantedMinor) {
        return major > wantedMajor || (major == wantedMajor && minor >= wantedMinor);
    }

    /**
     * Openfire's default sasl.mechs list (SASLAuthentication.getEnabledMechanisms() while the property is unset):
     * 5.1 added SCRAM-SHA-1-PLUS, which 5.0.x does not implement.
     */
    public List<String> defaultSaslMechanisms() {
        return atLeast(5, 1)
            ? List.of("ANONYMOUS", "PLAIN", "DIGEST-MD5", "CRAM-MD5", "SCRAM-SHA-1", "SCRAM-SHA-1-PLUS", "JIVE-SHAREDSECRET", "GSSAPI", "EXTERNAL")
            : List.of("ANONYMOUS", "PLAIN", "DIGEST-MD5", "CRAM-MD5", "SCRAM-SHA-1", "JIVE-SHAREDSECRET", "GSSAPI", "EXTERNAL");
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch + qualifier;
    }
}
