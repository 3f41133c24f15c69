import DeskViews
import FactCheckCore
import FactCheckStore
import Foundation
import HTTPTypes
import Hummingbird

/// Responses and request bodies as the API speaks them.
enum HTTP {
    /// The record as `RecordJSON` writes it (byte for byte what the CLI prints with
    /// `--format json`), with the claim's ETag where one is given.
    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok, etag: Int? = nil,
                                   location: String? = nil) throws -> Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if let etag { headers[.eTag] = HTTP.etag(etag) }
        if let location { headers[.location] = location }
        return Response(status: status, headers: headers,
                        body: .init(byteBuffer: ByteBuffer(bytes: try RecordJSON.line(value))))
    }

    static func etag(_ version: Int) -> String { "\"v\(version)\"" }

    /// The version an `If-Match` names (`"v7"`), nil when there is none; `*` matches any.
    static func ifMatch(_ request: Request) throws -> Int? {
        guard let value = request.headers[.ifMatch]?.trimmingCharacters(in: .whitespaces), value != "*" else { return nil }
        var tag = Substring(value)
        if tag.hasPrefix("W/") { tag = tag.dropFirst(2) }
        guard tag.hasPrefix("\"v"), tag.hasSuffix("\""), let version = Int(tag.dropFirst(2).dropLast()) else {
            throw ServiceError.badRequest("If-Match must be a claim's ETag, e.g. \"v3\"")
        }
        return version
    }

    /// The JSON body decoded with snake_case names; 413 over `limit`, 400 when it does not decode.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, limit: Int) async throws -> T {
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: limit)
        } catch {
            throw ServiceError.tooLarge(limit: limit)
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(T.self, from: Data(buffer.readableBytesView))
        } catch DecodingError.keyNotFound(let key, _) {
            throw ServiceError.badRequest("the body is missing \(snake(key.stringValue))")
        } catch DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context) {
            let field = context.codingPath.map { snake($0.stringValue) }.joined(separator: ".")
            throw ServiceError.badRequest("\(field.isEmpty ? "the body" : field) has the wrong type")
        } catch {
            throw ServiceError.badRequest("the request body is not JSON")
        }
    }

    static func snake(_ name: String) -> String {
        name.reduce(into: "") { out, ch in
            if ch.isUppercase { out += "_" + ch.lowercased() } else { out.append(ch) }
        }
    }

    /// Runs a domain validation; its refusal becomes a 422 problem like every other.
    static func validated<T>(_ body: () throws(DomainError) -> T) throws -> T {
        do { return try body() } catch { throw error }
    }
}

extension Parameters {
    func claim() throws -> ClaimNumber {
        guard let text = self.get("id") else { throw ServiceError.notFound("no claim") }
        do { return try ClaimNumber(parsing: text) } catch { throw ServiceError.notFound("no claim \(text)") }
    }
}

/// Reads of a query string as the CLI's filters take them.
struct Query {
    let parameters: Hummingbird.Parameters
    init(_ request: Request) { parameters = request.uri.queryParameters }

    func text(_ name: String) -> String? {
        guard let value = parameters[name[...]].map(String.init), !value.isEmpty else { return nil }
        return value
    }

    func date(_ name: String) throws -> CalendarDate? {
        try text(name).map { s in try HTTP.validated { () throws(DomainError) in try Validate.date(s, field: name) } }
    }

    /// `claim list`'s filters, as the list and the exports take them (no limit, no cursor).
    func claimFilter() throws -> ClaimFilter {
        var filter = ClaimFilter()
        filter.state = try text("state").map { s in try HTTP.validated { () throws(DomainError) in try Validate.state(s) } }
        filter.assignee = text("assignee").map(Validate.handleReference)
        filter.tag = text("tag")
        filter.claimant = text("claimant")
        filter.rating = text("rating")
        filter.since = try date("since")
        filter.until = try date("until")
        filter.search = text("search")
        return filter
    }

    func int(_ name: String) throws -> Int? {
        guard let text = text(name) else { return nil }
        guard let n = Int(text) else { throw ServiceError.badRequest("\(name) must be a number") }
        return n
    }
}
