import FactCheckCore

/// The error `body` throws, or nil when it succeeds.
func refusal<T>(_ body: () throws(DomainError) -> T) -> DomainError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error
    }
}

/// The field named by the `.invalid` error `body` throws, or nil when it throws nothing else.
func invalidField<T>(_ body: () throws(DomainError) -> T) -> String? {
    guard case let .invalid(field, _)? = refusal(body) else { return nil }
    return field
}

func repeated(_ piece: String, _ count: Int) -> String {
    String(repeating: piece, count: count)
}
