package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.igniterealtime.openfire.plugin.boshcertauth.PluginRuntime;
import org.igniterealtime.openfire.plugin.boshcertauth.PluginStatus;
import org.igniterealtime.openfire.plugin.boshcertauth.admin.AdminText.Message;
import org.igniterealtime.openfire.plugin.boshcertauth.audit.LoginAttempt;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;
import org.igniterealtime.openfire.plugin.boshcertauth.config.PluginConfiguration;
import org.igniterealtime.openfire.plugin.boshcertauth.openfire.SaslMechanisms;
import org.igniterealtime.openfire.plugin.boshcertauth.config.Settings;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Renders the page as HTML for Openfire's SiteMesh decorator (which adds the console's header, tabs and sidebar,
 * selected by the {@code pageID} meta tag), with the console's own classes: jive-contentBox, jive-table, jive-info /
 * jive-success / jive-error / jive-warning boxes. Every value shown is escaped.
 */
public final class AdminPageRenderer {

    public static final String PAGE_ID = "boshcertauth-settings";
    /** The servlet's path below /plugins/boshcertauth/ (web.xml, plugin.xml). */
    public static final String ACTION = "boshcertauth-settings";
    public static final String PAGE_TOKEN_FIELD = "boshcertauth-token";
    /** Openfire's page for the BOSH client truststore (Server → TLS Certificates → BOSH → Trust store). */
    static final String BOSH_TRUSTSTORE_PAGE = "/security-truststore.jsp?connectionType=BOSH_C2S";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final List<String> SECTIONS = List.of("bosh", "sasl", "identity", "certificate", "revocation", "proxy", "diagnostics", "legacy");

    private final AdminText text;
    private final AdminEnvironment environment;
    private final Clock clock;
    private final StringBuilder out = new StringBuilder(32 * 1024);

    public AdminPageRenderer(AdminText text, AdminEnvironment environment, Clock clock) {
        this.text = text;
        this.environment = environment;
        this.clock = clock;
    }

    public String render(AdminPage page) {
        out.setLength(0);
        out.append("<html>\n<head>\n<title>").append(t("page.title")).append("</title>\n")
            .append("<meta name=\"pageID\" content=\"").append(PAGE_ID).append("\"/>\n")
            .append("<style>\n")
            .append(".boshcertauth-form td { vertical-align: top; padding: 4px 6px; }\n")
            .append(".boshcertauth-form td.label { width: 340px; white-space: nowrap; }\n")
            .append(".boshcertauth-key { color: #666; font-size: 0.85em; font-family: monospace; }\n")
            .append(".boshcertauth-help { color: #555; font-size: 0.9em; }\n")
            .append(".boshcertauth-bad { color: #b00; font-weight: bold; }\n")
            .append(".boshcertauth-good { color: #070; font-weight: bold; }\n")
            .append("</style>\n</head>\n<body>\n");
        messages(page);
        out.append("<p>").append(t("page.intro")).append("</p>\n");
        status();
        truststore();
        settingsForm(page);
        attempts();
        certificateTest(page);
        testCertificates(page);
        out.append("</body>\n</html>\n");
        return out.toString();
    }

    // ------------------------------------------------------------------ messages

    private void messages(AdminPage page) {
        for (Message message : page.messages()) {
            box("error", esc(text.get(message)));
        }
        if (!page.fieldErrors().isEmpty()) {
            box("error", t("save.refused", page.fieldErrors().size()));
        }
        if (page.changes() != null) {
            if (page.changes().isEmpty()) {
                box("info", t("save.unchanged"));
            } else {
                final StringBuilder list = new StringBuilder(t("save.success")).append("<ul>");
                for (SettingsWriter.Change change : page.changes()) {
                    list.append("<li><code>").append(esc(change.key())).append("</code>: ")
                        .append(t("save.change", change.oldValue(), change.newValue())).append("</li>");
                }
                list.append("</ul>");
                if (page.changes().stream().anyMatch(c -> c.key().equals(Settings.BOSH_CLIENT_CERT_POLICY))) {
                    list.append("<p>").append(t("save.bosh-restarted")).append("</p>");
                }
                box("success", list.toString());
            }
        }
    }

    // ------------------------------------------------------------------ status

