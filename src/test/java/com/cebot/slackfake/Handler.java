package com.cebot.slackfake;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Answers one Web API method: returns the fields of an {@code ok:true} body, or throws {@link SlackError}. */
@FunctionalInterface
interface Handler {
    ObjectNode handle(ApiRequest request);
}
