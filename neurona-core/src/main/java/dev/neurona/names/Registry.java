package dev.neurona.names;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.invoke.MethodHandles;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The one table of everything Neurona builds from a name or a configuration: layers,
 * activations, losses, metrics, optimizers, learning-rate schedules, initializers,
 * regularizers and constraints, built-in or a user's own (Keras's
 * {@code register_keras_serializable}). A user's class registered here works wherever a
 * built-in one does: by name ({@code dense(4, "my_act")}, {@code compile("adam", "my_loss")})
 * and inside model files ({@code Sequential.save}/{@code load}).
 *
 * <pre>{@code
 * Registry.register(Square.class, Square::fromConfig);     // a layer, under its class name "Square"
 * Registry.register("my_act", MyAct.class, c -> new MyAct());
 * }</pre>
 *
 * <p><b>Kinds.</b> A kind is a base type annotated {@link Kind @Registry.Kind}; a registered class
 * belongs to every kind it is a subtype of, found from its supertypes when it is registered (reading
 * an annotation loads no code), so a user may register before any of Neurona's facades has run.
 * Each kind names the facade whose static initialization registers its built-in types (one line per
 * type); every lookup, and every registration, first makes sure that facade has run, so the
 * built-ins are always there and a user's clash with one is reported at the user's line.
 *
 * <p><b>Loading executes nothing a file names.</b> Only factories registered in this process are
 * reachable; a name from a file is looked up in this table, never turned into a class.
 *
 * <p>Thread-safe: registrations and lookups take one lock; factories run outside it.
 */
public final class Registry {

    /**
     * Marks a base type as a kind of the registry.
     */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    public @interface Kind {

        /** What one name names, for messages: {@code "layer type"}, {@code "loss"}. */
        String noun();

        /** Its plural: {@code "layer types"}, {@code "losses"}. */
        String plural();

        /** The facade whose static initialization registers the built-in types of this kind. */
        Class<?> builtins();

        /**
         * Whether names match only as written (class names: layers, schedules); otherwise case
         * and underscores are ignored ({@code "MeanSquaredError"} = {@code "mean_squared_error"}).
         */
        boolean exactNames() default false;
    }

    private static final Object LOCK = new Object();
    /** Kind root → its names, in the order the kinds were first seen. */
    private static final Map<Class<?>, KindTable> TABLES = new LinkedHashMap<>();

    private Registry() {
    }

    // ---------------------------------------------------------------- registering

    /**
     * Registers {@code type} under its simple class name (what {@code Layer.typeName()} returns by
     * default, and Keras's {@code registered_name}), so that configurations naming it are rebuilt by
     * {@code fromConfig}.
     *
     * @throws IllegalArgumentException when {@code type} is of no kind (naming the known kinds), or
     *         when another class of its kind has that name (naming both classes)
     */
    public static <T> void register(Class<T> type, Function<Map<String, Object>, ? extends T> fromConfig) {
        register(type == null ? null : type.getSimpleName(), type, fromConfig);
    }

