package com.cebot.slackfake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One fake Slack workspace on loopback: the Web API over HTTP and Socket Mode over a WebSocket,
 * each on a random port. Point the SDK at {@link #apiUrl()} and give Bolt {@link #BOT_TOKEN} and
 * {@link #APP_TOKEN}; the fake answers the calls Bolt makes by itself (auth.test,
 * apps.connections.open, bots.info) and keeps Slack's rules: trigger ids expire after 3 s and work
 * once, Block Kit limits are enforced, the bot must be in a channel to post there.
 *
 * <p>Every request is recorded ({@link #calls()}); waiting is done with {@code await…} methods
 * that fail with an {@link AssertionError} describing what did arrive.
 */
public final class SlackFake implements AutoCloseable {

    public static final String BOT_TOKEN = "xoxb-fake-bot-token";
    public static final String APP_TOKEN = "xapp-1-fake-app-token";
    public static final String TEAM_ID = "T0FAKE";
    public static final String BOT_USER_ID = "UBOT";
    public static final String BOT_ID = "BBOT";
    public static final String APP_ID = "AFAKE";
    /**
     * What the bytes of a file upload (posted to the URL files.getUploadURLExternal hands out) are
     * recorded as, and the name to aim a {@link Fault} at them.
     */
    public static final String FILE_UPLOAD = WebApiServer.FILE_UPLOAD;

    private final Directory directory = new Directory();
    private final ViewStore views = new ViewStore();
    private final CallLog calls = new CallLog();
    private final FaultSchedule faults = new FaultSchedule();
    private final MessageStore messages;
    private final Triggers triggers;
    private final SocketModeServer socket;
    private final WebApiServer api;
    private final Interactions interactions;
    private final FileMethods files;

    private SlackFake(Clock clock) {
        messages = new MessageStore(clock);
        triggers = new Triggers(clock);
        socket = SocketModeServer.start(views::onAck);
        api = new WebApiServer(calls, faults, clock);
        ResponseUrls responseUrls = new ResponseUrls(messages, api.baseUrl() + "response/");
        interactions = new Interactions(directory, messages, views, triggers, responseUrls, socket, clock);

        Map<String, Handler> handlers = new HashMap<>();
        new AuthMethods(directory, socket::issueUrl).register(handlers);
        new ChatMethods(directory, messages, clock).register(handlers);
        new ConversationMethods(directory, messages).register(handlers);
        new UserMethods(directory, clock).register(handlers);
        new ViewMethods(views, triggers).register(handlers);
        files = new FileMethods(directory, messages, api.baseUrl() + "upload/");
        files.register(handlers);
        handlers.put(WebApiServer.RESPONSE_URL, responseUrls::respond);
        api.start(handlers);
    }

    public static SlackFake start() {
        return start(Clock.systemUTC());
    }

    /** @param clock drives trigger expiry, message timestamps and event times */
    public static SlackFake start(Clock clock) {
        return new SlackFake(clock);
    }

    /** Stops both servers; calls in flight (e.g. a {@link Fault.Hang}) are cut short. */
    @Override
    public void close() {
        api.close();
        socket.close();
    }

    /** For {@code SlackConfig.setMethodsEndpointUrlPrefix}; ends with a slash. */
    public String apiUrl() {
        return api.baseUrl() + "api/";
    }

    /**
     * A fresh SDK config aimed at this fake. The proxy is cleared because SlackConfig picks up
     * HTTP(S)_PROXY from the environment and would send loopback calls through it.
     */
    public SlackConfig slackConfig() {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(apiUrl());
        config.setProxyUrl(null);
        return config;
    }

    /**
     * An SDK client that fails on any response field its models do not know, which keeps the fake's
     * answers honest. Close it after use.
     */
    public Slack strictSlack() {
        SlackConfig config = slackConfig();
        config.setFailOnUnknownProperties(true);
        return Slack.getInstance(config);
    }

    // ---- workspace directory

    public void addChannel(String id, String name, boolean botIsMember) {
        directory.addChannel(id, name, botIsMember);
    }

    /** Deletes the channel: posts there fail with channel_not_found until it is added again. */
    public void removeChannel(String id) {
        directory.removeChannel(id);
    }

    public boolean botIsMember(String channelId) {
        return directory.channel(channelId).map(Directory.Channel::botIsMember).orElse(false);
    }

    /** @param tz an IANA zone id such as {@code Europe/Berlin} */
    public void addUser(String id, String name, String tz) {
        directory.addUser(id, name, tz);
    }

    public void setStatus(String userId, String text, String emoji) {
        directory.setStatus(userId, new Directory.Status(text, emoji, 0));
    }

    public void addUserGroup(String id, String handle, List<String> userIds) {
        directory.addUserGroup(id, handle, userIds);
    }

    public List<String> userGroupMembers(String groupId) {
        return directory
                .userGroup(groupId)
                .map(Directory.UserGroup::userIds)
                .orElseThrow(() -> new AssertionError("no user group " + groupId));
    }

    /** Another app's bot, so {@code bots.info} can resolve its user. */
    public void addBot(String botId, String userId, String name) {
        directory.addBot(botId, userId, name);
    }

    /** Seeds a message from a person without sending an event; returns its ts. */
    public String addMessage(String channel, String userId, String text, String threadTs) {
        String conversation = Directory.conversationId(channel);
        return messages.add(new Message(
                        conversation, messages.nextTs(), threadTs, userId, null, text, null, null, List.of()))
                .ts();
    }

    /**
     * Seeds a message as another app or a person posted it through the API, with message metadata
     * ({@code event_type}, {@code event_payload}) and shared files ({@code id}, {@code name}) as given,
     * either may be null; returns its ts.
     *
     * @param botId the posting app's bot id, null for a person
     */
    public String addMessage(
            String channel,
            String userId,
            String botId,
            String text,
            String threadTs,
            ObjectNode metadata,
            com.fasterxml.jackson.databind.node.ArrayNode files) {
        String conversation = Directory.conversationId(channel);
        return messages.add(new Message(
                        conversation,
                        messages.nextTs(),
                        threadTs,
                        userId,
                        botId,
                        text,
                        null,
                        metadata,
                        List.of(),
                        files))
                .ts();
    }

    // ---- what the workspace holds

    /**
     * Top-level messages and thread replies, oldest first. A user id stands for the DM with that
     * user, which the fake names {@code D} + the id without its {@code U}.
     */
    public List<Message> messages(String channel) {
        return messages.all(Directory.conversationId(channel));
    }

    public Optional<Message> message(String channel, String ts) {
        return messages.find(Directory.conversationId(channel), ts);
    }

    /** The content of each uploaded file by its name (completed or not). */
    public Map<String, String> uploadedFiles() {
        Map<String, String> byName = new HashMap<>();
        files.uploads().values().forEach(u -> byName.put(u.filename(), u.content()));
        return byName;
    }

    public View view(String viewId) {
        return views.find(viewId)
                .orElseThrow(() -> new AssertionError(
                        "no view " + viewId + "; views: " + views.all().keySet()));
    }

    public Map<String, View> views() {
        return views.all();
    }

    public View lastOpenedView() {
        return views.lastOpened()
                .orElseThrow(() -> new AssertionError("no view was opened; calls: " + calls.summary()));
    }

    public Optional<View> homeView(String userId) {
        return views.home(userId);
    }

    /** The user's open modals, root first; empty once they are closed or cleared. */
    public List<View> modalStack(String userId) {
        return views.modalStack(userId);
    }

    // ---- recorded calls and faults

    public List<RecordedCall> calls() {
        return calls.all();
    }

    public List<RecordedCall> calls(String method) {
        return calls.of(method);
    }

    /** Returns all calls of the method once at least {@code count} arrived. */
    public List<RecordedCall> awaitCalls(String method, int count, Duration timeout) {
        return calls.await(method, count, timeout);
    }

    /** The first call of the method, waiting for it if needed. */
    public RecordedCall awaitCall(String method, Duration timeout) {
        return calls.await(method, 1, timeout).get(0);
    }

    /** Web API calls received and not yet answered (hung, or holding a lost answer). */
    public int callsInProgress() {
        return api.inProgress();
    }

    /**
     * Waits until no Web API call is being answered: a hung call has done what it does, so counting
     * messages then sees any late copy.
     */
    public void awaitNoCallInProgress(Duration timeout) {
        api.awaitNoneInProgress(timeout);
    }

    public void clearCalls() {
        calls.clear();
    }

    /** The next calls of {@code method} meet these faults in order; then normal service resumes. */
    public void enqueueFault(String method, Fault... faults) {
        this.faults.enqueue(method, faults);
    }

    /**
     * The next calls of {@code method} naming this conversation meet these faults in order, before
     * any queued for the method as a whole. {@code channel} is a channel id, or a user id for the
     * DM with that user (what chat.postMessage takes to send a DM).
     */
    public void enqueueFault(String method, String channel, Fault... faults) {
        this.faults.enqueue(method, channel, faults);
    }

    /**
     * Closes every kept-alive Web API connection that is waiting for its next call, as a server's
     * idle timeout does. A client that sends its next request on one sends it to a closed socket:
     * the request fails before anything reads it.
     *
     * @return how many connections it closed
     */
    public int closeIdleConnections() {
        return api.closeIdleConnections();
    }

    // ---- trigger ids

    /** A fresh trigger id for payloads a test builds itself. */
    public String issueTriggerId(String userId) {
        return triggers.issue(userId);
    }

    /** Slack's is 3 s; shorten it to prove expiry handling without waiting. */
    public void setTriggerLifetime(Duration lifetime) {
        triggers.setLifetime(lifetime);
    }

    // ---- Socket Mode connections

    public int openConnections() {
        return socket.openConnections().size();
    }

    /** Waits until exactly {@code count} sockets are open. */
    public void awaitConnections(int count, Duration timeout) {
        socket.awaitOpenConnections(count, timeout);
    }

    /** Sockets opened since start, including closed ones: grows with every reconnect. */
    public int connectionsOpened() {
        return socket.connectionsOpened();
    }

    public void awaitConnectionsOpened(int total, Duration timeout) {
        socket.awaitConnectionsOpened(total, timeout);
    }

    /** Asks every open socket to go away; the SDK reconnects through apps.connections.open. */
    public void sendDisconnect(String reason) {
        socket.sendDisconnect(reason);
    }

    /** Cuts every socket without a close handshake. */
    public void dropConnections() {
        socket.dropConnections();
    }

    /**
     * Leaves every open socket open but silent: no more envelopes, and protocol pings go
     * unanswered, as when a NAT forgets a connection. Envelopes wait for the next socket.
     */
    public void freezeConnections() {
        socket.freezeConnections();
    }

    /** While on, apps.connections.open hands out URLs on a loopback port where nothing listens. */
    public void handOutDeadSocketUrls(boolean on) {
        socket.handOutDeadUrls(on);
    }

    /** While on, new sockets are accepted but never get hello (nor envelopes). */
    public void withholdHello(boolean on) {
        socket.withholdHello(on);
    }

    /**
     * Off by default. When on, an events_api envelope not acked within {@code after} is sent again
     * with the same envelope_id, retry_attempt + 1 and retry_reason "timeout", up to 3 times.
     */
    public void redeliverUnackedEvents(Duration after) {
        socket.redeliverUnackedEvents(after);
    }

    // ---- envelopes and acks

    /** Wraps the payload in a new envelope and delivers it; returns the envelope id. */
    public String send(String envelopeType, ObjectNode payload) {
        return interactions.send(envelopeType, payload);
    }

    /** Delivers an envelope as given, e.g. one already sent, to test duplicate delivery. */
    public void sendRaw(ObjectNode envelope) {
        socket.send(envelope);
    }

    /**
     * Delivers the envelope to every open socket at once, as Slack may while two sockets overlap.
     * @return how many sockets it went to
     */
    public int sendToAll(ObjectNode envelope) {
        return socket.sendToAll(envelope);
    }

    /** The envelope as the fake last sent it with this id (a copy), e.g. to send it again. */
    public ObjectNode sentEnvelope(String envelopeId) {
        return socket.sentEnvelope(envelopeId);
    }

    /**
     * Sends an envelope again with the same id, as when a person presses the button again after
     * an error, or Slack retries: the app must not act on it twice.
     */
    public void resend(String envelopeId) {
        socket.send(socket.sentEnvelope(envelopeId));
    }

    /**
     * Off by default (each envelope goes to the newest socket). On: envelopes go to the open
     * sockets in turn, so a burst is spread over every process connected.
     */
    public void deliverRoundRobin(boolean on) {
        socket.deliverRoundRobin(on);
    }

    /**
     * Envelopes written to a socket that closed (or was dropped) before they were acked, and not
     * acked since: Slack would send them again, or the person would press the button again.
     */
    public java.util.Set<String> envelopesLostWithTheirSocket() {
        return socket.lostWithSocket();
    }

    /** Envelopes written to each socket, keyed by the order the sockets opened (1 for the first). */
    public Map<Integer, Integer> deliveredPerSocket() {
        return socket.deliveredPerSocket();
    }

    public Ack awaitAck(String envelopeId, Duration timeout) {
        return socket.awaitAcks(envelopeId, 1, timeout).get(0);
    }

    public List<Ack> awaitAcks(String envelopeId, int count, Duration timeout) {
        return socket.awaitAcks(envelopeId, count, timeout);
    }

    public List<Ack> acks() {
        return socket.acks();
    }

    // ---- things users do; each returns the envelope id

    public String sendGlobalShortcut(String callbackId, String userId) {
        return interactions.globalShortcut(callbackId, userId);
    }

    /** The message must be stored (posted by the app, {@link #addMessage} or an event). */
    public String sendMessageShortcut(String callbackId, String userId, String channelId, String messageTs) {
        return interactions.messageShortcut(callbackId, userId, channelId, messageTs);
    }

    public String sendSlashCommand(String command, String text, String userId, String channelId) {
        return interactions.slashCommand(command, text, userId, channelId);
    }

    /**
     * Submits a stored view with these {@link StateValues}. The ack's {@code response_action} is
     * applied to the view stack before {@link #awaitAck} returns.
     */
    public String submitView(String viewId, String userId, ObjectNode stateValues) {
        return interactions.submitView(viewId, userId, stateValues);
    }

    /** The same submission delivered on every open socket at once; returns the envelope id. */
    public String submitViewToAll(String viewId, String userId, ObjectNode stateValues) {
        return interactions.submitViewToAll(viewId, userId, stateValues);
    }

    /** The same click delivered on every open socket at once; returns the envelope id. */
    public String sendBlockActionToAll(
            String userId, String channelId, String messageTs, String actionId, String blockId, String value) {
        return interactions.blockActionToAll(userId, channelId, messageTs, actionId, blockId, value);
    }

    /** A click (or selection) on an element of a stored message. */
    public String sendBlockAction(
            String userId, String channelId, String messageTs, String actionId, String blockId, String value) {
        return interactions.blockAction(userId, channelId, messageTs, actionId, blockId, value);
    }

    public String sendViewBlockAction(String viewId, String userId, String actionId, String blockId, String value) {
        return interactions.viewBlockAction(viewId, userId, actionId, blockId, value);
    }

    /** The user typed into an external_select; the options come back in the ack. */
    public String sendBlockSuggestion(String viewId, String userId, String actionId, String blockId, String typed) {
        return interactions.blockSuggestion(viewId, userId, actionId, blockId, typed);
    }

    // ---- Events API; the message is stored before the event leaves

    /** @param threadTs the parent's ts for a thread reply, else null */
    public SentEvent sendMessageEvent(String channel, String userId, String text, String threadTs) {
        return interactions.messageEvent(channel, userId, text, threadTs);
    }

    /** A message whose rich text carries mentions as elements ({@code user}, {@code usergroup}). */
    public SentEvent sendMessageEvent(
            String channel,
            String userId,
            String text,
            String threadTs,
            com.fasterxml.jackson.databind.node.ArrayNode blocks) {
        return interactions.messageEvent(channel, userId, text, threadTs, blocks);
    }

    /** Any other Events API event (the {@code event} object), such as {@code subteam_members_changed}. */
    public SentEvent sendEvent(ObjectNode event) {
        return interactions.otherEvent(event);
    }

    public SentEvent sendMessageChangedEvent(String channel, String ts, String newText) {
        return interactions.messageChangedEvent(channel, ts, newText);
    }

    /** A person's message with a file attached (subtype {@code file_share}), e.g. a screenshot. */
    public SentEvent sendFileShareEvent(String channel, String userId, String text, String threadTs, String fileName) {
        return interactions.fileShareEvent(channel, userId, text, threadTs, fileName);
    }

    /** A reply in a thread also sent to the channel (subtype {@code thread_broadcast}). */
    public SentEvent sendThreadBroadcastEvent(String channel, String userId, String text, String threadTs) {
        return interactions.threadBroadcastEvent(channel, userId, text, threadTs);
    }

    /** A message written with {@code /me} (subtype {@code me_message}). */
    public SentEvent sendMeMessageEvent(String channel, String userId, String text) {
        return interactions.meMessageEvent(channel, userId, text);
    }

    public SentEvent sendMessageDeletedEvent(String channel, String ts) {
        return interactions.messageDeletedEvent(channel, ts);
    }

    /** Slack's own "has joined the channel" message for {@code userId}. */
    public SentEvent sendChannelJoinEvent(String channel, String userId) {
        return interactions.channelNoticeEvent(channel, userId, null);
    }

    /** Slack's own "set the channel topic" message. */
    public SentEvent sendChannelTopicEvent(String channel, String userId, String topic) {
        return interactions.channelNoticeEvent(channel, userId, topic);
    }

    public SentEvent sendBotMessageEvent(String channel, String botId, String text) {
        return interactions.botMessageEvent(channel, botId, text);
    }

    public SentEvent sendAppHomeOpened(String userId) {
        return interactions.appHomeOpened(userId);
    }
}
