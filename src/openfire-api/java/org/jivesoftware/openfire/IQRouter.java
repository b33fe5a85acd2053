// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.openfire;

import org.jivesoftware.openfire.handler.IQHandler;

public class IQRouter {
    private IQRouter() { throw new UnsupportedOperationException("compile-only declaration"); }
    public void addHandler(IQHandler handler) { throw new UnsupportedOperationException(); }
    public void removeHandler(IQHandler handler) { throw new UnsupportedOperationException(); }
}
