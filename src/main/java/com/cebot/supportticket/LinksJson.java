package com.cebot.supportticket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/** Links are stored as they were parsed, so a card can be drawn again exactly. */
public final class LinksJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LinksJson() {}

    public static String write(List<TicketLink> links) {
        try {
            return JSON.writeValueAsString(links);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<TicketLink> read(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<TicketLink>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable stored links", e);
        }
    }
}
