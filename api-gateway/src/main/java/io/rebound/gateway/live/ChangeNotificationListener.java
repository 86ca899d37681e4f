package io.rebound.gateway.live;

import io.rebound.gateway.GatewayProperties;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Listens on PostgreSQL for committed operation changes, from this gateway and every other one, and hands them to
 * the open event streams. One connection per gateway; it reconnects after a database outage.
 */
@Component
class ChangeNotificationListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChangeNotificationListener.class);
    private final DataSource dataSource;
    private final SessionEventStream stream;
    private final Duration reconnectDelay;
    private volatile boolean running;
    private Thread thread;

    ChangeNotificationListener(DataSource dataSource, SessionEventStream stream, GatewayProperties properties) {
        this.dataSource = dataSource;
        this.stream = stream;
        this.reconnectDelay = properties.recovery().notificationsReconnect();
    }

    private void loop() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + OperationChangeLog.CHANNEL);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(500);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            dispatch(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("live updates paused, reconnecting to the database: {}", e.toString());
                    pause();
                }
            }
        }
    }

    private void dispatch(String payload) {
        int colon = payload.indexOf(':');
        try {
            stream.changed(Long.parseLong(payload.substring(0, colon)), UUID.fromString(payload.substring(colon + 1)));
        } catch (RuntimeException e) {
            log.warn("could not push live update {}: {}", payload, e.toString());
        }
    }

    private void pause() {
        try {
            Thread.sleep(reconnectDelay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::loop, "live-updates");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
