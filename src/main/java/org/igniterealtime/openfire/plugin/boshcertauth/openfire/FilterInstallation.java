package org.igniterealtime.openfire.plugin.boshcertauth.openfire;

import org.eclipse.jetty.ee8.servlet.FilterHolder;
import org.eclipse.jetty.ee8.servlet.FilterMapping;
import org.eclipse.jetty.ee8.servlet.ServletContextHandler;
import org.eclipse.jetty.ee8.servlet.ServletHandler;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.servlet.DispatcherType;
import javax.servlet.Filter;
import java.util.Arrays;

/**
 * Puts one filter in front of everything else of a running Jetty ee8 context, and takes it out again.
 *
 * <p>Openfire restarts its HTTP-bind server whenever {@code httpbind.*} properties or the certificate stores change.
 * Jetty's ServletHandler keeps across a restart only the holders that were present when it last started ("durable"
 * ones), so a filter added to a running context would silently disappear at the first restart. A lifecycle listener
 * therefore puts it back as the handler starts — before its start, which makes it durable from then on. Jetty calls
 * the filter's destroy() and init() around each restart. {@link #isInstalled()} lets a watchdog verify all this.</p>
 */
public final class FilterInstallation {

    private static final Logger Log = LoggerFactory.getLogger(FilterInstallation.class);

    private final ServletContextHandler context;
    private final FilterHolder holder;
    private final FilterMapping mapping;

    private final LifeCycle.Listener keeper = new LifeCycle.Listener() {
        @Override
        public void lifeCycleStarting(LifeCycle event) {
            ensurePresent();
        }
    };

    private FilterInstallation(ServletContextHandler context, FilterHolder holder, FilterMapping mapping) {
        this.context = context;
        this.holder = holder;
        this.mapping = mapping;
    }

    /** Puts the holder and its mapping first again if a restart dropped them. */
    private void ensurePresent() {
        final ServletHandler handler = context.getServletHandler();
        if (handler.getFilters() == null || !Arrays.asList(handler.getFilters()).contains(holder)) {
            handler.prependFilter(holder);
            Log.debug("Filter {} put back into context {} as it starts", holder.getName(), context.getContextPath());
        }
        if (handler.getFilterMappings() == null || !Arrays.asList(handler.getFilterMappings()).contains(mapping)) {
            handler.prependFilterMapping(mapping);
        }
    }

    /** Installs the filter first in the chain for every path, for requests and async dispatches. */
    public static FilterInstallation install(ServletContextHandler context, String name, Filter filter) {
        final FilterHolder holder = new FilterHolder(filter);
        holder.setName(name);
        holder.setAsyncSupported(true); // HttpBindServlet is asynchronous: every filter in front of it must be too.
        final FilterMapping mapping = new FilterMapping();
        mapping.setFilterName(name);
        mapping.setPathSpec("/*");
        mapping.setDispatcherTypes(java.util.EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));

        final ServletHandler handler = context.getServletHandler();
        handler.prependFilter(holder);
        handler.prependFilterMapping(mapping);
        if (handler.isStarted() && !holder.isStarted()) {
            try {
                holder.start();
                holder.initialize();
            } catch (Exception e) {
                handler.removeFilterMapping(mapping);
                handler.removeFilterHolder(holder);
                throw new IllegalStateException("Could not start filter " + name, e);
            }
        }
        final FilterInstallation installation = new FilterInstallation(context, holder, mapping);
        handler.addEventListener(installation.keeper);
        Log.debug("Installed filter {} in context {}", name, context.getContextPath());
        return installation;
    }

    public boolean isInstalled() {
        final ServletHandler handler = context.getServletHandler();
        return handler.getFilters() != null && Arrays.asList(handler.getFilters()).contains(holder)
            && handler.getFilterMappings() != null && Arrays.asList(handler.getFilterMappings()).contains(mapping);
    }

    /** Whether this filter is the first one requests pass through. */
    public boolean isFirst() {
        final FilterMapping[] mappings = context.getServletHandler().getFilterMappings();
        return mappings != null && mappings.length > 0 && mappings[0] == mapping;
    }

    public ServletContextHandler context() {
        return context;
    }

    public FilterHolder holder() {
        return holder;
    }

    /** Removes the filter and its mapping, and stops the holder (which calls the filter's destroy()). */
    public void uninstall() {
        final ServletHandler handler = context.getServletHandler();
        handler.removeEventListener(keeper);
        handler.removeFilterMapping(mapping);
        handler.removeFilterHolder(holder);
        try {
            if (holder.isStarted()) {
                holder.stop();
            }
        } catch (Exception e) {
            Log.warn("Could not stop filter {} cleanly", holder.getName(), e);
        }
        Log.debug("Removed filter {} from context {}", holder.getName(), context.getContextPath());
    }
}
