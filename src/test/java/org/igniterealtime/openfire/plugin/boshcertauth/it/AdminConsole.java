package org.igniterealtime.openfire.plugin.boshcertauth.it;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A logged-in session of Openfire's admin console (plain HTTP on loopback port 9090), for tests that look at admin
 * pages or change settings the way an administrator does.
 *
 * <pre>
 *   AdminConsole console = openfire.adminConsole();                 // logs in as admin
 *   String plugins = console.get("plugin-admin.jsp");               // HTML of the plugins page
 *   console.setProperty("httpbind.client.cert.policy", "wanted");   // System Properties page, with its CSRF token
 *   Optional&lt;String&gt; v = console.propertyValue("httpbind.client.cert.policy");
 * </pre>
 *
 * <p>Login (login.jsp): a GET sets the {@code csrf} cookie; the POST must echo it as parameter {@code csrf} together
 * with {@code login=true}, {@code username}, {@code password}. Success is a redirect (to index.jsp) and a
 * {@code JSESSIONID} cookie; failure re-renders the login page with 200. The same cookie-equals-parameter CSRF check
 * guards the System Properties POST, which also resets the cookie on every GET.</p>
 */
public final class AdminConsole {

    private final URI base;
    private final HttpClient http;
    private final CookieManager cookies;

    private AdminConsole(URI base, HttpClient http, CookieManager cookies) {
        this.base = base;
        this.http = http;
        this.cookies = cookies;
    }

    /** Logs in at {@code base} (e.g. {@code http://localhost:9090/}); fails with the response page if refused. */
    public static AdminConsole login(URI base, String username, String password) throws IOException, InterruptedException {
        final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        final HttpClient http = HttpClient.newBuilder()
                .cookieHandler(cookies)
                // Redirects are answers we want to see (login success is a 302), not follow blindly.
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        final AdminConsole console = new AdminConsole(base, http, cookies);

        final HttpResponse<String> form = console.send(HttpRequest.newBuilder(base.resolve("login.jsp")).GET());
        if (form.statusCode() != 200) {
            throw new IOException("GET login.jsp: HTTP " + form.statusCode());
        }
        final HttpResponse<String> answer = console.postForm("login.jsp", Map.of(
                "login", "true",
                "csrf", console.csrfCookie().orElseThrow(() -> new IOException("login.jsp set no csrf cookie")),
                "username", username,
                "password", password));
        if (answer.statusCode() != 302 || answer.headers().firstValue("Location").orElse("").contains("login.jsp")) {
            throw new IOException("Admin console login as '" + username + "' refused: HTTP " + answer.statusCode() + "\n" + answer.body());
        }
        return console;
    }

    /** The underlying client: keeps the session cookies, does not follow redirects. */
    public HttpClient httpClient() {
        return http;
    }

    public URI uri(String relative) {
        return base.resolve(relative);
    }

    /** GETs an admin page (relative to the console root, may carry a query) and returns its HTML; fails unless 200. */
    public String get(String relative) throws IOException, InterruptedException {
        final HttpResponse<String> response = send(HttpRequest.newBuilder(uri(relative)).GET());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + relative + ": HTTP " + response.statusCode()
                    + response.headers().firstValue("Location").map(l -> " → " + l).orElse(""));
        }
        if (response.body().contains("name=\"loginForm\"")) {
            throw new IOException("GET " + relative + ": got the login page, the session is not logged in");
        }
        return response.body();
    }

    /** POSTs a form (application/x-www-form-urlencoded) and returns the raw response. */
    public HttpResponse<String> postForm(String relative, Map<String, String> fields) throws IOException, InterruptedException {
        return postForm(relative, fields, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** POSTs a form and reads the answer with {@code handler} (e.g. bytes, for a form that answers with a download). */
    public <T> HttpResponse<T> postForm(String relative, Map<String, String> fields, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        final String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri(relative))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)), handler);
    }

    public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    public <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), handler);
    }

    /** The current value of the {@code csrf} cookie, which Openfire's pages reset on each GET of a form page. */
    public Optional<String> csrfCookie() {
        return cookies.getCookieStore().get(base).stream()
                .filter(c -> c.getName().equals("csrf"))
                .map(HttpCookie::getValue)
                .reduce((first, second) -> second);
    }

    /** The System Properties page filtered by key substring ({@code server-properties.jsp?searchName=...}), all rows on one page. */
    public String systemPropertiesPage(String keySubstring) throws IOException, InterruptedException {
        return get("server-properties.jsp?searchName=" + URLEncoder.encode(keySubstring, StandardCharsets.UTF_8)
                + "&listPagerPageSize=100&searchPlugin=");
    }

    /**
     * The keys and saved values of the System Properties whose key contains {@code keySubstring}, as the console
     * shows them (value is null when "none"/"hidden" is shown).
     */
    public Map<String, String> systemProperties(String keySubstring) throws IOException, InterruptedException {
        final String html = systemPropertiesPage(keySubstring);
        final Map<String, String> result = new LinkedHashMap<>();
        // <td class="nameColumn"> <span>KEY</span> </td> <td class="valueColumn"> <span>VALUE</span> or <span class="hidden">none</span>
        final Matcher row = Pattern.compile(
                "<td class=\"nameColumn\">.*?<span>([^<]*)</span>\\s*</td>\\s*<td class=\"valueColumn\">\\s*<span( class=\"hidden\")?>([^<]*)</span>",
                Pattern.DOTALL).matcher(html);
        while (row.find()) {
            result.put(unescape(row.group(1)), row.group(2) != null ? null : unescape(row.group(3)));
        }
        return result;
    }

    /** The saved value of one property (empty if unset or not shown). */
    public Optional<String> propertyValue(String key) throws IOException, InterruptedException {
        return Optional.ofNullable(systemProperties(key).get(key));
    }

    /**
     * Sets an Openfire property at runtime through the System Properties page (as an administrator would), which fires
     * Openfire's property listeners (e.g. {@code httpbind.client.cert.policy} restarts the BOSH listener).
     */
    public void setProperty(String key, String value) throws IOException, InterruptedException {
        systemPropertiesPage(key); // sets a fresh csrf cookie
        final HttpResponse<String> response = postForm("server-properties.jsp", Map.of(
                "csrf", csrfCookie().orElseThrow(() -> new IOException("server-properties.jsp set no csrf cookie")),
                "action", "save",
                "key", key,
                "value", value));
        if (response.statusCode() != 302) {
            throw new IOException("Saving property " + key + ": HTTP " + response.statusCode());
        }
        final Optional<String> saved = propertyValue(key);
        if (!saved.equals(Optional.of(value))) {
            throw new IOException("Property " + key + " is " + saved + " after saving '" + value + "' (CSRF failure?)");
        }
    }

    private static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&#034;", "\"").replace("&quot;", "\"")
                .replace("&#039;", "'").replace("&amp;", "&");
    }
}
