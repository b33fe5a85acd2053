package org.igniterealtime.openfire.plugin.boshcertauth.openfire;

import org.igniterealtime.openfire.plugin.boshcertauth.cluster.NodeQueries;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.util.cache.ClusterTask;

import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.util.HashMap;

/**
 * Openfire cluster task that asks one {@link NodeQueries} question on the node it runs on. Only the question's name
 * travels; the answer is a HashMap of strings (JDK classes only, so the asking node deserialises it whatever its
 * class loaders). On a node without the plugin this class cannot be loaded there, so that node gives no answer.
 */
public final class NodeQueryTask implements ClusterTask<HashMap<String, String>> {

    /** Longer names are not ours: refused while reading (another node's input is input too). */
    static final int MAX_QUERY_LENGTH = 200;

    private String query;
    private transient HashMap<String, String> result;

    /** For deserialisation (Externalizable). */
    public NodeQueryTask() {
    }

    NodeQueryTask(String query) {
        this.query = query;
    }

    @Override
    public void run() {
        result = NodeQueries.answer(query, XMPPServer.getInstance().getNodeID().toString()).orElse(null);
    }

    @Override
    public HashMap<String, String> getResult() {
        return result;
    }

    @Override
    public void writeExternal(ObjectOutput out) throws IOException {
        out.writeUTF(query);
    }

    @Override
    public void readExternal(ObjectInput in) throws IOException {
        final String read = in.readUTF();
        if (read.length() > MAX_QUERY_LENGTH) {
            throw new IOException("cluster query name too long");
        }
        query = read;
    }
}
