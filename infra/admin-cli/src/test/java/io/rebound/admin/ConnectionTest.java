package io.rebound.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectionTest {

    @Test
    void defaultsToTheDemoSreOnLocalhost() {
        assertThat(Connection.resolve(null, null, null, Map.of()))
                .isEqualTo(new Connection("http://localhost:8080", "sre@example.com", "rebound"));
        assertThat(Connection.resolve("http://127.0.0.1:9090/", null, null, Map.of()))
                .isEqualTo(new Connection("http://127.0.0.1:9090", "sre@example.com", "rebound"));
    }

    @Test
    void optionsWinOverTheEnvironment() {
        Map<String, String> env = Map.of(
                "REBOUND_URL", "https://rebound.internal",
                "REBOUND_USER", "env@example.com",
                "REBOUND_PASSWORD", "from-env");

        assertThat(Connection.resolve(null, null, null, env))
                .isEqualTo(new Connection("https://rebound.internal", "env@example.com", "from-env"));
        assertThat(Connection.resolve("http://localhost:1", "opt@example.com", "from-option", env))
                .isEqualTo(new Connection("http://localhost:1", "opt@example.com", "from-option"));
    }

    @Test
    void neverSendsDemoCredentialsToAnotherHost() {
        assertThatThrownBy(() -> Connection.resolve("https://rebound.example.com", null, null, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("REBOUND_USER");
        assertThatThrownBy(() -> Connection.resolve("https://rebound.example.com", "sre@corp", null, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAUrlThatIsNotHttp() {
        assertThatThrownBy(() -> Connection.resolve("ftp://files", null, null, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http");
        assertThatThrownBy(() -> Connection.resolve("localhost:8080", null, null, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepsThePasswordOutOfItsText() {
        assertThat(Connection.resolve(null, null, "s3cret", Map.of()).toString())
                .doesNotContain("s3cret");
    }
}
