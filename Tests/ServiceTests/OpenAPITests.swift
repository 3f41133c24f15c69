import FactCheckService
import Foundation
import Hummingbird
import Testing

@Suite struct OpenAPITests {
    /// The committed document and the router agree: every `/api/v1` route the service answers
    /// is described, and nothing described is missing from the service.
    @Test func theDocumentDescribesEveryRoute() throws {
        let desk = try ServiceDesk()
        defer { desk.close() }
        let doc = try JSONSerialization.jsonObject(with: Data(DeskService.openAPIDocument.utf8)) as! [String: Any]
        #expect(doc["openapi"] as? String == "3.1.0")
        let paths = doc["paths"] as! [String: [String: Any]]
        var documented = Set<String>()
        for (path, item) in paths {
            for method in ["get", "post", "patch", "put", "delete"] where item[method] != nil {
                documented.insert("\(method.uppercased()) \(path)")
            }
        }
        var routed = Set<String>()
        for route in desk.service.router().routes {
            let path = "/" + route.path.description.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }
                .joined(separator: "/")
            guard path.hasPrefix("/api/v1/"), path != "/api/v1/openapi.json" else { continue }
            routed.insert("\(route.method.rawValue) \(path)")
        }
        #expect(routed.subtracting(documented).sorted() == [], "routes missing from the document")
        #expect(documented.subtracting(routed).sorted() == [], "documented routes the service lacks")
    }
}
