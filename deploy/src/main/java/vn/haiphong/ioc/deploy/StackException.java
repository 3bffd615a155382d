package vn.haiphong.ioc.deploy;

/** A stack that could not start or run, with a message that says what to do or which log to read. */
public class StackException extends RuntimeException {
    public StackException(String message) {
        super(message);
    }

    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
