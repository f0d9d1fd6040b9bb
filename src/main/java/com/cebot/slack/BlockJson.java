package com.cebot.slack;

import com.google.gson.Gson;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.util.json.GsonFactory;
import java.util.List;

/** Block Kit to the JSON the Web API takes, as the SDK itself would write it. */
public final class BlockJson {

    private static final Gson GSON = GsonFactory.createSnakeCase();

    private BlockJson() {}

    public static String of(List<LayoutBlock> blocks) {
        return GSON.toJson(blocks);
    }
}
