package org.igniterealtime.openfire.plugin.boshcertauth.openfire;

import org.igniterealtime.openfire.plugin.boshcertauth.cluster.NodeCommands;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.util.cache.ClusterTask;

import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.util.HashMap;
import java.util.Map;

/**
 * Openfire cluster task that runs one {@link NodeCommands} command, with its arguments, on the node it is sent to.
 * Only strings travel (the command's name and a few name/value pairs), and the answer is a HashMap of strings: JDK
 * classes only, so either side deserialises them whatever its class loaders. Another node's input is input too: the
 * number of arguments and every length are bounded while reading.
 */
public final class NodeCommandTask implements ClusterTask<HashMap<String, String>> {

    static final int MAX_COMMAND_LENGTH = NodeQueryTask.MAX_QUERY_LENGTH;
    static final int MAX_ARGUMENTS = 8;
    static final int MAX_NAME_LENGTH = 64;
    static final int MAX_VALUE_LENGTH = 1024;

    private String command;
    private HashMap<String, String> arguments = new HashMap<>();
    private transient HashMap<String, String> result;

    /** For deserialisation (Externalizable). */
    public NodeCommandTask() {
    }

    NodeCommandTask(String command, Map<String, String> arguments) {
        if (command.length() > MAX_COMMAND_LENGTH || arguments.size() > MAX_ARGUMENTS) {
            throw new IllegalArgumentException("cluster command too large");
        }
        arguments.forEach((name, value) -> {
            if (name.length() > MAX_NAME_LENGTH || value.length() > MAX_VALUE_LENGTH) {
                throw new IllegalArgumentException("cluster command argument too long: " + name);
            }
        });
        this.command = command;
        this.arguments = new HashMap<>(arguments);
    }

    @Override
    public void run() {
        result = NodeCommands.perform(command, arguments, XMPPServer.getInstance().getNodeID().toString()).orElse(null);
    }

    @Override
    public HashMap<String, String> getResult() {
        return result;
    }

    @Override
    public void writeExternal(ObjectOutput out) throws IOException {
        out.writeUTF(command);
        out.writeInt(arguments.size());
        for (Map.Entry<String, String> argument : arguments.entrySet()) {
            out.writeUTF(argument.getKey());
            out.writeUTF(argument.getValue());
        }
    }

    @Override
    public void readExternal(ObjectInput in) throws IOException {
        final String readCommand = bounded(in.readUTF(), MAX_COMMAND_LENGTH);
        final int count = in.readInt();
        if (count < 0 || count > MAX_ARGUMENTS) {
            throw new IOException("cluster command with " + count + " arguments");
        }
        final HashMap<String, String> read = new HashMap<>();
        for (int i = 0; i < count; i++) {
            read.put(bounded(in.readUTF(), MAX_NAME_LENGTH), bounded(in.readUTF(), MAX_VALUE_LENGTH));
        }
        command = readCommand;
        arguments = read;
    }

    private static String bounded(String value, int max) throws IOException {
        if (value.length() > max) {
            throw new IOException("cluster command field too long");
        }
        return value;
    }

    /** The command's name (for the log of the node that sent it). */
    String command() {
        return command;
    }

    /** The arguments as read (for tests). */
    Map<String, String> arguments() {
        return Map.copyOf(arguments);
    }
}
