package org.igniterealtime.openfire.plugin.boshcertauth.openfire;

import org.eclipse.jetty.ee8.servlet.ServletContextHandler;
import org.eclipse.jetty.ee8.servlet.ServletHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.servlet.Servlet;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Puts our servlet into the holder of Openfire's WebSocket servlet in the "/ws" context, and Openfire's back.
 *
 * <p>Why the holder's servlet and not a holder of our own or a filter: Openfire creates that holder once, with its
 * context, before the HTTP server first starts, so Jetty keeps it ("durable") across every restart of Openfire's
 * HTTP-bind server and re-initialises the very instance it holds. Whatever we put there survives restarts without a
 * lifecycle listener. A filter could not help: the certificate has to reach the WebSocket endpoint, which only the
 * servlet's creator makes.</p>
 *
 * <p>Swapping a running servlet stops its holder, which calls the old servlet's {@code destroy()}: Openfire's closes
 * the open WebSocket sessions, whose clients reconnect. On unload that is needed anyway (those connections run our
 * classes).</p>
 */
public final class WebSocketServletInstallation {

    private static final Logger Log = LoggerFactory.getLogger(WebSocketServletInstallation.class);

    private final ServletContextHandler context;
    private final ServletHolder holder;
    private final Servlet ours;

    private WebSocketServletInstallation(ServletContextHandler context, ServletHolder holder, Servlet ours) {
        this.context = context;
        this.holder = holder;
        this.ours = ours;
    }

    /**
     * @param servletType the class of Openfire's servlet (ours extends it, so a leftover of an earlier load is found too)
     */
    public static WebSocketServletInstallation install(ServletContextHandler context, Class<? extends Servlet> servletType, Servlet ours) {
        final ServletHolder holder = find(context, servletType)
            .orElseThrow(() -> new IllegalStateException("No " + servletType.getSimpleName() + " in context " + context.getContextPath()));
        swap(holder, ours);
        Log.debug("Servlet of {} replaced by {}", context.getContextPath(), ours.getClass().getName());
        return new WebSocketServletInstallation(context, holder, ours);
    }

    static Optional<ServletHolder> find(ServletContextHandler context, Class<? extends Servlet> servletType) {
        final ServletHolder[] holders = context.getServletHandler().getServlets();
        return holders == null ? Optional.empty() : Arrays.stream(holders)
            .filter(h -> h.getHeldClass() != null && servletType.isAssignableFrom(h.getHeldClass()))
            .findFirst();
    }

    /** Replaces the held servlet; a started holder is stopped and started again so the new servlet is initialised. */
    private static void swap(ServletHolder holder, Servlet servlet) {
        final boolean running = holder.isStarted();
        try {
            if (running) {
                holder.stop();
            }
            holder.setServlet(servlet);
            if (running) {
                holder.start();
                holder.initialize();
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not put " + servlet.getClass().getName() + " into " + holder.getName(), e);
        }
    }

    /** Whether the holder still holds our servlet. */
    public boolean isInstalled() {
        return holder.getHeldClass() == ours.getClass() && (holder.getServletInstance() == null || holder.getServletInstance() == ours);
    }

    public ServletContextHandler context() {
        return context;
    }

    /** Puts back a fresh instance of Openfire's servlet (it keeps no state of its own). */
    public void uninstall(Supplier<? extends Servlet> openfireServlet) {
        swap(holder, openfireServlet.get());
        Log.debug("Openfire's servlet put back into {}", context.getContextPath());
    }
}
