package dev.neurona.names;

import java.util.ArrayList;
import java.util.List;

/**
 * A configuration map (a layer's, an optimizer's, … as read back from JSON) that cannot be
 * turned into an object: a key missing, of the wrong type, out of range or unknown. It carries
 * the path of the offending key inside the configuration ({@code activation.axis},
 * {@code layers[2].units}), so that whoever read the configuration from a file can name the
 * file, the entry and the key: {@code config.json: model.layers[2].activation: missing "name"}.
 *
 * <p>It is an {@link IllegalArgumentException}, as every {@code fromConfig} error has always been.
 */
public class ConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final List<String> path;
    private final String problem;

    /**
     * A problem with the value under {@code key} ({@code ""} or {@code null} for the
     * configuration as a whole), such as {@code "must be an integer ≥ 1, got 2.5"}.
     */
    public ConfigException(String key, String problem) {
        this(key == null || key.isEmpty() ? List.of() : List.of(key), problem, null);
    }

    /** The same, caused by {@code cause} (a constructor's or setter's own check). */
    public ConfigException(String key, String problem, Throwable cause) {
        this(key == null || key.isEmpty() ? List.of() : List.of(key), problem, cause);
    }

    private ConfigException(List<String> path, String problem, Throwable cause) {
        super(message(path, problem), cause);
        this.path = List.copyOf(path);
        this.problem = problem;
    }

    /** This problem seen from the enclosing configuration, where it sits under {@code key}. */
    public ConfigException within(String key) {
        List<String> longer = new ArrayList<>();
        longer.add(key);
        longer.addAll(path);
        ConfigException e = new ConfigException(longer, problem, getCause());
        e.setStackTrace(getStackTrace());
        return e;
    }

    /** This problem seen from the enclosing list, where it is element {@code index}. */
    public ConfigException within(int index) {
        return within("[" + index + "]");
    }

    /**
     * The path of the key, such as {@code "activation.axis"} or {@code "layers[2].units"};
     * empty when the problem is the configuration as a whole.
     */
    public String path() {
        return join(path);
    }

    /** The problem without the path, such as {@code "missing \"name\""}. */
    public String problem() {
        return problem;
    }

    /** {@code where} followed by this exception's path, as in {@code "model.layers[2]" + ".units"}. */
    public String pathUnder(String where) {
        List<String> all = new ArrayList<>();
        if (where != null && !where.isEmpty()) {
            all.add(where);
        }
        all.addAll(path);
        return join(all);
    }

    /**
     * {@code e} as a {@code ConfigException}: itself, or an {@link IllegalArgumentException} of
     * a constructor or setter about the value under {@code key}.
     */
    public static ConfigException about(String key, IllegalArgumentException e) {
        return e instanceof ConfigException c ? c.within(key) : new ConfigException(key, e.getMessage(), e);
    }

    private static String join(List<String> path) {
        StringBuilder sb = new StringBuilder();
        for (String part : path) {
            if (sb.length() > 0 && !part.startsWith("[")) {
                sb.append('.');
            }
            sb.append(part);
        }
        return sb.toString();
    }

    private static String message(List<String> path, String problem) {
        return path.isEmpty() ? problem : join(path) + ": " + problem;
    }
}
