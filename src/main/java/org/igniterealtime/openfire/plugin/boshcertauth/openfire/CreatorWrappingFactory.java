package org.igniterealtime.openfire.plugin.boshcertauth.openfire;

import org.eclipse.jetty.ee8.websocket.api.WebSocketBehavior;
import org.eclipse.jetty.ee8.websocket.server.JettyServerUpgradeRequest;
import org.eclipse.jetty.ee8.websocket.server.JettyWebSocketCreator;
import org.eclipse.jetty.ee8.websocket.server.JettyWebSocketServletFactory;

import java.time.Duration;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The factory handed to Openfire's {@code configure()}: every setting goes to Jetty's factory unchanged, and every
 * creator Openfire registers is wrapped, so Openfire still decides each upgrade (rate limit, "xmpp" subprotocol) and
 * builds its endpoint, which we then wrap.
 */
public final class CreatorWrappingFactory implements JettyWebSocketServletFactory {

    private final JettyWebSocketServletFactory delegate;
    private final BiFunction<Object, JettyServerUpgradeRequest, Object> wrapper;

    public CreatorWrappingFactory(JettyWebSocketServletFactory delegate, BiFunction<Object, JettyServerUpgradeRequest, Object> wrapper) {
        this.delegate = delegate;
        this.wrapper = wrapper;
    }

    private JettyWebSocketCreator wrap(JettyWebSocketCreator creator) {
        return (request, response) -> wrapper.apply(creator.createWebSocket(request, response), request);
    }

    @Override public void setCreator(JettyWebSocketCreator creator) { delegate.setCreator(wrap(creator)); }
    @Override public void addMapping(String pathSpec, JettyWebSocketCreator creator) { delegate.addMapping(pathSpec, wrap(creator)); }
    @Override public void register(Class<?> endpointClass) { delegate.register(endpointClass); }
    @Override public JettyWebSocketCreator getMapping(String pathSpec) { return delegate.getMapping(pathSpec); }
    @Override public boolean removeMapping(String pathSpec) { return delegate.removeMapping(pathSpec); }
    @Override public Set<String> getAvailableExtensionNames() { return delegate.getAvailableExtensionNames(); }
    @Override public WebSocketBehavior getBehavior() { return delegate.getBehavior(); }
    @Override public Duration getIdleTimeout() { return delegate.getIdleTimeout(); }
    @Override public int getInputBufferSize() { return delegate.getInputBufferSize(); }
    @Override public int getOutputBufferSize() { return delegate.getOutputBufferSize(); }
    @Override public long getMaxBinaryMessageSize() { return delegate.getMaxBinaryMessageSize(); }
    @Override public long getMaxTextMessageSize() { return delegate.getMaxTextMessageSize(); }
    @Override public long getMaxFrameSize() { return delegate.getMaxFrameSize(); }
    @Override public boolean isAutoFragment() { return delegate.isAutoFragment(); }
    @Override public void setIdleTimeout(Duration duration) { delegate.setIdleTimeout(duration); }
    @Override public void setInputBufferSize(int size) { delegate.setInputBufferSize(size); }
    @Override public void setOutputBufferSize(int size) { delegate.setOutputBufferSize(size); }
    @Override public void setMaxBinaryMessageSize(long size) { delegate.setMaxBinaryMessageSize(size); }
    @Override public void setMaxTextMessageSize(long size) { delegate.setMaxTextMessageSize(size); }
    @Override public void setMaxFrameSize(long maxFrameSize) { delegate.setMaxFrameSize(maxFrameSize); }
    @Override public void setAutoFragment(boolean autoFragment) { delegate.setAutoFragment(autoFragment); }
}
