package org.igniterealtime.openfire.plugin.boshcertauth.bosh;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The CORS headers Openfire's BOSH servlet puts on its answers, for the answers the filter gives itself (a refusal
 * never reaches Openfire's servlet). Without them a page on another origin sees a CORS error instead of the refusal,
 * and Converse retries for ever (issue 15). The Openfire implementation is {@code openfire.OpenfireCorsHeaders}.
 */
@FunctionalInterface
public interface CorsHeaders {

    /** Nothing (tests, and an Openfire whose settings could not be read). */
    CorsHeaders NONE = (request, response) -> false;

    /**
     * Sets on the response the headers Openfire would set for this request.
     *
     * @return whether CORS is enabled (then the filter also exposes its own refusal header to the page)
     */
    boolean apply(HttpServletRequest request, HttpServletResponse response);
}
