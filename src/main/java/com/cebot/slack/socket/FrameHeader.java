package com.cebot.slack.socket;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.util.Set;

/**
 * A frame's top-level strings, its payload's {@code type} and an Events API payload's event type,
 * read without building the payload's tree (Bolt parses the envelope again anyway); null for what is
 * missing or not JSON.
 */
record FrameHeader(String type, String envelopeId, String reason, String payloadType, String eventType) {

    private static final Set<String> ENVELOPE_TYPES = Set.of("events_api", "interactive", "slash_commands");
    /** Interactions whose ack says nothing: a shortcut opens a modal after it, with its trigger id. */
    private static final Set<String> ACK_FIRST = Set.of("shortcut", "message_action");

    static FrameHeader read(String message) {
        String type = null;
        String envelopeId = null;
        String reason = null;
        String payloadType = null;
        String eventType = null;
        try (JsonReader reader = new JsonReader(new StringReader(message))) {
            reader.beginObject();
            while (reader.hasNext()) {
                String name = reader.nextName();
                if (name.equals("payload") && reader.peek() == JsonToken.BEGIN_OBJECT) {
                    String[] types = payloadTypes(reader);
                    payloadType = types[0];
                    eventType = types[1];
                } else if (reader.peek() != JsonToken.STRING) {
                    reader.skipValue();
                } else if (name.equals("type")) {
                    type = reader.nextString();
                } else if (name.equals("envelope_id")) {
                    envelopeId = reader.nextString();
                } else if (name.equals("reason")) {
                    reason = reader.nextString();
                } else {
                    reader.skipValue();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not a JSON object: whatever was read so far stands.
        }
        return new FrameHeader(type, envelopeId, reason, payloadType, eventType);
    }

    /** The payload's type, and its event's (an Events API payload's {@code event.type}). */
    private static String[] payloadTypes(JsonReader reader) throws IOException {
        String type = null;
        String event = null;
        reader.beginObject();
        while (reader.hasNext()) {
            String name = reader.nextName();
            if (name.equals("type") && reader.peek() == JsonToken.STRING) {
                type = reader.nextString();
            } else if (name.equals("event") && reader.peek() == JsonToken.BEGIN_OBJECT) {
                event = typeOf(reader);
            } else {
                reader.skipValue();
            }
        }
        reader.endObject();
        return new String[] {type, event};
    }

    private static String typeOf(JsonReader reader) throws IOException {
        String found = null;
        reader.beginObject();
        while (reader.hasNext()) {
            if (reader.nextName().equals("type") && reader.peek() == JsonToken.STRING) {
                found = reader.nextString();
            } else {
                reader.skipValue();
            }
        }
        reader.endObject();
        return found;
    }

    /** Something for Bolt (an event, an interaction, a command), as opposed to Slack's own hello or disconnect. */
    boolean isEnvelope() {
        return type != null && ENVELOPE_TYPES.contains(type);
    }

    /**
     * An envelope acked the moment it is read, before its listener runs: its ack carries nothing
     * and its listener stores nothing, so there is nothing for the ack to wait for.
     */
    boolean acksFirst() {
        // Set.of(…).contains(null) throws: an interactive frame without a payload type is no shortcut.
        return "interactive".equals(type)
                && envelopeId != null
                && payloadType != null
                && ACK_FIRST.contains(payloadType);
    }
}
