package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.igniterealtime.openfire.plugin.boshcertauth.PluginRuntime;
import org.igniterealtime.openfire.plugin.boshcertauth.admin.AdminText.Message;
import org.jivesoftware.openfire.auth.AuthToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The admin console page (Server → Server Settings → BOSH Certificate Login), mapped in web.xml and reached through
 * Openfire's PluginServlet at /plugins/boshcertauth/boshcertauth-settings. Thin glue: reads the request, lets
 * {@link SettingsValidator}, {@link SettingsWriter} and {@link CertificateTester} do the work and
 * {@link AdminPageRenderer} draw the result. GET changes nothing.
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
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AdminEnvironment environment;
    private final Clock clock;

    /** Used by Openfire (web.xml). */
    public AdminSettingsServlet() {
        this(new OpenfireAdminEnvironment(), Clock.systemUTC());
    }

    public AdminSettingsServlet(AdminEnvironment environment, Clock clock) {
        this.environment = environment;
        this.clock = clock;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        final List<Message> messages = new ArrayList<>();
        final HttpSession session = request.getSession();
        final Object flash = session.getAttribute(FLASH_ERROR_ATTRIBUTE);
        if (flash != null) {
            // PluginServlet refused a POST (CSRF) and redirected here; showing its message consumes it, as Openfire's tag does.
            messages.add(new Message("message.openfire", flash.toString()));
            session.removeAttribute(FLASH_ERROR_ATTRIBUTE);
        }
        send(response, HttpServletResponse.SC_OK, AdminPage.current(csrf(request), pageToken(session), messages));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        request.setCharacterEncoding(StandardCharsets.UTF_8.name());
        final HttpSession session = request.getSession();
        final String token = pageToken(session);
        final String submitted = request.getParameter(AdminPageRenderer.PAGE_TOKEN_FIELD);
        if (submitted == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), submitted.getBytes(StandardCharsets.UTF_8))) {
            Log.warn("Refused a POST to the admin page without this page's token (from {})", request.getRemoteAddr());
            send(response, HttpServletResponse.SC_FORBIDDEN, AdminPage.current(csrf(request), token, List.of(new Message("message.csrf"))));
            return;
        }
        final String action = request.getParameter("action");
        if ("test".equals(action)) {
            test(request, response, token);
        } else if ("save".equals(action)) {
            save(request, response, token);
        } else {
            send(response, HttpServletResponse.SC_BAD_REQUEST, AdminPage.current(csrf(request), token, List.of(new Message("message.unknown-action"))));
        }
    }

    private void save(HttpServletRequest request, HttpServletResponse response, String token) throws IOException {
        final SettingsValidator.Result result = new SettingsValidator(environment.servedDomains()).validate(request::getParameter);
        if (!result.valid()) {
            send(response, HttpServletResponse.SC_OK,
                new AdminPage(csrf(request), token, List.of(), result.values(), result.errors(), null, "", "", null));
            return;
        }
        final List<SettingsWriter.Change> changes = new SettingsWriter().write(result.values());
        final String admin = adminName(request);
        for (SettingsWriter.Change change : changes) {
            Log.info("Admin '{}' changed {} from '{}' to '{}'", admin, change.key(), change.oldValue(), change.newValue());
            try {
                environment.audit(admin, "Changed BOSH certificate login setting " + change.key(),
                    change.key() + ": '" + change.oldValue() + "' -> '" + change.newValue() + "'");
            } catch (RuntimeException e) {
                Log.warn("Could not write the change of {} to Openfire's security audit log", change.key(), e);
            }
        }
        send(response, HttpServletResponse.SC_OK, new AdminPage(csrf(request), token, List.of(), AdminPage.currentValues(), java.util.Map.of(),
            changes, "", "", null));
    }

    private void test(HttpServletRequest request, HttpServletResponse response, String token) throws IOException {
        final String pem = request.getParameter("pem");
        final String authzid = request.getParameter("authzid");
        final CertificateTester.Outcome outcome = new CertificateTester(environment::userExists)
            .test(pem, authzid, environment.runtime().map(PluginRuntime::verifier));
        send(response, HttpServletResponse.SC_OK, new AdminPage(csrf(request), token, List.of(), AdminPage.currentValues(), java.util.Map.of(),
            null, outcome.keepInput() && pem != null ? pem : "", authzid == null ? "" : authzid, outcome));
    }

    private void send(HttpServletResponse response, int status, AdminPage page) throws IOException {
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
