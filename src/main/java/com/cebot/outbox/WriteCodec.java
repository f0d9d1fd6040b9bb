package com.cebot.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Stores a {@link SlackWrite} as a method name plus JSON arguments, and reads it back. */
final class WriteCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every method a write can take; the outbox handles each. */
    static final java.util.List<String> METHODS =
            java.util.List.of("chat.postMessage", "chat.update", "chat.postEphemeral", "files.uploadV2");

    private WriteCodec() {}

    static String method(SlackWrite write) {
        if (write instanceof SlackWrite.Upload) {
            return "files.uploadV2";
        }
        if (write instanceof SlackWrite.Update) {
            return "chat.update";
        }
        return write instanceof SlackWrite.Ephemeral ? "chat.postEphemeral" : "chat.postMessage";
    }

    static String args(SlackWrite write) {
        ObjectNode args = JSON.createObjectNode();
        args.put("text", write.text());
        if (write instanceof SlackWrite.Post p) {
            args.put("channel", p.channel()).put("blocks", p.blocks());
        } else if (write instanceof SlackWrite.ThreadReply t) {
            args.put("blocks", t.blocks()).put("thread", true);
        } else if (write instanceof SlackWrite.Update u) {
            args.put("blocks", u.blocks());
        } else if (write instanceof SlackWrite.Upload u) {
            args.put("channel", u.channel())
                    .put("filename", u.filename())
                    .put("title", u.title())
                    .put("content", u.content());
        } else if (write instanceof SlackWrite.Ephemeral e) {
            args.put("channel", e.channel()).put("user", e.user()).put("blocks", e.blocks());
        }
        return args.toString();
    }

    static SlackWrite read(String method, String args) {
        JsonNode a;
        try {
            a = JSON.readTree(args);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable outbox arguments", e);
        }
        String text = a.path("text").asText();
        String blocks = a.path("blocks").isNull() || a.path("blocks").isMissingNode()
                ? null
                : a.path("blocks").asText();
        switch (method) {
            case "chat.update":
                return new SlackWrite.Update(text, blocks);
            case "files.uploadV2":
                return new SlackWrite.Upload(
                        a.path("channel").asText(),
                        a.path("filename").asText(),
                        a.path("title").asText(),
                        a.path("content").asText(),
                        text);
            case "chat.postEphemeral":
                return new SlackWrite.Ephemeral(
                        a.path("channel").asText(), a.path("user").asText(), text, blocks);
            case "chat.postMessage":
                return a.path("thread").asBoolean()
                        ? new SlackWrite.ThreadReply(text, blocks)
                        : new SlackWrite.Post(a.path("channel").asText(), text, blocks);
            default:
                throw new IllegalStateException("Unknown outbox method " + method);
        }
    }
}
