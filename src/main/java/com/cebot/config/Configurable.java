package com.cebot.config;

/**
 * Something that owns part of the settings file and reads it when the settings are loaded.
 *
 * @param <T> what it makes of its part: immutable, built from what the file says
 */
@FunctionalInterface
public interface Configurable<T> {

    /**
     * Reads its settings from the file's top level (its own section, and shared ones it needs such as
     * {@code zendesk}). Mistakes are recorded with {@link ConfigSection#problem}, never thrown.
     */
    T configure(ConfigSection root);
}
