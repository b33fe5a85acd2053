package org.igniterealtime.openfire.plugin.boshcertauth.admin.html;

import java.util.ArrayList;
import java.util.List;

/** Nodes one after another without an element around them (what a page section returns). */
public final class Fragment implements Node {

    private final List<Node> nodes = new ArrayList<>();

    Fragment() {}

    public Fragment add(Node... more) {
        for (Node node : more) {
            nodes.add(java.util.Objects.requireNonNull(node));
        }
        return this;
    }

    public Fragment add(Iterable<? extends Node> more) {
        more.forEach(this::add);
        return this;
    }

    /** Escaped text. */
    public Fragment text(Object value) {
        return add(Html.text(value));
    }

    public boolean isEmpty() {
        return nodes.isEmpty();
    }

    @Override
    public void renderTo(StringBuilder out) {
        nodes.forEach(node -> node.renderTo(out));
    }
}