    private void status() {
        contentBoxStart(t("status.title"));
        out.append("<table class=\"boshcertauth-form\">\n");
        final Optional<PluginStatus> status = environment.status();
        if (status.isEmpty()) {
            row(t("status.plugin"), bad(t("status.plugin.not-loaded")) + "<br/>" + help(t("status.plugin.not-loaded.todo")));
        } else if (!status.get().active()) {
            row(t("status.plugin"), bad(t("status.plugin.inactive")) + " " + esc(status.get().problem())
                + "<br/>" + help(t("status.plugin.inactive.todo")));
        } else {
            row(t("status.plugin"), good(t("status.plugin.active")));
            final PluginStatus s = status.get();
            row(t("status.filter"), !s.filterInstalled() ? bad(t("status.filter.missing")) + "<br/>" + help(t("status.filter.missing.todo"))
                : s.filterFirst() ? good(t("status.filter.first")) : bad(t("status.filter.not-first")) + "<br/>" + help(t("status.filter.not-first.todo")));
            row(t("status.provider"), s.providerFirst() ? good(t("status.provider.first"))
                : bad(t("status.provider.not-first")) + "<br/>" + help(t("status.provider.not-first.todo")));
            row(t("status.websocket"), s.webSocket() ? good(t("status.websocket.on"))
                : bad(t("status.websocket.off")) + "<br/>" + help(t("status.websocket.off.todo")));
        }
        boolean tls;
        try {
            tls = environment.httpsBindActive();
        } catch (RuntimeException e) {
            tls = false;
        }
        row(t("status.tls"), tls ? good(t("yes")) : bad(t("no")) + "<br/>" + help(t("status.tls.todo")));
        final Optional<PluginRuntime> runtime = environment.runtime();
        final String policy = AdminField.ALL.get(0).currentValue();
        row(t("status.client-cert-policy"), "<b>" + esc(policy) + "</b> &ndash; " + t("choice.httpbind.client.cert.policy." + policy)
            + (runtime.map(r -> r.configuration().boshClientCertPolicy() == null).orElse(false) ? "<br/>" + help(t("status.client-cert-policy.default")) : ""));
        row(t("status.external"), SaslMechanisms.externalEnabled() ? good(t("yes")) : bad(t("no")) + "<br/>" + help(t("status.external.todo")));
        runtime.ifPresent(r -> {
            final PluginConfiguration c = r.configuration();
            row(t("status.offer-enforcement"), esc(c.offer().name()) + " / " + esc(c.enforcement().name()));
        });
        out.append("</table>\n");
        runtime.ifPresent(r -> {
            for (String warning : r.configuration().warnings()) {
                box("warning", t("status.warning", warning));
            }
            for (String note : r.configuration().notes()) {
                box("info", t("status.note", note));
            }
        });
        contentBoxEnd();
    }

    private void truststore() {
        contentBoxStart(t("trust.title"));
        out.append("<p>").append(t("trust.info")).append("</p>\n");
        List<X509Certificate> cas;
        try {
            cas = environment.trustedCertificates().stream()
                .sorted(Comparator.comparing(c -> c.getSubjectX500Principal().getName())).toList();
        } catch (RuntimeException e) {
            cas = List.of();
        }
        if (cas.isEmpty()) {
            box("warning", t("trust.empty"));
        } else {
            tableStart(t("trust.subject"), t("trust.issuer"), t("trust.expires"), t("trust.state"));
            int i = 0;
            for (X509Certificate ca : cas) {
                final Instant now = clock.instant();
                final String state = ca.getNotAfter().toInstant().isBefore(now) ? bad(t("trust.expired"))
                    : ca.getNotBefore().toInstant().isAfter(now) ? bad(t("trust.not-yet-valid")) : good(t("trust.valid"));
                tableRow(i++, esc(ca.getSubjectX500Principal().getName()), esc(ca.getIssuerX500Principal().getName()),
                    esc(TIME.format(ca.getNotAfter().toInstant())), state);
            }
            tableEnd();
        }
        contentBoxEnd();
    }

    // ------------------------------------------------------------------ settings

