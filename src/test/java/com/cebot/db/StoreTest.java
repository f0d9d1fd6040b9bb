package com.cebot.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** CEBOT_DB_URL and the credentials beside it: read in each form, and never shown. */
final class StoreTest {

    private static final String DEFAULT = "jdbc:sqlite:data/cebot.db";

    @Test
    void unset_isSqlitesDefaultFile() {
        Store store = Store.fromEnvironment(Map.of(), DEFAULT);

        assertThat(store.kind()).isEqualTo(Store.Kind.SQLITE);
        assertThat(store.file()).hasValue(java.nio.file.Path.of("data/cebot.db"));
        assertThat(store.user()).isEmpty();
    }

    @Test
    void credentialsInTheQuery_areTakenOutOfTheUrl_andNeverShown() {
        Store store = Store.fromEnvironment(
                Map.of(
                        "CEBOT_DB_URL",
                        "jdbc:postgresql://db.example.com:6432/cebot?sslmode=require&user=bot&password=s3cret"),
                DEFAULT);

        assertThat(store.kind()).isEqualTo(Store.Kind.POSTGRESQL);
        assertThat(store.url()).isEqualTo("jdbc:postgresql://db.example.com:6432/cebot?sslmode=require");
        assertThat(store.user()).hasValue("bot");
        assertThat(store.password()).hasValue("s3cret");
        assertThat(store.where()).isEqualTo("PostgreSQL db.example.com:6432/cebot");
        assertThat(store.toString()).doesNotContain("s3cret").doesNotContain("bot@");
    }

    @Test
    void aLibpqUrl_withUserAndPasswordBeforeTheHost_isReadToo() {
        Store store = Store.of("postgresql://bot:p%40ss@db1,db2:5433/cebot", Optional.empty(), Optional.empty());

        assertThat(store.url()).isEqualTo("jdbc:postgresql://db1,db2:5433/cebot");
        assertThat(store.user()).hasValue("bot");
        assertThat(store.password()).hasValue("p@ss");
        assertThat(store.where()).isEqualTo("PostgreSQL db1:5432,db2:5433/cebot");
    }

    @Test
    void theEnvironmentsCredentials_winOverTheUrls() {
        Store store = Store.fromEnvironment(
                Map.of(
                        "CEBOT_DB_URL",
                        "jdbc:postgresql://db/cebot?user=old&password=old",
                        "CEBOT_DB_USER",
                        "cebot",
                        "CEBOT_DB_PASSWORD",
                        "new"),
                DEFAULT);

        assertThat(store.user()).hasValue("cebot");
        assertThat(store.password()).hasValue("new");
        assertThat(store.connectionProperties())
                .containsEntry("user", "cebot")
                .containsEntry("password", "new")
                .containsEntry("logServerErrorDetail", "false")
                .containsEntry("connectTimeout", "5");
    }
}
