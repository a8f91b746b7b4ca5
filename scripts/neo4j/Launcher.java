/*
 * A throwaway Neo4j server for graphmap's tests and for development.
 *
 * Runs an embedded Neo4j (community edition, jars from scripts/neo4j/lib, see
 * pom.xml) that accepts Bolt connections on 127.0.0.1 with authentication on.
 *
 *   scripts/neo4j-fetch      # jars into lib/, this file compiled into lib/classes
 *   java @scripts/neo4j/jvm.options -Xmx1g \
 *        -cp 'scripts/neo4j/lib/classes:scripts/neo4j/lib/*' Launcher \
 *        [--port N] [--data DIR] [--pagecache SIZE] [--ignore-stdin]
 *
 * (java -cp 'scripts/neo4j/lib/*' scripts/neo4j/Launcher.java ... works too,
 * at the cost of compiling this file on each start, ~3 s of CPU.) Normally
 * run through scripts/neo4j-dev or tests/neo4j_server.py.
 *
 *   --port N        Bolt port on 127.0.0.1; 0 or absent picks a free one.
 *   --data DIR      Neo4j home (store, transaction logs, logs/debug.log).
 *                   Kept after exit, so a later run on it sees the same data.
 *                   Absent: a temporary directory, deleted on a clean exit.
 *   --pagecache S   Page cache size, e.g. 64m (default), 512m, 1g.
 *   --ignore-stdin  Do not stop when standard input closes (for interactive
 *                   or background use; stop with SIGINT/SIGTERM then).
 *
 * User "neo4j", password from env GRAPHMAP_NEO4J_PASSWORD (default
 * "graphmap-test"). Once the server accepts logins it prints exactly one line,
 * "bolt://127.0.0.1:PORT", to standard output. Everything else goes to
 * standard error, and Neo4j's own log to DIR/logs/debug.log. It shuts down
 * cleanly when standard input reaches end-of-file (so a parent process owns
 * its lifetime through a pipe) or on SIGTERM/SIGINT. Exit status 0 after a
 * clean shutdown, 1 when it could not start, 2 on bad arguments.
 */

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

public class Launcher {
    static final String HOST = "127.0.0.1";
    static final String USER = "neo4j";
    static final String DEFAULT_PASSWORD = "graphmap-test";
    static final String USAGE = "usage: Launcher [--port N] [--data DIR] [--pagecache SIZE] [--ignore-stdin]";

    private static DatabaseManagementService dbms;
    private static Path tempHome;
    private static boolean stopped;

    public static void main(String[] args) {
        // Standard output carries the URI line and nothing else: whatever a
        // library prints there goes to standard error instead.
        PrintStream uriOut = System.out;
        System.setOut(System.err);

        int port = 0;
        Path home = null;
        long pagecache = ByteUnit.mebiBytes(64);
        boolean watchStdin = true;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--port" -> port = Integer.parseInt(args[++i]);
                    case "--data" -> home = Paths.get(args[++i]).toAbsolutePath();
                    case "--pagecache" -> pagecache = ByteUnit.parse(args[++i]);
                    case "--ignore-stdin" -> watchStdin = false;
                    case "-h", "--help" -> {
                        log(USAGE);
                        System.exit(0);
                    }
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        } catch (RuntimeException e) {
            log("bad arguments: " + e.getMessage());
            log(USAGE);
            System.exit(2);
        }
        String password = System.getenv().getOrDefault("GRAPHMAP_NEO4J_PASSWORD", "");
        if (password.isEmpty()) {
            password = DEFAULT_PASSWORD;
        }

