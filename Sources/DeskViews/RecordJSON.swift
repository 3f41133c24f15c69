import FactCheckStore
import Foundation

/// The JSON both doors speak: pretty, snake_case names, sorted keys, ISO 8601 dates, and absent
/// values written as `null`, so that every object of a type carries the same field names
/// whatever it holds. `claim show --format json` and `GET /api/v1/claims/{id}` are this, byte
/// for byte.
public enum RecordJSON {
    /// The encoded value, ending with a newline.
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try data(value), as: UTF8.self) + "\n"
    }

    /// The encoded value without the trailing newline.
    public static func data<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        let object = withNulls(try JSONSerialization.jsonObject(with: try encoder.encode(value), options: [.fragmentsAllowed]),
                               like: value)
        return try JSONSerialization.data(withJSONObject: object,
                                          options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])
    }

    private static func withNulls(_ json: Any, like value: Any) -> Any {
        // JSON the database wrote goes out as JSON, not as a string holding JSON.
        if let raw = value as? JSONText {
            return (try? JSONSerialization.jsonObject(with: Data(raw.text.utf8), options: [.fragmentsAllowed])) ?? raw.text
        }
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            guard let wrapped = mirror.children.first?.value else { return json }
            return withNulls(json, like: wrapped)
        }
        if mirror.displayStyle == .collection, let array = json as? [Any] {
            let items = mirror.children.map(\.value)
            return zip(array, items).map { withNulls($0, like: $1) }
        }
        guard mirror.displayStyle == .struct, var object = json as? [String: Any] else { return json }
        for child in mirror.children {
            guard let label = child.label else { continue }
            let key = snakeCase(label)
            if let present = object[key] {
                object[key] = withNulls(present, like: child.value)
            } else {
                object[key] = NSNull()
            }
        }
        return object
    }

    private static func snakeCase(_ name: String) -> String {
        var out = ""
        for ch in name {
            if ch.isUppercase { out += "_" + ch.lowercased() } else { out.append(ch) }
        }
        return out
    }
}
