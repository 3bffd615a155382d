package vn.haiphong.ioc.simulators.gen;

/** An endless sequence of messages in release order. */
public interface MessageStream {
    SimMessage next();
}