    private void settingsForm(AdminPage page) {
        out.append("<form action=\"").append(ACTION).append("\" method=\"post\">\n");
        hiddenTokens(page);
        out.append("<input type=\"hidden\" name=\"action\" value=\"save\"/>\n");
        for (String section : SECTIONS) {
            contentBoxStart(t("section." + section + ".title"));
            if (text.has("section." + section + ".info")) {
                out.append("<p>").append(t("section." + section + ".info")).append("</p>\n");
            }
            out.append("<table class=\"boshcertauth-form\">\n");
            for (AdminField field : AdminField.ALL) {
                if (field.section().equals(section)) {
                    field(field, page);
                }
            }
            out.append("</table>\n");
            contentBoxEnd();
        }
        out.append("<input type=\"submit\" name=\"save\" value=\"").append(t("save.button")).append("\"/>\n</form>\n<br/>\n");
    }

    private void field(AdminField field, AdminPage page) {
        final String id = fieldId(field.key());
        final String value = page.values().getOrDefault(field.key(), field.currentValue());
        final StringBuilder input = new StringBuilder();
        switch (field.kind()) {
            case BOOLEAN -> input.append("<input type=\"checkbox\" id=\"").append(id).append("\" name=\"").append(esc(field.key()))
                .append("\" value=\"true\"").append("true".equals(value) ? " checked" : "").append("/> <label for=\"").append(id).append("\">")
                .append(t("enabled")).append("</label>");
            case INTEGER -> input.append("<input type=\"text\" size=\"10\" maxlength=\"12\" id=\"").append(id).append("\" name=\"")
                .append(esc(field.key())).append("\" value=\"").append(esc(value)).append("\"/> ")
                .append(help(t("range", field.range().min(), field.range().max())));
            case TEXT -> input.append("<input type=\"text\" size=\"50\" id=\"").append(id).append("\" name=\"").append(esc(field.key()))
                .append("\" value=\"").append(esc(value)).append("\"/>");
            case CHOICE -> {
                if (field.key().equals(Settings.BOSH_CLIENT_CERT_POLICY)) {
                    for (String choice : field.choices()) {
                        final String choiceId = id + "-" + choice;
                        input.append("<input type=\"radio\" id=\"").append(choiceId).append("\" name=\"").append(esc(field.key()))
                            .append("\" value=\"").append(esc(choice)).append("\"").append(choice.equals(value) ? " checked" : "")
                            .append("/> <label for=\"").append(choiceId).append("\"><b>").append(esc(choice)).append("</b> &ndash; ")
                            .append(t("choice." + field.key() + "." + choice)).append("</label><br/>");
                    }
                } else {
                    input.append("<select id=\"").append(id).append("\" name=\"").append(esc(field.key())).append("\">");
                    for (String choice : field.choices()) {
                        input.append("<option value=\"").append(esc(choice)).append("\"").append(choice.equals(value) ? " selected" : "")
                            .append(">").append(esc(choice)).append("</option>");
                    }
                    input.append("</select>");
                }
            }
        }
        for (Message error : page.fieldErrors().getOrDefault(field.key(), List.of())) {
            input.append("<br/><span class=\"jive-error-text\">").append(esc(text.get(error))).append("</span>");
        }
        input.append("<br/>").append(help(t(field.textKey("help")) + " "
            + (field.defaultValue().isEmpty() ? t("default.empty") : t("default", field.defaultValue()))));
        out.append("<tr><td class=\"label\"><label for=\"").append(id).append("\"><b>").append(t(field.textKey("label")))
            .append("</b></label><br/><span class=\"boshcertauth-key\">").append(esc(field.key())).append("</span></td><td>")
            .append(input).append("</td></tr>\n");
    }

    private static String fieldId(String key) {
        return "f-" + key.replaceAll("[^A-Za-z0-9-]", "-");
    }

    // ------------------------------------------------------------------ diagnostics

    private void attempts() {
        contentBoxStart(t("attempts.title"));
        final List<LoginAttempt> attempts = environment.recentAttempts();
        if (attempts.isEmpty()) {
            out.append("<p>").append(t("attempts.none")).append("</p>\n");
        } else {
            out.append("<p>").append(t("attempts.info", attempts.size())).append("</p>\n");
            tableStart(t("attempts.time"), t("attempts.address"), t("attempts.subject"), t("attempts.jid"), t("attempts.outcome"), t("attempts.reason"));
            int i = 0;
            for (LoginAttempt a : attempts) {
                final String reason = a.success() ? (a.detail().isEmpty() ? "" : esc(a.detail()))
                    : "<b>" + esc(a.reason().name()) + "</b>: " + esc(a.reason().description()) + (a.detail().isEmpty() ? "" : "<br/>" + help(esc(a.detail())));
                tableRow(i++, esc(TIME.format(a.time())), esc(a.remoteAddress()), esc(a.certificate().subject()), esc(a.jid()),
                    a.success() ? good(t("attempts.success")) : bad(t("attempts.failure")) + " " + help("(" + esc(a.stage()) + ")"), reason);
            }
            tableEnd();
        }
        contentBoxEnd();
    }

