package com.cebot.slackfake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * files.uploadV2 as the SDK performs it: files.getUploadURLExternal hands out an upload URL on this
 * fake, the bytes are posted there, and files.completeUploadExternal shares the file in a
 * conversation as a message carrying {@code files} (with the initial comment as its text), which
 * history then returns. A file never completed is never shared.
 */
final class FileMethods {

    /** A file as uploaded: its name, title once completed, and content. */
    record Upload(String id, String filename, String content) {}

    private final Directory directory;
    private final MessageStore messages;
    private final String uploadBase;
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, Upload> uploads = new ConcurrentHashMap<>();

    FileMethods(Directory directory, MessageStore messages, String uploadBase) {
        this.directory = directory;
        this.messages = messages;
        this.uploadBase = uploadBase;
    }

    void register(Map<String, Handler> handlers) {
        handlers.put("files.getUploadURLExternal", this::uploadUrl);
        handlers.put(WebApiServer.FILE_UPLOAD, this::upload);
        handlers.put("files.completeUploadExternal", this::complete);
    }

    /** Files whose bytes arrived, by id. */
    Map<String, Upload> uploads() {
        return Map.copyOf(uploads);
    }

    private ObjectNode uploadUrl(ApiRequest request) {
        String filename = request.required("filename", "invalid_arguments");
        request.required("length", "invalid_arguments");
        String id = String.format("F%09d", ids.incrementAndGet());
        uploads.put(id, new Upload(id, filename, null));
        return Json.object().put("upload_url", uploadBase + id).put("file_id", id);
    }

    private ObjectNode upload(ApiRequest request) {
        String id = request.param("id");
        Upload pending = uploads.get(id);
        if (pending == null) {
            throw new SlackError("file_not_found");
        }
        uploads.put(id, new Upload(id, pending.filename(), request.param("content")));
        return Json.object();
    }

    private ObjectNode complete(ApiRequest request) {
        JsonNode files = Json.parse(request.required("files", "invalid_arguments"))
                .orElseThrow(() -> new SlackError("invalid_arguments"));
        ArrayNode shared = Json.array();
        for (JsonNode file : files) {
            Upload upload = uploads.get(file.path("id").asText());
            if (upload == null || upload.content() == null) {
                throw new SlackError("file_not_found");
            }
            shared.addObject()
                    .put("id", upload.id())
                    .put("name", upload.filename())
                    .put("title", file.path("title").asText(upload.filename()));
        }
        String channel = request.param("channel_id");
        if (channel != null) {
            String conversation = directory.postableConversation(channel);
            messages.add(new Message(
                    conversation,
                    messages.nextTs(),
                    request.param("thread_ts"),
                    SlackFake.BOT_USER_ID,
                    SlackFake.BOT_ID,
                    request.param("initial_comment"),
                    null,
                    null,
                    List.of(),
                    shared));
        }
        ObjectNode body = Json.object();
        body.set("files", shared);
        return body;
    }
}
