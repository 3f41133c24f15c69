/// The API's contract, OpenAPI 3.1, served at `/api/v1/openapi.json` and printed by
/// `factcheck serve --openapi`. Written by Scripts/openapi (edit that, not this); `Scripts/test`
/// checks it with openapi-spec-validator and runs schemathesis against the live service with it;
/// `ServiceTests` checks that every route the router knows is in it.
enum OpenAPIDocument {
    static let json = #"""
{
  "openapi": "3.1.0",
  "info": {
    "title": "factcheck",
    "version": "1.0.0",
    "description": "The JSON API of factcheck serve: every command of the CLI, with the CLI's rules and messages. Authenticate with an API token from `factcheck token create`, sent as `Authorization: Bearer TOKEN` (never in a URL). Errors are RFC 9457 problem+json."
  },
  "servers": [
    {
      "url": "/"
    }
  ],
  "security": [
    {
      "bearer": []
    }
  ],
  "paths": {
    "/api/v1/claims": {
      "get": {
        "operationId": "listClaims",
        "summary": "claim list: every filter, newest first, cursor paging",
        "parameters": [
          {
            "name": "state",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string",
              "enum": [
                "logged",
                "researching",
                "in_review",
                "approved",
                "published",
                "rejected"
              ]
            }
          },
          {
            "name": "assignee",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "tag",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "claimant",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "rating",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "since",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string",
              "format": "date"
            }
          },
          {
            "name": "until",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string",
              "format": "date"
            }
          },
          {
            "name": "search",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "limit",
            "in": "query",
            "schema": {
              "type": "integer",
              "minimum": 1,
              "maximum": 10000
            }
          },
          {
            "name": "cursor",
            "in": "query",
            "schema": {
              "type": "string",
              "pattern": "^[0-9]+$"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "a page of claims",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ClaimPage"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          },
          "422": {
            "$ref": "#/components/responses/Invalid"
          }
        }
      },
      "post": {
        "operationId": "addClaim",
        "summary": "claim add (with link: the duplicate's appearances added)",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/NewClaim"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "logged",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Claim"
                }
              }
            },
            "headers": {
              "ETag": {
                "schema": {
                  "type": "string"
                },
                "description": "the claim's version, for If-Match"
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          },
          "403": {
            "$ref": "#/components/responses/NotPermitted"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/TooLarge"
          },
          "422": {
            "$ref": "#/components/responses/Invalid"
          },
          "200": {
            "description": "already logged; appearances added (link)",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Claim"
                }
              }
            }
          }
        }
      }
    },
    "/api/v1/claims/{id}": {
      "parameters": [
        {
          "$ref": "#/components/parameters/ClaimId"
        }
      ],
      "get": {
        "operationId": "showClaim",
        "summary": "claim show: appearances, sources, verdicts, history, the moves open",
        "responses": {
          "200": {
            "description": "the claim",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ClaimDetail"
                }
              }
            },
            "headers": {
              "ETag": {
                "schema": {
                  "type": "string"
                },
                "description": "the claim's version, for If-Match"
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          }
        }
      },
      "patch": {
        "operationId": "editClaim",
        "summary": "claim edit",
        "parameters": [
          {
            "$ref": "#/components/parameters/IfMatch"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/ClaimEdit"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "edited",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ClaimDetail"
                }
              }
            },
            "headers": {
              "ETag": {
                "schema": {
                  "type": "string"
                },
                "description": "the claim's version, for If-Match"
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          },
          "403": {
            "$ref": "#/components/responses/NotPermitted"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "412": {
            "$ref": "#/components/responses/Stale"
          },
          "413": {
            "$ref": "#/components/responses/TooLarge"
          },
          "422": {
            "$ref": "#/components/responses/Invalid"
          }
        }
      }
    },
    "/api/v1/claims/{id}/assign": {
      "parameters": [
        {
          "$ref": "#/components/parameters/ClaimId"
        }
      ],
      "post": {
        "operationId": "assignClaim",
        "summary": "claim assign",
        "parameters": [
          {
            "$ref": "#/components/parameters/IfMatch"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "required": [
                  "user"
                ],
                "properties": {
                  "user": {
                    "type": "string"
                  },
                  "note": {
                    "type": "string"
                  }
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "the claim as it now stands",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ClaimDetail"
                }
              }
            },
            "headers": {
              "ETag": {
                "schema": {
                  "type": "string"
                },
                "description": "the claim's version, for If-Match"
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          },
          "403": {
            "$ref": "#/components/responses/NotPermitted"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "412": {
            "$ref": "#/components/responses/Stale"
          },
          "413": {
            "$ref": "#/components/responses/TooLarge"
          },
          "422": {
            "$ref": "#/components/responses/Invalid"
          }
        }
      }
    },
    "/api/v1/claims/{id}/start": {
      "parameters": [
        {
          "$ref": "#/components/parameters/ClaimId"
        }
      ],
      "post": {
        "operationId": "startClaim",
        "summary": "claim start",
        "parameters": [
          {
            "$ref": "#/components/parameters/IfMatch"
          }
        ],
        "requestBody": {
          "required": false,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/Move"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "the claim as it now stands",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ClaimDetail"
                }
              }
            },
            "headers": {
              "ETag": {
                "schema": {
                  "type": "string"
                },
                "description": "the claim's version, for If-Match"
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          },
          "403": {
            "$ref": "#/components/responses/NotPermitted"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "412": {
            "$ref": "#/components/responses/Stale"
          },
          "413": {
            "$ref": "#/components/responses/TooLarge"
          },
          "422": {
            "$ref": "#/components/responses/Invalid"
          }
        }
      }
    },
    "/api/v1/claims/{id}/reject": {
      "parameters": [
        {
          "$ref": "#/components/parameters/ClaimId"
        }
      ],
      "post": {
        "operationId": "rejectClaim",
        "summary": "claim reject",
        "parameters": [
          {
            "$ref": "#/components/parameters/IfMatch"
          }
        ],
        "requestBody": {
          "required": false,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/Move"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "the claim as it now stands",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ClaimDetail"
                }
              }
            },
            "headers": {
              "ETag": {
                "schema": {
                  "type": "string"
                },
                "description": "the claim's version, for If-Match"
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          },
          "403": {
            "$ref": "#/components/responses/NotPermitted"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "412": {
            "$ref": "#/components/responses/Stale"
          },
          "413": {
            "$ref": "#/components/responses/TooLarge"
          },
          "422": {
            "$ref": "#/components/responses/Invalid"
          }
        }
      }
    },
    "/api/v1/claims/{id}/publish": {
      "parameters": [
        {
          "$ref": "#/components/parameters/ClaimId"
        }
      ],
      "post": {
        "operationId": "publishClaim",
        "summary": "claim publish",
        "parameters": [
          {
            "$ref": "#/components/parameters/IfMatch"
          }
        ],
        "requestBody": {
          "required": false,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/Move"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "the claim as it now stands",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ClaimDetail"
                }
              }
            },
            "headers": {
              "ETag": {
                "schema": {
                  "type": "string"
                },
                "description": "the claim's version, for If-Match"
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          },
          "403": {
            "$ref": "#/components/responses/NotPermitted"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "412": {
            "$ref": "#/components/responses/Stale"
          },
          "413": {
            "$ref": "#/components/responses/TooLarge"
          },
          "422": {
            "$ref": "#/components/responses/Invalid"
          }
        }
      }
    },
    "/api/v1/claims/{id}/reopen": {
      "parameters": [
        {
          "$ref": "#/components/parameters/ClaimId"
        }
      ],
      "post": {
        "operationId": "reopenClaim",
        "summary": "claim reopen",
        "parameters": [
          {
            "$ref": "#/components/parameters/IfMatch"
          }
        ],
        "requestBody": {
          "required": false,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/Move"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "the claim as it now stands",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ClaimDetail"
                }
              }
            },
            "headers": {
              "ETag": {
                "schema": {
                  "type": "string"
                },
                "description": "the claim's version, for If-Match"
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          },
          "403": {
            "$ref": "#/components/responses/NotPermitted"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "412": {
            "$ref": "#/components/responses/Stale"
          },
          "413": {
            "$ref": "#/components/responses/TooLarge"
          },
          "422": {
            "$ref": "#/components/responses/Invalid"
          }
        }
      }
    },
    "/api/v1/claims/{id}/verdicts": {
      "parameters": [
        {
          "$ref": "#/components/parameters/ClaimId"
        }
      ],
      "post": {
        "operationId": "proposeVerdict",
        "summary": "verdict propose",
        "parameters": [
          {
            "$ref": "#/components/parameters/IfMatch"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "required": [
                  "rating",
                  "conclusion"
                ],
                "properties": {
                  "rating": {
                    "type": "string"
                  },
                  "conclusion": {
                    "type": "string"
                  }
                }
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "the claim as it now stands",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ClaimDetail"
                }
              }
            },
            "headers": {
              "ETag": {
                "schema": {
                  "type": "string"
                },
                "description": "the claim's version, for If-Match"
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          },
          "403": {
            "$ref": "#/components/responses/NotPermitted"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "412": {
            "$ref": "#/components/responses/Stale"
          },
          "413": {
            "$ref": "#/components/responses/TooLarge"
          },
          "422": {
            "$ref": "#/components/responses/Invalid"
          }
        }
      }
    },
    "/api/v1/claims/{id}/verdict/approve": {
      "parameters": [
        {
          "$ref": "#/components/parameters/ClaimId"
        }
      ],
      "post": {
        "operationId": "approveVerdict",
        "summary": "verdict approve (another reviewer than the proposer)",
        "parameters": [
          {
            "$ref": "#/components/parameters/IfMatch"
          }
        ],
        "requestBody": {
          "required": false,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/Move"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "the claim as it now stands",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ClaimDetail"
                }
              }
            },
            "headers": {
              "ETag": {
                "schema": {
                  "type": "string"
                },
                "description": "the claim's version, for If-Match"
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          },
          "403": {
            "$ref": "#/components/responses/NotPermitted"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "412": {
            "$ref": "#/components/responses/Stale"
          },
          "413": {
            "$ref": "#/components/responses/TooLarge"
          },
          "422": {
            "$ref": "#/components/responses/Invalid"
          }
        }
      }
    },
    "/api/v1/claims/{id}/verdict/return": {
      "parameters": [
        {
          "$ref": "#/components/parameters/ClaimId"
        }
      ],
      "post": {
        "operationId": "returnVerdict",
        "summary": "verdict return, with a reason",
        "parameters": [
          {
            "$ref": "#/components/parameters/IfMatch"
          }
        ],
        "requestBody": {
          "required": false,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/Move"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "the claim as it now stands",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ClaimDetail"
                }
              }
            },
            "headers": {
              "ETag": {
                "schema": {
                  "type": "string"
                },
                "description": "the claim's version, for If-Match"
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          },
          "403": {
            "$ref": "#/components/responses/NotPermitted"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "412": {
            "$ref": "#/components/responses/Stale"
          },
          "413": {
            "$ref": "#/components/responses/TooLarge"
          },
          "422": {
            "$ref": "#/components/responses/Invalid"
          }
        }
      }
    },
    "/api/v1/claims/{id}/sources": {
      "parameters": [
        {
          "$ref": "#/components/parameters/ClaimId"
        }
      ],
      "get": {
        "operationId": "listSources",
        "summary": "source list",
        "responses": {
          "200": {
            "description": "the sources",
            "content": {
              "application/json": {
                "schema": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/Source"
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          }
        }
      },
      "post": {
        "operationId": "addSource",
        "summary": "source add",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "required": [
                  "url"
                ],
                "properties": {
                  "url": {
                    "type": "string",
                    "format": "uri"
                  },
                  "title": {
                    "type": "string"
                  },
                  "publisher": {
                    "type": "string"
                  },
                  "kind": {
                    "type": "string"
                  },
                  "stance": {
                    "type": "string"
                  },
                  "accessed": {
                    "type": "string",
                    "format": "date"
                  },
                  "archived_url": {
                    "type": "string",
                    "format": "uri"
                  },
                  "note": {
                    "type": "string"
                  }
                }
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "added",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Source"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          },
          "403": {
            "$ref": "#/components/responses/NotPermitted"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/TooLarge"
          },
          "422": {
            "$ref": "#/components/responses/Invalid"
          }
        }
      }
    },
    "/api/v1/sources/{id}/retract": {
      "parameters": [
        {
          "name": "id",
          "in": "path",
          "required": true,
          "schema": {
            "type": "string",
            "pattern": "^([Ss]-)?[0-9]+$"
          }
        }
      ],
      "post": {
        "operationId": "retractSource",
        "summary": "source retract",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "required": [
                  "reason"
                ],
                "properties": {
                  "reason": {
                    "type": "string"
                  }
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "retracted",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Source"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          },
          "403": {
            "$ref": "#/components/responses/NotPermitted"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/TooLarge"
          },
          "422": {
            "$ref": "#/components/responses/Invalid"
          }
        }
      }
    },
    "/api/v1/claims/{id}/similar": {
      "parameters": [
        {
          "$ref": "#/components/parameters/ClaimId"
        }
      ],
      "get": {
        "operationId": "similarClaims",
        "summary": "claim similar",
        "parameters": [
          {
            "name": "limit",
            "in": "query",
            "schema": {
              "type": "integer",
              "minimum": 1,
              "maximum": 100
            }
          },
          {
            "name": "threshold",
            "in": "query",
            "schema": {
              "type": "number",
              "minimum": 0,
              "maximum": 1
            }
          }
        ],
        "responses": {
          "200": {
            "description": "claims that read alike",
            "content": {
              "application/json": {
                "schema": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/Similar"
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "422": {
            "$ref": "#/components/responses/Invalid"
          }
        }
      }
    },
    "/api/v1/events": {
      "get": {
        "operationId": "events",
        "summary": "live updates of the whole desk",
        "responses": {
          "200": {
            "description": "Server-Sent Events; each event's id is the audit event's id (send Last-Event-ID to replay)",
            "content": {
              "text/event-stream": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          }
        }
      }
    },
    "/api/v1/claims/{id}/events": {
      "parameters": [
        {
          "$ref": "#/components/parameters/ClaimId"
        }
      ],
      "get": {
        "operationId": "claimEvents",
        "summary": "live updates of one claim",
        "responses": {
          "200": {
            "description": "Server-Sent Events; each event's id is the audit event's id (send Last-Event-ID to replay)",
            "content": {
              "text/event-stream": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          }
        }
      }
    },
    "/api/v1/me": {
      "get": {
        "operationId": "me",
        "summary": "who the token acts as",
        "responses": {
          "200": {
            "description": "the acting user",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Me"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        }
      }
    },
    "/api/v1/users": {
      "get": {
        "operationId": "listUsers",
        "summary": "user list",
        "responses": {
          "200": {
            "description": "users",
            "content": {
              "application/json": {
                "schema": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/User"
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        }
      },
      "post": {
        "operationId": "addUser",
        "summary": "user add (admins), optionally with a password",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "required": [
                  "handle",
                  "name",
                  "role"
                ],
                "properties": {
                  "handle": {
                    "type": "string"
                  },
                  "name": {
                    "type": "string"
                  },
                  "role": {
                    "type": "string",
                    "enum": [
                      "editor",
                      "reviewer",
                      "admin"
                    ]
                  },
                  "password": {
                    "type": "string",
                    "minLength": 12,
                    "maxLength": 128
                  }
                }
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "added",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/User"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          },
          "403": {
            "$ref": "#/components/responses/NotPermitted"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/TooLarge"
          },
          "422": {
            "$ref": "#/components/responses/Invalid"
          }
        }
      }
    },
    "/api/v1/users/{handle}/deactivate": {
      "parameters": [
        {
          "name": "handle",
          "in": "path",
          "required": true,
          "schema": {
            "type": "string"
          }
        }
      ],
      "post": {
        "operationId": "deactivateUser",
        "summary": "user deactivate (admins): their sessions and tokens stop at once",
        "responses": {
          "200": {
            "description": "deactivated",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/User"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          },
          "403": {
            "$ref": "#/components/responses/NotPermitted"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          }
        }
      }
    },
    "/api/v1/tokens": {
      "get": {
        "operationId": "listTokens",
        "summary": "token list (an admin sees all)",
        "responses": {
          "200": {
            "description": "tokens, never their secrets",
            "content": {
              "application/json": {
                "schema": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/Token"
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        }
      },
      "post": {
        "operationId": "createToken",
        "summary": "token create",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "required": [
                  "name"
                ],
                "properties": {
                  "name": {
                    "type": "string",
                    "maxLength": 100
                  },
                  "expires": {
                    "type": "string",
                    "format": "date"
                  }
                }
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "created; the secret is shown once",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CreatedToken"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          },
          "403": {
            "$ref": "#/components/responses/NotPermitted"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/TooLarge"
          },
          "422": {
            "$ref": "#/components/responses/Invalid"
          }
        }
      }
    },
    "/api/v1/tokens/{id}/revoke": {
      "parameters": [
        {
          "name": "id",
          "in": "path",
          "required": true,
          "schema": {
            "type": "string",
            "pattern": "^([Tt]-)?[0-9]+$"
          }
        }
      ],
      "post": {
        "operationId": "revokeToken",
        "summary": "token revoke",
        "responses": {
          "200": {
            "description": "revoked",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Token"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          },
          "403": {
            "$ref": "#/components/responses/NotPermitted"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          }
        }
      }
    },
    "/api/v1/scale": {
      "get": {
        "operationId": "scale",
        "summary": "scale show",
        "responses": {
          "200": {
            "description": "the active scale",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Scale"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        }
      },
      "put": {
        "operationId": "useScale",
        "summary": "scale use (admins): switch to a preset",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "required": [
                  "preset"
                ],
                "properties": {
                  "preset": {
                    "type": "string",
                    "enum": [
                      "newsroom",
                      "politifact",
                      "snopes",
                      "fever"
                    ]
                  }
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "the scale now in use",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Scale"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          },
          "403": {
            "$ref": "#/components/responses/NotPermitted"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/TooLarge"
          },
          "422": {
            "$ref": "#/components/responses/Invalid"
          }
        }
      }
    },
    "/api/v1/audit": {
      "get": {
        "operationId": "auditLog",
        "summary": "audit log",
        "parameters": [
          {
            "name": "claim",
            "in": "query",
            "schema": {
              "type": "string",
              "pattern": "^([Cc]-)?[0-9]+$"
            }
          },
          {
            "name": "actor",
            "in": "query",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "since",
            "in": "query",
            "schema": {
              "type": "string",
              "format": "date"
            }
          },
          {
            "name": "limit",
            "in": "query",
            "schema": {
              "type": "integer",
              "minimum": 1,
              "maximum": 10000
            }
          }
        ],
        "responses": {
          "200": {
            "description": "events, oldest first",
            "content": {
              "application/json": {
                "schema": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/AuditEvent"
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          },
          "422": {
            "$ref": "#/components/responses/Invalid"
          }
        }
      }
    },
    "/api/v1/audit/verify": {
      "get": {
        "operationId": "auditVerify",
        "summary": "audit verify",
        "responses": {
          "200": {
            "description": "the chain checked",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Verification"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        }
      }
    },
    "/api/v1/report": {
      "get": {
        "operationId": "report",
        "summary": "report",
        "parameters": [
          {
            "name": "since",
            "in": "query",
            "schema": {
              "type": "string",
              "format": "date"
            }
          },
          {
            "name": "until",
            "in": "query",
            "schema": {
              "type": "string",
              "format": "date"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "the desk report",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Report"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          },
          "422": {
            "$ref": "#/components/responses/Invalid"
          }
        }
      }
    },
    "/api/v1/imports/claims": {
      "post": {
        "operationId": "importClaims",
        "summary": "import claims: the CSV (or TSV) is the body; all or nothing",
        "parameters": [
          {
            "name": "dry_run",
            "in": "query",
            "schema": {
              "type": "string",
              "enum": [
                "true",
                "false"
              ]
            }
          },
          {
            "name": "tsv",
            "in": "query",
            "schema": {
              "type": "string",
              "enum": [
                "true",
                "false"
              ]
            }
          },
          {
            "name": "name",
            "in": "query",
            "schema": {
              "type": "string",
              "maxLength": 200
            },
            "description": "the file name its events record"
          },
          {
            "name": "map",
            "in": "query",
            "schema": {
              "type": "array",
              "items": {
                "type": "string"
              }
            },
            "style": "form",
            "explode": true,
            "description": "COLUMN=field"
          },
          {
            "name": "map_rating",
            "in": "query",
            "schema": {
              "type": "array",
              "items": {
                "type": "string"
              }
            },
            "style": "form",
            "explode": true,
            "description": "LABEL=SCALE_LABEL"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "text/csv": {
              "schema": {
                "type": "string"
              }
            },
            "text/tab-separated-values": {
              "schema": {
                "type": "string"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "imported",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "rows",
                    "imported",
                    "already_stored",
                    "duplicate_lines",
                    "articles_created",
                    "dry_run"
                  ],
                  "properties": {
                    "rows": {
                      "type": "integer"
                    },
                    "imported": {
                      "type": "integer"
                    },
                    "already_stored": {
                      "type": "integer"
                    },
                    "duplicate_lines": {
                      "type": "array",
                      "items": {
                        "type": "integer"
                      }
                    },
                    "articles_created": {
                      "type": "integer"
                    },
                    "dry_run": {
                      "type": "boolean"
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          },
          "403": {
            "$ref": "#/components/responses/NotPermitted"
          },
          "413": {
            "$ref": "#/components/responses/TooLarge"
          },
          "422": {
            "$ref": "#/components/responses/Invalid"
          },
          "200": {
            "description": "a dry run: what would be imported",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object"
                }
              }
            }
          }
        }
      }
    },
    "/api/v1/exports/claims.csv": {
      "get": {
        "operationId": "exportClaims",
        "summary": "export claims: CSV streamed from COPY, no cap",
        "parameters": [
          {
            "name": "state",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string",
              "enum": [
                "logged",
                "researching",
                "in_review",
                "approved",
                "published",
                "rejected"
              ]
            }
          },
          {
            "name": "assignee",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "tag",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "claimant",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "rating",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "since",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string",
              "format": "date"
            }
          },
          {
            "name": "until",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string",
              "format": "date"
            }
          },
          {
            "name": "search",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "excel",
            "in": "query",
            "schema": {
              "type": "string",
              "enum": [
                "true",
                "false",
                "1",
                "0"
              ]
            }
          }
        ],
        "responses": {
          "200": {
            "description": "RFC 4180 CSV with a header row",
            "content": {
              "text/csv": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          },
          "403": {
            "$ref": "#/components/responses/NotPermitted"
          },
          "422": {
            "$ref": "#/components/responses/Invalid"
          }
        }
      }
    },
    "/api/v1/exports/sources.csv": {
      "get": {
        "operationId": "exportSources",
        "summary": "export sources: CSV streamed from COPY, no cap",
        "parameters": [
          {
            "name": "state",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string",
              "enum": [
                "logged",
                "researching",
                "in_review",
                "approved",
                "published",
                "rejected"
              ]
            }
          },
          {
            "name": "assignee",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "tag",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "claimant",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "rating",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "since",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string",
              "format": "date"
            }
          },
          {
            "name": "until",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string",
              "format": "date"
            }
          },
          {
            "name": "search",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "excel",
            "in": "query",
            "schema": {
              "type": "string",
              "enum": [
                "true",
                "false",
                "1",
                "0"
              ]
            }
          }
        ],
        "responses": {
          "200": {
            "description": "RFC 4180 CSV with a header row",
            "content": {
              "text/csv": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          },
          "403": {
            "$ref": "#/components/responses/NotPermitted"
          },
          "422": {
            "$ref": "#/components/responses/Invalid"
          }
        }
      }
    },
    "/api/v1/exports/audit.csv": {
      "get": {
        "operationId": "exportAudit",
        "summary": "export audit: CSV streamed from COPY, no cap",
        "parameters": [
          {
            "name": "state",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string",
              "enum": [
                "logged",
                "researching",
                "in_review",
                "approved",
                "published",
                "rejected"
              ]
            }
          },
          {
            "name": "assignee",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "tag",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "claimant",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "rating",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "since",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string",
              "format": "date"
            }
          },
          {
            "name": "until",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string",
              "format": "date"
            }
          },
          {
            "name": "search",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "excel",
            "in": "query",
            "schema": {
              "type": "string",
              "enum": [
                "true",
                "false",
                "1",
                "0"
              ]
            }
          }
        ],
        "responses": {
          "200": {
            "description": "RFC 4180 CSV with a header row",
            "content": {
              "text/csv": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          },
          "403": {
            "$ref": "#/components/responses/NotPermitted"
          },
          "422": {
            "$ref": "#/components/responses/Invalid"
          }
        }
      }
    },
    "/api/v1/articles": {
      "get": {
        "operationId": "listArticles",
        "summary": "article list, newest first",
        "parameters": [
          {
            "name": "limit",
            "in": "query",
            "schema": {
              "type": "integer",
              "minimum": 1,
              "maximum": 10000
            }
          }
        ],
        "responses": {
          "200": {
            "description": "articles",
            "content": {
              "application/json": {
                "schema": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/Article"
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          },
          "422": {
            "$ref": "#/components/responses/Invalid"
          }
        }
      },
      "post": {
        "operationId": "addArticle",
        "summary": "article add, with its text",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/NewArticle"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "logged",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Article"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          },
          "403": {
            "$ref": "#/components/responses/NotPermitted"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/TooLarge"
          },
          "422": {
            "$ref": "#/components/responses/Invalid"
          }
        }
      }
    },
    "/api/v1/articles/{id}": {
      "parameters": [
        {
          "$ref": "#/components/parameters/ArticleId"
        }
      ],
      "get": {
        "operationId": "showArticle",
        "summary": "article show",
        "responses": {
          "200": {
            "description": "the article",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Article"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          }
        }
      }
    },
    "/api/v1/articles/{id}/sentences": {
      "parameters": [
        {
          "$ref": "#/components/parameters/ArticleId"
        }
      ],
      "get": {
        "operationId": "articleSentences",
        "summary": "the sentences of the article's kept text, numbered as claim add's sentence takes them",
        "responses": {
          "200": {
            "description": "the sentences",
            "content": {
              "application/json": {
                "schema": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/Sentence"
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          }
        }
      }
    },
    "/api/v1/exports/claimreview.json": {
      "get": {
        "operationId": "exportClaimReview",
        "summary": "export claimreview: schema.org ClaimReview JSON-LD of every published verdict",
        "parameters": [
          {
            "name": "publisher",
            "in": "query",
            "required": true,
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "publisher_url",
            "in": "query",
            "required": true,
            "schema": {
              "type": "string",
              "format": "uri"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "ClaimReview objects",
            "content": {
              "application/ld+json": {
                "schema": {
                  "type": "array",
                  "items": {
                    "type": "object"
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          },
          "403": {
            "$ref": "#/components/responses/NotPermitted"
          },
          "422": {
            "$ref": "#/components/responses/Invalid"
          }
        }
      }
    }
  },
  "components": {
    "schemas": {
      "Problem": {
        "type": "object",
        "required": [
          "type",
          "title",
          "status",
          "detail"
        ],
        "properties": {
          "type": {
            "type": "string",
            "description": "stable per error, e.g. urn:factcheck:problem:four-eyes"
          },
          "title": {
            "type": "string"
          },
          "status": {
            "type": "integer"
          },
          "detail": {
            "type": "string",
            "description": "the message the CLI prints"
          },
          "hint": {
            "type": "string"
          },
          "claim_id": {
            "type": "string"
          }
        }
      },
      "Claim": {
        "type": "object",
        "required": [
          "id",
          "number",
          "state",
          "text",
          "claimant",
          "tags",
          "priority",
          "created_by",
          "created_at",
          "updated_at",
          "version"
        ],
        "properties": {
          "id": {
            "type": "string",
            "examples": [
              "C-42"
            ]
          },
          "number": {
            "type": "integer"
          },
          "state": {
            "type": "string",
            "enum": [
              "logged",
              "researching",
              "in_review",
              "approved",
              "published",
              "rejected"
            ]
          },
          "text": {
            "type": "string"
          },
          "claimant": {
            "type": "string"
          },
          "said_on": {
            "type": [
              "string",
              "null"
            ]
          },
          "article_id": {
            "type": [
              "integer",
              "null"
            ]
          },
          "article_url": {
            "type": [
              "string",
              "null"
            ]
          },
          "context": {
            "type": [
              "string",
              "null"
            ]
          },
          "tags": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "priority": {
            "type": "string",
            "enum": [
              "low",
              "normal",
              "high",
              "urgent"
            ]
          },
          "due_date": {
            "type": [
              "string",
              "null"
            ]
          },
          "assignee": {
            "type": [
              "string",
              "null"
            ]
          },
          "rating": {
            "type": [
              "string",
              "null"
            ]
          },
          "created_by": {
            "type": "string"
          },
          "created_at": {
            "type": "string",
            "format": "date-time"
          },
          "updated_at": {
            "type": "string",
            "format": "date-time"
          },
          "published_at": {
            "type": [
              "string",
              "null"
            ]
          },
          "published_url": {
            "type": [
              "string",
              "null"
            ]
          },
          "version": {
            "type": "integer",
            "description": "the claim's ETag is \"v<version>\""
          }
        }
      },
      "Appearance": {
        "type": "object",
        "required": [
          "url",
          "is_first",
          "added_by",
          "added_at"
        ],
        "properties": {
          "url": {
            "type": "string"
          },
          "is_first": {
            "type": "boolean"
          },
          "added_by": {
            "type": "string"
          },
          "added_at": {
            "type": "string"
          }
        }
      },
      "Source": {
        "type": "object",
        "required": [
          "id",
          "number",
          "claim_id",
          "url",
          "kind",
          "stance",
          "added_by",
          "added_at",
          "retracted"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "number": {
            "type": "integer"
          },
          "claim_id": {
            "type": "string"
          },
          "url": {
            "type": "string"
          },
          "title": {
            "type": [
              "string",
              "null"
            ]
          },
          "publisher": {
            "type": [
              "string",
              "null"
            ]
          },
          "kind": {
            "type": "string"
          },
          "stance": {
            "type": "string"
          },
          "accessed_on": {
            "type": [
              "string",
              "null"
            ]
          },
          "archived_url": {
            "type": [
              "string",
              "null"
            ]
          },
          "note": {
            "type": [
              "string",
              "null"
            ]
          },
          "added_by": {
            "type": "string"
          },
          "added_at": {
            "type": "string"
          },
          "retracted": {
            "type": "boolean"
          },
          "retracted_by": {
            "type": [
              "string",
              "null"
            ]
          },
          "retracted_at": {
            "type": [
              "string",
              "null"
            ]
          },
          "retraction_reason": {
            "type": [
              "string",
              "null"
            ]
          }
        }
      },
      "Verdict": {
        "type": "object",
        "required": [
          "id",
          "claim_id",
          "rating",
          "conclusion",
          "status",
          "proposed_by"
        ],
        "properties": {
          "id": {
            "type": "integer"
          },
          "claim_id": {
            "type": "string"
          },
          "rating": {
            "type": "string"
          },
          "rating_value": {
            "type": "integer"
          },
          "best_value": {
            "type": "integer"
          },
          "worst_value": {
            "type": "integer"
          },
          "conclusion": {
            "type": "string"
          },
          "status": {
            "type": "string"
          },
          "proposed_by": {
            "type": "string"
          },
          "proposed_at": {
            "type": [
              "string",
              "null"
            ]
          },
          "decided_by": {
            "type": [
              "string",
              "null"
            ]
          },
          "decided_at": {
            "type": [
              "string",
              "null"
            ]
          },
          "return_reason": {
            "type": [
              "string",
              "null"
            ]
          }
        }
      },
      "AuditEvent": {
        "type": "object",
        "required": [
          "id",
          "stream",
          "seq",
          "occurred_at",
          "actor",
          "db_role",
          "action",
          "hash",
          "channel"
        ],
        "properties": {
          "id": {
            "type": "integer"
          },
          "stream": {
            "type": "string"
          },
          "seq": {
            "type": "integer"
          },
          "occurred_at": {
            "type": "string"
          },
          "actor": {
            "type": "string"
          },
          "db_role": {
            "type": "string"
          },
          "action": {
            "type": "string"
          },
          "claim_id": {
            "type": [
              "string",
              "null"
            ]
          },
          "object": {
            "type": [
              "string",
              "null"
            ]
          },
          "before": {},
          "after": {},
          "hash": {
            "type": "string"
          },
          "channel": {
            "type": "string",
            "enum": [
              "cli",
              "web",
              "api"
            ]
          },
          "via": {
            "type": [
              "string",
              "null"
            ]
          }
        }
      },
      "ClaimDetail": {
        "type": "object",
        "required": [
          "claim",
          "allowed_moves",
          "appearances",
          "sources",
          "verdicts",
          "history"
        ],
        "properties": {
          "claim": {
            "$ref": "#/components/schemas/Claim"
          },
          "allowed_moves": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "appearances": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Appearance"
            }
          },
          "sources": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Source"
            }
          },
          "verdicts": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Verdict"
            }
          },
          "history": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/AuditEvent"
            }
          }
        }
      },
      "ClaimPage": {
        "type": "object",
        "required": [
          "items",
          "next_cursor"
        ],
        "properties": {
          "items": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Claim"
            }
          },
          "next_cursor": {
            "type": [
              "string",
              "null"
            ]
          }
        }
      },
      "User": {
        "type": "object",
        "required": [
          "handle",
          "name",
          "role",
          "active",
          "created_at"
        ],
        "properties": {
          "handle": {
            "type": "string"
          },
          "name": {
            "type": "string"
          },
          "role": {
            "type": "string",
            "enum": [
              "editor",
              "reviewer",
              "admin"
            ]
          },
          "active": {
            "type": "boolean"
          },
          "created_at": {
            "type": "string"
          },
          "created_by": {
            "type": [
              "string",
              "null"
            ]
          }
        }
      },
      "Token": {
        "type": "object",
        "required": [
          "id",
          "name",
          "user",
          "created_at"
        ],
        "properties": {
          "id": {
            "type": "string",
            "examples": [
              "T-3"
            ]
          },
          "name": {
            "type": "string"
          },
          "user": {
            "type": "string"
          },
          "created_at": {
            "type": "string"
          },
          "expires_on": {
            "type": [
              "string",
              "null"
            ]
          },
          "last_used_at": {
            "type": [
              "string",
              "null"
            ]
          },
          "revoked_at": {
            "type": [
              "string",
              "null"
            ]
          }
        }
      },
      "CreatedToken": {
        "type": "object",
        "required": [
          "token",
          "secret"
        ],
        "properties": {
          "token": {
            "$ref": "#/components/schemas/Token"
          },
          "secret": {
            "type": "string",
            "description": "shown this once"
          }
        }
      },
      "Similar": {
        "type": "object",
        "required": [
          "id",
          "state",
          "text",
          "claimant",
          "similarity"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "state": {
            "type": "string"
          },
          "text": {
            "type": "string"
          },
          "claimant": {
            "type": "string"
          },
          "rating": {
            "type": [
              "string",
              "null"
            ]
          },
          "similarity": {
            "type": "number"
          }
        }
      },
      "Scale": {
        "type": "object",
        "required": [
          "name",
          "labels"
        ],
        "properties": {
          "name": {
            "type": "string"
          },
          "labels": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "label",
                "value"
              ],
              "properties": {
                "label": {
                  "type": "string"
                },
                "value": {
                  "type": "integer"
                },
                "description": {
                  "type": "string"
                },
                "aliases": {
                  "type": "array",
                  "items": {
                    "type": "string"
                  }
                }
              }
            }
          }
        }
      },
      "Me": {
        "type": "object",
        "required": [
          "handle",
          "role",
          "channel"
        ],
        "properties": {
          "handle": {
            "type": "string"
          },
          "role": {
            "type": "string"
          },
          "channel": {
            "type": "string"
          },
          "via": {
            "type": [
              "string",
              "null"
            ]
          }
        }
      },
      "Verification": {
        "type": "object",
        "required": [
          "events",
          "streams",
          "digest"
        ],
        "properties": {
          "events": {
            "type": "integer"
          },
          "streams": {
            "type": "integer"
          },
          "digest": {
            "type": "string"
          },
          "heads": {
            "type": "array"
          },
          "first_problem": {}
        }
      },
      "Report": {
        "type": "object",
        "description": "the figures of `factcheck report --format json`"
      },
      "NewClaim": {
        "type": "object",
        "required": [
          "claimant"
        ],
        "properties": {
          "text": {
            "type": "string",
            "maxLength": 5000,
            "description": "the claim's words; or leave out and give article and sentence"
          },
          "claimant": {
            "type": "string",
            "maxLength": 300
          },
          "article": {
            "type": "string",
            "description": "A-3, 3 or the article's url"
          },
          "sentence": {
            "type": "integer",
            "minimum": 1,
            "description": "log this sentence of the article's kept text (GET /api/v1/articles/{id}/sentences numbers them)"
          },
          "said_on": {
            "type": "string",
            "format": "date"
          },
          "appearances": {
            "type": "array",
            "items": {
              "type": "string",
              "format": "uri"
            }
          },
          "tags": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "priority": {
            "type": "string",
            "enum": [
              "low",
              "normal",
              "high",
              "urgent"
            ]
          },
          "due_date": {
            "type": "string",
            "format": "date"
          },
          "link": {
            "type": "boolean",
            "description": "if the text is already logged, add the appearances to that claim"
          }
        }
      },
      "ClaimEdit": {
        "type": "object",
        "properties": {
          "text": {
            "type": "string"
          },
          "claimant": {
            "type": "string"
          },
          "tags": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "priority": {
            "type": "string"
          },
          "due_date": {
            "type": "string",
            "format": "date"
          },
          "said_on": {
            "type": "string",
            "format": "date"
          }
        }
      },
      "Article": {
        "type": "object",
        "required": [
          "id",
          "url",
          "has_text",
          "claim_count",
          "created_by",
          "created_at"
        ],
        "properties": {
          "id": {
            "type": "integer"
          },
          "url": {
            "type": "string"
          },
          "title": {
            "type": [
              "string",
              "null"
            ]
          },
          "outlet": {
            "type": [
              "string",
              "null"
            ]
          },
          "byline": {
            "type": [
              "string",
              "null"
            ]
          },
          "published_on": {
            "type": [
              "string",
              "null"
            ]
          },
          "has_text": {
            "type": "boolean"
          },
          "claim_count": {
            "type": "integer"
          },
          "created_by": {
            "type": "string"
          },
          "created_at": {
            "type": "string",
            "format": "date-time"
          }
        }
      },
      "NewArticle": {
        "type": "object",
        "required": [
          "url"
        ],
        "properties": {
          "url": {
            "type": "string",
            "format": "uri"
          },
          "title": {
            "type": "string"
          },
          "outlet": {
            "type": "string"
          },
          "byline": {
            "type": "string"
          },
          "published_on": {
            "type": "string",
            "format": "date"
          },
          "text": {
            "type": "string",
            "description": "the full text, kept so its sentences can be logged"
          }
        }
      },
      "Sentence": {
        "type": "object",
        "required": [
          "number",
          "paragraph",
          "text"
        ],
        "properties": {
          "number": {
            "type": "integer"
          },
          "paragraph": {
            "type": "integer"
          },
          "text": {
            "type": "string"
          }
        }
      },
      "Move": {
        "type": "object",
        "properties": {
          "reason": {
            "type": "string"
          },
          "url": {
            "type": "string",
            "format": "uri"
          }
        }
      }
    },
    "responses": {
      "Unauthenticated": {
        "description": "no identity: send Authorization: Bearer TOKEN",
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            }
          }
        }
      },
      "NotPermitted": {
        "description": "not permitted (role, deactivated, four eyes)",
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            }
          }
        }
      },
      "NotFound": {
        "description": "not found",
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            }
          }
        }
      },
      "Conflict": {
        "description": "refused by the workflow, a duplicate, or changed at the same moment",
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            }
          }
        }
      },
      "Stale": {
        "description": "If-Match names an older version of the claim",
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            }
          }
        }
      },
      "TooLarge": {
        "description": "body too large",
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            }
          }
        }
      },
      "BadRequest": {
        "description": "malformed request",
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            }
          }
        }
      },
      "Invalid": {
        "description": "a value the domain refuses",
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            }
          }
        }
      },
      "Unavailable": {
        "description": "busy or database unreachable (Retry-After)",
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            }
          }
        }
      }
    },
    "parameters": {
      "ClaimId": {
        "name": "id",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "pattern": "^([Cc]-)?[0-9]+$"
        },
        "description": "C-42 or 42"
      },
      "ArticleId": {
        "name": "id",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "pattern": "^([Aa]-)?[0-9]+$"
        },
        "description": "A-3 or 3"
      },
      "IfMatch": {
        "name": "If-Match",
        "in": "header",
        "required": false,
        "schema": {
          "type": "string"
        },
        "description": "the ETag read; a stale one is 412"
      }
    },
    "securitySchemes": {
      "bearer": {
        "type": "http",
        "scheme": "bearer",
        "description": "fct_… from factcheck token create"
      }
    }
  }
}
"""#
}
