package dev.neurona.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code config.json}: the snapshot's configuration as JSON, and back with every field checked
 * (type, range, presence) so that a bad file fails here with its field named, never later
 * with an exception from deep inside model building.
 */
final class ConfigJson {

    private static final int MAX_RANK = 32;

    /** Plain JSON only: no polymorphic typing, bounded nesting and lengths, no duplicate keys, no trailing data. */
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(64).maxNumberLength(100).maxStringLength(1 << 20).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    /** What config.json says. */
    record Parsed(ModelSnapshot.Architecture architecture, ModelSnapshot.Compile compile, int epochsCompleted,
            Map<String, Map<String, Object>> layerStates, String libraryVersion) {
    }

    private ConfigJson() {
    }

    static Map<String, Object> toJson(ModelSnapshot s) {
        ModelSnapshot.Architecture a = s.architecture();
        if (a == null || s.training() == null) {
            throw new IllegalArgumentException("ModelFiles.write: the snapshot needs an architecture and a training state");
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("class", a.modelClass());
        model.put("seed", a.seed());
        model.put("input_shape", a.inputShape());
        model.put("layers", a.layers());
        if (a.graph() != null) {
            model.put("graph", a.graph());
        }
        Map<String, Object> compile = null;
        if (s.compile() != null) {
            compile = new LinkedHashMap<>();
            compile.put("optimizer", s.compile().optimizer());
            compile.put("loss", s.compile().loss());
            compile.put("metrics", s.compile().metrics());
            if (s.compile().outputs() != null) {
                compile.put("outputs", s.compile().outputs());
            }
        }
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("epochs_completed", s.training().epochsCompleted());
        training.put("layers", s.training().layerStates());
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format_version", ModelSnapshot.FORMAT_VERSION);
        root.put("library_version", s.libraryVersion());
        root.put("model", model);
        root.put("compile", compile);
        root.put("training_state", training);
        return root;
    }

    static void write(OutputStream out, Map<String, Object> json) throws IOException {
        MAPPER.writeValue(out, json);
    }

    /**
     * Another JSON entry of the file ({@code preprocessing.json}), parsed as strictly as config.json
     * and required to be an object; what its fields mean is checked by whoever reads it.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> parseObject(byte[] bytes, String entry, FileErrors error) throws ModelFileException {
        Object root;
        try {
            root = MAPPER.readValue(bytes, Object.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw error.create(entry + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw error.create(entry + " cannot be read: " + e.getMessage(), e);
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw error.create(entry + ": the content must be a JSON object, got " + Fields.describe(root));
        }
        return (Map<String, Object>) map;
    }

    static Parsed parse(byte[] bytes, FileErrors error) throws ModelFileException {
        Object root;
        try {
            root = MAPPER.readValue(bytes, Object.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw error.create("config.json is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw error.create("config.json cannot be read: " + e.getMessage(), e);
        }
        Fields top = new Fields(error, "", root);
        long version = top.integer("format_version", 1, Long.MAX_VALUE);
        if (version > ModelSnapshot.FORMAT_VERSION) {
            throw error.create("written in model format version " + version + " (by Neurona "
                    + Fields.describe(top.map().get("library_version")) + "); this Neurona ("
                    + ModelFiles.libraryVersion() + ") reads format versions up to " + ModelSnapshot.FORMAT_VERSION
                    + ": update Neurona to load it");
        }
        top.only("format_version", "library_version", "model", "compile", "training_state");
        String library = top.string("library_version");
        Fields model = top.object("model");
        model.only("class", "seed", "input_shape", "layers", "graph");
        String modelClass = model.string("class");
        boolean v2 = (modelClass.equals("Functional") || modelClass.equals("Subclassed")) && version >= 2;
        if (!modelClass.equals("Sequential") && !v2) {
            throw error.create("config.json: model class '" + modelClass + "' is not supported (Sequential, and "
                    + "Functional and Subclassed from format version 2)");
        }
        Map<String, Object> graph = null;
        if (modelClass.equals("Functional")) {
            graph = model.object("graph").map();
        } else if (model.present("graph")) {
            throw error.create("config.json: model.graph: a Sequential has no graph");
        }
        long seed = model.integer("seed", Long.MIN_VALUE, Long.MAX_VALUE);
        List<Object> dims = model.list("input_shape", 1, MAX_RANK);
        int[] inputShape = new int[dims.size()];
        for (int i = 0; i < inputShape.length; i++) {
            inputShape[i] = (int) model.element("input_shape", i, dims.get(i), 1, Integer.MAX_VALUE);
        }
        List<Map<String, Object>> layers = new ArrayList<>();
        List<Object> layerList = model.list("layers", 1, 100_000);
        for (int i = 0; i < layerList.size(); i++) {
            layers.add(model.objectElement("layers", i, layerList.get(i)));
        }
        ModelSnapshot.Compile compile = null;
        if (top.present("compile")) {
            Fields c = top.object("compile");
            c.only("optimizer", "loss", "metrics", "outputs");
            List<Object> metrics = c.list("metrics", 0, 1000);
            for (int i = 0; i < metrics.size(); i++) {
                if (!(metrics.get(i) instanceof String)) {
                    c.objectElement("metrics", i, metrics.get(i));
                }
            }
            compile = new ModelSnapshot.Compile(c.object("optimizer").map(), c.object("loss").map(), metrics,
                    c.present("outputs") ? c.object("outputs").map() : null);
        }
        Fields training = top.object("training_state");
        training.only("epochs_completed", "layers");
        int epochs = (int) training.integer("epochs_completed", 0, Integer.MAX_VALUE);
        Fields states = training.object("layers");
        Map<String, Map<String, Object>> layerStates = new LinkedHashMap<>();
        for (String name : states.map().keySet()) {
            layerStates.put(name, states.object(name).map());
        }
        return new Parsed(new ModelSnapshot.Architecture(modelClass, seed, inputShape, layers, graph), compile, epochs,
                layerStates, library);
    }

    /** Typed access to one JSON object's fields, with errors naming the field's path. */
    private static final class Fields {
        private final FileErrors error;
        private final String where;
        private final Map<String, Object> map;

        @SuppressWarnings("unchecked")
        Fields(FileErrors error, String where, Object value) throws ModelFileException {
            if (!(value instanceof Map<?, ?>)) {
                throw error.create("config.json: " + (where.isEmpty() ? "the content" : "'" + where + "'")
                        + " must be a JSON object, got " + describe(value));
            }
            this.error = error;
            this.where = where;
            this.map = (Map<String, Object>) value;
        }

        Map<String, Object> map() {
            return map;
        }

        /** Refuses keys outside {@code known}: nothing in the file is silently ignored. */
        void only(String... known) throws ModelFileException {
            List<String> list = List.of(known);
            for (String key : map.keySet()) {
                if (!list.contains(key)) {
                    throw error.create("config.json: '" + path(key) + "' is not a key of "
                            + (where.isEmpty() ? "the file" : "'" + where + "'") + "; the known keys are " + list);
                }
            }
        }

        boolean present(String key) {
            return map.get(key) != null;
        }

        private Object required(String key) throws ModelFileException {
            Object v = map.get(key);
            if (v == null) {
                throw error.create("config.json: the field '" + path(key) + "' is missing");
            }
            return v;
        }

        Fields object(String key) throws ModelFileException {
            return new Fields(error, path(key), required(key));
        }

        String string(String key) throws ModelFileException {
            if (!(required(key) instanceof String s)) {
                throw error.create("config.json: '" + path(key) + "' must be a string, got " + describe(map.get(key)));
            }
            return s;
        }

        long integer(String key, long min, long max) throws ModelFileException {
            return integerValue(path(key), required(key), min, max);
        }

        @SuppressWarnings("unchecked")
        List<Object> list(String key, int minSize, int maxSize) throws ModelFileException {
            if (!(required(key) instanceof List<?> l)) {
                throw error.create("config.json: '" + path(key) + "' must be a list, got " + describe(map.get(key)));
            }
            if (l.size() < minSize || l.size() > maxSize) {
                throw error.create("config.json: '" + path(key) + "' must have " + minSize + " to " + maxSize
                        + " elements, got " + l.size());
            }
            return (List<Object>) l;
        }

        long element(String key, int index, Object value, long min, long max) throws ModelFileException {
            return integerValue(path(key) + "[" + index + "]", value, min, max);
        }

        Map<String, Object> objectElement(String key, int index, Object value) throws ModelFileException {
            return new Fields(error, path(key) + "[" + index + "]", value).map();
        }

        private long integerValue(String path, Object v, long min, long max) throws ModelFileException {
            if (!(v instanceof Integer || v instanceof Long)) {
                throw error.create("config.json: '" + path + "' must be an integer, got " + describe(v));
            }
            long n = ((Number) v).longValue();
            if (n < min || n > max) {
                throw error.create("config.json: '" + path + "' must be in [" + min + ", " + max + "], got " + n);
            }
            return n;
        }

        private String path(String key) {
            return where.isEmpty() ? key : where + "." + key;
        }

        private static String describe(Object v) {
            String s = String.valueOf(v);
            return s.length() > 80 ? s.substring(0, 80) + "…" : s;
        }
    }
}
