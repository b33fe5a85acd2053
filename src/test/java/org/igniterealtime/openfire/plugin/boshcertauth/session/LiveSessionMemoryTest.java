package org.igniterealtime.openfire.plugin.boshcertauth.session;

import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.junit.jupiter.api.Test;

import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the registry costs per live certificate session: the JVM's class histogram (what {@code jmap -histo:live}
 * prints, taken in-process through the DiagnosticCommand MBean; each one starts with a full GC) before and after
 * 1,000 sessions are registered, as the plugin registers them (summary strings built from the certificate, a handle,
 * the chain shared with Openfire's session). Each session has its own certificate, so no string is shared between
 * sessions by accident. Only classes with at least one new instance per session are counted, so that what the rest
 * of the JVM (surefire, other tests' leftovers) allocates meanwhile does not blur the figure. Prints the figure;
 * fails above {@link #MAX_BYTES_PER_SESSION}.
 */
class LiveSessionMemoryTest {

    private static final int SESSIONS = 1_000;
    static final long MAX_BYTES_PER_SESSION = 2_048;
    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)", Pattern.MULTILINE);

    @Test
    void aThousandSessionsCostLessThanTwoKilobytesEach() throws Exception {
        // Setup: the certificates exist before (Openfire's sessions hold them anyway)
        final TestPki.Issued root = TestPki.rootCa("boshcertauth Memory Root");
        final List<List<X509Certificate>> chains = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            chains.add(List.of(TestPki.certificate("user" + i).xmppAddr("user" + i + "@localhost").issuedBy(root).build().certificate()));
        }
        final List<String> ids = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            ids.add("stream-" + i); // Openfire's stream id exists before the login too
        }
        final LiveSessionRegistry registry = new LiveSessionRegistry();
        final Instant now = Instant.now();
        final Map<String, long[]> before = histogram();

        // Execute
        for (int i = 0; i < SESSIONS; i++) {
            registry.add(LiveCertificateSession.of(ids.get(i), "user" + i + "@localhost", Transport.BOSH, "203.0.113." + (i % 250),
                now, "node-1", chains.get(i), new RecordingHandle()));
        }
        final Map<String, long[]> after = histogram();

        // Verify
        assertEquals(SESSIONS, registry.size());
        long delta = 0;
        for (Map.Entry<String, long[]> row : after.entrySet()) {
            final long[] was = before.getOrDefault(row.getKey(), new long[2]);
            // classes with at least one more instance per session; a shared class (byte[], String) can lose bytes at
            // the same time when an earlier test's objects die in between (seen: a negative total), so only growth counts
            if (row.getValue()[0] - was[0] >= SESSIONS) {
                delta += Math.max(0, row.getValue()[1] - was[1]);
            }
        }
        final long perSession = delta / SESSIONS;
        System.out.printf("Live certificate sessions: %d bytes per session (heap histogram delta %d bytes for %d sessions)%n",
            perSession, delta, SESSIONS);
        assertTrue(perSession > 0 && perSession < MAX_BYTES_PER_SESSION, perSession + " bytes per session");
        assertEquals(SESSIONS, registry.list().size()); // keeps the registry reachable until after the histogram
    }

    /** Instances and bytes of live objects per class (forces a full GC first, like jmap -histo:live). */
    private static Map<String, long[]> histogram() throws Exception {
        final String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
            new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
            new Object[] {null}, new String[] {String[].class.getName()});
        final Map<String, long[]> rows = new HashMap<>();
        final Matcher m = ROW.matcher(histogram);
        while (m.find()) {
            rows.merge(m.group(3), new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))},
                (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
        }
        return rows;
    }
}
