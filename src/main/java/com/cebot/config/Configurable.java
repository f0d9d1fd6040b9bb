package com.cebot.config;

/** Something that owns part of the settings file and reads it when the settings are loaded. */
public interface Configurable {

    /**
     * Reads its settings from the file's top level (its own section, and shared ones it needs such as
     * {@code zendesk}). Mistakes are recorded with {@link ConfigSection#problem}, never thrown.
     */
    void configure(ConfigSection root);
}
