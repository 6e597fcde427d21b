package graphcrm.neo4j;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * A Neo4j Community server for development and CI: the embedded database management service
 * with the Bolt connector on a loopback port and authentication on.
 *
 * <p>Arguments: {@code --data DIR --port N [--host H] [--pagecache-mb N]}. The password of the
 * {@code neo4j} user is read from the environment variable {@code GRAPHCRM_NEO4J_PASSWORD} (never
 * from the command line, where other users of the machine could read it). Prints
 * {@code graphcrm-neo4j ready HOST:PORT} once Bolt accepts connections, and shuts the database
 * down cleanly on SIGTERM or Ctrl-C.
 */
public final class LocalServer {
    private LocalServer() {}

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = parse(argv);
        String host = args.getOrDefault("host", "127.0.0.1");
        int port = Integer.parseInt(args.getOrDefault("port", "7687"));
        Path data = Path.of(args.getOrDefault("data", "neo4j-data")).toAbsolutePath();
        long pagecache = Long.parseLong(args.getOrDefault("pagecache-mb", "512")) * 1024 * 1024;
        String password = System.getenv("GRAPHCRM_NEO4J_PASSWORD");
        if (password == null || password.length() < 8) {
            fail("set GRAPHCRM_NEO4J_PASSWORD to a password of at least 8 characters");
        }

        DatabaseManagementService service = new DatabaseManagementServiceBuilder(data)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, pagecache)
                // a development server: keep the transaction logs small (tests wipe the graph often)
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "2 files")
                .build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.shutdown();
            System.out.println("graphcrm-neo4j stopped");
            System.out.flush();
            stopped.countDown();
        }, "graphcrm-neo4j-shutdown"));

        setPassword(service, password);
        waitForBolt(host, port);
        System.out.println("graphcrm-neo4j ready " + host + ":" + port + " data " + data);
        System.out.flush();
        stopped.await();
    }

    /** The initial user must change its password before use; set ours and drop that demand. */
    private static void setPassword(DatabaseManagementService service, String password) {
        GraphDatabaseService system = service.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        Map<String, Object> params = new HashMap<>();
        params.put("password", password);
        system.executeTransactionally("ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", params);
    }

    private static void waitForBolt(String host, int port) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), 1000);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        fail("Bolt did not open on " + host + ":" + port + " within 60 s");
    }

    private static Map<String, String> parse(String[] argv) {
        Map<String, String> args = new HashMap<>();
        for (int i = 0; i < argv.length; i++) {
            if (!argv[i].startsWith("--") || i + 1 >= argv.length) {
                fail("usage: LocalServer --data DIR --port N [--host H] [--pagecache-mb N]");
            }
            args.put(argv[i].substring(2), argv[++i]);
        }
        return args;
    }

    private static void fail(String message) {
        System.err.println("graphcrm-neo4j: " + message);
        System.exit(2);
    }
}
