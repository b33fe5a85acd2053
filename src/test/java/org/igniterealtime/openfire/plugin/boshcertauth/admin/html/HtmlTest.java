package org.igniterealtime.openfire.plugin.boshcertauth.admin.html;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;

import static org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html.element;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html.fragment;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html.raw;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HtmlTest {

    private static final String HOSTILE = "<script>alert(\"x\")</script>'&amp;";
    private static final String ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;&amp;amp;";

    @Test
    void textIsEscaped() {
        // Execute
        final String html = element("td").text(HOSTILE).render();

        // Verify
        assertEquals("<td>" + ESCAPED + "</td>", html);
    }

    @Test
    void textNodesAndFragmentsAreEscapedToo() {
        // Execute
        final String html = fragment(text(HOSTILE), element("b").add(text(HOSTILE))).text(HOSTILE).render();

        // Verify
        assertEquals(ESCAPED + "<b>" + ESCAPED + "</b>" + ESCAPED, html);
    }

    @Test
    void attributeValuesAreEscapedInTheOrderGiven() {
        // Execute
        final String html = element("input").attr("type", "text").attr("name", "a\"b").attr("value", HOSTILE).render();

        // Verify: nothing leaves the quoted value, and the order is kept (tests and the IT match on it)
        assertEquals("<input type=\"text\" name=\"a&quot;b\" value=\"" + ESCAPED + "\"/>", html);
    }

    @Test
    void nullIsEmpty() {
        // Execute
        final String html = element("input").attr("value", null).render() + element("p").text(null).render();

        // Verify
        assertEquals("<input value=\"\"/><p></p>\n", html);
    }

    @Test
    void booleanAttributesAreWrittenByNameOnlyWhenOn() {
        // Execute
        final String on = element("option").attr("value", "A").flag("selected", true).text("A").render();
        final String off = element("option").attr("value", "A").flag("selected", false).text("A").render();

        // Verify
        assertEquals("<option value=\"A\" selected>A</option>", on);
        assertEquals("<option value=\"A\">A</option>", off);
    }

    @Test
    void rawMarkupGoesThroughUnescapedOnlyAsTrustedHtml() {
        // Execute
        final String html = element("td").raw(TrustedHtml.fromCode("<i>as is</i>")).add(raw(TrustedHtml.fromCode("&ndash;"))).render();

        // Verify
        assertEquals("<td><i>as is</i>&ndash;</td>", html);
    }

    @Test
    void noPublicMethodTakesAStringAsMarkup() {
        // Setup: every way in that is not escaping must take TrustedHtml; the only String-to-markup door is TrustedHtml.fromCode
        final List<Method> methods = List.of(Html.class, Element.class, Fragment.class).stream()
            .flatMap(c -> Arrays.stream(c.getDeclaredMethods())).filter(m -> Modifier.isPublic(m.getModifiers())).toList();

        // Verify
        for (Method method : methods) {
            if (method.getName().equals("raw")) {
                assertEquals(List.of(TrustedHtml.class), List.of(method.getParameterTypes()), method.toString());
            }
        }
        assertTrue(methods.stream().anyMatch(m -> m.getName().equals("raw")));
        assertFalse(Arrays.stream(TrustedHtml.class.getConstructors()).findAny().isPresent(), "TrustedHtml has no public constructor");
    }

    @Test
    void elementAndAttributeNamesAreCheckedNotEscaped() {
        // Verify: names are code, so a bad one is a bug, refused
        assertThrows(IllegalArgumentException.class, () -> element("td onclick=x"));
        assertThrows(IllegalArgumentException.class, () -> element("<td>"));
        assertThrows(IllegalArgumentException.class, () -> element("td").attr("a\"b", "v"));
        assertThrows(IllegalArgumentException.class, () -> element("td").attr("x y", "v"));
        assertThrows(IllegalArgumentException.class, () -> element("td").flag("a=b", true));
    }

    @Test
    void scriptCannotBeWritten() {
        // Verify
        assertThrows(IllegalArgumentException.class, () -> element("script"));
        assertThrows(IllegalArgumentException.class, () -> element("a").attr("onclick", "alert(1)"));
        assertThrows(IllegalArgumentException.class, () -> element("body").attr("onload", "x"));
        assertThrows(IllegalStateException.class, () -> element("style").text("td { color: red }"),
            "text is not decoded inside style; only TrustedHtml goes there");
    }

    @Test
    void linksWithAScriptSchemeAreRefused() {
        // Verify
        for (String url : List.of("javascript:alert(1)", "JavaScript:alert(1)", " javascript:x", "java\tscript:x", "java\nscript:x",
                "data:text/html,<script>", "vbscript:x")) {
            assertThrows(IllegalArgumentException.class, () -> element("a").attr("href", url), url);
            assertThrows(IllegalArgumentException.class, () -> element("form").attr("action", url), url);
            assertThrows(IllegalArgumentException.class, () -> element("img").attr("src", url), url);
        }
        for (String url : List.of("boshcertauth-settings?download=test-ca.pem", "/security-truststore.jsp?connectionType=BOSH_C2S",
                "boshcertauth-settings#test-certificates", "https://example.org/x", "http://example.org/a:b", "page?x=a:b")) {
            assertEquals("<a href=\"" + Html.escape(url) + "\"></a>", element("a").attr("href", url).render(), url);
        }
    }

    @Test
    void voidElementsHaveNoContent() {
        // Execute
        final String html = element("br").render() + element("img").attr("src", "/images/x.gif").attr("alt", "").render();

        // Verify
        assertEquals("<br/><img src=\"/images/x.gif\" alt=\"\"/>", html);
        assertThrows(IllegalStateException.class, () -> element("input").text("x"));
    }

    @Test
    void blocksEndALineInTheSourceAndInlineElementsDoNot() {
        // Execute
        final String html = element("div").add(element("p").text("a"), element("span").text("b")).render()
            + element("div").text("title").render();

        // Verify: a line break only between tags, never inside text
        assertEquals("<div>\n<p>a</p>\n<span>b</span></div>\n<div>title</div>\n", html);
    }

    @Test
    void escapeReplacesTheFiveCharacters() {
        // Verify
        assertEquals("&lt;&gt;&amp;&quot;&#39;x", Html.escape("<>&\"'x"));
        assertEquals("", Html.escape(null));
        assertEquals("42", Html.escape(42));
    }
}