    private void certificateTest(AdminPage page) {
        contentBoxStart(t("test.title"));
        out.append("<p>").append(t("test.info")).append("</p>\n");
        final CertificateTester.Outcome outcome = page.testOutcome();
        if (outcome != null) {
            testOutcome(outcome);
        }
        out.append("<form action=\"").append(ACTION).append("\" method=\"post\">\n");
        hiddenTokens(page);
        out.append("<input type=\"hidden\" name=\"action\" value=\"test\"/>\n")
            .append("<table class=\"boshcertauth-form\">\n<tr><td class=\"label\"><label for=\"test-pem\"><b>").append(t("test.pem")).append("</b></label></td>")
            .append("<td><textarea id=\"test-pem\" name=\"pem\" rows=\"10\" cols=\"80\" spellcheck=\"false\">").append(esc(page.testPem()))
            .append("</textarea></td></tr>\n<tr><td class=\"label\"><label for=\"test-authzid\"><b>").append(t("test.authzid")).append("</b></label></td>")
            .append("<td><input type=\"text\" size=\"40\" id=\"test-authzid\" name=\"authzid\" value=\"").append(esc(page.testAuthzid()))
            .append("\"/><br/>").append(help(t("test.authzid.help"))).append("</td></tr>\n</table>\n")
            .append("<input type=\"submit\" name=\"test\" value=\"").append(t("test.button")).append("\"/>\n</form>\n");
        contentBoxEnd();
    }

    private void testOutcome(CertificateTester.Outcome outcome) {
        if (outcome.problem() != null) {
            box("error", esc(text.get(outcome.problem())));
        }
        final Verdict verdict = outcome.verdict();
        if (verdict != null) {
            if (verdict.isSuccess()) {
                final String jid = verdict.jid() == null ? "" : verdict.jid().toBareJID();
                box(outcome.userExists() ? "success" : "warning", t("test.success", jid) + "<br/>"
                    + (outcome.userExists() ? t("test.user-exists", jid) : t("test.user-missing", jid)));
            } else {
                box("error", t("test.failure", verdict.reason().name(), verdict.reason().description())
                    + "<br/>" + t("test.condition", verdict.reason().condition().elementName())
                    + (verdict.failingIndex() >= 0 ? "<br/>" + t("test.failing-index", verdict.failingIndex()) : "")
                    + (verdict.detail().isEmpty() ? "" : "<br/>" + t("test.detail", verdict.detail())));
            }
        }
        if (!outcome.chain().isEmpty()) {
            tableStart("#", t("trust.subject"), t("trust.issuer"), t("trust.expires"));
            for (int i = 0; i < outcome.chain().size(); i++) {
                final X509Certificate c = outcome.chain().get(i);
                tableRow(i, Integer.toString(i), esc(c.getSubjectX500Principal().getName()), esc(c.getIssuerX500Principal().getName()),
                    esc(TIME.format(c.getNotAfter().toInstant())));
            }
            tableEnd();
            out.append("<br/>\n");
        }
    }

    // ------------------------------------------------------------------ for testing only

