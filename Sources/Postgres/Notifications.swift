import CLibPQ
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A NOTIFY the connection received: its channel and payload.
public struct Notification: Sendable, Equatable {
    public let channel: String
    public let payload: String
}

extension Connection {
    /// Starts listening on `channel` (an identifier, never a value: it is quoted here).
    public func listen(_ channel: String) throws(PostgresError) {
        let quoted = "\"" + channel.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        try executeScript("LISTEN \(quoted)")
    }

    /// Waits up to `timeout` milliseconds for notifications and returns those that arrived
    /// (none on a timeout). Throws when the connection is lost.
    public func notifications(waitingUpTo timeout: Int32) throws(PostgresError) -> [Notification] {
        let conn = try live
        var received = drain(conn)
        guard received.isEmpty else { return received }
        let socket = PQsocket(conn)
        guard socket >= 0 else { throw PostgresError(kind: .connection, message: "the connection has no socket", sqlState: "08006") }
        var poller = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        let ready = poll(&poller, 1, timeout)
        if ready > 0 {
            guard PQconsumeInput(conn) == 1 else {
                throw PostgresError(kind: .connection, message: Connection.firstLine(PQerrorMessage(conn)), sqlState: "08006")
            }
            received = drain(conn)
        }
        return received
    }

    private func drain(_ conn: OpaquePointer) -> [Notification] {
        var out: [Notification] = []
        while let note = PQnotifies(conn) {
            out.append(Notification(channel: String(cString: note.pointee.relname), payload: String(cString: note.pointee.extra)))
            PQfreemem(note)
        }
        return out
    }
}
