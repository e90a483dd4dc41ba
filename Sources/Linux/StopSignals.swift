import CShim
import Glibc

/// nstrace's own stop signals (SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE): caught by a
/// handler that only records the signal (`ns_install_stop_handlers`), for commands that
/// must end cleanly (remove what they made, end a record) rather than die. The tracer's loop
/// reaches the same handlers through its kernel seam (TracerKernel).
public enum StopSignals {
    /// Catch them from now on; the signals are delivered to the calling thread.
    public static func install() { ns_install_stop_handlers(ns_gettid()) }
    /// Their default actions again.
    public static func restore() { ns_restore_stop_handlers() }
    /// The first stop signal caught, 0 if none.
    public static var pending: Int32 { ns_pending_stop_signal() }
}

/// The terminal a descriptor is, if any.
public enum Terminal {
    /// Its width in columns (TIOCGWINSZ), 0 when `fd` is no terminal.
    public static func columns(_ fd: Int32) -> Int { Int(ns_terminal_columns(fd)) }
}
