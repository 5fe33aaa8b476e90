import Logging

/// Builds one JSON object as text. Strings are escaped as JSON requires (quote, backslash, control
/// characters); everything else, including non-ASCII text, is written as UTF-8.
struct JSONLineWriter {
    private(set) var text = ""
    private var needsComma = false

    init() { text.reserveCapacity(256) }

    mutating func beginObject() {
        text.append("{")
        needsComma = false
    }

    mutating func endObject() {
        text.append("}")
        needsComma = true
    }

    mutating func field(_ key: String, string: String) {
        separator()
        appendString(key)
        text.append(":")
        appendString(string)
        needsComma = true
    }

    mutating func field(_ key: String, value: Logger.MetadataValue) {
        separator()
        appendString(key)
        text.append(":")
        needsComma = false
        append(value)
        needsComma = true
    }

    private mutating func append(_ value: Logger.MetadataValue) {
        switch value {
        case let .string(string):
            appendString(string)
        case let .stringConvertible(convertible):
            switch convertible {
            case let number as any BinaryInteger: text.append(String(describing: number))
            case let number as Double where number.isFinite: text.append(String(number))
            case let flag as Bool: text.append(flag ? "true" : "false")
            default: appendString(convertible.description)
            }
        case let .dictionary(dictionary):
            beginObject()
            for key in dictionary.keys.sorted() {
                if let nested = dictionary[key] { field(key, value: nested) }
            }
            endObject()
        case let .array(array):
            text.append("[")
            for (index, element) in array.enumerated() {
                if index > 0 { text.append(",") }
                needsComma = false
                append(element)
            }
            text.append("]")
        }
    }

    private mutating func separator() {
        if needsComma { text.append(",") }
    }

    private mutating func appendString(_ string: String) {
        text.append("\"")
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text.append("\\\"")
            case "\\": text.append("\\\\")
            case "\n": text.append("\\n")
            case "\r": text.append("\\r")
            case "\t": text.append("\\t")
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                text.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
            default:
                text.unicodeScalars.append(scalar)
            }
        }
        text.append("\"")
    }
}
