package com.cebot.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.slack.api.methods.Methods;
import com.slack.api.methods.MethodsClient;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The manifest's bot scopes and events against the code: every Web API method the main code calls
 * (found by reading {@code src/main/java} for calls named as the SDK's {@link MethodsClient} names
 * them, so a new call is found without touching this test) must have its scopes declared; every
 * declared scope must be needed by a call, an event or a feature; every declared event must have a
 * listener, and every listener's event must be declared. The README's scope table must list each.
 */
class ManifestScopesTest {

    private static final Path MANIFEST = Path.of("config", "manifest.yaml");
    private static final Path SOURCES = Path.of("src", "main", "java");
    private static final Path README = Path.of("README.md");

    /**
     * The bot scopes each Web API method needs, from its page at
     * https://docs.slack.dev/reference/methods/&lt;method&gt; ("Required scopes", bot token). Where
     * the page lists one scope per kind of conversation, the bot needs those of the kinds it works
     * in: public and private channels, and DMs with a person.
     */
    private static final Map<String, Set<String>> SCOPES = Map.ofEntries(
            Map.entry("auth.test", Set.of()),
            Map.entry("bots.info", Set.of("users:read")),
            Map.entry("chat.postMessage", Set.of("chat:write")),
            Map.entry("chat.postEphemeral", Set.of("chat:write")),
            Map.entry("chat.update", Set.of("chat:write")),
            Map.entry("chat.delete", Set.of("chat:write")),
            Map.entry("chat.scheduleMessage", Set.of("chat:write")),
            Map.entry("chat.getPermalink", Set.of()),
            Map.entry("conversations.history", Set.of("channels:history", "groups:history", "im:history")),
            Map.entry("conversations.replies", Set.of("channels:history", "groups:history", "im:history")),
            Map.entry("conversations.info", Set.of("channels:read", "groups:read")),
            Map.entry("conversations.list", Set.of("channels:read", "groups:read")),
            Map.entry("conversations.members", Set.of("channels:read", "groups:read")),
            Map.entry("conversations.join", Set.of("channels:join")),
            Map.entry("conversations.open", Set.of("im:write")),
            Map.entry("files.getUploadURLExternal", Set.of("files:write")),
            Map.entry("files.completeUploadExternal", Set.of("files:write")),
            Map.entry("reactions.add", Set.of("reactions:write")),
            Map.entry("team.info", Set.of("team:read")),
            Map.entry("usergroups.list", Set.of("usergroups:read")),
            Map.entry("usergroups.users.list", Set.of("usergroups:read")),
            Map.entry("usergroups.users.update", Set.of("usergroups:write")),
            Map.entry("users.info", Set.of("users:read")),
            Map.entry("users.list", Set.of("users:read")),
            Map.entry("users.lookupByEmail", Set.of("users:read.email")),
            Map.entry("users.profile.get", Set.of("users.profile:read")),
            Map.entry("views.open", Set.of()),
            Map.entry("views.push", Set.of()),
            Map.entry("views.update", Set.of()),
            Map.entry("views.publish", Set.of()));

    /** SDK calls that are not one Web API method: the methods they make. */
    private static final Map<String, List<String>> SDK_HELPERS =
            Map.of("filesUploadV2", List.of("files.getUploadURLExternal", "files.completeUploadExternal"));

    /**
     * Calls Bolt makes itself: auth.test at start (and when its cache runs out), bots.info to tell
     * the bot's own messages from others' in message events (IgnoringSelfEvents). Socket Mode's
     * apps.connections.open uses the app-level token and its connections:write, not a bot scope.
     */
    private static final List<String> BY_BOLT = List.of("auth.test");

    private static final List<String> BY_BOLT_FOR_MESSAGE_EVENTS = List.of("bots.info");
    private static final Set<String> APP_LEVEL = Set.of("apps.connections.open");

    /** The scope each bot event needs (https://docs.slack.dev/reference/events/&lt;event&gt;). */
    private static final Map<String, Set<String>> EVENT_SCOPES = Map.of(
            "message.channels", Set.of("channels:history"),
            "message.groups", Set.of("groups:history"),
            "message.im", Set.of("im:history"),
            "app_mention", Set.of("app_mentions:read"),
            "app_home_opened", Set.of(),
            "subteam_members_changed", Set.of("usergroups:read"));

