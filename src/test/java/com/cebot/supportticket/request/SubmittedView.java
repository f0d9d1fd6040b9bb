package com.cebot.supportticket.request;

import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import java.util.HashMap;
import java.util.Map;

/** A submitted view as Slack sends it: state values by block id, under the fields' action ids. */
final class SubmittedView {

    private final Map<String, Map<String, ViewState.Value>> values = new HashMap<>();
    private String metadata = "";

    /** A request modal with every field filled in, needed by {@code date}. */
    static SubmittedView validRequest(String date) {
        return new SubmittedView()
                .customer("new:Acme Corp")
                .text(RequestModal.LINK, "https://github.com/acme/app/issues/12 ZD 1234")
                .text(RequestModal.ASK, "Prioritise the SSO bug")
                .text(RequestModal.WHY, "Renewal depends on it")
                .text(RequestModal.IF_NOT, "They may not renew")
                .text(RequestModal.TIME_REASON, "Renewal call that week")
                .date(date)
                .text(RequestModal.ANYTHING_ELSE, "Champion is Jo");
    }

    SubmittedView customer(String optionValue) {
        ViewState.SelectedOption option = new ViewState.SelectedOption();
        option.setValue(optionValue);
        ViewState.Value v = value(RequestModal.CUSTOMER, RequestModal.CUSTOMER_SELECT, "external_select");
        v.setSelectedOption(option);
        return this;
    }

    SubmittedView text(String blockId, String text) {
        value(blockId, RequestModal.VALUE, "plain_text_input").setValue(text);
        return this;
    }

    SubmittedView date(String date) {
        value(RequestModal.NEEDED_BY, RequestModal.VALUE, "datepicker").setSelectedDate(date);
        return this;
    }

    /** As Slack sends an emptied field: the block is there, the value is null. */
    SubmittedView cleared(String blockId) {
        values.get(blockId).values().forEach(v -> {
            v.setValue(null);
            v.setSelectedOption(null);
            v.setSelectedDate(null);
        });
        return this;
    }

    SubmittedView metadata(String privateMetadata) {
        this.metadata = privateMetadata;
        return this;
    }

    View view() {
        ViewState state = new ViewState();
        state.setValues(values);
        View view = new View();
        view.setId("V0123");
        view.setState(state);
        view.setPrivateMetadata(metadata);
        return view;
    }

    private ViewState.Value value(String blockId, String actionId, String type) {
        ViewState.Value v = new ViewState.Value();
        v.setType(type);
        values.computeIfAbsent(blockId, b -> new HashMap<>()).put(actionId, v);
        return v;
    }
}
