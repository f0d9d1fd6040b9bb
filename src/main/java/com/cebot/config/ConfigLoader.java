package com.cebot.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Loads the settings: secrets from the environment, the rest from YAML, read by the loader (the
 * team's shared settings) and by each feature (its own section). Every problem found is collected,
 * so one start tells the admin everything that is wrong instead of one thing per try.
 */
public final class ConfigLoader {

    public static final String DEFAULT_CONFIG_PATH = "config/cebot.yaml";

    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory()).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private ConfigLoader() {}

    /**
     * Reads the secrets and the file; each of {@code features} reads its own part of it, and what it
     * made of it comes back in {@link Settings#features}.
     *
     * @throws ConfigException with every problem found, when there is any
     */
    public static <F> Settings<F> load(Map<String, String> env, List<? extends Configurable<? extends F>> features) {
        List<String> problems = new ArrayList<>();
        Secrets secrets = Secrets.read(env, problems);
        Path path = Path.of(env.getOrDefault("CEBOT_CONFIG", DEFAULT_CONFIG_PATH));
        List<F> read = new ArrayList<>();
        BotConfig config = config(path, features, read, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new Settings<>(secrets, config, path, read);
    }

    private static <F> BotConfig config(
            Path path, List<? extends Configurable<? extends F>> features, List<F> read, List<String> problems) {
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(path));
        } catch (NoSuchFileException e) {
            problems.add("Config file " + path.toAbsolutePath() + " does not exist. Copy config/cebot.yaml"
                    + " from the release or point CEBOT_CONFIG at your file.");
            return null;
        } catch (JacksonException e) {
            problems.add("Config file " + path.toAbsolutePath() + " is not valid YAML " + where(e) + ".");
            return null;
        } catch (IOException e) {
            problems.add("Config file " + path.toAbsolutePath() + " cannot be read: " + e.getMessage());
            return null;
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            root = YAML.createObjectNode();
        } else if (!root.isObject()) {
            problems.add("Config file " + path.toAbsolutePath() + " must be a mapping of settings, such as"
                    + " \"support:\" followed by indented keys.");
            return null;
        }
        ConfigSection.Reading reading = new ConfigSection.Reading();
        ConfigSection top = ConfigSection.root(root, reading);
        BotConfig config = BotConfig.read(top);
        features.forEach(f -> read.add(f.configure(top)));
        unknownKeys(root, "", reading.known, reading.problems);
        problems.addAll(reading.problems);
        return config;
    }

    /** One line: where, and the parser's problem without its multi-line excerpt of the file. */
    private static String where(JacksonException e) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            return "at line " + (marked.getProblemMark().getLine() + 1) + ", column "
                    + (marked.getProblemMark().getColumn() + 1) + ": " + marked.getProblem();
        }
        String first = e.getOriginalMessage() == null
                ? ""
                : e.getOriginalMessage().lines().findFirst().orElse("");
        return e.getLocation() == null
                ? "(" + first + ")"
                : "at line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ": " + first;
    }

    /**
     * Every key in the file that nobody asked for is a mistake: a misspelt key would otherwise fall
     * back to its default without a word. A whole unknown section is reported once.
     */
    private static void unknownKeys(JsonNode node, String prefix, Set<String> known, Set<String> problems) {
        if (node.isArray()) {
            for (JsonNode item : node) {
                unknownKeys(item, prefix + "[]", known, problems);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            if (known.contains(key)) {
                unknownKeys(field.getValue(), key, known, problems);
            } else {
                String hint = suggestion(key, known);
                problems.add("Unknown setting \"" + key + "\"" + hint + (hint.endsWith("?") ? "" : "."));
            }
        }
    }

    private static String suggestion(String key, Set<String> known) {
        int dot = key.lastIndexOf('.');
        String parent = dot < 0 ? "" : key.substring(0, dot + 1);
        List<String> siblings = known.stream()
                .filter(k -> k.startsWith(parent) && k.indexOf('.', parent.length()) < 0 && !k.endsWith("[]"))
                .toList();
        String closest = null;
        int best = 3;
        for (String s : siblings) {
            int d = distance(s, key);
            if (d < best) {
                best = d;
                closest = s;
            }
        }
        if (closest != null) {
            return "; did you mean \"" + closest + "\"?";
        }
        return siblings.isEmpty()
                ? ""
                : "; known here: "
                        + String.join(
                                ", ",
                                siblings.stream()
                                        .map(s -> s.substring(parent.length()))
                                        .toList());
    }

    /** Levenshtein distance, for "did you mean". */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