    private static final Pattern CALL = Pattern.compile("\\.([a-z][A-Za-z0-9]*)\\(");
    private static final Pattern EVENT_LISTENER = Pattern.compile("\\.event\\(\\s*([A-Z][A-Za-z0-9]*)Event\\.class");
    /** {@code app.message(…)}, or a middleware that answers message events itself (ChannelMessages). */
    private static final Pattern MESSAGE_LISTENER =
            Pattern.compile("\\bapp(?:\\(\\))?\\.message\\(|\\bMessageEvent\\.TYPE_NAME\\b");

    private static final Pattern COMMENT = Pattern.compile("(?s)/\\*.*?\\*/|//[^\\n]*");

    private static Set<String> declaredScopes;
    private static Set<String> declaredEvents;
    private static boolean declaresInteractions;
    /** Web API method → the source files that call it. */
    private static Map<String, Set<String>> calls;
    /** Event type (as the manifest spells it, message events as "message") → files with a listener. */
    private static Map<String, Set<String>> listeners;

    private static List<String> unknownCalls;

    @BeforeAll
    static void read() throws IOException {
        JsonNode manifest = new YAMLMapper().readTree(MANIFEST.toFile());
        declaredScopes = texts(manifest.at("/oauth_config/scopes/bot"));
        declaredEvents = texts(manifest.at("/settings/event_subscriptions/bot_events"));
        declaresInteractions = manifest.at("/features/shortcuts").size() > 0
                || manifest.at("/features/slash_commands").size() > 0;

        Map<String, String> apiNames = apiNamesByJavaName();
        calls = new TreeMap<>();
        listeners = new TreeMap<>();
        unknownCalls = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String code = COMMENT.matcher(Files.readString(file)).replaceAll("");
                String name = SOURCES.relativize(file).toString();
                Matcher call = CALL.matcher(code);
                while (call.find()) {
                    String javaName = call.group(1);
                    if (SDK_HELPERS.containsKey(javaName)) {
                        SDK_HELPERS
                                .get(javaName)
                                .forEach(m -> calls.computeIfAbsent(m, k -> new TreeSet<>())
                                        .add(name));
                    } else if (apiNames.containsKey(javaName)) {
                        calls.computeIfAbsent(apiNames.get(javaName), k -> new TreeSet<>())
                                .add(name);
                    } else if (isMethodsClientCall(javaName)) {
                        unknownCalls.add(javaName + " in " + name);
                    }
                }
                Matcher event = EVENT_LISTENER.matcher(code);
                while (event.find()) {
                    String type = snake(event.group(1));
                    listeners.computeIfAbsent(type, k -> new TreeSet<>()).add(name);
                }
                if (MESSAGE_LISTENER.matcher(code).find()) {
                    listeners.computeIfAbsent("message", k -> new TreeSet<>()).add(name);
                }
            }
        }
        boolean messageEvents = declaredEvents.stream().anyMatch(e -> e.startsWith("message."));
        BY_BOLT.forEach(m -> calls.computeIfAbsent(m, k -> new TreeSet<>()).add("(Bolt)"));
        if (messageEvents) {
            BY_BOLT_FOR_MESSAGE_EVENTS.forEach(
                    m -> calls.computeIfAbsent(m, k -> new TreeSet<>()).add("(Bolt)"));
        }
    }

    @Test
    void everyCallIsInTheScopeTable() {
        assertThat(unknownCalls)
                .as("MethodsClient calls this test cannot name as a Web API method: add them to"
                        + " SDK_HELPERS with the methods they make")
                .isEmpty();
        List<String> missing = calls.keySet().stream()
                .filter(m -> !APP_LEVEL.contains(m) && !SCOPES.containsKey(m))
                .map(m -> m + " (called in " + calls.get(m) + "): add its bot scopes to SCOPES, from"
                        + " https://docs.slack.dev/reference/methods/" + m)
                .toList();
        assertThat(missing)
                .as("Web API methods without an entry in the scope table")
                .isEmpty();
    }

    @Test
    void everyCalledMethodHasItsScopes() {
        List<String> problems = new ArrayList<>();
        calls.forEach((method, files) -> {
            for (String scope : SCOPES.getOrDefault(method, Set.of())) {
                if (!declaredScopes.contains(scope)) {
                    problems.add(method + " (called in " + files + ") needs the bot scope " + scope + ", which "
                            + MANIFEST + " does not declare");
                }
            }
        });
        declaredEvents.forEach(event -> EVENT_SCOPES.getOrDefault(event, Set.of()).stream()
                .filter(scope -> !declaredScopes.contains(scope))
                .forEach(scope -> problems.add("the event " + event + " needs the bot scope " + scope + ", which "
                        + MANIFEST + " does not declare")));
        if (declaresInteractions && !declaredScopes.contains("commands")) {
            problems.add("the manifest declares shortcuts or slash commands, which need the bot scope commands");
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyDeclaredScopeIsNeeded() {
        Map<String, List<String>> neededBy = new HashMap<>();
        calls.keySet()
                .forEach(m -> SCOPES.getOrDefault(m, Set.of())
                        .forEach(s -> neededBy.computeIfAbsent(s, k -> new ArrayList<>())
                                .add(m)));
        declaredEvents.forEach(e -> EVENT_SCOPES
                .getOrDefault(e, Set.of())
                .forEach(
                        s -> neededBy.computeIfAbsent(s, k -> new ArrayList<>()).add("event " + e)));
        if (declaresInteractions) {
            neededBy.computeIfAbsent("commands", k -> new ArrayList<>()).add("shortcuts and slash commands");
        }
        List<String> unused = declaredScopes.stream()
                .filter(s -> !neededBy.containsKey(s))
                .map(s -> s + " is declared in " + MANIFEST + " but no call in " + SOURCES
                        + ", event or feature needs it")
                .toList();
        assertThat(unused).isEmpty();
    }

    @Test
    void everyDeclaredEventHasAListenerAndEveryListenerIsDeclared() {
        List<String> problems = new ArrayList<>();
        for (String event : declaredEvents) {
            String type = event.startsWith("message.") ? "message" : event;
            if (!EVENT_SCOPES.containsKey(event)) {
                problems.add("the event " + event + " has no entry in EVENT_SCOPES: add the scope it needs");
            }
            boolean heard = listeners.containsKey(type);
            if (!heard) {
                problems.add("the event " + event + " is declared in " + MANIFEST + " but nothing in " + SOURCES
                        + " listens to it");
            }
        }
        listeners.forEach((type, files) -> {
            boolean declared = type.equals("message")
                    ? declaredEvents.stream().anyMatch(e -> e.startsWith("message."))
                    : declaredEvents.contains(type);
            if (!declared) {
                problems.add(files + " listen(s) to " + type + " events, which " + MANIFEST + " does not subscribe to");
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void theReadmeExplainsEveryScopeAndEvent() throws IOException {
        String readme = Files.readString(README);
        List<String> unexplained = Stream.concat(declaredScopes.stream(), declaredEvents.stream())
                .filter(s -> !readme.contains("| `" + s + "` |"))
                .toList();
        assertThat(unexplained)
                .as("scopes and events without a row in README.md's scope table")
                .isEmpty();
    }

    // ---- reading

    /** chatPostMessage → chat.postMessage, for every method the SDK's Methods constants name. */
    private static Map<String, String> apiNamesByJavaName() {
        Map<String, String> names = new HashMap<>();
        for (Field field : Methods.class.getFields()) {
            if (field.getType() == String.class) {
                try {
                    String api = (String) field.get(null);
                    names.put(javaName(api), api);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return names;
    }

    private static String javaName(String apiName) {
        String[] parts = apiName.split("\\.");
        StringBuilder name = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            name.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
        }
        return name.toString();
    }

    /** A MethodsClient method that is not plumbing (its endpoint, raw posts). */
    private static boolean isMethodsClientCall(String javaName) {
        return CLIENT_METHODS.contains(javaName);
    }

    private static final Set<String> CLIENT_METHODS = Arrays.stream(MethodsClient.class.getMethods())
            .map(Method::getName)
            .filter(n -> !n.startsWith("get") && !n.startsWith("set") && !n.startsWith("run"))
            .collect(java.util.stream.Collectors.toSet());

    /** AppHomeOpened → app_home_opened. */
    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }

    private static Set<String> texts(JsonNode list) {
        Set<String> values = new TreeSet<>();
        list.forEach(n -> values.add(n.asText()));
        return values;
    }
}
