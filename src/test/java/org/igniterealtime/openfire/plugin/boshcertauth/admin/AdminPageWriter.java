package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes the {@link AdminPageExamples} pages to a directory to look at in a browser, not a JUnit test. Openfire's
 * SiteMesh decorator is not there, so each page is given the console's own style sheet and images from an unpacked
 * Openfire ({@code plugins/admin/webapp}) when one is named.
 *
 * <p>Arguments: {@code <out directory> [<Openfire admin webapp directory>]}; one {@code <name>.html} per page and
 * {@code all.html} with every page one after another.</p>
 */
public final class AdminPageWriter {

    private AdminPageWriter() {}

    public static void main(String[] args) throws IOException {
        final Path out = Path.of(args[0]);
        final String webapp = args.length > 1 ? Path.of(args[1]).toAbsolutePath().toUri().toString() : null;
        Files.createDirectories(out);
        final StringBuilder all = new StringBuilder();
        for (Map.Entry<String, String> page : AdminPageExamples.all().entrySet()) {
            final String html = decorated(page.getValue(), webapp);
            Files.writeString(out.resolve(page.getKey() + ".html"), html, StandardCharsets.UTF_8);
            all.append("<h2 style=\"background:#ddd\">").append(page.getKey()).append("</h2>\n")
                .append(body(html)).append("\n");
        }
        Files.writeString(out.resolve("all.html"), decorated("<html><head></head><body>" + all + "</body></html>", webapp),
            StandardCharsets.UTF_8);
    }

    /** The console's style sheet in the head, images from the webapp (the page names them /images/...). */
    private static String decorated(String html, String webapp) {
        if (webapp == null) {
            return html;
        }
        return html.replace("<head>", "<head>\n<meta charset=\"UTF-8\"/><link rel=\"stylesheet\" href=\"" + webapp + "style/global.css\"/>")
            .replace("src=\"/images/", "src=\"" + webapp + "images/");
    }

    private static String body(String html) {
        return html.substring(html.indexOf("<body>") + "<body>".length(), html.lastIndexOf("</body>"));
    }
}
