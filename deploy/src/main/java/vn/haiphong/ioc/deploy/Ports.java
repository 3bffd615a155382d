package vn.haiphong.ioc.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Port choice for the stack: 0 means "any free port", any other port must be free before a component takes it. */
public final class Ports {
    private Ports() {}

    /**
     * A port that is free now on the loopback interface. The child processes only take a port number on their command
     * line, so the port is chosen here and released before the child binds it; the window between the two is short and
     * the kernel does not hand out the same ephemeral port again at once.
     */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free TCP port on the loopback interface", e);
        }
    }

    /** A port that is free now on the address a broker binds ({@code 0.0.0.0} for every interface). */
    public static int freePort(String bind) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(bind), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + bind, e);
        }
    }

    /** Resolves 0 to a free port and checks that a fixed port is free, naming what wants it when it is not. */
    public static int resolve(int port, String purpose, String option) {
        if (port == 0) {
            return freePort();
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--" + option + "=" + port + " is not a TCP port");
        }
        if (!isFree(port)) {
            throw new StackException("port " + port + " for the " + purpose + " is already in use (another ./ioc demo,"
                    + " or a system service such as mosquitto?). Stop it or pass --" + option + "=<port>"
                    + " (0 picks a free one).");
        }
        return port;
    }

    /** Whether nothing listens on the port on any interface, which is what a component binding 0.0.0.0 needs. */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
