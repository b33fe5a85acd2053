package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.jivesoftware.openfire.auth.AuthToken;

import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.http.HttpFilter;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * What Openfire's admin console does in front of a plugin servlet, for tests: AuthCheckFilter's logged-in admin
 * (session attribute jive.admin.authToken) and PluginServlet's CSRF handling for csrfProtectionEnabled plugins — a
 * non-GET whose {@code csrf} parameter differs from the session's token gets a flash error and a redirect to the same
 * URI; every request that passes gets a fresh token in the session and as request attribute {@code csrf}.
 */
final class PluginServletCsrfFilter extends HttpFilter {

    static final String CSRF_FAILED = "CSRF Failure!";
    private final String adminName;

    PluginServletCsrfFilter(String adminName) {
        this.adminName = adminName;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        if (request.getSession().getAttribute(AdminSettingsServlet.AUTH_TOKEN_ATTRIBUTE) == null) {
            final AuthToken token = mock(AuthToken.class);
            when(token.getUsername()).thenReturn(adminName);
            request.getSession().setAttribute(AdminSettingsServlet.AUTH_TOKEN_ATTRIBUTE, token);
        }
        if (!request.getMethod().equals("GET")) {
            final Object sessionCsrf = request.getSession().getAttribute("csrf");
            if (sessionCsrf == null || !sessionCsrf.equals(request.getParameter("csrf"))) {
                request.getSession().setAttribute(AdminSettingsServlet.FLASH_ERROR_ATTRIBUTE, CSRF_FAILED);
                response.sendRedirect(request.getRequestURI());
                return;
            }
        }
        final String csrf = UUID.randomUUID().toString();
        request.getSession().setAttribute("csrf", csrf);
        request.setAttribute("csrf", csrf);
        chain.doFilter(request, response);
    }
}
