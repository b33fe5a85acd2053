package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every console page is where Openfire looks for it: a sidebar item in plugin.xml (id = url = pageID) in the plugin's
 * own sidebar group, and a servlet in web.xml at that path whose class serves that page.
 */
class ConsolePagesTest {

    private static Document parse(String file) throws Exception {
        final DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(Path.of(file).toFile());
    }

    private static List<Element> elements(Document document, String name) {
        final NodeList nodes = document.getElementsByTagName(name);
        final List<Element> list = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            list.add((Element) nodes.item(i));
        }
        return list;
    }

    private static String child(Element element, String name) {
        return element.getElementsByTagName(name).item(0).getTextContent().strip();
    }

    @Test
    void everyPageIsASidebarItemOfTheProductsGroupInPageOrder() throws Exception {
        // Execute
        final Document plugin = parse("plugin.xml");
        final List<Element> sidebars = elements(plugin, "sidebar");
        final List<Element> items = elements(plugin, "item");
        final AdminText text = AdminText.load(Locale.ENGLISH);

        // Verify
        assertEquals(1, sidebars.size());
        assertEquals("${admin.sidebar.name}", sidebars.get(0).getAttribute("name"));
        assertEquals(text.get("product.name"), text.get("admin.sidebar.name"), "the group is named after the product");
        assertEquals(Arrays.stream(ConsolePage.values()).map(ConsolePage::path).toList(), items.stream().map(i -> i.getAttribute("id")).toList());
        for (Element item : items) {
            assertEquals(item.getAttribute("id"), item.getAttribute("url"));
            for (String attribute : List.of("name", "description")) {
                final String value = item.getAttribute(attribute);
                assertTrue(value.startsWith("${") && value.endsWith("}"), attribute + " is localised");
                assertTrue(text.has(value.substring(2, value.length() - 1)), value + " is in the bundle");
            }
        }
    }

    @Test
    void everyPageIsAServletOfItsOwnThatServesIt() throws Exception {
        // Setup
        final Document web = parse("src/main/web/WEB-INF/web.xml");
        final Map<String, String> classByName = new HashMap<>();
        elements(web, "servlet").forEach(s -> classByName.put(child(s, "servlet-name"), child(s, "servlet-class")));
        final Map<String, String> classByPath = new HashMap<>();
        elements(web, "servlet-mapping").forEach(m -> classByPath.put(child(m, "url-pattern"), classByName.get(child(m, "servlet-name"))));

        for (ConsolePage page : ConsolePage.values()) {
            // Execute
            final String className = classByPath.get("/" + page.path());
            final Object servlet = Class.forName(className).getConstructor().newInstance();
            final java.lang.reflect.Field field = AdminSettingsServlet.class.getDeclaredField("consolePage");
            field.setAccessible(true);

            // Verify
            assertEquals(page, field.get(servlet), className + " serves " + page);
        }
        assertEquals(ConsolePage.values().length, classByPath.size());
        assertFalse(classByPath.containsValue(null));
    }
}
