import Foundation

/// The named limits of the free-text fields, so that every door (the command line, the API,
/// the browser desk) refuses the same values with the same message.
extension Validate {
    /// A note with an assignment, or with an approval.
    public static func note(_ text: String?, field: String = "note") throws(DomainError) -> String? {
        try self.text(text, field: field, max: 2000)
    }

    public static func sourceTitle(_ text: String?, field: String = "title") throws(DomainError) -> String? {
        try self.text(text, field: field, max: 1000)
    }

    public static func publisher(_ text: String?, field: String = "publisher") throws(DomainError) -> String? {
        try self.text(text, field: field, max: 300)
    }

    /// What a reviewer notes about a source.
    public static func sourceNote(_ text: String?, field: String = "note") throws(DomainError) -> String? {
        try self.text(text, field: field, max: 5000)
    }

    public static func articleTitle(_ text: String?, field: String = "title") throws(DomainError) -> String? {
        try self.text(text, field: field, max: 1000)
    }

    public static func outlet(_ text: String?, field: String = "outlet") throws(DomainError) -> String? {
        try self.text(text, field: field, max: 300)
    }

    public static func byline(_ text: String?, field: String = "byline") throws(DomainError) -> String? {
        try self.text(text, field: field, max: 500)
    }

    /// A note in a claim's discussion thread.
    public static func claimNote(_ text: String, field: String = "note") throws(DomainError) -> String {
        try required(text, field: field, max: 4000)
    }

    /// An article's pasted text (what `article add --text-file` keeps).
    public static func articleText(_ text: String?, field: String = "text") throws(DomainError) -> String? {
        try self.text(text, field: field, max: 1_000_000)
    }

    /// An API token's name: what it is for ("CMS", "nightly export").
    public static func tokenName(_ text: String, field: String = "name") throws(DomainError) -> String {
        try required(text, field: field, max: 100, singleLine: true)
    }
}

extension Validate {
    /// A report's window: both days included, so `until` may not come before `since`.
    public static func window(since: CalendarDate?, until: CalendarDate?, fields: (String, String) = ("since", "until"))
        throws(DomainError) -> (since: CalendarDate?, until: CalendarDate?) {
        if let since, let until, until < since {
            throw .invalid(field: fields.1, reason: "\(until) is before \(fields.0) \(since); the window runs from \(fields.0) to \(fields.1), both included")
        }
        return (since, until)
    }
}

extension Validate {
    /// The least similarity `claim similar` shows: 0 to 1, as pg_trgm measures it.
    public static func similarityThreshold(_ value: Double, field: String = "threshold") throws(DomainError) -> Double {
        guard value.isFinite, (0.0...1.0).contains(value) else {
            throw .invalid(field: field, reason: "\(value) is not between 0 and 1")
        }
        return value
    }
}
