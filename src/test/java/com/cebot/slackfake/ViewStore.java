package com.cebot.slackfake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Views by id, each user's stack of open modals and each user's Home tab. */
final class ViewStore {

    static final int MAX_STACK = 3;

    private final Map<String, View> byId = new LinkedHashMap<>();
    private final Map<String, Deque<String>> modalStacks = new HashMap<>();
    private final Map<String, String> homeByUser = new HashMap<>();
    /** Envelope id of a view_submission → the submitted view, until its ack arrives. */
    private final Map<String, String> submissions = new HashMap<>();

    private String lastOpenedId;
    private long counter;

    synchronized View open(String userId, JsonNode input) {
        requireUniqueExternalId(input, null);
        View view = store(userId, newId(), input, null, null);
        Deque<String> stack = new ArrayDeque<>();
        stack.addLast(view.id());
        modalStacks.put(userId, stack);
        lastOpenedId = view.id();
        return view;
    }

    synchronized View push(String userId, JsonNode input) {
        Deque<String> stack = modalStacks.computeIfAbsent(userId, u -> new ArrayDeque<>());
        if (stack.size() >= MAX_STACK) {
            throw new SlackError("push_limit_reached");
        }
        requireUniqueExternalId(input, null);
        String id = newId();
        View view = store(userId, id, input, stack.isEmpty() ? id : stack.peekFirst(), stack.peekLast());
        stack.addLast(id);
        return view;
    }

    synchronized View update(String viewId, String externalId, String hash, JsonNode input) {
        View current = (viewId != null ? Optional.ofNullable(byId.get(viewId)) : byExternalId(externalId))
                .orElseThrow(() -> new SlackError("not_found"));
        if (hash != null && !hash.equals(current.hash())) {
            throw new SlackError("hash_conflict");
        }
        requireUniqueExternalId(input, current.id());
        return store(current.userId(), current.id(), input, current.rootViewId(), current.previousViewId());
    }

    synchronized View publish(String userId, JsonNode input, String hash) {
        View current =
                Optional.ofNullable(homeByUser.get(userId)).map(byId::get).orElse(null);
        if (current != null && hash != null && !hash.equals(current.hash())) {
            throw new SlackError("hash_conflict");
        }
        View view = store(userId, current == null ? newId() : current.id(), input, null, null);
        homeByUser.put(userId, view.id());
        return view;
    }

    synchronized void expectSubmissionAck(String envelopeId, String viewId) {
        submissions.put(envelopeId, viewId);
    }

    /** What Slack does with a view_submission ack: close, clear, update or push (SLACK.md §3.2). */
    synchronized void onAck(Ack ack) {
        String viewId = submissions.remove(ack.envelopeId());
        if (viewId == null) {
            return;
        }
        View submitted = byId.get(viewId);
        JsonNode ackPayload = ack.payload();
        Deque<String> stack = modalStacks.getOrDefault(submitted.userId(), new ArrayDeque<>());
        String action = Json.text(ackPayload, "response_action");
        JsonNode newView = ackPayload == null ? null : ackPayload.get("view");
        if (action == null) {
            stack.remove(viewId);
        } else if (action.equals("clear")) {
            stack.clear();
        } else if (action.equals("update") && newView != null) {
            store(submitted.userId(), viewId, newView, submitted.rootViewId(), submitted.previousViewId());
        } else if (action.equals("push") && newView != null && stack.size() < MAX_STACK) {
            String id = newId();
            store(submitted.userId(), id, newView, stack.isEmpty() ? id : stack.peekFirst(), viewId);
            stack.addLast(id);
        }
    }

    synchronized Optional<View> find(String viewId) {
        return Optional.ofNullable(byId.get(viewId));
    }

    synchronized Map<String, View> all() {
        return new LinkedHashMap<>(byId);
    }

    synchronized Optional<View> lastOpened() {
        return Optional.ofNullable(lastOpenedId).map(byId::get);
    }

    synchronized Optional<View> home(String userId) {
        return Optional.ofNullable(homeByUser.get(userId)).map(byId::get);
    }

    /** Open modals, root first. */
    synchronized List<View> modalStack(String userId) {
        List<View> views = new ArrayList<>();
        modalStacks.getOrDefault(userId, new ArrayDeque<>()).forEach(id -> views.add(byId.get(id)));
        return views;
    }

    private Optional<View> byExternalId(String externalId) {
        return byId.values().stream()
                .filter(v -> externalId != null && externalId.equals(v.externalId()))
                .findFirst();
    }

    private void requireUniqueExternalId(JsonNode input, String ownId) {
        String externalId = Json.text(input, "external_id");
        if (externalId != null
                && !externalId.isEmpty()
                && byExternalId(externalId).filter(v -> !v.id().equals(ownId)).isPresent()) {
            throw new SlackError("duplicate_external_id");
        }
    }

    private String newId() {
        return String.format("V%010d", ++counter);
    }

    private View store(String userId, String id, JsonNode input, String rootViewId, String previousViewId) {
        String type = Json.text(input, "type");
        ObjectNode json =
                Json.object().put("id", id).put("team_id", SlackFake.TEAM_ID).put("type", type);
        json.set("blocks", input.path("blocks").deepCopy());
        json.put("private_metadata", Objects.requireNonNullElse(Json.text(input, "private_metadata"), ""));
        json.put("callback_id", Objects.requireNonNullElse(Json.text(input, "callback_id"), ""));
        json.putObject("state").putObject("values");
        json.put("hash", ++counter + "." + UUID.randomUUID().toString().substring(0, 8));
        json.set("title", copyOrNull(input, "title"));
        json.put("clear_on_close", input.path("clear_on_close").asBoolean(false));
        json.put("notify_on_close", input.path("notify_on_close").asBoolean(false));
        json.set("close", copyOrNull(input, "close"));
        json.set("submit", copyOrNull(input, "submit"));
        json.put("previous_view_id", previousViewId);
        json.put("root_view_id", rootViewId == null ? id : rootViewId);
        json.put("app_id", SlackFake.APP_ID);
        json.put("external_id", Objects.requireNonNullElse(Json.text(input, "external_id"), ""));
        json.put("app_installed_team_id", SlackFake.TEAM_ID);
        json.put("bot_id", SlackFake.BOT_ID);
        View view = new View(id, userId, json);
        byId.put(id, view);
        return view;
    }

    private static JsonNode copyOrNull(JsonNode input, String field) {
        JsonNode value = input.get(field);
        return value == null ? null : value.deepCopy();
    }
}
