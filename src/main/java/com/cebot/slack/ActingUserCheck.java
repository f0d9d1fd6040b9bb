package com.cebot.slack;

import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.response.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The person a payload says acted (who clicked, submitted, typed the command or wrote the message)
 * goes into mentions and DMs and into every log line about the payload, so it must look like a
 * user ID ({@link UserId}). A payload whose acting user does not is acked and dropped before any
 * listener or log line sees it. Slack never sends one; a forged or garbled payload might. A payload
 * without an acting user (a group's members changed, another bot's post) goes on.
 */
public final class ActingUserCheck implements Middleware {

    private static final Logger log = LoggerFactory.getLogger(ActingUserCheck.class);

    @Override
    @SuppressWarnings("rawtypes") // Bolt's Middleware declares the raw type; an override must match it.
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        String user = req.getContext().getRequestUserId();
        if (user == null || UserId.looksLikeOne(user)) {
            return chain.next(req);
        }
        // The value itself stays out of the log: it is not an ID, so it may be anything.
        log.warn(
                "{} from a user that is not a user ID ({} characters); acked and dropped",
                req.getRequestType(),
                user.length());
        return Response.ok();
    }
}
