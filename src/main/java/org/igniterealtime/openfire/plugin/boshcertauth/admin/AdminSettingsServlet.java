package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.igniterealtime.openfire.plugin.boshcertauth.config.Settings;

import org.igniterealtime.openfire.plugin.boshcertauth.request.WebOrigin;

import org.igniterealtime.openfire.plugin.boshcertauth.request.AllowedOrigins;

import org.igniterealtime.openfire.plugin.boshcertauth.PluginRuntime;
import org.igniterealtime.openfire.plugin.boshcertauth.admin.AdminText.Message;
import org.igniterealtime.openfire.plugin.boshcertauth.tools.TestCertificateService;
import org.jivesoftware.openfire.auth.AuthToken;
import org.jivesoftware.openfire.keystore.CertificateStoreConfigException;
import org.xmpp.packet.JID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One of the plugin's admin console pages ({@link ConsolePage}; this class itself serves the settings page, its
 * subclasses the others), mapped in web.xml and reached through Openfire's PluginServlet at
 * /plugins/boshcertauth/&lt;{@link ConsolePage#path()}&gt;. Every page accepts every action (its forms post to the page
 * they are on, which then shows the outcome); what a page shows is its sections in {@link AdminPageRenderer}. Thin glue: reads the request, lets
 * {@link SettingsValidator}, {@link SettingsWriter}, {@link CertificateTester}, {@link TestCertificateForm} and
 * {@link TestCertificateDesk} do the work and {@link AdminPageRenderer} draw the result. GET changes nothing (it may
 * download the test CA's public certificate when it exists; the test CA itself is only ever created by a POST).
 *
 * <p>CSRF: PluginServlet (plugin.xml csrfProtectionEnabled) refuses a POST whose {@code csrf} parameter does not
 * match the session's token before this servlet runs, and sets a fresh token as request attribute {@code csrf} for
 * the form to carry. As a second, independent check this page also requires its own per-session token, so a POST
 * reaching it by any other route is refused too.</p>
 */
public class AdminSettingsServlet extends HttpServlet {

    private static final Logger Log = LoggerFactory.getLogger(AdminSettingsServlet.class);

    /** Where Openfire's admin console keeps the logged-in administrator (WebManager.getAuthToken()). */
    static final String AUTH_TOKEN_ATTRIBUTE = "jive.admin.authToken";
    /** Openfire's flash error (FlashMessageTag.ERROR_MESSAGE_KEY) that PluginServlet sets when it refuses a POST. */
    static final String FLASH_ERROR_ATTRIBUTE = "error";
    static final String PAGE_TOKEN_ATTRIBUTE = "boshcertauth.admin.token";
    /** What a download did (it answers with a file, not a page): shown once, by the next page this session sees. */
    static final String PENDING_NOTICES_ATTRIBUTE = "boshcertauth.admin.pending-notices";
    /** PluginServlet's session attribute and request parameter for its CSRF token. */
    static final String OPENFIRE_CSRF = "csrf";
    static final String ACTION_TRUST_TEST_CA = "trust-test-ca";
    static final String ACTION_ISSUE = "issue-test-certificate";
    static final String ACTION_UNTRUST_TEST_CA = "untrust-test-ca";
    /** Untrusts the test CA when it is trusted, then deletes its files. */
    static final String ACTION_DELETE_TEST_CA = "delete-test-ca";
    /** POST: the test CA's certificate as PEM (a POST, so that the page's forms keep working afterwards). */
    static final String ACTION_DOWNLOAD_TEST_CA = "download-test-ca";
    /** GET {@code ?download=test-ca.pem}: the test CA's certificate (public; only when it exists). */
    static final String DOWNLOAD_PARAMETER = "download";
    static final String DOWNLOAD_TEST_CA = "test-ca.pem";
    static final String TEST_CA_PEM_FILENAME = "boshcertauth-test-ca.pem";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConsolePage consolePage;
    private final AdminEnvironment environment;
    private final Clock clock;

    /** Used by Openfire (web.xml): the settings page. */
    public AdminSettingsServlet() {
        this(ConsolePage.SETTINGS, new OpenfireAdminEnvironment(), Clock.systemUTC());
    }

    public AdminSettingsServlet(AdminEnvironment environment, Clock clock) {
        this(ConsolePage.SETTINGS, environment, clock);
    }

    public AdminSettingsServlet(ConsolePage consolePage, AdminEnvironment environment, Clock clock) {
        this.consolePage = consolePage;
        this.environment = environment;
        this.clock = clock;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (DOWNLOAD_TEST_CA.equals(request.getParameter(DOWNLOAD_PARAMETER))) {
            downloadTestCa(request, response);
            return;
        }
        final List<Message> messages = new ArrayList<>();
        final HttpSession session = request.getSession();
        final Object flash = session.getAttribute(FLASH_ERROR_ATTRIBUTE);
        if (flash != null) {
            // PluginServlet refused a POST (CSRF) and redirected here; showing its message consumes it, as Openfire's tag does.
            messages.add(new Message("message.openfire", flash.toString()));
            session.removeAttribute(FLASH_ERROR_ATTRIBUTE);
        }
        send(request, response, HttpServletResponse.SC_OK, AdminPage.current(csrf(request), pageToken(session), messages));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        request.setCharacterEncoding(StandardCharsets.UTF_8.name());
        final HttpSession session = request.getSession();
        final String token = pageToken(session);
        final String submitted = request.getParameter(AdminPageRenderer.PAGE_TOKEN_FIELD);
        if (submitted == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), submitted.getBytes(StandardCharsets.UTF_8))) {
            Log.warn("Refused a POST to the admin page without this page's token (from {})", request.getRemoteAddr());
            send(request, response, HttpServletResponse.SC_FORBIDDEN, AdminPage.current(csrf(request), token, List.of(new Message("message.csrf"))));
            return;
        }
        final String action = request.getParameter("action");
        if (CertificateTestSection.TEST_ACTION.equals(action)) {
            test(request, response, token);
        } else if (SettingsSection.SAVE_ACTION.equals(action)) {
            save(request, response, token);
        } else if (AllowOriginAction.ACTION.equals(action)) {
            allowOrigin(request, response, token);
        } else if (StatusSection.FLUSH_ACTION.equals(action)) {
            flushCaches(request, response, token);
        } else if (SessionActions.handles(action)) {
            final SessionActions.Outcome outcome = new SessionActions(environment, clock).perform(action, request::getParameter, adminName(request));
            send(request, response, HttpServletResponse.SC_OK, outcome.ok() ? AdminPage.current(csrf(request), token, List.of()).withNotices(outcome.messages())
                : AdminPage.current(csrf(request), token, outcome.messages()));
        } else if (RegistrationActions.handles(action)) {
            final SessionActions.Outcome outcome = new RegistrationActions(environment).perform(action, request::getParameter, adminName(request));
            send(request, response, HttpServletResponse.SC_OK, outcome.ok() ? AdminPage.current(csrf(request), token, List.of()).withNotices(outcome.messages())
                : AdminPage.current(csrf(request), token, outcome.messages()));
        } else if (ACTION_TRUST_TEST_CA.equals(action)) {
            trustTestCa(request, response, token);
        } else if (ACTION_ISSUE.equals(action)) {
            issue(request, response, token);
        } else if (ACTION_UNTRUST_TEST_CA.equals(action)) {
            untrustTestCa(request, response, token, false);
        } else if (ACTION_DELETE_TEST_CA.equals(action)) {
            untrustTestCa(request, response, token, true);
        } else if (ACTION_DOWNLOAD_TEST_CA.equals(action)) {
            downloadTestCa(request, response);
        } else {
            send(request, response, HttpServletResponse.SC_BAD_REQUEST, AdminPage.current(csrf(request), token, List.of(new Message("message.unknown-action"))));
        }
    }

    private void save(HttpServletRequest request, HttpServletResponse response, String token) throws IOException {
        final SettingsValidator.Result result = new SettingsValidator(environment.servedDomains()).validate(request::getParameter);
        if (!result.valid()) {
            send(request, response, HttpServletResponse.SC_OK,
                new AdminPage(csrf(request), token, List.of(), result.values(), result.errors(), null, "", "", null));
            return;
        }
        final List<SettingsWriter.Change> changes = new SettingsWriter(environment.storedProperties()).write(result.values());
        final String admin = adminName(request);
        for (SettingsWriter.Change change : changes) {
            Log.info("Admin '{}' changed {} from '{}' to '{}'", admin, change.key(), change.oldValue(), change.newValue());
            audit(admin, "Changed certificate login setting " + change.key(),
                change.key() + ": '" + change.oldValue() + "' -> '" + change.newValue() + "'");
        }
        send(request, response, HttpServletResponse.SC_OK, new AdminPage(csrf(request), token, List.of(), AdminPage.currentValues(), Map.of(),
            changes, "", "", null));
    }

    /** "Allow this origin": adds one origin (re-validated here) to boshcertauth.web.allowed-origins. */
    private void allowOrigin(HttpServletRequest request, HttpServletResponse response, String token) throws IOException {
        final String submitted = request.getParameter(AllowOriginAction.ORIGIN_PARAMETER);
        final Optional<WebOrigin> origin = WebOrigin.parse(submitted == null ? "" : submitted.strip());
        if (origin.isEmpty()) {
            send(request, response, HttpServletResponse.SC_BAD_REQUEST, AdminPage.current(csrf(request), token,
                List.of(new Message("message.allow-origin.invalid", submitted == null ? "" : submitted))));
            return;
        }
        final AllowedOrigins current;
        try {
            current = AllowedOrigins.parse(Settings.WEB_ALLOWED_ORIGINS.getValue());
        } catch (IllegalArgumentException e) {
            send(request, response, HttpServletResponse.SC_OK, AdminPage.current(csrf(request), token,
                List.of(new Message("message.allow-origin.fix-setting-first", e.getMessage()))));
            return;
        }
        if (current.contains(origin.get())) {
            send(request, response, HttpServletResponse.SC_OK, AdminPage.current(csrf(request), token, List.of())
                .withNotices(List.of(new Message("message.allow-origin.already", origin.get().toString()))));
            return;
        }
        final String key = Settings.WEB_ALLOWED_ORIGINS.getKey();
        final List<SettingsWriter.Change> changes = new SettingsWriter(environment.storedProperties()).write(Map.of(key, current.with(origin.get()).toString()));
        final String admin = adminName(request);
        for (SettingsWriter.Change change : changes) {
            Log.info("Admin '{}' allowed the web origin {} ({}: '{}' -> '{}')", admin, origin.get(), key, change.oldValue(), change.newValue());
            audit(admin, "Changed certificate login setting " + key, key + ": '" + change.oldValue() + "' -> '" + change.newValue() + "'");
        }
        send(request, response, HttpServletResponse.SC_OK, AdminPage.current(csrf(request), token, List.of())
            .withNotices(List.of(new Message("message.allow-origin.done", origin.get().toString()))));
    }

    /** Forgets every cached verdict, OCSP answer and CRL, so the next login of every certificate is checked afresh. */
    private void flushCaches(HttpServletRequest request, HttpServletResponse response, String token) throws IOException {
        if (!environment.flushCaches()) {
            send(request, response, HttpServletResponse.SC_OK, AdminPage.current(csrf(request), token, List.of(new Message("message.flush.not-loaded"))));
            return;
        }
        final String admin = adminName(request);
        Log.info("Admin '{}' flushed the certificate verdict and revocation caches", admin);
        audit(admin, "Flushed certificate login caches", "verdicts, OCSP answers and CRLs");
        send(request, response, HttpServletResponse.SC_OK, AdminPage.current(csrf(request), token, List.of())
            .withNotices(List.of(new Message("message.flush.done"))));
    }

    private void test(HttpServletRequest request, HttpServletResponse response, String token) throws IOException {
        final String pem = request.getParameter("pem");
        final String authzid = request.getParameter("authzid");
        final CertificateTester.Outcome outcome = new CertificateTester(environment::userExists)
            .test(pem, authzid, environment.runtime().map(PluginRuntime::verifier));
        send(request, response, HttpServletResponse.SC_OK, new AdminPage(csrf(request), token, List.of(), AdminPage.currentValues(), Map.of(),
            null, outcome.keepInput() && pem != null ? pem : "", authzid == null ? "" : authzid, outcome));
    }

    // ------------------------------------------------------------------ for testing only: test CA and certificates

    private void trustTestCa(HttpServletRequest request, HttpServletResponse response, String token) throws IOException {
        final TestCertificateDesk desk = new TestCertificateDesk(environment);
        final List<Message> notices = new ArrayList<>();
        final List<Message> problems = new ArrayList<>();
        try {
            final TestCertificateService service = desk.ensure();
            final boolean added = desk.trust(service);
            if (added) {
                final String subject = service.authority().certificate().getSubjectX500Principal().getName();
                Log.info("Admin '{}' added the test CA {} to the BOSH client truststore as {}", adminName(request), subject, service.truststoreAlias());
                audit(adminName(request), "Trusted the boshcertauth test CA for BOSH client certificates",
                    "alias: " + service.truststoreAlias() + "; subject: " + subject + "; " + testCaPlace());
                notices.add(new Message("testca.trust.added"));
            } else {
                notices.add(new Message("testca.trust.already"));
            }
        } catch (IOException | GeneralSecurityException | CertificateStoreConfigException | RuntimeException e) {
            Log.warn("Could not trust the test CA for BOSH client certificates", e);
            problems.add(new Message("testca.trust.failed", reason(e)));
        }
        final TestCertificateDesk.State state = desk.state();
        send(request, response, HttpServletResponse.SC_OK, AdminPage.current(csrf(request), token, List.of()).withTestCertificates(
            new AdminPage.TestCertificateView(state, TestCertificateForm.defaults(), Map.of(), notices, problems, null)));
    }

    /** Takes the test CA out of the BOSH client truststore and, for {@code delete}, deletes it; audited, with a message either way. */
    private void untrustTestCa(HttpServletRequest request, HttpServletResponse response, String token, boolean delete) throws IOException {
        final TestCertificateDesk desk = new TestCertificateDesk(environment);
        final List<Message> notices = new ArrayList<>();
        final List<Message> problems = new ArrayList<>();
        final String admin = adminName(request);
        try {
            final Optional<TestCertificateService> service = desk.existing();
            if (service.isPresent() && desk.untrust(service.get())) {
                final String subject = service.get().authority().certificate().getSubjectX500Principal().getName();
                Log.info("Admin '{}' removed the test CA {} from the BOSH client truststore", admin, subject);
                audit(admin, "Removed the boshcertauth test CA from the BOSH client truststore", "subject: " + subject);
                notices.add(new Message("testca.untrust.done"));
            } else if (!delete) {
                notices.add(new Message("testca.untrust.not-trusted"));
            }
            if (delete) {
                if (desk.delete()) {
                    Log.info("Admin '{}' deleted the test CA ({})", admin, testCaPlace());
                    audit(admin, "Deleted the boshcertauth test CA", testCaPlace());
                    notices.add(environment.testCaClusterWide() ? new Message("testca.delete.done.database", TestCertificatesSection.TEST_CA_TABLE)
                        : new Message("testca.delete.done", environment.testCaDirectory()));
                } else {
                    notices.add(new Message("testca.delete.none"));
                }
            }
        } catch (IOException | GeneralSecurityException | CertificateStoreConfigException | RuntimeException e) {
            Log.warn("Could not {} the test CA", delete ? "delete" : "untrust", e);
            problems.add(new Message(delete ? "testca.delete.failed" : "testca.untrust.failed", reason(e)));
        }
        send(request, response, HttpServletResponse.SC_OK, AdminPage.current(csrf(request), token, List.of()).withTestCertificates(
            new AdminPage.TestCertificateView(desk.state(), TestCertificateForm.defaults(), Map.of(), notices, problems, null)));
    }

    /** Where the test CA is kept, for log and audit lines. */
    private String testCaPlace() {
        return environment.testCaClusterWide() ? "database table: " + TestCertificatesSection.TEST_CA_TABLE + " (every cluster node)"
            : "directory: " + environment.testCaDirectory();
    }

    /**
     * Validates the whole form first; on success answers with the PKCS#12 itself (nothing else: the browser saves it
     * and keeps showing the page). The password is never shown, logged or audited, and is cleared when done.
     */
    private void issue(HttpServletRequest request, HttpServletResponse response, String token) throws IOException {
        final TestCertificateDesk desk = new TestCertificateDesk(environment);
        final TestCertificateForm.Result form = new TestCertificateForm(environment.servedDomains()).validate(request::getParameter);
        final TestCertificateDesk.Issued issued;
        try {
            if (!form.valid()) {
                issuePage(request, response, token, desk, form.values(), form.errors(), List.of(), null);
                return;
            }
            final String jid = form.jid().toBareJID();
            if (!form.issueAnyway() && !userExists(form.jid())) {
                // A warning, not a refusal: ticking "issue anyway" (and entering the password again) issues it.
                issuePage(request, response, token, desk, form.values(), Map.of(), List.of(), jid);
                return;
            }
            try {
                issued = desk.issue(desk.ensure(), form.jid(), form.password(), form.validity(), form.key());
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                Log.warn("Could not issue a test certificate for {}", jid, e);
                issuePage(request, response, token, desk, form.values(), Map.of(), List.of(new Message("issue.failed", reason(e))), null);
                return;
            }
        } finally {
            form.clearPassword();
        }
        final X509Certificate certificate = issued.certificate().certificate();
        final String serial = certificate.getSerialNumber().toString(16);
        final String admin = adminName(request);
        final String validity = "valid from " + certificate.getNotBefore().toInstant() + " to " + certificate.getNotAfter().toInstant();
        Log.info("Admin '{}' issued a test certificate for {} (serial {}, {})", admin, issued.certificate().jid(), serial, validity);
        final String fileName = fileName(form.jid().getNode()) + ".p12";
        addPendingNotice(request.getSession(), new Message("issue.done", issued.certificate().jid(), serial, fileName));
        keepSubmittedCsrfToken(request);
        audit(admin, "Issued a test client certificate for " + issued.certificate().jid(),
            "JID: " + issued.certificate().jid() + "; serial: " + serial + "; " + validity + "; key: " + form.key()
                + "; issuer: " + certificate.getIssuerX500Principal().getName());
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/x-pkcs12");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        noCaching(response);
        response.setContentLength(issued.pkcs12().length);
        response.getOutputStream().write(issued.pkcs12());
    }

    private void issuePage(HttpServletRequest request, HttpServletResponse response, String token, TestCertificateDesk desk,
                           Map<String, String> values, Map<String, List<Message>> errors, List<Message> problems, String missingUser) throws IOException {
        send(request, response, HttpServletResponse.SC_OK, AdminPage.current(csrf(request), token, List.of()).withTestCertificates(
            new AdminPage.TestCertificateView(desk.state(), values, errors, List.of(), problems, missingUser)));
    }

    private void downloadTestCa(HttpServletRequest request, HttpServletResponse response) throws IOException {
        final Optional<TestCertificateService> service;
        try {
            service = new TestCertificateDesk(environment).existing();
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            Log.warn("Could not read the test CA", e);
            send(request, response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, AdminPage.current(csrf(request), pageToken(request.getSession()),
                List.of(new Message("testca.download.failed", reason(e)))));
            return;
        }
        if (service.isEmpty()) {
            send(request, response, HttpServletResponse.SC_NOT_FOUND, AdminPage.current(csrf(request), pageToken(request.getSession()),
                List.of(new Message("testca.download.missing"))));
            return;
        }
        final byte[] pem = service.get().caCertificatePem().getBytes(StandardCharsets.US_ASCII);
        if ("POST".equals(request.getMethod())) {
            addPendingNotice(request.getSession(), new Message("testca.download.done", TEST_CA_PEM_FILENAME));
            keepSubmittedCsrfToken(request);
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/x-pem-file");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + TEST_CA_PEM_FILENAME + "\"");
        noCaching(response);
        response.setContentLength(pem.length);
        response.getOutputStream().write(pem);
    }

    /**
     * A download answers with a file, not a page, so the page in the browser still carries the Openfire token it just
     * submitted, which PluginServlet had replaced with a fresh one before this servlet ran (it renews it for every
     * request). Putting the submitted token back, which PluginServlet has just checked against the session's, keeps
     * that page's next form from being refused as a CSRF failure; it stays as secret as it was.
     */
    private static void keepSubmittedCsrfToken(HttpServletRequest request) {
        final String submitted = request.getParameter(OPENFIRE_CSRF);
        if (submitted != null && !submitted.isEmpty()) {
            request.getSession().setAttribute(OPENFIRE_CSRF, submitted);
        }
    }

    private static void addPendingNotice(HttpSession session, Message notice) {
        synchronized (session) {
            final List<Message> pending = new ArrayList<>(pendingNotices(session));
            pending.add(notice);
            session.setAttribute(PENDING_NOTICES_ATTRIBUTE, List.copyOf(pending));
        }
    }

    /** {@code notices} after the pending ones, which are consumed (shown once). */
    private static List<Message> withPendingNotices(HttpSession session, List<Message> notices) {
        synchronized (session) {
            final List<Message> pending = pendingNotices(session);
            if (pending.isEmpty()) {
                return notices;
            }
            session.removeAttribute(PENDING_NOTICES_ATTRIBUTE);
            final List<Message> all = new ArrayList<>(pending);
            all.addAll(notices);
            return all;
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Message> pendingNotices(HttpSession session) {
        final Object pending = session.getAttribute(PENDING_NOTICES_ATTRIBUTE);
        return pending instanceof List<?> list ? (List<Message>) list : List.of();
    }

    private boolean userExists(JID jid) {
        try {
            return environment.userExists(jid);
        } catch (RuntimeException e) {
            Log.warn("Could not look up user {}", jid, e);
            return false;
        }
    }

    private void audit(String admin, String summary, String details) {
        try {
            environment.audit(admin, summary, details);
        } catch (RuntimeException e) {
            Log.warn("Could not write '{}' to Openfire's security audit log", summary, e);
        }
    }

    /** A download file name from a JID's node: safe in a header and on every file system. */
    static String fileName(String node) {
        final String safe = node == null ? "" : node.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^[.]+", "_");
        return safe.isEmpty() ? "certificate" : safe.length() > 64 ? safe.substring(0, 64) : safe;
    }

    private static void noCaching(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store, no-cache, must-revalidate, private");
        response.setHeader("Pragma", "no-cache");
        response.setDateHeader("Expires", 0);
        response.setHeader("X-Content-Type-Options", "nosniff");
    }

    private static String reason(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private void send(HttpServletRequest request, HttpServletResponse response, int status, AdminPage page) throws IOException {
        page = page.on(consolePage).withNotices(withPendingNotices(request.getSession(), page.notices()));
        if (page.testCertificates() == null) {
            page = page.withTestCertificates(AdminPage.TestCertificateView.of(new TestCertificateDesk(environment).state()));
        }
        final String html = new AdminPageRenderer(AdminText.load(environment.locale()), environment, clock).render(page);
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(html);
    }

    /** PluginServlet's fresh token for this request (null when the page is served some other way, e.g. in tests). */
    private static String csrf(HttpServletRequest request) {
        final Object csrf = request.getAttribute("csrf");
        return csrf == null ? "" : csrf.toString();
    }

    /** This page's token: created once per admin session (not a settings change, so also on GET). */
    private static String pageToken(HttpSession session) {
        synchronized (session) {
            Object token = session.getAttribute(PAGE_TOKEN_ATTRIBUTE);
            if (token == null) {
                final byte[] bytes = new byte[24];
                RANDOM.nextBytes(bytes);
                token = HexFormat.of().formatHex(bytes);
                session.setAttribute(PAGE_TOKEN_ATTRIBUTE, token);
            }
            return token.toString();
        }
    }

    /** The logged-in administrator's user name, for the audit log. */
    static String adminName(HttpServletRequest request) {
        final HttpSession session = request.getSession(false);
        final Object token = session == null ? null : session.getAttribute(AUTH_TOKEN_ATTRIBUTE);
        if (token instanceof AuthToken authToken && authToken.getUsername() != null) {
            return authToken.getUsername();
        }
        return "(unknown admin)";
    }
}
