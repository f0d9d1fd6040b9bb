package com.cebot.app;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A command's {@code --name value} and {@code --name=value} options, each at most once; anything
 * else is a problem to show with the usage.
 */
record CommandArgs(Map<String, String> values, Optional<String> problem) {

    static CommandArgs parse(String[] args, List<String> names) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            }
            if (!names.contains(name)) {
                return new CommandArgs(Map.of(), Optional.of("Unknown argument \"" + arg + "\"."));
            }
            if (value == null || value.isBlank()) {
                return new CommandArgs(Map.of(), Optional.of(name + " needs a value."));
            }
            if (values.putIfAbsent(name, value) != null) {
                return new CommandArgs(Map.of(), Optional.of(name + " is given twice."));
            }
        }
        return new CommandArgs(Map.copyOf(values), Optional.empty());
    }

    Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }
}
