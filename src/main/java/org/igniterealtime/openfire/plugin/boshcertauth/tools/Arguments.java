package org.igniterealtime.openfire.plugin.boshcertauth.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options of one command: {@code --name value}, {@code --name=value} and bare flags. Unknown, repeated and
 * value-less options are usage errors, so that a typo never silently changes what is issued.
 */
final class Arguments {

    /** A mistake in how the tool was called (exit code 2). */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    private final Map<String, String> values = new LinkedHashMap<>();

    private Arguments() {}

    /**
     * @param args    everything after the command
     * @param options the options that take a value
     * @param flags   the options that take none
     */
    static Arguments parse(List<String> args, Set<String> options, Set<String> flags) throws UsageException {
        final Arguments result = new Arguments();
        for (int i = 0; i < args.size(); i++) {
            final String arg = args.get(i);
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            final int eq = arg.indexOf('=');
            final String name = eq > 0 ? arg.substring(2, eq) : arg.substring(2);
            final String value;
            if (flags.contains(name)) {
                if (eq > 0) {
                    throw new UsageException("--" + name + " takes no value");
                }
                value = "true";
            } else if (options.contains(name)) {
                if (eq > 0) {
                    value = arg.substring(eq + 1);
                } else if (i + 1 < args.size()) {
                    value = args.get(++i);
                } else {
                    throw new UsageException("--" + name + " needs a value");
                }
            } else {
                throw new UsageException("unknown option --" + name);
            }
            if (result.values.put(name, value) != null) {
                throw new UsageException("--" + name + " is given twice");
            }
        }
        return result;
    }

    String optional(String name) {
        return values.get(name);
    }

    String required(String name) throws UsageException {
        final String value = values.get(name);
        if (value == null || value.isEmpty()) {
            throw new UsageException("--" + name + " is required");
        }
        return value;
    }

    boolean flag(String name) {
        return values.containsKey(name);
    }

    int integer(String name, int defaultValue, int min, int max) throws UsageException {
        final String value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            final int result = Integer.parseInt(value.strip());
            if (result < min || result > max) {
                throw new UsageException("--" + name + " must be between " + min + " and " + max + ", not " + result);
            }
            return result;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a number, not '" + value + "'");
        }
    }

    /**
     * A password option. Besides the password itself, {@code env:NAME} reads an environment variable and
     * {@code file:PATH} the first line of a file, so that passwords need not appear in the process list.
     */
    char[] password(String name) throws UsageException {
        final String value = values.get(name);
        if (value == null) {
            return null;
        }
        final String resolved;
        if (value.startsWith("env:")) {
            resolved = System.getenv(value.substring(4));
            if (resolved == null) {
                throw new UsageException("--" + name + ": environment variable " + value.substring(4) + " is not set");
            }
        } else if (value.startsWith("file:")) {
            try {
                final List<String> lines = Files.readAllLines(Path.of(value.substring(5)), StandardCharsets.UTF_8);
                resolved = lines.isEmpty() ? "" : lines.get(0);
            } catch (IOException e) {
                throw new UsageException("--" + name + ": cannot read password file " + value.substring(5));
            }
        } else {
            resolved = value;
        }
        if (resolved.isEmpty()) {
            throw new UsageException("--" + name + " must not be empty");
        }
        return resolved.toCharArray();
    }
}
