package com.cebot.home;

import com.cebot.home.HomeContribution.Part;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** Reads every workflow's parts of one person's Home, on one handle. */
@FunctionalInterface
interface HomeRenderer {
    List<Part> parts(Handle handle, String userId);
}
