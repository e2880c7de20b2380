package org.puentes.neo4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * Runs a real Neo4j Community server (embedded Neo4j with the Bolt connector) for Puentes tests.
 *
 * <p>Usage: {@code java ... org.puentes.neo4j.Launcher --home DIR --port P}. The password of
 * the {@code neo4j} user is read from the environment variable {@code NEO4J_PASSWORD} (never
 * from the command line, where {@code ps} would show it); when it is empty, authentication is
 * disabled. The server listens on 127.0.0.1 only.
 *
 * <p>Prints {@code READY bolt://127.0.0.1:P} on standard output once Bolt accepts connections
 * and the password is set; {@code scripts/neo4j/start} waits for that line. SIGTERM triggers a
 * clean shutdown through a shutdown hook, which prints {@code STOPPED} when done.
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) throws Exception {
        Path home = null;
        int port = 7687;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--home" -> home = Path.of(args[++i]);
                case "--port" -> port = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("unknown argument: " + args[i]);
                    System.err.println("usage: Launcher --home DIR --port P  (password in $NEO4J_PASSWORD)");
                    System.exit(2);
                }
            }
        }
        if (home == null) {
            System.err.println("usage: Launcher --home DIR --port P  (password in $NEO4J_PASSWORD)");
            System.exit(2);
        }
        String password = System.getenv().getOrDefault("NEO4J_PASSWORD", "");
        boolean auth = !password.isEmpty();
        Files.createDirectories(home);

        long started = System.nanoTime();
        SocketAddress bolt = new SocketAddress("127.0.0.1", port);
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, bolt)
                .setConfig(BoltConnector.advertised_address, bolt)
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(GraphDatabaseSettings.default_listen_address, new SocketAddress("127.0.0.1"))
                .setConfig(GraphDatabaseSettings.auth_enabled, auth)
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, 64L * 1024 * 1024)
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, 16L * 1024 * 1024)
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "2 files")
                .setConfig(GraphDatabaseSettings.shutdown_transaction_end_timeout, Duration.ofSeconds(5))
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("STOPPING");
            System.out.flush();
            dbms.shutdown();
            System.out.println("STOPPED");
            System.out.flush();
            stopped.countDown();
        }, "puentes-neo4j-shutdown"));

        if (auth) {
            // A fresh store has user neo4j/neo4j with "change required"; set the test password
            // (also on restart with --keep, so the password always matches run/neo4j.env).
            // Neo4j refuses to set the password it already has, so go through a random one.
            GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
            for (String pw : new String[] {UUID.randomUUID().toString(), password}) {
                system.executeTransactionally(
                        "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                        Map.of("password", pw));
            }
        }
        // Touch the default database so a READY server has it online.
        dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally("RETURN 1");

        long ms = (System.nanoTime() - started) / 1_000_000;
        System.out.println("READY bolt://127.0.0.1:" + port + " auth=" + auth + " started_in_ms=" + ms);
        System.out.flush();
        stopped.await();
    }
}