        Runtime.getRuntime().addShutdownHook(new Thread(Launcher::stop, "neo4j-launcher-shutdown"));
        if (watchStdin) {
            // Also while starting: a parent that dies early takes us along.
            Thread watcher = new Thread(() -> {
                drain(System.in);
                log("standard input closed, shutting down");
                System.exit(0); // runs the shutdown hook
            }, "neo4j-launcher-stdin");
            watcher.setDaemon(true);
            watcher.start();
        }
        long t0 = System.nanoTime();
        String uri;
        try {
            if (home == null) {
                tempHome = Files.createTempDirectory("graphmap-neo4j-");
                home = tempHome;
            }
            Files.createDirectories(home);
            log("starting Neo4j in " + home + " (log: " + home.resolve("logs/debug.log") + ")");
            uri = start(home, port, pagecache, password);
        } catch (Throwable e) {
            log("failed to start: " + e);
            e.printStackTrace();
            System.exit(1);
            return;
        }
        log(String.format("ready after %.1fs: %s", (System.nanoTime() - t0) / 1e9, uri));
        uriOut.println(uri);
        uriOut.flush();

        // The main thread ends here; Neo4j's own non-daemon threads keep the
        // JVM alive until the shutdown hook has stopped it.
    }

    private static String start(Path home, int port, long pagecache, String password) {
        synchronized (Launcher.class) {
            if (stopped) {
                throw new IllegalStateException("stopped before start");
            }
            dbms = new DatabaseManagementServiceBuilder(home)
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress(HOST, port))
                    .setConfig(GraphDatabaseSettings.default_advertised_address, new SocketAddress(HOST))
                    .setConfig(HttpConnector.enabled, false)
                    .setConfig(HttpsConnector.enabled, false)
                    .setConfig(GraphDatabaseSettings.auth_enabled, true)
                    // Tests try wrong passwords on purpose: no lockout.
                    .setConfig(GraphDatabaseSettings.auth_max_failed_attempts, 0)
                    .setConfig(GraphDatabaseSettings.auth_minimum_password_length, 1)
                    .setConfig(GraphDatabaseSettings.pagecache_memory, pagecache)
                    // Sparse transaction logs: do not write 256 MiB ahead.
                    .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                    .setConfig(GraphDatabaseSettings.udc_enabled, false)
                    // Netty waits a 5 s quiet period per event loop group on
                    // shutdown (10 s in all); a test server need not.
                    .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                    .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(5))
                    .build();
        }
        GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        if (!db.isAvailable(TimeUnit.MINUTES.toMillis(2))) {
            throw new IllegalStateException("default database did not become available");
        }
        log("database available");
        setPassword(password);
        log("password set");
        var ports = ((GraphDatabaseAPI) db).getDependencyResolver().resolveDependency(ConnectorPortRegister.class);
        var address = ports.getLocalAddress(ConnectorType.BOLT);
        if (address == null) {
            throw new IllegalStateException("Bolt connector did not register a port");
        }
        return "bolt://" + HOST + ":" + address.getPort();
    }

    /**
     * Embedded transactions run with full rights, so the password is set
     * straight in the system database, before the URI is published. On a
     * reused data directory the password may already be this one, which
     * Neo4j refuses to "change": that refusal is fine.
     */
    private static void setPassword(String password) {
        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        try {
            system.executeTransactionally(
                    "ALTER USER " + USER + " SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
        } catch (RuntimeException e) {
            if (!String.valueOf(e.getMessage()).contains("Old password and new password cannot be the same")) {
                throw e;
            }
        }
    }

    private static void stop() {
        synchronized (Launcher.class) {
            if (stopped) {
                return;
            }
            stopped = true;
            if (dbms != null) {
                log("shutting down");
                try {
                    dbms.shutdown();
                } catch (Throwable e) {
                    log("error during shutdown: " + e);
                }
            }
            if (tempHome != null) {
                deleteTree(tempHome);
            }
            log("stopped");
        }
    }

    private static void drain(InputStream in) {
        byte[] buf = new byte[4096];
        try {
            while (in.read(buf) >= 0) {
                // ignore whatever is written; only end-of-file matters
            }
        } catch (IOException e) {
            // a broken pipe counts as closed
        }
    }

    private static void deleteTree(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            log("could not delete " + root + ": " + e);
        }
    }

    static void log(String message) {
        long ms = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
        System.err.printf("neo4j-launcher [%.1fs]: %s%n", ms / 1000.0, message);
        System.err.flush();
    }
}
