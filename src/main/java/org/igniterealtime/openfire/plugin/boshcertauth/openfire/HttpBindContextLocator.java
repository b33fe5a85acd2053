package org.igniterealtime.openfire.plugin.boshcertauth.openfire;

import org.eclipse.jetty.ee8.nested.ContextHandler;
import org.eclipse.jetty.ee8.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Handler;

import java.lang.reflect.Field;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Finds the Jetty context of Openfire's BOSH endpoint. Openfire 5 keeps it as the first element of
 * {@code HttpBindManager}'s private {@code handlerList}; {@code addJettyHandler} only adds handlers <em>after</em> it,
 * which can never see BOSH requests, so the only way in front of BOSH is a filter on that very context.
 */
public final class HttpBindContextLocator {

    /** The private field of HttpBindManager (Openfire 5.0 – 5.1) that holds the BOSH, WebSocket and static handlers. */
    static final String HANDLER_LIST_FIELD = "handlerList";

    private HttpBindContextLocator() {}

    /**
     * @param httpBindManager Openfire's HttpBindManager (or any object with a {@code handlerList} field of type
     *                        {@link Handler})
     * @param contextPath     "/http-bind" for BOSH, "/ws" for WebSocket
     * @return the context, or a description of what was not found (for the admin page and the log)
     */
    public static Lookup find(Object httpBindManager, String contextPath) {
        final Object handlers;
        try {
            final Field field = httpBindManager.getClass().getDeclaredField(HANDLER_LIST_FIELD);
            field.setAccessible(true);
            handlers = field.get(httpBindManager);
        } catch (NoSuchFieldException e) {
            return Lookup.missing("Openfire's HttpBindManager has no '" + HANDLER_LIST_FIELD + "' field: this Openfire version is not supported (tested with 5.0 and 5.1)");
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Lookup.missing("Openfire's HttpBindManager handler list cannot be read (" + e + "); is the JVM restricting reflection?");
        }
        if (!(handlers instanceof Handler root)) {
            return Lookup.missing("Openfire's HttpBindManager handler list is not a Jetty 12 handler: this Openfire version is not supported");
        }
        return search(root, contextPath)
            .map(Lookup::found)
            .orElseGet(() -> Lookup.missing("No Jetty context for " + contextPath + " found in Openfire's HTTP-bind server"));
    }

    /** Breadth-first search of a handler tree for the ee8 servlet context with the given path. */
    static Optional<ServletContextHandler> search(Handler root, String contextPath) {
        final Deque<Handler> todo = new ArrayDeque<>();
        todo.add(root);
        while (!todo.isEmpty()) {
            final Handler handler = todo.poll();
            if (handler instanceof ContextHandler.CoreContextHandler core
                && core.getContextHandler() instanceof ServletContextHandler servletContext
                && contextPath.equals(servletContext.getContextPath())) {
                return Optional.of(servletContext);
            }
            if (handler instanceof Handler.Container container) {
                todo.addAll(container.getHandlers());
            }
        }
        return Optional.empty();
    }

    /** Either the context or the reason it was not found. */
    public record Lookup(ServletContextHandler context, String problem) {
        static Lookup found(ServletContextHandler context) { return new Lookup(context, null); }
        static Lookup missing(String problem) { return new Lookup(null, problem); }
        public Optional<ServletContextHandler> asOptional() { return Optional.ofNullable(context); }
    }
}
