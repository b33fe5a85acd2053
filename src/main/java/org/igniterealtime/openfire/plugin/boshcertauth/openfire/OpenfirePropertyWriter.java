package org.igniterealtime.openfire.plugin.boshcertauth.openfire;

import org.jivesoftware.util.JiveGlobals;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;

/**
 * The plugin's only way to write or delete an Openfire property. OF-3313 (Openfire 5.2) changed
 * {@code JiveGlobals.setProperty(String, String)}, {@code setProperty(String, List)} and {@code deleteProperty(String)}
 * from {@code void} to returning the old value (and {@code SystemProperty.setValue(T)} likewise, which the plugin
 * does not call). A call compiled against one return type is a {@link NoSuchMethodError} on the other, so these
 * members are never linked directly (they are not even declared in src/openfire-api/java): each is looked up here
 * once, with either return type, and invoked with its result discarded. Every other JiveGlobals member the plugin
 * calls has the same signature in 5.0, 5.1 and 5.2.
 */
public final class OpenfirePropertyWriter {

    private static final class RunningServer {
        static final OpenfirePropertyWriter INSTANCE = new OpenfirePropertyWriter(JiveGlobals.class);
    }

    private final MethodHandle setString;
    private final MethodHandle setList;
    private final MethodHandle delete;

    /** @param jiveGlobals Openfire's JiveGlobals (tests pass stand-ins of either shape) */
    OpenfirePropertyWriter(Class<?> jiveGlobals) {
        this.setString = resolve(jiveGlobals, "setProperty", String.class, String.class, String.class);
        this.setList = resolve(jiveGlobals, "setProperty", List.class, String.class, List.class);
        this.delete = resolve(jiveGlobals, "deleteProperty", String.class, String.class);
    }

    /** The writer bound to the running Openfire's JiveGlobals, resolved on first use. */
    public static OpenfirePropertyWriter get() {
        return RunningServer.INSTANCE;
    }

    /** {@code JiveGlobals.setProperty(name, value)}: sets the property and fires Openfire's property event. */
    public void set(String name, String value) {
        invoke(setString, name, value);
    }

    /** {@code JiveGlobals.setProperty(name, values)}: a list property (numbered children), with its event. */
    public void set(String name, List<String> values) {
        invoke(setList, name, values);
    }

    /** {@code JiveGlobals.deleteProperty(name)}: the property and every property below it, with its event. */
    public void delete(String name) {
        invoke(delete, name);
    }

    private static void invoke(MethodHandle handle, Object... arguments) {
        try {
            handle.invokeWithArguments(arguments);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("Openfire's " + handle + " failed", e); // it declares no checked exception
        }
    }

    /**
     * The public static method {@code name(parameters)} returning void (Openfire 5.0, 5.1) or {@code newReturnType}
     * (5.2, OF-3313), adapted to return void.
     */
    private static MethodHandle resolve(Class<?> owner, String name, Class<?> newReturnType, Class<?>... parameters) {
        final MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        final MethodType voidType = MethodType.methodType(void.class, parameters);
        try {
            return lookup.findStatic(owner, name, voidType);
        } catch (NoSuchMethodException voidMissing) {
            try {
                return lookup.findStatic(owner, name, voidType.changeReturnType(newReturnType)).asType(voidType);
            } catch (NoSuchMethodException | IllegalAccessException e) {
                final IllegalStateException failure = new IllegalStateException("This Openfire's " + owner.getName()
                    + " has no public static " + name + voidType + " returning void or " + newReturnType.getSimpleName(), e);
                failure.addSuppressed(voidMissing);
                throw failure;
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Openfire's " + owner.getName() + "." + name + " is not accessible", e);
        }
    }
}
