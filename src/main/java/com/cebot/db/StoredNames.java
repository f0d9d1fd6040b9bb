package com.cebot.db;

import java.util.Locale;
import java.util.Optional;

/**
 * An enum's constants as the tables keep them and option values carry them: the name in lower case,
 * as the tables' CHECKs list them ({@code wont_do}).
 */
public final class StoredNames {

    private StoredNames() {}

    public static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /** The constant stored as {@code value}; empty for anything else (a forged option value). */
    public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String value) {
        for (E constant : type.getEnumConstants()) {
            if (of(constant).equals(value)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }
}
