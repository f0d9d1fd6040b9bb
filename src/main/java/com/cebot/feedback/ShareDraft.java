package com.cebot.feedback;

import com.cebot.customer.CustomerChoice;
import com.cebot.slack.SourceMessage;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Optional;

/**
 * Product feedback as the person shared it, checked and ready to store: one submission per
 * customer, all to one gap, which is either on record or made from this form.
 */
record ShareDraft(
        List<CustomerChoice> customers,
        Target gap,
        String need,
        Severity severity,
        Optional<String> blocks,
        Optional<String> workaround,
        Optional<String> link,
        boolean anonymous,
        Optional<SourceMessage> source) {

    /** The gap the submissions go to. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Target.Existing.class, name = "existing"),
        @JsonSubTypes.Type(value = Target.Create.class, name = "create")
    })
    sealed interface Target {
        record Existing(long gapId) implements Target {}

        record Create(String title, String category) implements Target {}
    }
}