    /**
     * Registers {@code type} under {@code name} and any {@code aliases}; registering the same class
     * under the same name again replaces its factory. One class may carry several names (the
     * built-in parameterless activations are one class).
     *
     * @throws IllegalArgumentException when {@code type} is of no kind (naming the known kinds), or
     *         when another class of its kind has that name or an alias (naming both classes)
     */
    public static <T> void register(String name, Class<T> type, Function<Map<String, Object>, ? extends T> fromConfig,
            String... aliases) {
        if (type == null || fromConfig == null) {
            throw new IllegalArgumentException("Registry.register: the class and its factory must not be null, got "
                    + type + " and " + fromConfig);
        }
        List<Class<?>> roots = roots(type);
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("Registry.register: " + type.getName() + " is not of a kind the registry "
                    + "knows; known kinds: " + knownKinds() + " (a registered class extends or implements one of them)");
        }
        for (Class<?> root : roots) {
            ensureBuiltins(root);
        }
        synchronized (LOCK) {
            for (Class<?> root : roots) {   // all or nothing: check every kind before changing any
                table(root).put(name, type, fromConfig, aliases);
            }
        }
    }

    /**
     * Removes every name of {@code type} from every kind (for tests, and for code that unloads its
     * own types); whether it had any.
     */
    public static boolean unregister(Class<?> type) {
        boolean removed = false;
        synchronized (LOCK) {
            for (KindTable t : TABLES.values()) {
                removed |= t.remove(type);
            }
        }
        return removed;
    }

    // ---------------------------------------------------------------- lookups

    /**
     * Builds the {@code kind} named {@code name} from {@code config} with its registered factory.
     *
     * @throws IllegalArgumentException for an unknown name: {@code unknown layer type 'Sqare' (did
     *         you mean 'Square'?); known layer types: [...]}; whatever the factory throws for a bad config
     */
    public static <T> T create(Class<T> kind, String name, Map<String, Object> config) {
        return checked(kind, name, factory(kind, name).apply(config));
    }

    private static <T> T checked(Class<T> kind, String name, Object made) {
        if (!kind.isInstance(made)) {
            throw new IllegalStateException("Registry: the factory of " + kindOf(kind).noun() + " '" + name
                    + "' returned " + (made == null ? "null" : "a " + made.getClass().getName()) + ", not a "
                    + kind.getSimpleName());
        }
        return kind.cast(made);
    }

    /**
     * {@link #create} for a {@code fromConfig} method: an unknown name is a {@link ConfigException}
     * under {@code nameKey} (the config's key that held it), and a value the factory refuses with
     * an {@code IllegalArgumentException} becomes a {@code ConfigException} too, so that the loader
     * reports the key's path.
     */
    public static <T> T fromConfig(Class<T> kind, String nameKey, String name, Map<String, Object> config) {
        Function<Map<String, Object>, ?> factory;
        try {
            factory = factory(kind, name);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(nameKey, e.getMessage(), e);
        }
        Object made;
        try {
            made = factory.apply(config);
        } catch (ConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {   // a value the type's own constructor refused
            throw new ConfigException("", e.getMessage(), e);
        }
        return checked(kind, name, made);
    }

    /**
     * The factory registered for {@code name} in {@code kind}.
     *
     * @throws IllegalArgumentException for an unknown name, as {@link #create}
     */
    public static Function<Map<String, Object>, ?> factory(Class<?> kind, String name) {
        KindTable.Entry e = entry(kind, name);
        if (e == null) {
            throw unknown(kind, name);
        }
        return e.factory();
    }

    /** The canonical name for a spelling of a name or alias of {@code kind}, if there is one. */
    public static Optional<String> canonical(Class<?> kind, String name) {
        KindTable t = lookupTable(kind);
        synchronized (LOCK) {
            return Optional.ofNullable(t.canonical(name));
        }
    }

    /** The class registered under {@code name} in {@code kind}, if any. */
    public static Optional<Class<?>> type(Class<?> kind, String name) {
        KindTable.Entry e = entry(kind, name);
        return e == null ? Optional.empty() : Optional.of(e.type());
    }

    /** The known name closest to {@code name}, for "did you mean" (see {@link Names#closest}), if any is close. */
    public static Optional<String> suggest(Class<?> kind, String name) {
        KindTable t = lookupTable(kind);
        synchronized (LOCK) {
            return Optional.ofNullable(t.suggest(name));
        }
    }

    /**
     * The error for an unknown {@code name} of {@code kind}, in the style of {@link Names}: the
     * closest known name and every known one, the user's included.
     */
    public static IllegalArgumentException unknown(Class<?> kind, Object name) {
        KindTable t = lookupTable(kind);
        synchronized (LOCK) {
            return t.unknown(name);
        }
    }

    /** The canonical names of {@code kind}, built-in and registered, sorted. */
    public static SortedSet<String> names(Class<?> kind) {
        KindTable t = lookupTable(kind);
        synchronized (LOCK) {
            return t.names();
        }
    }

    /** The canonical names of {@code kind} in the order they were registered (built-ins first). */
    public static List<String> namesInOrder(Class<?> kind) {
        KindTable t = lookupTable(kind);
        synchronized (LOCK) {
            return t.inOrder();
        }
    }

    /** The aliases of {@code kind} ({@code "swish"} for silu), sorted. */
    public static SortedSet<String> aliases(Class<?> kind) {
        KindTable t = lookupTable(kind);
        synchronized (LOCK) {
            return t.aliases();
        }
    }

    /** The kind roots seen so far (every built-in kind once its facade has run), by simple name, sorted. */
    public static SortedSet<String> kinds() {
        return new TreeSet<>(knownKinds());
    }

    // ---------------------------------------------------------------- inside

    private static KindTable.Entry entry(Class<?> kind, String name) {
        KindTable t = lookupTable(kind);
        synchronized (LOCK) {
            return t.find(name);
        }
    }

    /** The table of {@code kind} with its built-ins registered. */
    private static KindTable lookupTable(Class<?> kind) {
        kindOf(kind);
        ensureBuiltins(kind);
        synchronized (LOCK) {
            return table(kind);
        }
    }

    private static Kind kindOf(Class<?> kind) {
        Kind k = kind == null ? null : kind.getDeclaredAnnotation(Kind.class);
        if (k == null) {
            throw new IllegalArgumentException("Registry: " + (kind == null ? "null" : kind.getName())
                    + " is not a kind; known kinds: " + knownKinds());
        }
        return k;
    }

    /** Runs the kind's facade's static initialization (which registers the built-ins), outside the lock. */
    private static void ensureBuiltins(Class<?> root) {
        Class<?> facade = kindOf(root).builtins();
        try {
            MethodHandles.lookup().ensureInitialized(facade);   // returns at once when this thread is running it
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Registry: cannot initialize " + facade.getName() + ", the facade of "
                    + root.getName() + ": " + e.getMessage(), e);
        }
        synchronized (LOCK) {
            table(root);
        }
    }

    /** Holding the lock. */
    private static KindTable table(Class<?> root) {
        return TABLES.computeIfAbsent(root, r -> new KindTable(r, kindOf(r)));
    }

    private static List<String> knownKinds() {
        synchronized (LOCK) {
            List<String> out = new ArrayList<>();
            for (Class<?> root : TABLES.keySet()) {
                out.add(root.getSimpleName());
            }
            out.sort(null);
            return out;
        }
    }

    /** Every supertype of {@code type} (itself included) that is a kind. */
    private static List<Class<?>> roots(Class<?> type) {
        List<Class<?>> out = new ArrayList<>();
        Set<Class<?>> seen = new HashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>(List.of(type));
        while (!todo.isEmpty()) {
            Class<?> c = todo.pop();
            if (!seen.add(c)) {
                continue;
            }
            if (c.getDeclaredAnnotation(Kind.class) != null) {
                out.add(c);
            }
            if (c.getSuperclass() != null) {
                todo.add(c.getSuperclass());
            }
            todo.addAll(List.of(c.getInterfaces()));
        }
        return out;
    }
}
