package com.cebot.ooo;

import com.cebot.testing.QueryPlans;
import com.cebot.testing.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OOO protocol's Home parts read a page and a count, through indexes. */
final class OooHomeTest {

    @TempDir
    Path dir;

    @Test
    void everyQuery_readsThroughAnIndex_andEveryListIsLimited() {
        QueryPlans.assertIndexedAndBounded(TestDatabase.open(dir), OooHome.Queries.class);
    }
}