    private void testCertificates(AdminPage page) {
        final AdminPage.TestCertificateView view = page.testCertificates();
        if (view == null) {
            return;
        }
        final TestCertificateDesk.State state = view.state();
        out.append("<a id=\"test-certificates\"></a>\n");
        contentBoxStart(t("testca.title"));
        box("warning", t("testca.warning"));
        for (Message problem : view.problems()) {
            box("error", esc(text.get(problem)));
        }
        for (Message notice : view.notices()) {
            box("success", esc(text.get(notice)) + "<br/>" + removeAfterTesting());
        }
        out.append("<table class=\"boshcertauth-form\">\n");
        if (state.problem() != null) {
            row(t("testca.ca"), bad(t("testca.unreadable", state.problem())) + "<br/>" + help(t("testca.directory", state.directory())));
        } else if (state.exists()) {
            row(t("testca.ca"), good(t("testca.exists")) + " " + esc(state.certificate().getSubjectX500Principal().getName())
                + "<br/>" + help(t("testca.expires", TIME.format(state.certificate().getNotAfter().toInstant())) + " "
                + t("testca.directory", state.directory())));
        } else {
            row(t("testca.ca"), t("testca.missing") + "<br/>" + help(t("testca.directory", state.directory())));
        }
        row(t("testca.trusted"), state.trusted() ? good(t("yes")) + "<br/>" + help(removeAfterTesting()) : t("no"));
        row(t("testca.pem"), state.exists()
            ? "<a href=\"" + ACTION + "?" + AdminSettingsServlet.DOWNLOAD_PARAMETER + "=" + AdminSettingsServlet.DOWNLOAD_TEST_CA + "\">"
                + t("testca.pem.download") + "</a><br/>" + help(t("testca.pem.help"))
            : t("testca.pem.missing"));
        out.append("</table>\n");
        if (!state.trusted()) {
            out.append("<form action=\"").append(ACTION).append("#test-certificates\" method=\"post\">\n");
            hiddenTokens(page);
            out.append("<input type=\"hidden\" name=\"action\" value=\"").append(AdminSettingsServlet.ACTION_TRUST_TEST_CA).append("\"/>\n")
                .append("<input type=\"submit\" name=\"trust\" value=\"").append(t("testca.trust.button")).append("\"/><br/>\n")
                .append(help(t("testca.trust.help") + " " + removeAfterTesting())).append("\n</form>\n");
        }
        issueForm(page, view);
        contentBoxEnd();
    }

    private void issueForm(AdminPage page, AdminPage.TestCertificateView view) {
        out.append("<h4>").append(t("issue.title")).append("</h4>\n<p>").append(t("issue.info")).append("</p>\n");
        if (!view.errors().isEmpty()) {
            box("error", t("issue.refused", view.errors().size()));
        }
        if (view.missingUser() != null) {
            box("warning", t("issue.user-missing", view.missingUser()));
        }
        final java.util.Map<String, String> values = view.values();
        out.append("<form action=\"").append(ACTION).append("#test-certificates\" method=\"post\" autocomplete=\"off\">\n");
        hiddenTokens(page);
        out.append("<input type=\"hidden\" name=\"action\" value=\"").append(AdminSettingsServlet.ACTION_ISSUE).append("\"/>\n")
            .append("<table class=\"boshcertauth-form\">\n");
        issueRow(view, TestCertificateForm.USER, "<input type=\"text\" size=\"40\" id=\"issue-user\" name=\"" + TestCertificateForm.USER
            + "\" value=\"" + esc(values.get(TestCertificateForm.USER)) + "\"/>");
        // Never given a value: the password is not sent back to the browser.
        issueRow(view, TestCertificateForm.PASSWORD, "<input type=\"password\" size=\"30\" id=\"issue-p12-password\" name=\""
            + TestCertificateForm.PASSWORD + "\" autocomplete=\"new-password\" minlength=\"" + TestCertificateForm.MIN_PASSWORD_CHARS + "\"/>");
        issueRow(view, TestCertificateForm.DAYS, "<input type=\"text\" size=\"6\" id=\"issue-days\" name=\"" + TestCertificateForm.DAYS
            + "\" value=\"" + esc(values.get(TestCertificateForm.DAYS)) + "\"/> "
            + help(t("range", TestCertificateForm.MIN_DAYS, TestCertificateForm.MAX_DAYS)));
        final StringBuilder select = new StringBuilder("<select id=\"issue-key\" name=\"").append(TestCertificateForm.KEY).append("\">");
        for (String key : TestCertificateForm.KEY_TYPES.keySet()) {
            select.append("<option value=\"").append(esc(key)).append("\"").append(key.equals(values.get(TestCertificateForm.KEY)) ? " selected" : "")
                .append(">").append(t("issue.key." + key)).append("</option>");
        }
        issueRow(view, TestCertificateForm.KEY, select.append("</select>").toString());
        issueRow(view, TestCertificateForm.ISSUE_ANYWAY, "<input type=\"checkbox\" id=\"issue-issue-anyway\" name=\""
            + TestCertificateForm.ISSUE_ANYWAY + "\" value=\"true\"" + ("true".equals(values.get(TestCertificateForm.ISSUE_ANYWAY)) ? " checked" : "")
            + "/>");
        out.append("</table>\n<input type=\"submit\" name=\"issue\" value=\"").append(t("issue.button")).append("\"/><br/>\n")
            .append(help(t("issue.after"))).append("\n</form>\n");
    }

