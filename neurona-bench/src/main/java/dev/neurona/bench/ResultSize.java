package dev.neurona.bench;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The heap bytes of a result object as HotSpot lays it out: the object itself and, followed
 * through its fields, every array and every {@code dev.neurona} object it holds (a tensor: the
 * {@code Tensor} object, its {@code float[]} data and its {@code int[]} shape, and a storage
 * object should it have one), each counted once. What {@link StepAllocation} subtracts from a
 * {@code predict} call's bytes to leave the bytes beyond its result.
 *
 * <p>Layout, with compressed references (HotSpot's default below a 32 GB heap): an object is a
 * 12-byte header plus its fields (references 4 bytes), an array a 16-byte header plus its
 * elements, each rounded up to 8 bytes; without them, 16- and 24-byte headers and 8-byte
 * references ({@code FashionConfigTest} checks the rule against allocations the JVM counts).
 */
final class ResultSize {

    private static final boolean COMPRESSED = compressedOops();
    private static final int REFERENCE = COMPRESSED ? 4 : 8;
    private static final int OBJECT_HEADER = COMPRESSED ? 12 : 16;
    private static final int ARRAY_HEADER = COMPRESSED ? 16 : 24;

    private ResultSize() {
    }

    /** The bytes of {@code root} and what it holds (see the class comment). */
    static long of(Object root) {
        return of(root, new IdentityHashMap<>());
    }

    private static long of(Object o, Map<Object, Boolean> seen) {
        if (o == null || seen.put(o, Boolean.TRUE) != null) {
            return 0;
        }
        Class<?> type = o.getClass();
        if (type.isArray()) {
            Class<?> element = type.getComponentType();
            return align(ARRAY_HEADER + (long) Array.getLength(o) * width(element));
        }
        long bytes = shallow(type);
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
                    continue;
                }
                Object value = read(f, o);
                if (value != null && (value.getClass().isArray() || value.getClass().getName().startsWith("dev.neurona."))) {
                    bytes += of(value, seen);
                }
            }
        }
        return bytes;
    }

    /** An object of {@code type} alone: the header and every instance field up the hierarchy, rounded up to 8. */
    static long shallow(Class<?> type) {
        long bytes = OBJECT_HEADER;
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    bytes += width(f.getType());
                }
            }
        }
        return align(bytes);
    }

    /** An array of {@code length} elements of {@code element}, rounded up to 8. */
    static long array(Class<?> element, int length) {
        return align(ARRAY_HEADER + (long) length * width(element));
    }

    private static Object read(Field f, Object o) {
        try {
            f.setAccessible(true);
            return f.get(o);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot read " + f + " to size a result: " + e.getMessage(), e);
        }
    }

    private static int width(Class<?> t) {
        if (t == long.class || t == double.class) {
            return 8;
        }
        if (t == int.class || t == float.class) {
            return 4;
        }
        if (t == short.class || t == char.class) {
            return 2;
        }
        if (t == byte.class || t == boolean.class) {
            return 1;
        }
        return REFERENCE;
    }

    private static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }

    private static boolean compressedOops() {
        try {
            com.sun.management.HotSpotDiagnosticMXBean vm =
                    ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            return Boolean.parseBoolean(vm.getVMOption("UseCompressedOops").getValue());
        } catch (RuntimeException e) {
            return true;
        }
    }
}
