package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.igniterealtime.openfire.plugin.boshcertauth.PluginRuntime;
import org.igniterealtime.openfire.plugin.boshcertauth.PluginStatus;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.LoginAttempt;
import org.igniterealtime.openfire.plugin.boshcertauth.cluster.ClusterView;
import org.igniterealtime.openfire.plugin.boshcertauth.cluster.NodeQueries;
import org.igniterealtime.openfire.plugin.boshcertauth.cluster.NodeReport;
import org.jivesoftware.openfire.keystore.TrustStore;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cluster box: absent on a single node; names a node without the plugin and fields that differ (issue 17). */
class ClusterSectionTest {

    private static Map<String, String> report(String node, String settingsValue) {
        final Map<String, String> r = new HashMap<>(NodeReport.of("1.1.0", true, true, true, true, List.of(),
            Map.of("k", settingsValue)));
        r.put(NodeQueries.NODE, node);
        return r;
    }

    private static String render(Optional<ClusterView> view) {
        final ClusterSection section = new ClusterSection(new ConsoleMarkup(AdminText.load(Locale.ENGLISH)), new Environment(view));
        return section.render(AdminPage.current("csrf", "token", List.of())).render();
    }

    @Test
    void nothingWhenNotClustered() {
        assertEquals("", render(Optional.empty()));
    }

    @Test
    void aNodeWithoutThePluginAndDifferingSettingsAreWarnedAbout() {
        // Setup: node-b answered with other settings, node-c did not answer
        final ClusterView view = ClusterView.of("node-a", Map.of("node-a", "host-a", "node-b", "host-b", "node-c", "host-c"),
            List.of(report("node-a", "1"), report("node-b", "2")));

        // Execute
        final String html = render(Optional.of(view));

        // Verify
        assertTrue(html.contains("Node(s) node-c did not answer"), html);
        assertTrue(html.contains("The nodes differ in: Settings digest."), html);
        assertTrue(html.contains("host-c"), html);
        assertTrue(html.contains("no answer (plugin missing)"), html);
    }

    @Test
    void agreeingNodesGiveNoWarning() {
        // Setup
        final ClusterView view = ClusterView.of("node-a", Map.of("node-a", "host-a", "node-b", "host-b"),
            List.of(report("node-a", "1"), report("node-b", "1")));

        // Execute
        final String html = render(Optional.of(view));

        // Verify
        assertTrue(html.contains("host-b"), html);
        assertFalse(html.contains("jive-warning"), html);
    }

    private record Environment(Optional<ClusterView> view) implements AdminEnvironment {
        @Override public Optional<ClusterView> clusterView() { return view; }
        @Override public Optional<PluginStatus> status() { return Optional.empty(); }
        @Override public boolean flushCaches() { return false; }
        @Override public Optional<PluginRuntime> runtime() { return Optional.empty(); }
        @Override public List<LoginAttempt> recentAttempts() { return List.of(); }
        @Override public boolean httpsBindActive() { return true; }
        @Override public Set<X509Certificate> trustedCertificates() { return Set.of(); }
        @Override public Set<String> servedDomains() { return Set.of("localhost"); }
        @Override public boolean userExists(JID jid) { return false; }
        @Override public void audit(String username, String summary, String details) { }
        @Override public void beforeTruststoreChange() { }
        @Override public TrustStore boshTrustStore() { return null; }
        @Override public Path testCaDirectory() { return null; }
        @Override public Locale locale() { return Locale.ENGLISH; }
    }
}