    private void issueRow(AdminPage.TestCertificateView view, String field, String inputHtml) {
        final StringBuilder cell = new StringBuilder(inputHtml);
        for (Message error : view.errors().getOrDefault(field, List.of())) {
            cell.append("<br/><span class=\"jive-error-text\">").append(esc(text.get(error))).append("</span>");
        }
        cell.append("<br/>").append(help(t("issue." + field + ".help")));
        out.append("<tr><td class=\"label\"><label for=\"issue-").append(field).append("\"><b>").append(t("issue." + field + ".label"))
            .append("</b></label></td><td>").append(cell).append("</td></tr>\n");
    }

    private String removeAfterTesting() {
        return t("testca.remove-after") + " <a href=\"" + BOSH_TRUSTSTORE_PAGE + "\">" + t("testca.truststore-link") + "</a>";
    }

    // ------------------------------------------------------------------ markup helpers

    private void hiddenTokens(AdminPage page) {
        out.append("<input type=\"hidden\" name=\"csrf\" value=\"").append(esc(page.csrf())).append("\"/>\n")
            .append("<input type=\"hidden\" name=\"").append(PAGE_TOKEN_FIELD).append("\" value=\"").append(esc(page.pageToken())).append("\"/>\n");
    }

    /** Openfire's admin:infobox markup; {@code html} must already be escaped. */
    private void box(String type, String html) {
        out.append("<div class=\"jive-").append(type).append("\">\n<table cellpadding=\"0\" cellspacing=\"0\" border=\"0\"><tbody><tr>")
            .append("<td class=\"jive-icon\"><img src=\"/images/").append(type).append("-16x16.gif\" width=\"16\" height=\"16\" border=\"0\" alt=\"\"/></td>")
            .append("<td class=\"jive-icon-label\">").append(html).append("</td></tr></tbody></table>\n</div>\n<br/>\n");
    }

    /** Openfire's admin:contentBox markup. */
    private void contentBoxStart(String escapedTitle) {
        out.append("<div class=\"jive-contentBoxHeader\">").append(escapedTitle).append("</div>\n<div class=\"jive-contentBox\">\n");
    }

    private void contentBoxEnd() {
        out.append("</div>\n");
    }

    private void tableStart(String... escapedHeaders) {
        out.append("<div class=\"jive-table\">\n<table cellpadding=\"0\" cellspacing=\"0\" border=\"0\" width=\"100%\">\n<thead><tr>");
        for (String h : escapedHeaders) {
            out.append("<th nowrap>").append(h).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
    }

    private void tableRow(int index, String... escapedCells) {
        out.append("<tr class=\"").append(index % 2 == 0 ? "jive-even" : "jive-odd").append("\">");
        for (String cell : escapedCells) {
            out.append("<td>").append(cell).append("</td>");
        }
        out.append("</tr>\n");
    }

    private void tableEnd() {
        out.append("</tbody>\n</table>\n</div>\n");
    }

    private void row(String escapedLabel, String html) {
        out.append("<tr><td class=\"label\"><b>").append(escapedLabel).append("</b></td><td>").append(html).append("</td></tr>\n");
    }

    /** A localised string, arguments filled in, HTML-escaped. */
    private String t(String key, Object... arguments) {
        return esc(text.get(key, arguments));
    }

    private static String esc(Object value) {
        return Html.escape(value);
    }

    private static String help(String escaped) {
        return "<span class=\"boshcertauth-help\">" + escaped + "</span>";
    }

    private static String good(String escaped) {
        return "<span class=\"boshcertauth-good\">" + escaped + "</span>";
    }

    private static String bad(String escaped) {
        return "<span class=\"boshcertauth-bad\">" + escaped + "</span>";
    }
}
