/// The API's contract, OpenAPI 3.1, served at `/api/v1/openapi.json` and printed by
/// `factcheck serve --openapi`; `Scripts/test` validates it and runs schemathesis against
/// the live service with it.
enum OpenAPIDocument {
    static let json = #"""
{"openapi":"3.1.0","info":{"title":"factcheck","version":"1"},"paths":{}}
"""#
}
