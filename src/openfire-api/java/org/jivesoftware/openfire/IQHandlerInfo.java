// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.openfire;

public class IQHandlerInfo {
    private final String name;
    private final String namespace;

    public IQHandlerInfo(String name, String namespace) {
        this.name = name;
        this.namespace = namespace;
    }

    public String getName() { return name; }
    public String getNamespace() { return namespace; }
}
